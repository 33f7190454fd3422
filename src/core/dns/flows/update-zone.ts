// Changes the records of a zone: `replace` (the whole set), then `remove`, `update` ({original, record}) and `add`,
// all in one transaction; raises the serial once. Adding a record that exists is refused with "Duplicate record".
// A record to remove or update matches a stored one by name, type, value (and prio for MX), and by TTL only when
// the client sent one; a TXT value matches whether it is sent quoted or bare.
// Errors: dns.zone_not_found, dns.record_invalid, dns.record_duplicate, dns.record_not_found, dns.record_readonly,
//         dns.cname_conflict, request.invalid
import type { Flow } from '../../runner.ts';
import type { DnsRecord, RecordInput, Zone } from '../model.ts';
import { DomainError, invalid } from '../../errors.ts';
import { checkRecordSet, describeRecord, normaliseRecord, recordKey, sameRecord } from '../model.ts';
import { commitRecords, ownedZone, ttlGiven } from '../zone-ops.ts';

export interface RecordChanges {
  add?: RecordInput[];
  remove?: RecordInput[];
  replace?: RecordInput[];
  update?: { original: RecordInput; record: RecordInput }[];
}

export interface UpdateZoneInput {
  accountId: number;
  name: string;
  id?: number;
  records?: RecordChanges;
  isSpamexpertsEnabled?: boolean;
  /** who asked, for the history (default "api") */
  source?: string;
}

export const updateZone: Flow<UpdateZoneInput, Zone> = async (ctx, i) => {
  const zone = await ownedZone(ctx, i.accountId, i.name, i.id);
  const current = await ctx.uow.dns.records(zone.id);
  const c = i.records ?? {};
  for (const k of ['add', 'remove', 'replace', 'update'] as const) if (c[k] !== undefined && !Array.isArray(c[k])) throw invalid(`records.${k}`, 'must be a list');
  let next: DnsRecord[] = current.map((r) => ({ ...r }));

  if (c.replace) {
    const keep = new Map(current.map((r) => [recordKey(r), r]));
    next = c.replace.map((input) => {
      const r = normaliseRecord(zone.name, input, ctx.now);
      const old = keep.get(recordKey(r));
      return old && old.ttl === r.ttl ? old : r;
    });
    checkRecordSet(next);
  }
  const find = (input: RecordInput, what: string): number => {
    const wanted = normaliseRecord(zone.name, input, ctx.now);
    const at = next.findIndex((r) => sameRecord(r, wanted, ttlGiven(input)));
    if (at < 0) throw new DomainError('dns.record_not_found', `Record not found: ${describeRecord(wanted)}`, { field: `records.${what}` });
    return at;
  };
  for (const input of c.remove ?? []) next.splice(find(input, 'remove'), 1);
  for (const u of c.update ?? []) {
    if (!u || typeof u !== 'object' || !u.original || !u.record) throw invalid('records.update', 'each update needs original_record and record');
    const at = find(u.original, 'update');
    const r = normaliseRecord(zone.name, u.record, ctx.now);
    if (next.some((x, n) => n !== at && recordKey(x) === recordKey(r))) throw new DomainError('dns.record_duplicate', `Duplicate record: ${describeRecord(r)}`, { field: 'records.update' });
    next[at] = { ...r, createdAt: next[at]!.createdAt };
  }
  for (const input of c.add ?? []) {
    const r = normaliseRecord(zone.name, input, ctx.now);
    if (next.some((x) => recordKey(x) === recordKey(r))) throw new DomainError('dns.record_duplicate', `Duplicate record: ${describeRecord(r)}`, { field: 'records.add' });
    next.push(r);
  }
  checkRecordSet(next);
  const changes: Partial<Zone> = {};
  if (i.isSpamexpertsEnabled !== undefined) changes.isSpamexpertsEnabled = i.isSpamexpertsEnabled;
  return commitRecords(ctx, zone, current, next, i.source ?? 'api', changes);
};
