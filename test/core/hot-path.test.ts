// The hot path of every call (docs/adr/0012-hot-path.md): bearer tokens resolved from memory, availability read
// without a transaction, who holds a name cached for reads, journal rows written by compiled statements. Each cache
// must never answer with something this process has changed, and must forget other processes' changes in time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../harness/app.ts';
import { runFlow, runQuery, runReadFirst, mustWrite, type Flow } from '../../src/core/runner.ts';
import { DomainError } from '../../src/core/errors.ts';
import { AuthCache } from '../../src/core/auth/cache.ts';
import { login } from '../../src/core/auth/flows/login.ts';
import { authenticateToken } from '../../src/core/auth/flows/authenticate-token.ts';
import { updateUser } from '../../src/core/users/flows/update-user.ts';
import { createContact } from '../../src/core/contacts/flows/create-contact.ts';
import { registryOf } from '../../src/core/registry/registry.ts';
import { checkDomain } from '../../src/core/domains/flows/check-domain.ts';
import { registerDomain } from '../../src/core/domains/flows/register-domain.ts';
import { bodyText } from '../../src/app/journal.ts';

let app: TestApp;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

const code = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof DomainError ? e.code : String(e);
  }
};

async function owner(accountId: number): Promise<string> {
  const c = await runFlow(app.services, createContact, {
    accountId,
    input: { name: { title: '', firstName: 'Ana', lastName: 'Pérez', initials: '', prefix: '' }, email: `ana${accountId}@example.es`, phone: { countryCode: '+34', areaCode: '91', subscriberNumber: '1234567' }, address: { street: 'Gran Vía', number: '1', suffix: '', line2: '', line3: '', zipcode: '28013', city: 'Madrid', state: 'M', country: 'ES' } },
  });
  return c.handle;
}

describe('bearer tokens resolved from memory', () => {
  it('a cached token is refused at once after its user is deactivated, its IP list narrowed, or its account suspended', async () => {
    const a = await app.account();
    const cache = app.services.authCache!;
    const { token } = await runFlow(app.services, login, { username: a.username, password: a.password, ip: '127.0.0.1' });
    const auth = (ip = '127.0.0.1') => code(runQuery(app.services, authenticateToken, { token, ip, cache }));
    expect(await auth()).toBe('ok');
    expect(cache.get(token)).toBeDefined(); // the second call reads nothing

    await runFlow(app.services, updateUser, { accountId: a.accountId, id: a.userId, changes: { apiIps: { allow: ['10.0.0.0/8'], deny: [] } } });
    expect(await auth()).toBe('auth.ip_denied');
    expect(await auth('10.1.1.1')).toBe('ok');
    await runFlow(app.services, updateUser, { accountId: a.accountId, id: a.userId, changes: { apiIps: { allow: [], deny: [] }, apiAccessEnabled: false } });
    expect(await auth()).toBe('auth.api_disabled');
    await runFlow(app.services, updateUser, { accountId: a.accountId, id: a.userId, changes: { apiAccessEnabled: true } });
    expect(await auth()).toBe('ok');

    await app.store.transaction(async (uow) => {
      const acc = (await uow.accounts.get(a.accountId))!;
      await uow.accounts.update({ ...acc, status: 'suspended' as typeof acc.status });
    });
    expect(await auth()).toBe('account.inactive');
  });

  it('an entry is forgotten after its maximum age, so a change made by another process is seen', async () => {
    const a = await app.account();
    let now = 0;
    const cache = new AuthCache(app.store, () => now, 1000);
    const { token } = await runFlow(app.services, login, { username: a.username, password: a.password, ip: '127.0.0.1' });
    const auth = () => code(runQuery(app.services, authenticateToken, { token, ip: '127.0.0.1', cache }));
    expect(await auth()).toBe('ok');
    // another process deactivates the user: written past this process's repositories, so no epoch moves
    await sql`update users set is_active = 0 where id = ${a.userId}`.execute(app.store.db);
    now = 999;
    expect(await auth()).toBe('ok');
    now = 1001;
    expect(await auth()).toBe('auth.failed');
  });

  it('an expired token is refused on the sandbox clock even while its rows are cached', async () => {
    const a = await app.account();
    const cache = app.services.authCache!;
    const { token } = await runFlow(app.services, login, { username: a.username, password: a.password, ip: '127.0.0.1' });
    expect(await code(runQuery(app.services, authenticateToken, { token, ip: '127.0.0.1', cache }))).toBe('ok');
    await app.advance('49h');
    expect(await code(runQuery(app.services, authenticateToken, { token, ip: '127.0.0.1', cache }))).toBe('auth.token_invalid');
  });
});

describe('reads that may need a write', () => {
  it('runReadFirst runs a flow as a read, and again as a write transaction when it reaches mustWrite', async () => {
    const runs: boolean[] = [];
    const flow: Flow<{ write: boolean }, string> = async (ctx, i) => {
      runs.push(!!ctx.readOnly);
      if (i.write) {
        mustWrite(ctx);
        return 'wrote';
      }
      return 'read';
    };
    expect(await runReadFirst(app.services, flow, { write: false })).toBe('read');
    expect(runs).toEqual([true]);
    runs.length = 0;
    expect(await runReadFirst(app.services, flow, { write: true })).toBe('wrote');
    expect(runs).toEqual([true, false]);
  });

  it('a check settles a domain whose registration (60 minutes for .es) is due, writing the activation', async () => {
    const a = await app.account();
    const registry = registryOf(app.services);
    const d = await runFlow(app.services, registerDomain, { registry, accountId: a.accountId, name: 'hotpath-settle.es', contacts: { owner: await owner(a.accountId) }, autorenew: 'off', additionalData: { id_number: 'X1234567L' } });
    expect(d.domain.phase).toBe('requested');
    await app.advance('1d');
    const [r] = await runReadFirst(app.services, checkDomain, { registry, accountId: a.accountId, names: ['hotpath-settle.es'] });
    expect(r).toMatchObject({ status: 'taken', heldByYou: true });
    const row = await app.store.transaction((uow) => uow.domains.byName(a.accountId, 'hotpath-settle.es'));
    expect(row?.phase).toBe('active');
  });

  it('who holds a name is forgotten by the read cache the moment a domain is written', async () => {
    const a = await app.account();
    const b = await app.account();
    const registry = registryOf(app.services);
    const check = async (accountId: number) => (await runReadFirst(app.services, checkDomain, { registry, accountId, names: ['hotpath-cache.net'] }))[0]!;
    expect((await check(b.accountId)).status).toBe('free');
    expect((await check(b.accountId)).status).toBe('free'); // now answered from the cache
    await runFlow(app.services, registerDomain, { registry, accountId: a.accountId, name: 'hotpath-cache.net', contacts: { owner: await owner(a.accountId) }, autorenew: 'off' });
    expect(await check(b.accountId)).toMatchObject({ status: 'taken', heldByYou: false });
    expect(await check(a.accountId)).toMatchObject({ status: 'taken', heldByYou: true });
  });
});

describe('the journal', () => {
  it('rows written by compiled statements (blocks of 50, then one by one) are all kept, in order', async () => {
    const at = new Date('2026-06-01T12:00:00Z');
    // ids well past the app's own (its counter may hold ids not yet written)
    const first = (await app.store.read((uow) => uow.journal.maxId())) + 100_000;
    const entries = Array.from({ length: 123 }, (_, i) => ({ id: first + i, face: 'openprovider', accountId: i % 2 ? null : 7, method: 'POST', path: `/v1beta/hot/${i}`, status: 200, requestBody: `{"i":${i}}`, responseBody: '{}', durationMs: i / 4, ip: '127.0.0.1', createdAt: at }));
    await app.store.transaction((uow) => uow.journal.add(...entries));
    const got = await app.store.read((uow) => uow.journal.list({ path: '/v1beta/hot/' }, { limit: 500, offset: 0 }));
    expect(got.total).toBe(123);
    expect(got.results.map((e) => e.path)).toEqual(entries.map((e) => e.path).reverse());
    expect(got.results.at(-1)).toMatchObject({ accountId: 7, durationMs: 0, requestBody: '{"i":0}' });
    expect(got.results.at(-2)).toMatchObject({ accountId: null, durationMs: 0.25 });
  });

  it('keeps a JSON body naming no secret exactly as sent, and masks one that names a secret, escaped or not', () => {
    const plain = '{ "domains": [{"name":"example","extension":"com"}], "with_price": true }';
    expect(bodyText(plain)).toBe(plain);
    expect(bodyText('{"username":"u","password":"pw"}')).toBe('{"username":"u","password":"***"}');
    expect(bodyText('{"username":"u","\\u0070assword":"pw"}')).toBe('{"username":"u","password":"***"}');
  });
});
