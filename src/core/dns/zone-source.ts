// ZoneSource: how the DNS server reads zones. It never writes. Implemented over the Store: a snapshot of every
// active zone, then the zones changed since (polled from the change log written in each change's transaction).
// A change is visible as soon as its transaction commits, in this process or another (the CLI).
import type { Store, UnitOfWork } from '../ports.ts';
import type { ServedZone } from './ports.ts';

export interface ZoneChange {
  name: string;
  /** the zone as it is now; null when it no longer exists (deleted) */
  zone: ServedZone | null;
}

export interface ZoneSource {
  snapshot(): Promise<ServedZone[]>;
  /** what changed since the last call (or the snapshot); `reload` when the log no longer reaches back that far */
  changes(): Promise<{ changes: ZoneChange[]; reload?: ServedZone[] }>;
}

/**
 * Change ids are given at insert and may commit out of order (PostgreSQL): a note with a lower id can appear after
 * a higher one was read. So each poll re-reads a window of the last WINDOW ids and skips the ids already seen.
 */
const WINDOW = 256;
const BATCH = 5000;
const masters = (zs: ServedZone[]) => zs.filter((z) => z.zone.type === 'master');

export function storeZoneSource(store: Store): ZoneSource {
  let high = 0;
  const seen = new Set<number>();
  const note = (id: number) => {
    seen.add(id);
    if (id > high) high = id;
  };
  const forget = () => {
    for (const id of seen) if (id <= high - WINDOW) seen.delete(id);
  };
  /** every zone now; the cursor is read first, so a change committed while loading is seen again (harmless) */
  const resync = async (uow: UnitOfWork): Promise<ServedZone[]> => {
    high = await uow.dns.lastChange();
    seen.clear();
    for (const r of await uow.dns.changesAfter(Math.max(0, high - WINDOW), WINDOW)) if (r.id <= high) seen.add(r.id);
    return masters(await uow.dns.servedZones());
  };
  return {
    snapshot: () => store.read(resync),
    changes: () => store.read(async (uow) => {
      // the log was pruned past what we have read: start again from a snapshot
      if ((await uow.dns.firstChange()) > high + 1) return { changes: [], reload: await resync(uow) };
      const names = new Set<string>();
      for (let after = Math.max(0, high - WINDOW); ;) {
        const rows = await uow.dns.changesAfter(after, BATCH);
        for (const r of rows) {
          if (seen.has(r.id)) continue;
          names.add(r.zoneName);
          note(r.id);
        }
        if (rows.length < BATCH) break;
        after = rows[rows.length - 1]!.id;
      }
      forget();
      if (!names.size) return { changes: [] };
      const served = new Map(masters(await uow.dns.servedZones([...names])).map((z) => [z.zone.name, z]));
      return { changes: [...names].map((name) => ({ name, zone: served.get(name) ?? null })) };
    }),
  };
}
