// The Openprovider face's wire: envelope, compact JSON, body parsing, errors, auth, paging (WIRE-FACTS Openprovider).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { CUSTOMER, call, expectError, login } from './client.ts';
import { ROUTES } from './routes.ts';

let app: TestApp;
let who: Awaited<ReturnType<TestApp['account']>>;
let token: string;
let handle: string;

beforeAll(async () => {
  app = await testApp({ bodyLimit: 64 * 1024 });
  who = await app.account();
  token = await login(app, who);
  const res = await call<{ handle: string }>(app, 'POST', '/v1beta/customers', { token, json: CUSTOMER });
  handle = res.body.data.handle;
});
afterAll(async () => app.close());

describe('login', () => {
  it('answers {token, reseller_id} with the account id, token first, and the token opens the API', async () => {
    const res = await call<{ token: string; reseller_id: number }>(app, 'POST', '/v1beta/auth/login', { json: { ip: '0.0.0.0', password: who.password, username: who.username } });
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/^\{"code":0,"data":\{"token":"[0-9a-f]{32}","reseller_id":\d+\},"desc":""\}$/);
    expect(res.body.data.reseller_id).toBe(who.accountId);
    expect((await call(app, 'GET', '/v1beta/customers', { token: res.body.data.token })).status).toBe(200);
  });

  it('keeps earlier tokens valid when logging in twice', async () => {
    const first = await login(app, who);
    const second = await login(app, who);
    expect(first).not.toBe(second);
    expect((await call(app, 'GET', '/v1beta/tags', { token: first })).status).toBe(200);
    expect((await call(app, 'GET', '/v1beta/tags', { token: second })).status).toBe(200);
  });

  it('refuses a wrong password with code 196 and HTTP 401', async () => {
    expectError(await call(app, 'POST', '/v1beta/auth/login', { json: { username: who.username, password: 'wrong password!' } }), 196, 401);
  });

  it('refuses a login without username with code 101 and HTTP 400', async () => {
    expectError(await call(app, 'POST', '/v1beta/auth/login', { json: { password: who.password } }), 101, 400);
  });

  it('journals the login with the account and the password masked', async () => {
    const local = await testApp();
    try {
      const w = await local.account();
      await login(local, w);
      await local.flushJournal();
      const res = await local.http.inject({ method: 'GET', url: '/_sandbox/requests?face=openprovider' });
      const [entry] = (res.json() as { results: Array<{ account_id: number; path: string; request: Record<string, unknown> }> }).results;
      expect(entry).toMatchObject({ account_id: w.accountId, path: '/v1beta/auth/login' });
      expect(JSON.stringify(entry.request)).not.toContain(w.password);
    } finally {
      await local.close();
    }
  });

  it('ignores a stale Authorization header on login', async () => {
    const res = await call(app, 'POST', '/v1beta/auth/login', { token: 'stale', json: { username: who.username, password: who.password } });
    expect(res.status).toBe(200);
  });

  it('refuses a declared ip outside the user allow list, and a caller outside it, with code 196', async () => {
    const fenced = await app.account({ allowIps: ['10.1.2.3'] });
    expectError(await call(app, 'POST', '/v1beta/auth/login', { json: { username: fenced.username, password: fenced.password, ip: '192.0.2.9' }, remoteAddress: '10.1.2.3' }), 196, 403);
    expectError(await call(app, 'POST', '/v1beta/auth/login', { json: { username: fenced.username, password: fenced.password }, remoteAddress: '192.0.2.9' }), 196, 403);
    const t = await login(app, fenced, { remoteAddress: '10.1.2.3', ip: '10.1.2.3' });
    expect((await call(app, 'GET', '/v1beta/customers', { token: t, remoteAddress: '10.1.2.3' })).status).toBe(200);
    // the token does not open the API from another address
    expectError(await call(app, 'GET', '/v1beta/customers', { token: t, remoteAddress: '192.0.2.9' }), 196, 403);
  });
});

describe('bearer auth on every route but login', () => {
  const ids = () => ({ handle, contactId: who.userId, resellerId: who.accountId });
  for (const r of ROUTES) {
    it(`${r.name}: refuses no token, an unknown token and a non-Bearer header with code 196 and HTTP 401`, async () => {
      const url = r.url(ids());
      expectError(await call(app, r.method, url, { json: r.json }), 196, 401);
      expectError(await call(app, r.method, url, { token: 'deadbeefdeadbeefdeadbeefdeadbeef', json: r.json }), 196, 401);
      expectError(await call(app, r.method, url, { json: r.json, headers: { authorization: 'Basic abc' } }), 196, 401);
    });
  }

  it('every Openprovider route the app serves but login refuses a call without a token (code 196, HTTP 401)', async () => {
    const routes = app.routes.filter((r) => r.surface === 'openprovider');
    expect(routes.length).toBeGreaterThan(70);
    const open: string[] = [];
    for (const r of routes) {
      const url = r.path.replace(/\{[^}]+\}/g, '1');
      const res = await call(app, r.method as 'GET', url, { json: {} });
      if (res.status !== 401 || (res.body as { code?: number }).code !== 196) open.push(`${r.method} ${r.path} → ${res.status}`);
    }
    expect(open).toEqual(['POST /v1beta/auth/login → 400']);
  });

  it('refuses a token 49 hours after login on every route, and accepts it at 47 hours', async () => {
    const local = await testApp();
    try {
      const w = await local.account();
      const t = await login(local, w);
      await local.advance('47h');
      expect((await call(local, 'GET', '/v1beta/customers', { token: t })).status).toBe(200);
      await local.advance('2h');
      for (const r of ROUTES) expectError(await call(local, r.method, r.url({ handle: 'XX000000-XX', contactId: w.userId, resellerId: w.accountId }), { token: t, json: r.json }), 196, 401);
    } finally {
      await local.close();
    }
  });
});

describe('wire format', () => {
  it('serialises compactly: no spaces after separators, no null anywhere', async () => {
    const res = await call(app, 'GET', `/v1beta/customers/${handle}`, { token });
    expect(res.text.startsWith('{"code":0,"data":{')).toBe(true);
    expect(res.text.endsWith('},"desc":""}')).toBe(true);
    expect(res.text).not.toMatch(/":\s|,\s"|\n/);
    expect(res.text).not.toContain('null');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('parses a JSON body sent without a Content-Type or with text/plain', async () => {
    const bare = await call<{ handle: string }>(app, 'POST', '/v1beta/customers', { token, body: JSON.stringify({ ...CUSTOMER, email: 'bare@example.com' }) });
    expect(bare.status).toBe(200);
    const plain = await call<{ handle: string }>(app, 'POST', '/v1beta/customers', { token, body: JSON.stringify({ ...CUSTOMER, email: 'plain@example.com' }), headers: { 'content-type': 'text/plain' } });
    expect(plain.status).toBe(200);
    expect((await call(app, 'GET', `/v1beta/customers/${plain.body.data.handle}`, { token })).body.data).toMatchObject({ email: 'plain@example.com' });
  });

  it('accepts Content-Type application/json with an empty body on GET and DELETE', async () => {
    const created = await call<{ handle: string }>(app, 'POST', '/v1beta/customers', { token, json: { ...CUSTOMER, email: 'gone@example.com' } });
    expect((await call(app, 'GET', '/v1beta/customers', { token, body: '', headers: { 'content-type': 'application/json' } })).status).toBe(200);
    expect((await call(app, 'DELETE', `/v1beta/customers/${created.body.data.handle}`, { token, body: '', headers: { 'content-type': 'application/json' } })).status).toBe(200);
  });

  it('ignores a body (even malformed) on routes that take none', async () => {
    expect((await call(app, 'GET', '/v1beta/tags', { token, body: '{not json', headers: { 'content-type': 'application/json' } })).status).toBe(200);
    const created = await call<{ handle: string }>(app, 'POST', '/v1beta/customers', { token, json: { ...CUSTOMER, email: 'gone2@example.com' } });
    expect((await call(app, 'DELETE', `/v1beta/customers/${created.body.data.handle}`, { token, body: '{"reason":"x"}', headers: { 'content-type': 'application/json' } })).status).toBe(200);
  });

  it('answers malformed JSON on a route that takes a body with code 100 and HTTP 400, writing nothing', async () => {
    const before = (await call<{ total: number }>(app, 'GET', '/v1beta/customers', { token })).body.data.total;
    expectError(await call(app, 'POST', '/v1beta/customers', { token, body: '{"name":', headers: { 'content-type': 'application/json' } }), 100, 400);
    expect((await call<{ total: number }>(app, 'GET', '/v1beta/customers', { token })).body.data.total).toBe(before);
  });

  it('answers an unknown /v1beta path with code 103 and HTTP 404 in the error envelope', async () => {
    const res = await call(app, 'GET', '/v1beta/customers/XX000000-XX/nothing-here', { token });
    expectError(res, 103, 404);
    expect(res.text).toMatch(/^\{"code":103,"desc":"[^"]+","data":""\}$/);
  });

  it('answers a body over the limit with code 102 and HTTP 413 in the error envelope, writing nothing', async () => {
    const before = (await call<{ total: number }>(app, 'GET', '/v1beta/customers', { token })).body.data.total;
    const big = JSON.stringify({ ...CUSTOMER, comments: 'x'.repeat(70 * 1024) });
    expectError(await call(app, 'POST', '/v1beta/customers', { token, body: big, headers: { 'content-type': 'application/json' } }), 102, 413);
    expect((await call<{ total: number }>(app, 'GET', '/v1beta/customers', { token })).body.data.total).toBe(before);
  });

  for (const r of [...ROUTES.filter((x) => x.json), { name: 'Login', method: 'POST' as const, url: () => '/v1beta/auth/login', json: {} }]) {
    it(`${r.name}: answers a body over the limit with code 102 and HTTP 413`, async () => {
      const big = JSON.stringify({ ...(r.json as object), comments: 'x'.repeat(70 * 1024) });
      expectError(await call(app, r.method, r.url({ handle, contactId: who.userId, resellerId: who.accountId }), { token, body: big, headers: { 'content-type': 'application/json' } }), 102, 413);
    });
  }

  it('treats a trailing slash like none', async () => {
    expect((await call(app, 'GET', '/v1beta/customers/', { token })).status).toBe(200);
  });
});

describe('paging', () => {
  it('pages customers with limit/offset, total counting every match, limit=0 meaning the default of 100', async () => {
    const local = await testApp();
    try {
      const w = await local.account();
      const t = await login(local, w);
      for (let i = 0; i < 5; i++) await call(local, 'POST', '/v1beta/customers', { token: t, json: { ...CUSTOMER, email: `p${i}@example.com` } });
      const page = await call<{ results: Array<{ email: string }>; total: number }>(local, 'GET', '/v1beta/customers?limit=2&offset=2&order_by=email', { token: t });
      expect(page.body.data.total).toBe(5);
      expect(page.body.data.results.map((c) => c.email)).toEqual(['p2@example.com', 'p3@example.com']);
      expect((await call<{ results: unknown[] }>(local, 'GET', '/v1beta/customers?limit=0', { token: t })).body.data.results).toHaveLength(5);
      expectError(await call(local, 'GET', '/v1beta/customers?limit=abc', { token: t }), 101, 400);
      expectError(await call(local, 'GET', '/v1beta/customers?offset=-1', { token: t }), 101, 400);
    } finally {
      await local.close();
    }
  });
});
