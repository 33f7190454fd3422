// Tags through the Openprovider face.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { CUSTOMER, call, expectError, login } from './client.ts';

type List = { results: Array<{ key: string; value: string }>; total: number };

let app: TestApp;
let token: string;

beforeAll(async () => {
  app = await testApp();
  token = await login(app, await app.account());
});
afterAll(async () => app.close());

const values = async (q = '') => (await call<List>(app, 'GET', `/v1beta/tags${q}`, { token })).body.data.results.map((t) => t.value);

describe('tags', () => {
  it('creates, lists (with key/value filters) and deletes tags', async () => {
    expect((await call(app, 'POST', '/v1beta/tags', { token, json: { key: 'customer', value: 'VIP' } })).text).toBe('{"code":0,"data":{"success":true},"desc":""}');
    await call(app, 'POST', '/v1beta/tags', { token, json: { key: 'customer', value: 'Reseller' } });
    const list = await call<List>(app, 'GET', '/v1beta/tags', { token });
    expect(list.body.data).toEqual({ results: [{ key: 'customer', value: 'VIP' }, { key: 'customer', value: 'Reseller' }], total: 2 });
    expect(await values('?value=VIP')).toEqual(['VIP']);
    expect(await values('?key=customer')).toHaveLength(2);
    expect((await call(app, 'DELETE', '/v1beta/tags?key=customer&value=Reseller', { token })).status).toBe(200);
    expect(await values()).toEqual(['VIP']);
  });

  it('deletes with the value alone (key defaults to customer) and removes the tag from customers', async () => {
    await call(app, 'POST', '/v1beta/tags', { token, json: { key: 'customer', value: 'Gold' } });
    const { body } = await call<{ handle: string }>(app, 'POST', '/v1beta/customers', { token, json: { ...CUSTOMER, tags: [{ key: 'customer', value: 'Gold' }] } });
    expect((await call(app, 'DELETE', '/v1beta/tags?value=Gold', { token })).status).toBe(200);
    expect(await values()).not.toContain('Gold');
    expect((await call<{ tags: unknown[] }>(app, 'GET', `/v1beta/customers/${body.data.handle}`, { token })).body.data.tags).toEqual([]);
  });

  it('understands a DELETE that carries the tag as a JSON body', async () => {
    await call(app, 'POST', '/v1beta/tags', { token, json: { key: 'customer', value: 'Body' } });
    expect((await call(app, 'DELETE', '/v1beta/tags', { token, json: { key: 'customer', value: 'Body' } })).status).toBe(200);
    expect(await values()).not.toContain('Body');
  });

  it('answers an unknown tag on DELETE with code 831 and HTTP 404', async () => {
    expectError(await call(app, 'DELETE', '/v1beta/tags?key=customer&value=Nope', { token }), 831, 404);
  });

  it('refuses a DELETE without value with code 101 and HTTP 400', async () => {
    expectError(await call(app, 'DELETE', '/v1beta/tags?key=customer', { token }), 101, 400);
  });

  const bad: Array<[string, unknown, number]> = [
    ['a key other than customer', { key: 'domain', value: 'x' }, 101],
    ['a missing value', { key: 'customer' }, 101],
    ['a missing key', { value: 'x' }, 101],
    ['a value that is not a string', { key: 'customer', value: 7 }, 101],
    ['an unknown field', { key: 'customer', value: 'x', colour: 'red' }, 101],
    ['a tag that exists already', { key: 'customer', value: 'VIP' }, 832],
  ];
  for (const [what, json, code] of bad) {
    it(`refuses ${what} with code ${code} and HTTP 400, writing nothing`, async () => {
      const before = await values();
      expectError(await call(app, 'POST', '/v1beta/tags', { token, json }), code, 400);
      expect(await values()).toEqual(before);
    });
  }

  it('refuses malformed JSON on POST with code 100 and HTTP 400', async () => {
    expectError(await call(app, 'POST', '/v1beta/tags', { token, body: '{"key":', headers: { 'content-type': 'application/json' } }), 100, 400);
  });
});
