// DNS templates, TemplateService (seed 000:3800-3960; inventory §3.7): GET /dns/templates (ListTemplates: `name_pattern`
// with `*`, `order_by=name`, `order=asc|desc`, `with_records`, `limit`/`offset`), POST /dns/templates (CreateTemplate,
// answers `{id}`), GET /dns/templates/{id} (GetTemplate, records included), DELETE /dns/templates/{id}
// (DeleteTemplate). There is no update (inventory F6). Template record names are relative (`www`, `''` = the apex of
// the zone made from it). A zone is made from a template with `template_name` on zone create.
import type { RegisterArea } from './area.ts';
import { runFlow, runQuery } from '../../../core/runner.ts';
import { DomainError, invalid } from '../../../core/errors.ts';
import { createTemplate } from '../../../core/dns/flows/create-template.ts';
import { deleteTemplate } from '../../../core/dns/flows/delete-template.ts';
import { getTemplate } from '../../../core/dns/flows/get-template.ts';
import { searchTemplates } from '../../../core/dns/flows/search-templates.ts';
import { actorOf } from '../auth.ts';
import { descending, flag, jsonBody, ok, one, paging, queryOf, success } from '../wire.ts';
import { CREATE_TEMPLATE, boolIn, recordIn, templateOut, type WireRecord } from '../dns-mapping.ts';
import { intOf } from '../../shared/http.ts';

/** a template id from the path; one that is no id names no template (404, not 400) */
function templateId(raw: string): number {
  const n = intOf(raw);
  if (n === undefined || n < 1 || n > 2_147_483_647) throw new DomainError('dns.template_not_found', 'Template not found', { field: 'id' });
  return n;
}

export const dnsTemplateRoutes: RegisterArea = (app, { services }) => {
  app.get('/dns/templates', async (req) => {
    const actor = actorOf(req);
    const q = queryOf(req);
    const by = one(q, 'order_by');
    if (by && by !== 'name' && by !== 'id') throw invalid('order_by', 'must be name');
    const page = await runQuery(services, searchTemplates, {
      accountId: actor.accountId, namePattern: one(q, 'name_pattern') || undefined,
      orderBy: { field: (by || 'name') as 'name' | 'id', desc: descending(q) }, page: paging(q, { def: 100, max: 1000 }),
    });
    const withRecords = flag(q, 'with_records');
    return ok({ results: page.results.map((t) => templateOut(t, withRecords)), total: page.total });
  });

  app.post('/dns/templates', async (req) => {
    const actor = actorOf(req);
    const b = jsonBody<{ name: string; records?: WireRecord[]; is_spamexperts_enabled?: unknown }>(req, CREATE_TEMPLATE);
    const t = await runFlow(services, createTemplate, { accountId: actor.accountId, name: b.name, records: (b.records ?? []).map(recordIn), isSpamexpertsEnabled: boolIn(b.is_spamexperts_enabled) });
    return ok({ id: t.id });
  });

  app.get<{ Params: { id: string } }>('/dns/templates/:id', async (req) => {
    const actor = actorOf(req);
    const t = await runQuery(services, getTemplate, { accountId: actor.accountId, id: templateId(req.params.id) });
    return ok(templateOut(t, true));
  });

  app.delete<{ Params: { id: string } }>('/dns/templates/:id', async (req) => {
    const actor = actorOf(req);
    await runFlow(services, deleteTemplate, { accountId: actor.accountId, id: templateId(req.params.id) });
    return success();
  });
};
