import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Kysely } from 'kysely';
import { runFlow } from '../../src/core/runner.ts';
import { createAccount } from '../../src/core/accounts/flows/create-account.ts';
import { createZone } from '../../src/core/dns/flows/create-zone.ts';
import { updateZone } from '../../src/core/dns/flows/update-zone.ts';
import { storeZoneSource } from '../../src/core/dns/zone-source.ts';
import { testServices } from '../harness/services.ts';

type S = Awaited<ReturnType<typeof testServices>>;
let s: S;
let acct: number;
const db = () => (s.store as unknown as { db: Kysely<any> }).db;
const note = (id: number, zone: string) => db().insertInto('dns_changes').values({ id, zone_name: zone, at: new Date().toISOString() }).execute();

beforeAll(async () => {
  s = await testServices();
  acct = (await runFlow(s, createAccount, { username: 'dnssource', password: 'correct horse battery', email: 'dnssource@example.test', balance: 0 })).account.id;
  await runFlow(s, createZone, { accountId: acct, name: 'a.test' });
  await runFlow(s, createZone, { accountId: acct, name: 'b.test' });
});
afterAll(async () => s.drop());

describe('zone source for the DNS server', () => {
  it('reports each committed change once, with the zone as it is now', async () => {
    const src = storeZoneSource(s.store);
    expect((await src.snapshot()).map((z) => z.zone.name).sort()).toEqual(['a.test', 'b.test']);
    expect((await src.changes()).changes).toEqual([]);
    await runFlow(s, updateZone, { accountId: acct, name: 'a.test', records: { add: [{ name: 'x', type: 'A', value: '192.0.2.1' }] } });
    const first = await src.changes();
    expect(first.changes.map((c) => [c.name, c.zone?.records.length])).toEqual([['a.test', 1]]);
    expect((await src.changes()).changes).toEqual([]);
  });

  it('still sees a change whose note commits after a later one was read (ids out of order)', async () => {
    const src = storeZoneSource(s.store);
    await src.snapshot();
    const high = Number((await db().selectFrom('dns_changes').select((e) => e.fn.max('id').as('n')).executeTakeFirst())!.n);
    await note(high + 10, 'a.test');
    expect((await src.changes()).changes.map((c) => c.name)).toEqual(['a.test']);
    await note(high + 5, 'b.test'); // committed late, with a lower id
    expect((await src.changes()).changes.map((c) => c.name)).toEqual(['b.test']);
    expect((await src.changes()).changes).toEqual([]);
  });

  it('reloads everything when the log was pruned past what it had read', async () => {
    const src = storeZoneSource(s.store);
    await src.snapshot();
    const high = Number((await db().selectFrom('dns_changes').select((e) => e.fn.max('id').as('n')).executeTakeFirst())!.n);
    await db().deleteFrom('dns_changes').execute();
    await note(high + 200_000, 'a.test');
    const r = await src.changes();
    expect(r.reload?.map((z) => z.zone.name).sort()).toEqual(['a.test', 'b.test']);
    expect((await src.changes()).changes).toEqual([]);
  });
});
