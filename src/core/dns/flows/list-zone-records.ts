// Lists the records of a zone (generated SOA/NS included) with filters, ordering and paging.
// Errors: dns.zone_not_found
import type { Flow } from '../../runner.ts';
import type { Page, PageOf } from '../../ports.ts';
import type { RecordFilter } from '../ports.ts';
import type { DnsRecord } from '../model.ts';
import { generatedRecords, patternRegExp } from '../model.ts';
import { ownedZone } from '../zone-ops.ts';

export const listZoneRecords: Flow<{ accountId: number; zoneName: string; zoneId?: number; filter: RecordFilter; page: Page }, PageOf<DnsRecord>> = async (ctx, i) => {
  const zone = await ownedZone(ctx, i.accountId, i.zoneName, i.zoneId);
  const f = i.filter;
  const nameRe = f.namePattern ? patternRegExp(f.namePattern) : null;
  const valueRe = f.valuePattern ? patternRegExp(f.valuePattern) : null;
  let all = [...generatedRecords(zone), ...(await ctx.uow.dns.records(zone.id))].filter((r) =>
    (!nameRe || nameRe.test(r.name) || nameRe.test(r.name ? `${r.name}.${zone.name}` : zone.name)) &&
    (!valueRe || valueRe.test(r.value)) &&
    (!f.type || r.type === f.type.toUpperCase()) &&
    (f.prio === undefined || r.prio === f.prio) &&
    (f.ttl === undefined || r.ttl === f.ttl));
  if (f.orderBy) {
    const { field, desc } = f.orderBy;
    all = all.map((r, n) => ({ r, n })).sort((a, b) => {
      const x = a.r[field], y = b.r[field];
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return (desc ? -c : c) || a.n - b.n;
    }).map((e) => e.r);
  }
  return { total: all.length, results: all.slice(i.page.offset, i.page.offset + i.page.limit) };
};
