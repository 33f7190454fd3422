// Helpers shared by the zone flows (not a flow): loading a zone an account owns, and committing a change of
// its records with the serial raised, the history written and the change logged, all in the flow's transaction.
import type { FlowContext } from '../runner.ts';
import type { DnsRecord, RecordInput, Zone, ZoneHistoryEntry } from './model.ts';
import { DomainError } from '../errors.ts';
import { describeRecord, nextSerial, normaliseDomainName } from './model.ts';

/** the active zone `name` of the account (or by id when given); another account's zone does not exist for it */
export async function ownedZone(ctx: FlowContext, accountId: number, name: string, id?: number): Promise<Zone> {
  const n = normaliseDomainName(name);
  const z = n ? await ctx.uow.dns.zoneByName(n) : null;
  if (!z || z.accountId !== accountId || (id !== undefined && z.id !== id)) throw new DomainError('dns.zone_not_found', 'Zone not found', { field: 'name' });
  return z;
}

const withTtl = (r: DnsRecord) => `${r.name}\u0000${r.type}\u0000${r.prio}\u0000${r.value}\u0000${r.ttl}`;

/** writes `next` as the zone's record set (a diff against `current`), raises the serial, writes history */
export async function commitRecords(ctx: FlowContext, zone: Zone, current: DnsRecord[], next: DnsRecord[], source: string, zoneChanges: Partial<Zone> = {}, note?: string): Promise<Zone> {
  const before = new Set(current.map(withTtl));
  const after = new Set(next.map(withTtl));
  const removed = current.filter((r) => !after.has(withTtl(r)));
  const added = next.filter((r) => !before.has(withTtl(r)));
  const fieldsChanged = Object.entries(zoneChanges).some(([k, v]) => JSON.stringify((zone as unknown as Record<string, unknown>)[k]) !== JSON.stringify(v));
  if (!removed.length && !added.length && !fieldsChanged) return zone;
  await ctx.uow.dns.deleteRecords(zone.id, removed);
  await ctx.uow.dns.insertRecords(zone.id, added);
  const updated = await ctx.uow.dns.updateZone({ ...zone, ...zoneChanges, serial: nextSerial(zone.serial, ctx.now), updatedAt: ctx.now });
  const history: Omit<ZoneHistoryEntry, 'id'>[] = [];
  if (note) history.push({ zoneId: zone.id, at: ctx.now, source, was: '', is: note });
  else {
    for (const r of removed) history.push({ zoneId: zone.id, at: ctx.now, source, was: describeRecord(r), is: '' });
    for (const r of added) history.push({ zoneId: zone.id, at: ctx.now, source, was: '', is: describeRecord(r) });
    if (fieldsChanged) history.push({ zoneId: zone.id, at: ctx.now, source, was: '', is: `zone settings changed: ${Object.keys(zoneChanges).join(', ')}` });
  }
  await ctx.uow.dns.addHistory(history);
  await ctx.uow.dns.logChange(zone.name, ctx.now);
  return updated;
}

export const ttlGiven = (i: RecordInput) => i.ttl !== undefined && i.ttl !== null && i.ttl !== '';
