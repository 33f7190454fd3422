// Lists the zones of the account: `*` name patterns, type/provider filters, ordering and paging.
// Errors: none (an empty page when nothing matches)
import type { Flow } from '../../runner.ts';
import type { Page, PageOf } from '../../ports.ts';
import type { ZoneFilter } from '../ports.ts';
import type { ZoneView } from '../model.ts';
import { dnskeyOf, generatedRecords } from '../model.ts';

export const searchZones: Flow<{ accountId: number; filter: ZoneFilter; page: Page; withRecords?: boolean; withHistory?: boolean; withDnskey?: boolean }, PageOf<ZoneView>> = async (ctx, i) => {
  const found = await ctx.uow.dns.searchZones(i.accountId, i.filter, i.page);
  const results: ZoneView[] = [];
  for (const zone of found.results) {
    const v: ZoneView = { zone };
    if (i.withRecords) v.records = [...generatedRecords(zone), ...(await ctx.uow.dns.records(zone.id))];
    if (i.withHistory) v.history = (await ctx.uow.dns.history(zone.id, { limit: 1000, offset: 0 })).results;
    if (i.withDnskey) v.dnskey = dnskeyOf(zone);
    results.push(v);
  }
  return { total: found.total, results };
};
