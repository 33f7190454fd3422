// ZoneSource: how the DNS server reads zones. It never writes. Implemented over the Store: a snapshot of every
// active zone with the change-log cursor it is current at, then the zones changed after a cursor (polled).
// A change is visible as soon as its transaction commits, in this process or another (the CLI).
import type { Store } from '../ports.ts';
import type { ServedZone } from './ports.ts';

export interface ZoneChange {
  name: string;
  /** the zone as it is now; null when it no longer exists (deleted) */
  zone: ServedZone | null;
}

export interface ZoneSource {
  snapshot(): Promise<{ cursor: number; zones: ServedZone[] }>;
  changesSince(cursor: number): Promise<{ cursor: number; changes: ZoneChange[] }>;
}

export function storeZoneSource(store: Store): ZoneSource {
  return {
    snapshot: () => store.read(async (uow) => {
      // the cursor first: a change committed while loading is seen again at the next poll (re-applying is harmless)
      const cursor = await uow.dns.lastChange();
      return { cursor, zones: (await uow.dns.servedZones()).filter((z) => z.zone.type === 'master') };
    }),
    changesSince: (cursor) => store.read(async (uow) => {
      const { cursor: next, zones } = await uow.dns.changesSince(cursor, 5000);
      if (!zones.length) return { cursor: next, changes: [] };
      const served = new Map((await uow.dns.servedZones(zones)).filter((z) => z.zone.type === 'master').map((z) => [z.zone.name, z]));
      return { cursor: next, changes: zones.map((name) => ({ name, zone: served.get(name) ?? null })) };
    }),
  };
}
