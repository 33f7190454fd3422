// TLDs (TldService, seed 000:6190-6335; [SW] tldTld): GET /tlds with its filters and paging, GET /tlds/{name}.
// Every delegated TLD of the simulated registry is listed with its policy (periods, lifecycle windows, features,
// prices). Choices: `only_names` still writes every field (the list item schema documents them all; clients read
// `name`); `quarantine_period` is the redemption period and `soft_quarantine_period` the auto-renew grace period;
// every TLD is `ACT`, so `status`/`is_active` filters other than ACT/true answer an empty list.
import type { RegisterArea } from './area.ts';
import { runQuery } from '../../../core/runner.ts';
import { DomainError, invalid } from '../../../core/errors.ts';
import { searchDomains } from '../../../core/domains/flows/search-domains.ts';
import { domainToASCII } from 'node:url';
import { actorOf } from '../auth.ts';
import { flag, many, ok, one, paging, queryOf, type Query } from '../wire.ts';
import { tldOut } from '../domain-mapping.ts';
import { registry } from './domain-support.ts';

function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
}

const options = (q: Query) => ({
  withPrice: flag(q, 'with_price') || flag(q, 'with_level_prices'),
  withDescription: flag(q, 'with_description'),
  withRestrictions: flag(q, 'with_restrictions'),
  withUsage: flag(q, 'with_usage_count'),
});

export const tldRoutes: RegisterArea = (app, { services }) => {
  const usage = async (accountId: number, tld: string) =>
    (await runQuery(services, searchDomains, { registry: registry(services), accountId, filter: { tld }, page: { limit: 1, offset: 0 } })).total;

  app.get('/tlds', async (req) => {
    const actor = actorOf(req);
    const q = queryOf(req);
    const page = paging(q, { def: 100, max: 1000 });
    const o = options(q);
    const orderBy = one(q, 'order_by') ?? 'name';
    if (orderBy && orderBy !== 'name') throw invalid('order_by', 'must be name');
    const order = (one(q, 'order') ?? 'asc').toLowerCase();
    if (!['asc', 'desc', ''].includes(order)) throw invalid('order', 'must be asc or desc');
    let names = registry(services).tlds();
    const wanted = many(q, 'extensions').map((e) => domainToASCII(e.replace(/^\./, '')).toLowerCase());
    if (wanted.length) names = names.filter((n) => wanted.includes(n));
    const pattern = one(q, 'name_pattern');
    if (pattern) names = names.filter((n) => wildcard(pattern).test(n));
    const status = one(q, 'status');
    if (status && status.toUpperCase() !== 'ACT') names = [];
    if (one(q, 'is_active') !== undefined && one(q, 'is_active') !== '' && !flag(q, 'is_active')) names = [];
    if (flag(q, 'is_new_gtld')) names = names.filter((n) => n.length > 3 && !['info', 'name', 'mobi', 'asia', 'aero', 'coop', 'jobs', 'museum', 'travel', 'xxx'].includes(n));
    if (order === 'desc') names = [...names].reverse();
    const slice = names.slice(page.offset, page.offset + page.limit);
    const results = [];
    for (const n of slice) results.push(tldOut(registry(services).policy(n), { ...o, usageCount: o.withUsage ? await usage(actor.accountId, n) : 0 }));
    return ok({ results, total: names.length });
  });

  app.get('/tlds/:name', async (req) => {
    const actor = actorOf(req);
    const q = queryOf(req);
    const raw = (req.params as { name: string }).name.replace(/^\./, '');
    const name = domainToASCII(`x.${raw}`).toLowerCase().slice(2);
    if (!name) throw new DomainError('domain.tld_not_supported', `TLD .${raw} is not supported`, { field: 'name' });
    const p = registry(services).policy(name);
    const o = options(q);
    return ok(tldOut(p, { ...o, usageCount: o.withUsage ? await usage(actor.accountId, p.tld) : 0 }));
  });
};
