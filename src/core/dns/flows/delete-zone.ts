// Deletes a zone: its records go, the zone row stays (deleted) with its history; the name is free again and
// the DNS server stops answering for it. Errors: dns.zone_not_found
import type { Flow } from '../../runner.ts';
import { ownedZone } from '../zone-ops.ts';
import { nextSerial } from '../model.ts';

export const deleteZone: Flow<{ accountId: number; name: string; id?: number }, { deleted: true }> = async (ctx, i) => {
  const zone = await ownedZone(ctx, i.accountId, i.name, i.id);
  await ctx.uow.dns.deleteAllRecords(zone.id);
  await ctx.uow.dns.updateZone({ ...zone, active: false, deletedAt: ctx.now, updatedAt: ctx.now, serial: nextSerial(zone.serial, ctx.now) });
  await ctx.uow.dns.addHistory([{ zoneId: zone.id, at: ctx.now, source: 'api', was: '', is: 'zone deleted' }]);
  await ctx.uow.dns.logChange(zone.name, ctx.now);
  return { deleted: true };
};
