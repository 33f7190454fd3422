// The SSL247 face's transport: envelopes, credentials, IP lists, body parsing, methods, unknown routes, limits.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { runFlow } from '../../src/core/runner.ts';
import { updateUser } from '../../src/core/users/flows/update-user.ts';
import { apiUser, call, counts, data, error, profileBody, reseller, type Reseller } from './helpers.ts';

describe('SSL247 envelopes and authentication', () => {
  let app: TestApp;
  let a: Reseller;
  beforeAll(async () => {
    app = await testApp({ bodyLimit: 64 * 1024 });
    a = await reseller(app);
  });
  afterAll(() => app?.close());

  it('answers a success in the documented envelope with StatusCode "200", StatusDescription "OK" and the sandbox time as YYYY-MM-DD HH:MM:SS', async () => {
    const r = await call(app, '/account/deposit', a.creds);
    data(r);
    expect(r.json.Date).toBe('2026-06-01 12:00:00');
    expect(String(r.headers['content-type'])).toMatch(/^application\/json/);
  });

  it('lets a super user in with email + password + the account key', async () => {
    expect(data(await call(app, '/account/deposit', { u: a.email, p: a.password, k: a.apiKey })).Deposit).toBeDefined();
  });

  it('lets a standard user (added through users/add) in with its own password and the account key', async () => {
    const added = data(await call(app, '/account/users/add', { ...a.creds, firstname: 'Stan', lastname: 'Dard', email: 'stan@example.test', password: 'stan password 1' }));
    expect(added.user_id).toMatch(/^\d+$/);
    expect(data(await call(app, '/account/deposit', { u: 'stan@example.test', p: 'stan password 1', k: a.apiKey })).Deposit).toBeDefined();
    error(await call(app, '/account/deposit', { u: 'stan@example.test', p: a.password, k: a.apiKey }), 401);
  });

  it('lets an API user in with its own key and no password, ignoring a p it sends, and refuses it the account key', async () => {
    const api = await apiUser(app, a.accountId, 'robot@example.test');
    expect(data(await call(app, '/account/deposit', { u: api.u, k: api.k })).Deposit).toBeDefined();
    expect(data(await call(app, '/account/deposit', { u: api.u, p: 'anything at all', k: api.k })).Deposit).toBeDefined();
    error(await call(app, '/account/deposit', { u: api.u, k: a.apiKey }), 401);
  });

  it('matches u case-insensitively, as an email address', async () => {
    data(await call(app, '/account/deposit', { ...a.creds, u: a.email.toUpperCase() }));
  });

  it('refuses a wrong key, a wrong password, an unknown user and missing credentials with the error envelope, Code "401" and HTTP 401', async () => {
    for (const creds of [
      { ...a.creds, k: 'wrong' },
      { ...a.creds, p: 'wrong password' },
      { ...a.creds, u: 'nobody@example.test' },
      { u: a.email, k: a.apiKey },
      { u: a.email, p: a.password },
      { p: a.password, k: a.apiKey },
      {},
    ]) {
      const msg = error(await call(app, '/account', creds), 401);
      expect(msg).not.toMatch(/stack|sql|at /i);
    }
    error(await call(app, '/account', undefined), 401);
  });

  it('refuses another account\'s key with a valid user and password (keys are per account)', async () => {
    const b = await reseller(app);
    error(await call(app, '/account', { ...a.creds, k: b.apiKey }), 401);
  });

  it('refuses a caller whose IP is not on the user\'s allow list with HTTP 403, and accepts one that is', async () => {
    const c = await reseller(app, { allowIps: ['10.1.2.0/24'] });
    const msg = error(await call(app, '/account', c.creds, { remoteAddress: '192.0.2.7' }), 403);
    expect(msg).toContain('192.0.2.7');
    data(await call(app, '/account', c.creds, { remoteAddress: '10.1.2.3' }));
  });

  it('refuses a user whose API access is disabled with HTTP 403', async () => {
    const d = await reseller(app);
    await runFlow(app.services, updateUser, { accountId: d.accountId, id: d.userId, changes: { apiAccessEnabled: false } });
    error(await call(app, '/account', d.creds), 403);
  });

  it('answers malformed JSON with HTTP 400 and the error envelope, and writes nothing', async () => {
    const before = await counts(app, a.accountId);
    for (const raw of ['{"u":', 'not json', '[1,2]', '"text"', '42']) {
      const msg = error(await call(app, '/account/contact-profile/add', undefined, { raw }), 400);
      expect(msg).toMatch(/malformed/i);
    }
    expect(await counts(app, a.accountId)).toEqual(before);
  });

  it('parses a JSON body whatever the Content-Type says (none, text/plain, form) and accepts a form-encoded body', async () => {
    const json = JSON.stringify(a.creds);
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream', 'application/json; charset=utf-8']) {
      data(await call(app, '/account/deposit', undefined, { raw: json, contentType }));
    }
    const form = new URLSearchParams({ u: a.email, p: a.password, k: a.apiKey }).toString();
    data(await call(app, '/account/deposit', undefined, { raw: form, contentType: 'application/x-www-form-urlencoded' }));
  });

  it('answers a body over the size limit with HTTP 413 and the error envelope', async () => {
    const big = JSON.stringify({ ...a.creds, ...profileBody({ address_3: 'x'.repeat(70 * 1024) }) });
    error(await call(app, '/account/contact-profile/add', undefined, { raw: big }), 413);
  });

  it('answers an unknown route under /api/v3 with HTTP 404 and the error envelope', async () => {
    for (const path of ['/nope', '/account/unknown', '/account/user', '/certificate/12/notatype', '/certificates/NotAStatus', '/generic/get-planets']) {
      const msg = error(await call(app, path, a.creds), 404);
      expect(msg).toContain('No such operation');
    }
  });

  it('answers GET, PUT, DELETE and PATCH on a documented route with HTTP 405 and the error envelope', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      for (const path of ['/account', '/account/user/1', '/account/contact-profile/add', '/generic/get-country-list', '/certificates']) {
        const msg = error(await call(app, path, method === 'GET' ? undefined : a.creds, { method }), 405);
        expect(msg).toContain('POST');
      }
    }
  });

  it('serves the import route (once answered 501): without a certificate PEM it is HTTP 400 in the error envelope, not 404', async () => {
    const msg = error(await call(app, '/orders/certificates/import', a.creds), 400);
    expect(msg).toContain('certificate');
  });

  it('tolerates a trailing slash', async () => {
    data(await call(app, '/account/deposit/', a.creds));
  });

  it('routes literal segments before parameters: contact-profile/add creates, it does not view a profile "add"', async () => {
    const r = data(await call(app, '/account/contact-profile/add', { ...a.creds, ...profileBody({ email: 'precedence@example.test' }) }));
    expect(Object.keys(r)).toEqual(['contact_id']);
  });

  it('answers an internal fault with HTTP 500, Code "500" and a generic message, never the cause', async () => {
    const store = app.services.store as { read: unknown };
    const read = store.read;
    store.read = async () => {
      throw new Error('SELECT password_hash FROM users -- boom');
    };
    try {
      expect(error(await call(app, '/account/deposit', a.creds), 500)).toBe('Internal error');
    } finally {
      store.read = read;
    }
    data(await call(app, '/account/deposit', a.creds));
  });

  it('journals the call under the authenticated account with p and k masked', async () => {
    await call(app, '/account/monthly-allowance', a.creds);
    await app.flushJournal();
    const res = await app.http.inject({ method: 'GET', url: '/_sandbox/requests?face=ssl247&path=/api/v3/account/monthly-allowance' });
    const entry = JSON.parse(res.body).results[0];
    expect(entry.account_id).toBe(a.accountId);
    expect(entry.request.p).toBe('***');
    expect(entry.request.k).toBe('***');
    expect(JSON.stringify(entry)).not.toContain(a.apiKey);
  });
});
