// Every SSL247 route this server serves, through every credential shape and every transport failure.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { apiUser, call, data, error, profileBody, reseller, userBody, type Creds, type Reseller } from './helpers.ts';

let n = 0;
const unique = () => `u${++n}-${Math.random().toString(36).slice(2, 7)}@example.test`;

describe('SSL247: every served route', () => {
  let app: TestApp;
  let a: Reseller;
  let fenced: Reseller;
  let shapes: Array<[string, Creds]>;
  let userId: string;
  let profileId: string;
  let routes: Array<[string, () => Record<string, unknown>]>;

  beforeAll(async () => {
    app = await testApp({ bodyLimit: 32 * 1024 });
    a = await reseller(app);
    fenced = await reseller(app, { allowIps: ['203.0.113.9'] });
    const api = await apiUser(app, a.accountId, unique());
    const std = userBody({ email: unique(), password: 'standard password' });
    data(await call(app, '/account/users/add', { ...a.creds, ...std }));
    shapes = [
      ['super user: email + password + account key', a.creds],
      ['standard user: email + password + account key', { u: std.email as string, p: 'standard password', k: a.apiKey }],
      ['API user: email + its own key', { u: api.u, k: api.k }],
    ];
    userId = data(await call(app, '/account/users/add', { ...a.creds, ...userBody({ email: unique() }) })).user_id;
    profileId = data(await call(app, '/account/contact-profile/add', { ...a.creds, ...profileBody() })).contact_id;
    routes = [
      ['/account', () => ({})],
      ['/account/users', () => ({})],
      ['/account/deposit', () => ({})],
      ['/account/monthly-allowance', () => ({})],
      [`/account/user/${userId}`, () => ({})],
      ['/account/users/add', () => userBody({ email: unique() })],
      [`/account/user/${userId}/edit`, () => ({ city: 'Hull' })],
      [`/account/contact-profile/${profileId}`, () => ({})],
      ['/account/contact-profile/add', () => profileBody({ email: unique() })],
      [`/account/contact-profile/${profileId}/edit`, () => ({ city: 'Hull' })],
      ['/generic/get-country-list', () => ({})],
      ['/generic/get-user-titles', () => ({})],
      ['/generic/get-us-state-list', () => ({})],
      ['/generic/get-internal-product-list', () => ({})],
      ['/generic/get-external-product-list', () => ({})],
      ['/generic/get-websites-list', () => ({})],
    ];
  });
  afterAll(() => app?.close());

  it('all 16 account and generic routes answer the success envelope to each of the three credential shapes', async () => {
    expect(routes).toHaveLength(16);
    for (const [path, body] of routes) for (const [, creds] of shapes) data(await call(app, path, { ...creds, ...body() }));
  });

  it('all of them refuse a wrong key, a wrong password and missing credentials with HTTP 401', async () => {
    for (const [path, body] of routes) {
      for (const creds of [{ ...a.creds, k: `${a.apiKey}x` }, { ...a.creds, p: 'not the password' }, { u: a.email }, {}]) error(await call(app, path, { ...creds, ...body() }), 401);
    }
  });

  it('all of them refuse a caller outside the user\'s IP allow list with HTTP 403', async () => {
    for (const [path, body] of routes) {
      error(await call(app, path, { ...fenced.creds, ...body() }, { remoteAddress: '198.51.100.1' }), 403);
    }
  });

  it('all of them answer malformed JSON with HTTP 400, an oversized body with 413, and GET/PUT/DELETE with 405', async () => {
    for (const [path] of routes) {
      error(await call(app, path, undefined, { raw: '{"u": "x", ' }), 400);
      error(await call(app, path, undefined, { raw: JSON.stringify({ ...a.creds, pad: 'x'.repeat(40 * 1024) }) }), 413);
      for (const method of ['GET', 'PUT', 'DELETE']) error(await call(app, path, method === 'GET' ? undefined : a.creds, { method }), 405);
    }
  });

  it('literal segments win over parameters (import is not a status, it is served: 400 without a certificate; Shipped is no status)', async () => {
    error(await call(app, '/orders/certificates/import', a.creds), 400);
    error(await call(app, '/orders/certificates/Shipped', a.creds), 404);
  });

  it('the face\'s own body parsing does not leak: the sandbox API still parses JSON', async () => {
    const res = await app.http.inject({ method: 'POST', url: '/_sandbox/accounts', payload: { username: 'leakcheck', password: 'leak check pass' } });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body).code).toMatch(/^RB\d+$/);
  });
});
