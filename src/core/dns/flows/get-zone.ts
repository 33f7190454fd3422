// Reads one zone of the account, with its records (generated SOA/NS first) and history when asked.
// Errors: dns.zone_not_found
import type { Flow } from '../../runner.ts';
import type { ZoneView } from '../model.ts';
import { dnskeyOf, generatedRecords } from '../model.ts';
import { ownedZone } from '../zone-ops.ts';

export const getZone: Flow<{ accountId: number; name: string; id?: number; withRecords?: boolean; withHistory?: boolean; withDnskey?: boolean }, ZoneView> = async (ctx, i) => {
  const zone = await ownedZone(ctx, i.accountId, i.name, i.id);
  const view: ZoneView = { zone };
  if (i.withRecords) view.records = [...generatedRecords(zone), ...(await ctx.uow.dns.records(zone.id))];
  if (i.withHistory) view.history = (await ctx.uow.dns.history(zone.id, { limit: 1000, offset: 0 })).results;
  if (i.withDnskey) view.dnskey = dnskeyOf(zone);
  return view;
};
