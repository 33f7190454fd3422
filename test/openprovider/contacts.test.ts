// Contacts (the reseller's users who log in) through the Openprovider face.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { call, expectError, login } from './client.ts';

interface Contact {
  id: number;
  username: string;
  email: string;
  role: string;
  comments: string;
  reseller_id: number;
  is_active: boolean;
  api_access_enabled: boolean;
  api_client_ip_list: { allow: string[]; deny: string[] };
  name: Record<string, string>;
  additional_data: Record<string, string>;
  last_login_at: string;
}
type List = { results: Contact[]; total: number };

let app: TestApp;
let who: Awaited<ReturnType<TestApp['account']>>;
let token: string;
let n = 0;

beforeAll(async () => {
  app = await testApp();
  who = await app.account();
  token = await login(app, who);
});
afterAll(async () => app.close());

const newContact = (over: Record<string, unknown> = {}) => {
  n++;
  return { username: `tech${n}`, password: 'a long password', email: `tech${n}@example.test`, role: 'tech', name: { first_name: 'Tess', last_name: `Tech${n}` }, ...over };
};
const total = async () => (await call<List>(app, 'GET', '/v1beta/contacts', { token })).body.data.total;

describe('POST /v1beta/contacts', () => {
  it('creates a contact that can log in, returns {id, token} and never shows the password', async () => {
    const body = newContact({ additional_data: { birth_city: 'Utrecht' }, kpp: '123' });
    const res = await call<{ id: number; token: string }>(app, 'POST', '/v1beta/contacts', { token, json: body });
    expect(res.status).toBe(200);
    expect(res.body.data.token).toMatch(/^[0-9a-f]{32}$/);
    // the returned token works
    expect((await call(app, 'GET', '/v1beta/customers', { token: res.body.data.token })).status).toBe(200);
    const got = await call<Contact>(app, 'GET', `/v1beta/contacts/${res.body.data.id}?with_additional_data=1`, { token });
    expect(got.body.data).toMatchObject({ id: res.body.data.id, username: body.username, email: body.email, role: 'tech', reseller_id: who.accountId, is_active: true, api_access_enabled: true, additional_data: { birth_city: 'Utrecht' } });
    expect(got.text).not.toContain('a long password');
    expect(got.text).not.toMatch(/"password":/);
    // and the password logs in
    expect(await login(app, { username: body.username, password: body.password })).toMatch(/^[0-9a-f]{32}$/);
  });

  const bad: Array<[string, Record<string, unknown>, number]> = [
    ['a missing username', { username: undefined }, 101],
    ['a missing password', { password: undefined }, 101],
    ['a missing email', { email: undefined }, 101],
    ['a role that does not exist', { role: 'overlord' }, 101],
    ['a boolean that is not one', { is_active: 'perhaps' }, 101],
    ['an unknown field', { shoe_size: 44 }, 101],
    ['a password that is too short', { password: 'short' }, 101],
    ['a username already taken', { username: 'DUP' }, 812],
  ];
  for (const [what, over, code] of bad) {
    it(`refuses ${what} with code ${code} and HTTP 400, writing nothing`, async () => {
      if (over.username === 'DUP') over.username = who.username;
      const before = await total();
      expectError(await call(app, 'POST', '/v1beta/contacts', { token, json: newContact(over) }), code, 400);
      expect(await total()).toBe(before);
    });
  }
});

describe('GET /v1beta/contacts and /v1beta/contacts/{id}', () => {
  it('lists the users of the reseller with patterns and role filters', async () => {
    const local = await testApp();
    try {
      const w = await local.account();
      const t = await login(local, w);
      await call(local, 'POST', '/v1beta/contacts', { token: t, json: { username: 'billy', password: 'a long password', email: 'billy@corp.example', role: 'billing', name: { first_name: 'Bill', last_name: 'Payne' }, company_name: 'Corp' } });
      const names = async (q: string) => (await call<List>(local, 'GET', `/v1beta/contacts?${q}`, { token: t })).body.data.results.map((c) => c.username);
      expect(await names('')).toEqual([w.username, 'billy']);
      expect(await names('role=billing')).toEqual(['billy']);
      expect(await names('email_pattern=*@corp.example')).toEqual(['billy']);
      expect(await names('username_pattern=bil*')).toEqual(['billy']);
      expect(await names('last_name_pattern=payne')).toEqual(['billy']);
      expect(await names('company_name_pattern=Co*')).toEqual(['billy']);
      expect(await names('order_by=username&order=desc')).toEqual([w.username, 'billy'].sort().reverse());
      expect(await names('limit=1&offset=1')).toEqual(['billy']);
      expect((await call<List>(local, 'GET', '/v1beta/contacts?limit=1', { token: t })).body.data.total).toBe(2);
      expectError(await call(local, 'GET', '/v1beta/contacts?order_by=height', { token: t }), 101, 400);
    } finally {
      await local.close();
    }
  });

  it('answers an unknown or non-numeric id with code 811 and HTTP 404', async () => {
    expectError(await call(app, 'GET', '/v1beta/contacts/99999999', { token }), 811, 404);
    expectError(await call(app, 'GET', '/v1beta/contacts/abc', { token }), 811, 404);
  });
});

describe('PUT /v1beta/contacts/{id}', () => {
  it('changes only the fields sent', async () => {
    const { body } = await call<{ id: number }>(app, 'POST', '/v1beta/contacts', { token, json: newContact({ comments: 'first' }) });
    expect((await call(app, 'PUT', `/v1beta/contacts/${body.data.id}`, { token, json: { role: 'admin', kpj: '7' } })).status).toBe(200);
    const c = (await call<Contact>(app, 'GET', `/v1beta/contacts/${body.data.id}`, { token })).body.data;
    expect(c).toMatchObject({ role: 'admin', comments: 'first' });
  });

  it('applies api_client_ip_list: calls from outside the allow list are refused with code 196, from inside accepted', async () => {
    const creds = newContact();
    const { body } = await call<{ id: number }>(app, 'POST', '/v1beta/contacts', { token, json: creds });
    expect((await call(app, 'PUT', `/v1beta/contacts/${body.data.id}`, { token, json: { api_client_ip_list: { allow: ['10.9.9.0/24'], deny: ['10.9.9.66'] } } })).status).toBe(200);
    const c = (await call<Contact>(app, 'GET', `/v1beta/contacts/${body.data.id}`, { token })).body.data;
    expect(c.api_client_ip_list).toEqual({ allow: ['10.9.9.0/24'], deny: ['10.9.9.66'] });
    expectError(await call(app, 'POST', '/v1beta/auth/login', { json: { username: creds.username, password: creds.password }, remoteAddress: '192.0.2.1' }), 196, 403);
    expectError(await call(app, 'POST', '/v1beta/auth/login', { json: { username: creds.username, password: creds.password }, remoteAddress: '10.9.9.66' }), 196, 403);
    const t = await login(app, creds, { remoteAddress: '10.9.9.5' });
    expect((await call(app, 'GET', '/v1beta/tags', { token: t, remoteAddress: '10.9.9.5' })).status).toBe(200);
    expectError(await call(app, 'GET', '/v1beta/tags', { token: t, remoteAddress: '192.0.2.1' }), 196, 403);
  });

  it('refuses bad input with HTTP 400 and writes nothing; an unknown id is 811/404', async () => {
    const { body } = await call<{ id: number }>(app, 'POST', '/v1beta/contacts', { token, json: newContact({ comments: 'keep' }) });
    const id = body.data.id;
    expectError(await call(app, 'PUT', `/v1beta/contacts/${id}`, { token, json: { comments: 'x', api_client_ip_list: { allow: ['not-an-ip'] } } }), 101, 400);
    expectError(await call(app, 'PUT', `/v1beta/contacts/${id}`, { token, json: { comments: 3 } }), 101, 400);
    expectError(await call(app, 'PUT', `/v1beta/contacts/${id}`, { token, json: { comments: 'x', password: 'new password 123' } }), 101, 400);
    expectError(await call(app, 'PUT', `/v1beta/contacts/${id}`, { token, body: '{', headers: { 'content-type': 'application/json' } }), 100, 400);
    expectError(await call(app, 'PUT', `/v1beta/contacts/${id}`, { token, json: { id: id + 1, comments: 'x' } }), 101, 400);
    expect((await call<Contact>(app, 'GET', `/v1beta/contacts/${id}`, { token })).body.data.comments).toBe('keep');
    expectError(await call(app, 'PUT', '/v1beta/contacts/99999999', { token, json: { comments: 'x' } }), 811, 404);
  });
});

describe('DELETE /v1beta/contacts/{id}', () => {
  it('deletes a contact, whose tokens stop working', async () => {
    const creds = newContact();
    const { body } = await call<{ id: number; token: string }>(app, 'POST', '/v1beta/contacts', { token, json: creds });
    expect((await call(app, 'DELETE', `/v1beta/contacts/${body.data.id}`, { token })).text).toBe('{"code":0,"data":{"success":true},"desc":""}');
    expectError(await call(app, 'GET', `/v1beta/contacts/${body.data.id}`, { token }), 811, 404);
    expectError(await call(app, 'GET', '/v1beta/tags', { token: body.data.token }), 196, 401);
    expectError(await call(app, 'DELETE', `/v1beta/contacts/${body.data.id}`, { token }), 811, 404);
  });

  it('refuses to delete the calling contact itself with code 197 and HTTP 403', async () => {
    expectError(await call(app, 'DELETE', `/v1beta/contacts/${who.userId}`, { token }), 197, 403);
    expect((await call(app, 'GET', `/v1beta/contacts/${who.userId}`, { token })).status).toBe(200);
  });
});
