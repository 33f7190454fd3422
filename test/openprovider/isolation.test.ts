// Tenancy: a second reseller can neither read nor change the first reseller's customers, contacts, tags,
// verifications or reseller data, through any route (unknown to it: 404).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { CUSTOMER, call, expectError, login } from './client.ts';

let app: TestApp;
let a: Awaited<ReturnType<TestApp['account']>>;
let b: Awaited<ReturnType<TestApp['account']>>;
let ta: string;
let tb: string;
let handle: string;
let customerId: number;

type List<T = Record<string, unknown>> = { results: T[]; total: number };

beforeAll(async () => {
  app = await testApp();
  a = await app.account();
  b = await app.account();
  ta = await login(app, a);
  tb = await login(app, b);
  await call(app, 'POST', '/v1beta/tags', { token: ta, json: { key: 'customer', value: 'A-only' } });
  handle = (await call<{ handle: string }>(app, 'POST', '/v1beta/customers', { token: ta, json: { ...CUSTOMER, email: 'a.customer@example.com', comments: 'A', tags: [{ key: 'customer', value: 'A-only' }] } })).body.data.handle;
  customerId = (await call<{ id: number }>(app, 'GET', `/v1beta/customers/${handle}`, { token: ta })).body.data.id;
  await call(app, 'POST', '/v1beta/customers/verifications/emails/start', { token: ta, json: { email: 'a.customer@example.com', handle } });
});
afterAll(async () => app.close());

const aCustomer = async () => (await call<{ comments: string; is_deleted: boolean }>(app, 'GET', `/v1beta/customers/${handle}`, { token: ta })).body.data;

describe('customers', () => {
  it('GET /customers lists only the caller\'s customers', async () => {
    expect((await call<List>(app, 'GET', '/v1beta/customers', { token: tb })).body.data.total).toBe(0);
    expect((await call<List>(app, 'GET', '/v1beta/customers?handle_pattern=*', { token: tb })).body.data.total).toBe(0);
  });
  it('POST /customers by B is not seen by A', async () => {
    const before = (await call<List>(app, 'GET', '/v1beta/customers', { token: ta })).body.data.total;
    await call(app, 'POST', '/v1beta/customers', { token: tb, json: CUSTOMER });
    expect((await call<List>(app, 'GET', '/v1beta/customers', { token: ta })).body.data.total).toBe(before);
  });
  it('GET /customers/{handle} of A is 404 for B, by handle and by id', async () => {
    expectError(await call(app, 'GET', `/v1beta/customers/${handle}`, { token: tb }), 821, 404);
    expectError(await call(app, 'GET', `/v1beta/customers/${customerId}`, { token: tb }), 821, 404);
  });
  it('PUT /customers/{handle} of A is 404 for B and changes nothing', async () => {
    expectError(await call(app, 'PUT', `/v1beta/customers/${handle}`, { token: tb, json: { comments: 'B was here' } }), 821, 404);
    expect((await aCustomer()).comments).toBe('A');
  });
  it('DELETE /customers/{handle} of A is 404 for B and deletes nothing', async () => {
    expectError(await call(app, 'DELETE', `/v1beta/customers/${handle}`, { token: tb }), 821, 404);
    expect((await aCustomer()).is_deleted).toBe(false);
  });
});

describe('contacts', () => {
  it('GET /contacts lists only the caller\'s users', async () => {
    const list = (await call<List<{ username: string }>>(app, 'GET', '/v1beta/contacts', { token: tb })).body.data;
    expect(list.results.map((c) => c.username)).toEqual([b.username]);
  });
  it('POST /contacts by B is not seen by A', async () => {
    await call(app, 'POST', '/v1beta/contacts', { token: tb, json: { username: 'b-helper', password: 'a long password', email: 'b-helper@example.test', name: { first_name: 'B', last_name: 'H' } } });
    expect((await call<List<{ username: string }>>(app, 'GET', '/v1beta/contacts', { token: ta })).body.data.results.map((c) => c.username)).toEqual([a.username]);
  });
  it('GET, PUT and DELETE /contacts/{id} of A are 404 for B and change nothing', async () => {
    expectError(await call(app, 'GET', `/v1beta/contacts/${a.userId}`, { token: tb }), 811, 404);
    expectError(await call(app, 'PUT', `/v1beta/contacts/${a.userId}`, { token: tb, json: { comments: 'B', api_client_ip_list: { allow: ['192.0.2.1'] } } }), 811, 404);
    expectError(await call(app, 'DELETE', `/v1beta/contacts/${a.userId}`, { token: tb }), 811, 404);
    const mine = (await call<{ comments: string; api_client_ip_list: { allow: string[] } }>(app, 'GET', `/v1beta/contacts/${a.userId}`, { token: ta })).body.data;
    expect(mine).toMatchObject({ comments: '', api_client_ip_list: { allow: [] } });
  });
});

describe('tags', () => {
  it('GET /tags lists only the caller\'s tags', async () => {
    expect((await call<List>(app, 'GET', '/v1beta/tags', { token: tb })).body.data).toEqual({ results: [], total: 0 });
  });
  it('POST /tags by B with A\'s value is B\'s own tag', async () => {
    expect((await call(app, 'POST', '/v1beta/tags', { token: tb, json: { key: 'customer', value: 'B-only' } })).status).toBe(200);
    expect((await call<List<{ value: string }>>(app, 'GET', '/v1beta/tags', { token: ta })).body.data.results.map((t) => t.value)).toEqual(['A-only']);
  });
  it('DELETE /tags of A\'s tag is 404 for B and A keeps it (and its customer keeps it)', async () => {
    expectError(await call(app, 'DELETE', '/v1beta/tags?key=customer&value=A-only', { token: tb }), 831, 404);
    expect((await call<List<{ value: string }>>(app, 'GET', '/v1beta/tags', { token: ta })).body.data.results.map((t) => t.value)).toEqual(['A-only']);
    expect((await call<{ tags: unknown[] }>(app, 'GET', `/v1beta/customers/${handle}`, { token: ta })).body.data.tags).toEqual([{ key: 'customer', value: 'A-only' }]);
  });
  it('B cannot tag its customer with A\'s tag', async () => {
    expectError(await call(app, 'POST', '/v1beta/customers', { token: tb, json: { ...CUSTOMER, tags: [{ key: 'customer', value: 'A-only' }] } }), 831, 404);
  });
});

describe('email verification', () => {
  it('B sees none of A\'s verifications, cannot start one for A\'s handle, nor restart A\'s', async () => {
    expect((await call<List>(app, 'GET', '/v1beta/customers/verifications/emails/domains', { token: tb })).body.data.total).toBe(0);
    expectError(await call(app, 'POST', '/v1beta/customers/verifications/emails/start', { token: tb, json: { email: 'x@example.com', handle } }), 821, 404);
    expectError(await call(app, 'POST', '/v1beta/customers/verifications/emails/restart', { token: tb, json: { email: 'a.customer@example.com' } }), 841, 404);
    expect((await call<List>(app, 'GET', '/v1beta/customers/verifications/emails/domains', { token: ta })).body.data.total).toBe(1);
  });
});

describe('resellers', () => {
  it('GET /resellers, settings and statistics answer the caller\'s own account', async () => {
    expect((await call<{ id: number }>(app, 'GET', '/v1beta/resellers', { token: tb })).body.data.id).toBe(b.accountId);
    expect((await call<{ customer: { total: number } }>(app, 'GET', '/v1beta/resellers/statistics', { token: tb })).body.data.customer.total).toBe(1);
    expect((await call<{ tags: string[] }>(app, 'GET', '/v1beta/resellers/settings', { token: tb })).body.data.tags).toEqual(['B-only']);
  });
  it('PUT /resellers/{A} is 404 for B and changes nothing', async () => {
    expectError(await call(app, 'PUT', `/v1beta/resellers/${a.accountId}`, { token: tb, json: { comments: 'B' } }), 801, 404);
    expect((await call<{ comments: string }>(app, 'GET', '/v1beta/resellers', { token: ta })).body.data.comments).toBe('');
  });
});
