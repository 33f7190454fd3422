// Creates a DNS template: a named set of records (relative names) a zone can be created from.
// Errors: request.invalid, dns.template_exists, dns.record_invalid, dns.record_duplicate, dns.record_readonly, dns.cname_conflict
import type { Flow } from '../../runner.ts';
import type { RecordInput, Template } from '../model.ts';
import { DomainError, invalid } from '../../errors.ts';
import { checkRecordSet, normaliseRecord } from '../model.ts';

/** records of a template are checked as if for this zone; their names stay relative */
const PROBE_ZONE = 'template.invalid';

export const createTemplate: Flow<{ accountId: number; name: string; records?: RecordInput[]; isSpamexpertsEnabled?: boolean }, Template> = async (ctx, i) => {
  const name = (i.name ?? '').trim();
  if (!name || name.length > 64) throw invalid('name', 'must be 1-64 characters');
  if (await ctx.uow.dns.templateByName(i.accountId, name)) throw new DomainError('dns.template_exists', `Template ${name} already exists`, { field: 'name' });
  const records = (i.records ?? []).map((r) => normaliseRecord(PROBE_ZONE, r, ctx.now));
  checkRecordSet(records);
  return ctx.uow.dns.insertTemplate({
    accountId: i.accountId, name, isSpamexpertsEnabled: !!i.isSpamexpertsEnabled, createdAt: ctx.now,
    records: records.map((r) => ({ name: r.name, type: r.type, value: r.value, ttl: r.ttl, prio: r.prio })),
  });
};
