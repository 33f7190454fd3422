// The change history of a zone, newest first. Errors: dns.zone_not_found
import type { Flow } from '../../runner.ts';
import type { Page, PageOf } from '../../ports.ts';
import type { ZoneHistoryEntry } from '../model.ts';
import { ownedZone } from '../zone-ops.ts';

export const listZoneHistory: Flow<{ accountId: number; name: string; page: Page }, PageOf<ZoneHistoryEntry>> = async (ctx, i) => {
  const zone = await ownedZone(ctx, i.accountId, i.name);
  return ctx.uow.dns.history(zone.id, i.page);
};
