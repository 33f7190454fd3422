// Migration 0008 on a database that already holds domains: `domain_counts` in its 0004 shape (account, phase,
// holding; here with wrong numbers) is rebuilt per account, holding, TLD and phase from the rows, and list totals
// answered by the counters then equal COUNT(*). The same assertions on SQLite and (with DATABASE_URL) PostgreSQL.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'kysely';
import { testStore, onPostgres } from '../harness/store.ts';
import type { OpenedStore } from '../../src/persistence/store.ts';
import { domainCountsTld } from '../../src/persistence/migrations/0008-domain-counts-tld.ts';
import { MIGRATIONS } from '../../src/persistence/migrations/index.ts';
import { DEFAULT_SETTINGS } from '../../src/core/accounts/model.ts';
import type { Domain, DomainPhase } from '../../src/core/domains/model.ts';
import type { DomainFilter } from '../../src/core/domains/ports.ts';

const T0 = new Date('2026-06-01T12:00:00Z');

function draft(accountId: number, name: string, phase: DomainPhase, holdsName: boolean): Omit<Domain, 'id' | 'version'> {
  const [sld, ...rest] = name.split('.');
  return {
    accountId, name, unicodeName: name, sld, tld: rest.join('.'), origin: 'create', phase, holdsName, pending: null, lastOperation: null, period: 1,
    orderedAt: T0, activatedAt: T0, expiresAt: new Date('2027-06-01T12:00:00Z'), addGraceUntil: null, addGraceRefundMinor: 0, deletedAt: holdsName ? null : T0,
    deleteReason: holdsName ? '' : 'deleted', autorenew: 'off', locked: false, updateBlocked: false, whoisPrivacy: false, authCode: 'code',
    contacts: { owner: 1, admin: null, tech: null, billing: null, reseller: null }, nameservers: [], hosts: [], dnssec: [], additionalData: {}, premium: false,
    tags: [], comments: '', transferOut: null, nextEventAt: null, createdAt: T0, updatedAt: T0,
  };
}

type CountRow = { account_id: number; holds_name: number; tld: string; phase: string; n: number };
const num = (r: CountRow): CountRow => ({ account_id: Number(r.account_id), holds_name: Number(r.holds_name), tld: r.tld, phase: r.phase, n: Number(r.n) });

describe(`migration 0008 (domain_counts per TLD) on ${onPostgres ? 'PostgreSQL' : 'SQLite'}`, () => {
  let store: OpenedStore & { drop(): Promise<void> };
  beforeAll(async () => {
    store = await testStore();
  });
  afterAll(() => store.drop());

  it('runs after 0007', () => {
    expect(MIGRATIONS.indexOf(domainCountsTld)).toBeGreaterThan(MIGRATIONS.findIndex((m) => m.name === '0007-domain-list-indexes'));
  });

  it('rebuilds the counters of existing domains per account, holding, TLD and phase', async () => {
    const newAccount = () => store.transaction((uow) => uow.accounts.insert({ code: '', name: 'A', currency: 'EUR', apiKey: 'k', status: 'active', settings: DEFAULT_SETTINGS, createdAt: T0, updatedAt: T0 }));
    const a = await newAccount();
    const b = await newAccount();
    const rows: [number, string, DomainPhase, boolean][] = [
      [a.id, 'one.com', 'active', true], [a.id, 'two.com', 'active', true], [a.id, 'three.com', 'grace', true], [a.id, 'four.net', 'active', true],
      [a.id, 'five.nl', 'redemption', true], [a.id, 'six.com', 'deleted', false], [a.id, 'seven.co.uk', 'requested', false], [a.id, 'eight.com', 'failed', false],
      [b.id, 'nine.com', 'active', true], [b.id, 'ten.net', 'pending_delete', true],
    ];
    await store.transaction(async (uow) => {
      for (const [accountId, name, phase, holds] of rows) await uow.domains.insert(draft(accountId, name, phase, holds));
    });

    // the database as 0007 left it: the 0004 table, counting by phase and holding only (numbers made wrong on purpose)
    const db = store.db;
    await db.schema.dropTable('domain_counts').execute();
    await db.schema.createTable('domain_counts')
      .addColumn('account_id', 'integer', (c) => c.notNull()).addColumn('phase', 'text', (c) => c.notNull()).addColumn('holds_name', 'integer', (c) => c.notNull()).addColumn('n', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('domain_counts_pk', ['account_id', 'phase', 'holds_name']).execute();
    await sql`INSERT INTO domain_counts (account_id, phase, holds_name, n) VALUES (${a.id}, 'active', 1, 99)`.execute(db);

    await domainCountsTld.up(db, store.dialect);

    const counters = await sql<CountRow>`SELECT account_id, holds_name, tld, phase, n FROM domain_counts WHERE account_id IN (${a.id}, ${b.id}) ORDER BY account_id, holds_name, tld, phase`.execute(db);
    expect(counters.rows.map(num)).toEqual([
      { account_id: a.id, holds_name: 0, tld: 'co.uk', phase: 'requested', n: 1 },
      { account_id: a.id, holds_name: 0, tld: 'com', phase: 'deleted', n: 1 },
      { account_id: a.id, holds_name: 0, tld: 'com', phase: 'failed', n: 1 },
      { account_id: a.id, holds_name: 1, tld: 'com', phase: 'active', n: 2 },
      { account_id: a.id, holds_name: 1, tld: 'com', phase: 'grace', n: 1 },
      { account_id: a.id, holds_name: 1, tld: 'net', phase: 'active', n: 1 },
      { account_id: a.id, holds_name: 1, tld: 'nl', phase: 'redemption', n: 1 },
      { account_id: b.id, holds_name: 1, tld: 'com', phase: 'active', n: 1 },
      { account_id: b.id, holds_name: 1, tld: 'net', phase: 'pending_delete', n: 1 },
    ]);

    // the repository keeps the new table: a write after the migration moves its counters
    const nine = await store.read((uow) => uow.domains.byName(b.id, 'nine.com'));
    await store.transaction((uow) => uow.domains.update({ ...nine!, phase: 'grace' }));

    const total = async (accountId: number, f: DomainFilter) => (await store.read((uow) => uow.domains.search(accountId, f, { limit: 1, offset: 0 }))).total;
    for (const accountId of [a.id, b.id]) {
      for (const f of [{}, { tld: 'com' }, { tld: 'co.uk', includeDeleted: true }, { phases: ['active', 'grace'] }, { tld: 'com', phases: ['active'] }, { includeDeleted: true }, { onlyDeleted: true }, { tld: 'net', phases: ['grace', 'pending_delete'] }] as DomainFilter[]) {
        expect(await total(accountId, f), JSON.stringify(f)).toBe(await total(accountId, { ...f, namePattern: '*' }));
      }
    }
    expect(await total(a.id, { tld: 'com' })).toBe(3);
    expect(await total(a.id, { includeDeleted: true })).toBe(8);
    expect(await total(b.id, { phases: ['grace'] })).toBe(1);
  });
});
