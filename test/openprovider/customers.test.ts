// Customers (handles) through the Openprovider face: every route, its errors, and what it writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { CUSTOMER, call, expectError, login } from './client.ts';

interface Customer {
  handle: string;
  id: number;
  email: string;
  comments: string;
  company_name: string;
  name: { first_name: string; last_name: string; full_name: string; initials: string; prefix: string };
  address: Record<string, string>;
  phone: Record<string, string>;
  fax: Record<string, string>;
  vat: string;
  tags: Array<{ key: string; value: string }>;
  reseller_id: number;
  is_deleted: boolean;
  deleted_at: string;
  comments_last_changed_at: string;
  additional_data: Record<string, unknown>;
  extension_additional_data: Array<{ name: string; data: Record<string, string> }>;
  email_verification_status: string;
}
type List = { results: Customer[]; total: number };

let app: TestApp;
let who: Awaited<ReturnType<TestApp['account']>>;
let token: string;

beforeAll(async () => {
  app = await testApp();
  who = await app.account();
  token = await login(app, who);
  await call(app, 'POST', '/v1beta/tags', { token, json: { key: 'customer', value: 'VIP' } });
});
afterAll(async () => app.close());

const create = async (over: Record<string, unknown> = {}) => {
  const res = await call<{ handle: string }>(app, 'POST', '/v1beta/customers', { token, json: { ...CUSTOMER, ...over } });
  expect(res.status).toBe(200);
  return res.body.data.handle;
};
const get = async (handle: string, query = '') => (await call<Customer>(app, 'GET', `/v1beta/customers/${handle}${query}`, { token })).body.data;
const total = async () => (await call<List>(app, 'GET', '/v1beta/customers', { token })).body.data.total;

describe('POST /v1beta/customers', () => {
  it('creates a handle of the form XX123456-XX (initials, six digits, country) and returns it in data.handle', async () => {
    const handle = await create({ tags: [{ key: 'customer', value: 'VIP' }], vat: 'NL123', fax: { country_code: '+31', area_code: '20', subscriber_number: '7654321' } });
    expect(handle).toMatch(/^JD\d{6}-NL$/);
    const c = await get(handle);
    expect(c).toMatchObject({
      handle, email: CUSTOMER.email, reseller_id: who.accountId, is_deleted: false, deleted_at: '0000-00-00 00:00:00', vat: 'NL123',
      name: { first_name: 'John', last_name: 'Doe', full_name: 'John Doe', initials: 'J.', prefix: '' },
      address: { street: 'Main Street', number: '12', suffix: 'a', zipcode: '1234AB', city: 'Amsterdam', state: 'NH', country: 'NL' },
      phone: { country_code: '+31', area_code: '20', subscriber_number: '1234567' },
      fax: { country_code: '+31', area_code: '20', subscriber_number: '7654321' },
      tags: [{ key: 'customer', value: 'VIP' }],
    });
  });

  it('keeps additional data and extension data and shows additional data only with with_additional_data', async () => {
    const handle = await create({ additional_data: { birth_date: '1980-02-03', company_url: 'https://x.example', cost_center: 'kept but not shown' }, extension_additional_data: [{ name: 'eu', data: { country_of_citizenship: 'NL' } }] });
    expect((await get(handle)).additional_data).toEqual({});
    const full = await get(handle, '?with_additional_data=true');
    expect(full.additional_data).toMatchObject({ birth_date: '1980-02-03', company_url: 'https://x.example', trading_name: '', attached_files: [] });
    expect(full.additional_data).not.toHaveProperty('cost_center');
    expect(full.extension_additional_data).toEqual([{ name: 'eu', data: { country_of_citizenship: 'NL' } }]);
    expect((await get(handle, '?with_additional_data=1')).additional_data).toHaveProperty('birth_date');
  });

  const bad: Array<[string, Record<string, unknown> | string, number]> = [
    ['malformed JSON', '{"name":{', 100],
    ['a body that is an array', '[]', 101],
    ['missing email', { ...CUSTOMER, email: undefined }, 101],
    ['missing name', { ...CUSTOMER, name: undefined }, 101],
    ['missing address', { ...CUSTOMER, address: undefined }, 101],
    ['missing phone', { ...CUSTOMER, phone: undefined }, 101],
    ['a number where a string belongs', { ...CUSTOMER, email: 42 }, 101],
    ['an object where a string belongs', { ...CUSTOMER, name: { first_name: { x: 1 }, last_name: 'Doe' } }, 101],
    ['an unknown top-level field', { ...CUSTOMER, favourite_colour: 'blue' }, 101],
    ['an unknown field in the address', { ...CUSTOMER, address: { ...CUSTOMER.address, planet: 'Mars' } }, 101],
    ['an invalid email', { ...CUSTOMER, email: 'not-an-email' }, 822],
    ['a country that is not ISO 3166 alpha-2', { ...CUSTOMER, address: { ...CUSTOMER.address, country: 'Netherlands' } }, 822],
  ];
  for (const [what, body, code] of bad) {
    it(`refuses ${what} with code ${code} and HTTP 400, writing nothing`, async () => {
      const before = await total();
      const payload = typeof body === 'string' ? body : JSON.stringify(body);
      expectError(await call(app, 'POST', '/v1beta/customers', { token, body: payload, headers: { 'content-type': 'application/json' } }), code, 400);
      expect(await total()).toBe(before);
    });
  }

  it('refuses a tag that does not exist with code 831, writing nothing', async () => {
    const before = await total();
    expectError(await call(app, 'POST', '/v1beta/customers', { token, json: { ...CUSTOMER, tags: [{ key: 'customer', value: 'nope' }] } }), 831, 404);
    expect(await total()).toBe(before);
  });
});

describe('GET /v1beta/customers/{handle}', () => {
  it('answers an unknown handle with code 821 and HTTP 404', async () => {
    expectError(await call(app, 'GET', '/v1beta/customers/ZZ999999-ZZ', { token }), 821, 404);
  });

  it('finds a customer by its numeric id too', async () => {
    const handle = await create();
    const c = await get(handle);
    expect((await get(String(c.id))).handle).toBe(handle);
  });
});

describe('PUT /v1beta/customers/{handle}', () => {
  it('changes only the fields sent (partial update) and stamps comments_last_changed_at', async () => {
    const handle = await create({ vat: 'NL1' });
    const res = await call(app, 'PUT', `/v1beta/customers/${handle}`, { token, json: { comments: 'hello', phone: { subscriber_number: '9999999' } } });
    expect(res.text).toBe('{"code":0,"data":{"success":true},"desc":""}');
    const c = await get(handle);
    expect(c.comments).toBe('hello');
    expect(c.comments_last_changed_at).toBe('2026-06-01 12:00:00');
    expect(c.phone).toEqual({ country_code: '+31', area_code: '20', subscriber_number: '9999999' });
    expect(c.vat).toBe('NL1');
    expect(c.email).toBe(CUSTOMER.email);
    expect(c.address.city).toBe('Amsterdam');
  });

  it('refuses a change of name or company name with code 824 and HTTP 400, writing nothing', async () => {
    const handle = await create();
    expectError(await call(app, 'PUT', `/v1beta/customers/${handle}`, { token, json: { name: { first_name: 'Jane' }, comments: 'x' } }), 824, 400);
    expectError(await call(app, 'PUT', `/v1beta/customers/${handle}`, { token, json: { company_name: 'ACME' } }), 824, 400);
    const c = await get(handle);
    expect(c.name.first_name).toBe('John');
    expect(c.company_name).toBe('');
    expect(c.comments).toBe('');
    // sending the same name is no change
    expect((await call(app, 'PUT', `/v1beta/customers/${handle}`, { token, json: { name: { first_name: 'John' }, comments: 'same name' } })).status).toBe(200);
  });

  it('refuses wrong types, unknown fields and malformed JSON with HTTP 400, writing nothing', async () => {
    const handle = await create();
    expectError(await call(app, 'PUT', `/v1beta/customers/${handle}`, { token, json: { comments: 5 } }), 101, 400);
    expectError(await call(app, 'PUT', `/v1beta/customers/${handle}`, { token, json: { comments: 'x', colour: 'red' } }), 101, 400);
    expectError(await call(app, 'PUT', `/v1beta/customers/${handle}`, { token, body: '{"comments":', headers: { 'content-type': 'application/json' } }), 100, 400);
    expectError(await call(app, 'PUT', `/v1beta/customers/${handle}`, { token, json: { email: 'broken' } }), 822, 400);
    const c = await get(handle);
    expect(c.comments).toBe('');
    expect(c.email).toBe(CUSTOMER.email);
  });

  it('answers an unknown handle with code 821 and HTTP 404', async () => {
    expectError(await call(app, 'PUT', '/v1beta/customers/ZZ999999-ZZ', { token, json: { comments: 'x' } }), 821, 404);
  });
});

describe('DELETE /v1beta/customers/{handle}', () => {
  it('deletes a handle: it is then unknown and no longer listed', async () => {
    const handle = await create({ email: 'todelete@example.com' });
    const res = await call(app, 'DELETE', `/v1beta/customers/${handle}`, { token });
    expect(res.text).toBe('{"code":0,"data":{"success":true},"desc":""}');
    expectError(await call(app, 'GET', `/v1beta/customers/${handle}`, { token }), 821, 404);
    expect((await call<List>(app, 'GET', '/v1beta/customers?email_pattern=todelete*', { token })).body.data.total).toBe(0);
    expectError(await call(app, 'DELETE', `/v1beta/customers/${handle}`, { token }), 821, 404);
  });

  it('refuses to delete a handle a product uses with code 823 and HTTP 400', async () => {
    const handle = await create();
    const usage = app.store.transaction.bind(app.store);
    // no product capability exists yet: make the core's usage port report one product for this call
    const original = app.store.transaction;
    app.store.transaction = ((fn: Parameters<typeof original>[0]) => usage((uow) => fn({ ...uow, contactUsage: async () => 1 }))) as typeof original;
    try {
      expectError(await call(app, 'DELETE', `/v1beta/customers/${handle}`, { token }), 823, 400);
    } finally {
      app.store.transaction = original;
    }
    expect((await get(handle)).is_deleted).toBe(false);
  });
});

describe('GET /v1beta/customers', () => {
  it('filters with * patterns, type, pattern over names and handle, comment_pattern, and orders', async () => {
    const local = await testApp();
    try {
      const w = await local.account();
      const t = await login(local, w);
      const mk = async (first: string, last: string, extra: Record<string, unknown> = {}) =>
        (await call<{ handle: string }>(local, 'POST', '/v1beta/customers', { token: t, json: { ...CUSTOMER, name: { first_name: first, last_name: last }, email: `${first.toLowerCase()}@example.com`, ...extra } })).body.data.handle;
      await mk('Carsten', 'Visser', { comments: 'gold member' });
      await mk('Carmen', 'Berg');
      await mk('Anna', 'Smit', { company_name: 'ACME BV' });
      const names = async (q: string) => (await call<List>(local, 'GET', `/v1beta/customers?${q}`, { token: t })).body.data.results.map((c) => c.name.first_name);
      expect(await names('first_name_pattern=Car%2Aten')).toEqual(['Carsten']);
      expect(await names('first_name_pattern=car*')).toEqual(['Carsten', 'Carmen']);
      expect(await names('last_name_pattern=smit')).toEqual(['Anna']);
      expect(await names('email_pattern=*men@*')).toEqual(['Carmen']);
      expect(await names('company_name_pattern=ACME*')).toEqual(['Anna']);
      expect(await names('type=company')).toEqual(['Anna']);
      expect(await names('type=individual')).toEqual(['Carsten', 'Carmen']);
      expect(await names('comment_pattern=*gold*')).toEqual(['Carsten']);
      expect(await names('pattern=*berg*')).toEqual(['Carmen']);
      expect(await names('handle_pattern=AS*')).toEqual(['Anna']);
      expect(await names('order_by=first_name&order=desc')).toEqual(['Carsten', 'Carmen', 'Anna']);
      expect(await names('order_by=first_name&order=ASC')).toEqual(['Anna', 'Carmen', 'Carsten']);
      // the dotted order form, and repeated array keys (columns) as real clients send them (WIRE-FACTS §11)
      expect(await names('order_by.first_name=desc')).toEqual(['Carsten', 'Carmen', 'Anna']);
      expect(await names('order_by.last_name=asc&columns=firstName&columns=lastName')).toEqual(['Carmen', 'Anna', 'Carsten']);
      expectError(await call(local, 'GET', '/v1beta/customers?order_by.first_name=sideways', { token: t }), 101, 400);
      const list = await call<List>(local, 'GET', '/v1beta/customers?with_additional_data=true', { token: t });
      expect(list.body.data.total).toBe(3);
      expect(list.body.data.results[0]).toMatchObject({ reseller_id: w.accountId, is_deleted: false });
      expect(list.body.data.results[0]).not.toHaveProperty('fax');
      expectError(await call(local, 'GET', '/v1beta/customers?type=robot', { token: t }), 101, 400);
      expectError(await call(local, 'GET', '/v1beta/customers?order_by=shoe_size', { token: t }), 101, 400);
      expectError(await call(local, 'GET', '/v1beta/customers?with_additional_data=maybe', { token: t }), 101, 400);
      expectError(await call(local, 'GET', `/v1beta/customers?reseller_id=${w.accountId + 1}`, { token: t }), 101, 400);
      expect((await call<List>(local, 'GET', `/v1beta/customers?reseller_id=${w.accountId}`, { token: t })).body.data.total).toBe(3);
    } finally {
      await local.close();
    }
  });
});
