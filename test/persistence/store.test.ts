// The persistence suite: the same assertions on SQLite and (with DATABASE_URL) on PostgreSQL.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testStore, onPostgres } from '../harness/store.ts';
import type { OpenedStore } from '../../src/persistence/store.ts';
import { DomainError } from '../../src/core/errors.ts';
import type { Contact } from '../../src/core/contacts/model.ts';
import { draftContact } from '../../src/core/contacts/flows/create-contact.ts';
import { DEFAULT_SETTINGS } from '../../src/core/accounts/model.ts';
import { newUser } from '../../src/core/users/new-user.ts';

const T0 = new Date('2026-06-01T12:00:00Z');

describe(`persistence on ${onPostgres ? 'PostgreSQL' : 'SQLite'}`, () => {
  let store: OpenedStore & { drop(): Promise<void> };
  beforeAll(async () => {
    store = await testStore();
  });
  afterAll(() => store.drop());

  const newAccount = () =>
    store.transaction((uow) => uow.accounts.insert({ code: '', name: 'A', currency: 'EUR', apiKey: 'k', status: 'active', settings: DEFAULT_SETTINGS, createdAt: T0, updatedAt: T0 }));

  it('numbers accounts from 100001 like reseller ids', async () => {
    const a = await newAccount();
    expect(a.id).toBeGreaterThanOrEqual(100001);
  });

  it('round-trips a user with every field, and finds it by username and email case-insensitively', async () => {
    const a = await newAccount();
    const draft = newUser({ accountId: a.id, username: 'Alice.Admin', email: 'Alice@Example.test', role: 'tech', apiIps: { allow: ['10.0.0.0/8'], deny: ['10.1.0.0/16'] }, extra: { skype: 'alice' } }, 'scrypt$x', T0);
    const u = await store.transaction((uow) => uow.users.insert(draft));
    expect(await store.read((uow) => uow.users.byUsername('alice.admin'))).toEqual(u);
    expect(await store.read((uow) => uow.users.byEmail('ALICE@example.TEST'))).toEqual(u);
    expect(u.apiIps).toEqual({ allow: ['10.0.0.0/8'], deny: ['10.1.0.0/16'] });
    expect(u.createdAt).toEqual(T0);
  });

  it('refuses a stale write (compare-and-swap on version) instead of overwriting', async () => {
    const a = await newAccount();
    await store.transaction((uow) => uow.accounts.update({ ...a, name: 'B' }));
    await expect(store.transaction((uow) => uow.accounts.update({ ...a, name: 'C' }))).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === 'conflict.concurrent_update');
    expect((await store.read((uow) => uow.accounts.get(a.id)))?.name).toBe('B');
  });

  it('rolls back every write of a transaction that throws', async () => {
    const a = await newAccount();
    await expect(
      store.transaction(async (uow) => {
        await uow.ledger.append({ accountId: a.id, kind: 'deposit', amountMinor: 500, currency: 'EUR', description: 'x', reference: 'r', createdAt: T0 });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.read((uow) => uow.ledger.balanceMinor(a.id))).toBe(0);
  });

  it('derives the balance from ledger entries, with big amounts exact', async () => {
    const a = await newAccount();
    await store.transaction(async (uow) => {
      await uow.ledger.append({ accountId: a.id, kind: 'deposit', amountMinor: 9_000_000_000_00, currency: 'EUR', description: 'big', reference: '', createdAt: T0 });
      await uow.ledger.append({ accountId: a.id, kind: 'charge', amountMinor: -1234, currency: 'EUR', description: 'c', reference: '', createdAt: T0 });
    });
    expect(await store.read((uow) => uow.ledger.balanceMinor(a.id))).toBe(9_000_000_000_00 - 1234);
    expect(await store.read((uow) => uow.ledger.sumMinor(a.id, 'charge', T0, new Date(T0.getTime() + 1)))).toBe(-1234);
  });

  it('searches contacts with * patterns case-insensitively, treating % and _ literally, with total and paging', async () => {
    const a = await newAccount();
    const mk = (first: string, last: string, email: string, company = '') => ({ ...draftContact(a.id, { name: { firstName: first, lastName: last } as Contact['name'], email, companyName: company, address: { country: 'NL' } as Contact['address'] }, T0), handle: `${first[0]}${last[0]}${Math.random().toString().slice(2, 8)}-NL`, ref: `${last.slice(0, 3).toUpperCase()}-${Math.random().toString().slice(2, 10)}` });
    await store.transaction(async (uow) => {
      await uow.contacts.insert(mk('John', 'Doe', 'john@doe.test'));
      await uow.contacts.insert(mk('Jane', 'Doe', 'jane@doe.test', 'Doe BV'));
      await uow.contacts.insert(mk('Pct', 'X_y', 'odd%@x.test'));
    });
    const s = (f: object, limit = 10, offset = 0) => store.read((uow) => uow.contacts.search(a.id, f, { limit, offset }));
    expect((await s({ lastName: 'doe' })).total).toBe(2);
    expect((await s({ email: 'J*@DOE.test' })).total).toBe(2);
    expect((await s({ email: 'odd%@*' })).total).toBe(1);
    expect((await s({ lastName: 'X_*' })).total).toBe(1);
    expect((await s({ lastName: 'XXy' })).total).toBe(0);
    expect((await s({ type: 'company' })).results.map((c) => c.name.firstName)).toEqual(['Jane']);
    const page = await s({ lastName: 'Doe' }, 1, 1);
    expect(page.total).toBe(2);
    expect(page.results).toHaveLength(1);
  });

  it('keeps handles and refs unique on the instance, across accounts', async () => {
    const a = await newAccount();
    const b = await newAccount();
    const c = { ...draftContact(a.id, { name: { firstName: 'A', lastName: 'B' } as Contact['name'], email: 'a@b.test' }, T0), handle: 'AB111111-NL', ref: 'BAA-11111111' };
    await store.transaction((uow) => uow.contacts.insert(c));
    await expect(store.transaction((uow) => uow.contacts.insert({ ...c, accountId: b.id }))).rejects.toBeTruthy();
    expect(await store.read((uow) => uow.contacts.keyExists('ab111111-nl'))).toBe(true);
    expect(await store.read((uow) => uow.contacts.byKey(b.id, 'AB111111-NL'))).toBeNull();
  });

  it('stores and reloads the sandbox clock state', async () => {
    await store.transaction((uow) => uow.clock.save({ offsetMs: 86_400_000 * 400, frozenAt: T0 }));
    expect(await store.read((uow) => uow.clock.load())).toEqual({ offsetMs: 86_400_000 * 400, frozenAt: T0 });
  });

  it('prunes journal entries older than the window and lists the newest first', async () => {
    await store.transaction(async (uow) => {
      const first = (await uow.journal.maxId()) + 1;
      for (const [i, at] of [new Date('2026-01-01T00:00:00Z'), T0].entries())
        await uow.journal.add({ id: first + i, face: 'openprovider', accountId: null, method: 'GET', path: `/v1beta/x${i}`, status: 200, requestBody: '', responseBody: '{}', durationMs: 1.5, ip: '127.0.0.1', createdAt: at });
    });
    expect(await store.transaction((uow) => uow.journal.prune(new Date('2026-03-01T00:00:00Z')))).toBeGreaterThanOrEqual(1);
    const list = await store.read((uow) => uow.journal.list({ path: '/v1beta/x' }, { limit: 10, offset: 0 }));
    expect(list.results.map((e) => e.path)).toEqual(['/v1beta/x1']);
  });
});
