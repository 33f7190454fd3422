// Openprovider domain operations besides the lifecycle: list filters, update, trade, auth codes, TLDs, prices,
// additional data, nameservers, transactions — every response validated against the Swagger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { call, expectError } from '../openprovider/client.ts';
import { balance, createBody, reseller, type Reseller } from './helpers.ts';

type Domain = Record<string, unknown> & { id: number; status: string };
type List<T> = { results: T[]; total: number };

let app: TestApp;
let r: Reseller;
beforeAll(async () => {
  app = await testApp();
  r = await reseller(app);
});
afterAll(async () => {
  await app.close();
});

const create = async (who: Reseller, name: string, ext: string, extra: Record<string, unknown> = {}) => {
  const res = await call<{ id: number; status: string }>(app, 'POST', '/v1beta/domains', { token: who.token, json: createBody(who, name, ext, extra) });
  expect(res.status, res.text).toBe(200);
  return res.body.data.id;
};
const list = (q: string, who = r) => call<List<Domain>>(app, 'GET', `/v1beta/domains${q}`, { token: who.token });

describe('GET /domains filters', () => {
  it('filters by extension, full name, pattern, status, status_not_equal, contact handle, comment and paginates with a total', async () => {
    const o = await reseller(app);
    const ids = [await create(o, 'alpha-one', 'com', { comments: 'vip client' }), await create(o, 'alpha-two', 'net'), await create(o, 'beta-three', 'com')];
    expect((await list('?extension=com', o)).body.data.results.map((d) => d.id).sort()).toEqual([ids[0], ids[2]].sort());
    expect((await list('?full_name=alpha-two.net', o)).body.data.results.map((d) => d.id)).toEqual([ids[1]]);
    expect((await list('?domain_name_pattern=alpha*', o)).body.data.total).toBe(2);
    expect((await list('?status=ACT', o)).body.data.total).toBe(3);
    expect((await list('?limit=2&domain_name_pattern=alpha%2A&status=act', o)).body.data.total).toBe(2);
    expect((await list('?status_not_equal=ACT&status_not_equal=DEL', o)).body.data.total).toBe(0);
    expect((await list(`?contact_handle=${o.handle}`, o)).body.data.total).toBe(3);
    expect((await list('?comment_pattern=vip*', o)).body.data.results.map((d) => d.id)).toEqual([ids[0]]);
    expect((await list(`?id=${ids[1]}`, o)).body.data.results.map((d) => d.id)).toEqual([ids[1]]);
    const page = await list('?limit=2&offset=0&order_by.domain_name=desc', o);
    expect(page.body.data).toMatchObject({ total: 3 });
    expect(page.body.data.results.map((d) => (d.domain as { name: string }).name)).toEqual(['beta-three', 'alpha-two']);
    const withData = await list('?with_additional_data=true&with_history=1&limit=1', o);
    expect((withData.body.data.results[0].history as unknown[]).length).toBeGreaterThan(0);
    expect(withData.text).toContain('"name":"');
  });

  it('refuses an unknown status and an unknown order_by key with code 101', async () => {
    expectError(await list('?status=XYZ'), 101, 400);
    expectError(await list('?order_by.colour=asc'), 101, 400);
  });
});

describe('PUT /domains/{id}', () => {
  it('changes only what is sent: nameservers with glue, lock, autorenew, comments, auth code', async () => {
    const id = await create(r, 'updatable', 'com', { name_servers: [{ name: 'ns1.example.net' }] });
    const before = (await call<Domain>(app, 'GET', `/v1beta/domains/${id}`, { token: r.token })).body.data;
    const res = await call(app, 'PUT', `/v1beta/domains/${id}`, {
      token: r.token,
      json: { name_servers: [{ name: 'ns1.updatable.com', ip: '192.0.2.1', seq_nr: 1 }, { name: 'ns2.example.net', seq_nr: 2 }], is_locked: true, autorenew: 'on', comments: 'note', reset_auth_code: true },
    });
    expect(res.body.data).toEqual({ id, status: 'ACT' });
    const after = (await call<Domain>(app, 'GET', `/v1beta/domains/${id}`, { token: r.token })).body.data;
    expect(after).toMatchObject({ is_locked: true, autorenew: 'on', comments: 'note', owner_handle: r.handle });
    expect(after.name_servers).toEqual([{ ip: '192.0.2.1', ip6: '', name: 'ns1.updatable.com', seq_nr: 1 }, { ip: '', ip6: '', name: 'ns2.example.net', seq_nr: 2 }]);
    expect(after.auth_code).not.toBe(before.auth_code);
  });

  it('refuses an owner change by update where the TLD wants a trade (.eu, code 321) and changes nothing', async () => {
    const other = await call<{ handle: string }>(app, 'POST', '/v1beta/customers', { token: r.token, json: { ...(await import('../openprovider/client.ts')).CUSTOMER, email: 'other@example.com', name: { first_name: 'Jane', last_name: 'Roe' } } });
    const id = await create(r, 'owner-locked', 'eu');
    expectError(await call(app, 'PUT', `/v1beta/domains/${id}`, { token: r.token, json: { owner_handle: other.body.data.handle, comments: 'x' } }), 321, 400);
    expect((await call<Domain>(app, 'GET', `/v1beta/domains/${id}`, { token: r.token })).body.data).toMatchObject({ owner_handle: r.handle, comments: '' });
  });
});

describe('DNSSEC', () => {
  const KEY = { alg: 8, flags: 257, protocol: 3, pub_key: 'AwEAAaz/tAm8yTn4Mfeh5eyI96WSVexTBAvkMgJzkKTOiW1vkIbzxeF3+/4RgWOq7HrxRixHlFlExOLAJr5emLvN7SWXgnLh4+B5xQlNVz8Og8kvArMtNROxVQuCaSnIDdD5LKyWbRd2n9WGe2R8PzgCmr3EgVLrjyBxWezF0jLHwVN8efS3rCj/EWgvIWgb9tarpVUDK/b58Da+sqqls3eNbuv7pr+eoZG+SrDK6nWeL3c6H5Apxz7LjVc1uTIdsIXxuOLYA4/ilBmSVIzuDWfdRUfhHdY6+cn8HFRm+2hM8AnXGXws9555KrUB5qihylGa8subX2Nn6UwNR1AkUTV74bU=' };

  it('registers with DNSSEC keys, shows them signed, and removes them with is_dnssec_enabled false', async () => {
    const id = await create(r, 'signed-zone', 'com', { is_dnssec_enabled: true, dnssec_keys: [KEY] });
    const got = (await call<Domain>(app, 'GET', `/v1beta/domains/${id}`, { token: r.token })).body.data;
    expect(got).toMatchObject({ dnssec: 'signedDelegation', is_dnssec_enabled: true, dnssec_keys: [{ ...KEY, readonly: 0 }] });
    await call(app, 'PUT', `/v1beta/domains/${id}`, { token: r.token, json: { is_dnssec_enabled: false } });
    expect((await call<Domain>(app, 'GET', `/v1beta/domains/${id}`, { token: r.token })).body.data).toMatchObject({ dnssec: 'unsigned', is_dnssec_enabled: false, dnssec_keys: [] });
  });

  it('refuses DNSSEC keys for a TLD without DNSSEC (.es, code 371) before anything is registered', async () => {
    const before = await balance(app, r.accountId);
    expectError(await call(app, 'POST', '/v1beta/domains', { token: r.token, json: createBody(r, 'sin-firma', 'es', { dnssec_keys: [KEY], additional_data: { id_number: '12345678Z' } }) }), 371, 400);
    expect(await balance(app, r.accountId)).toBe(before);
  });
});

describe('POST /domains/trade', () => {
  it('refuses a TLD that forbids trade with code 321', async () => {
    await create(r, 'no-trade', 'com');
    expectError(await call(app, 'POST', '/v1beta/domains/trade', { token: r.token, json: { domain: { name: 'no-trade', extension: 'com' }, owner_handle: r.handle, admin_handle: r.handle, tech_handle: r.handle } }), 321, 400);
  });

  it('trades a .nl domain to a new owner, debiting the trade price, type TRADE', async () => {
    const other = await call<{ handle: string }>(app, 'POST', '/v1beta/customers', { token: r.token, json: { ...(await import('../openprovider/client.ts')).CUSTOMER, email: 'new-owner@example.com', name: { first_name: 'Nick', last_name: 'New' } } });
    const id = await create(r, 'tradeable', 'nl');
    const start = await balance(app, r.accountId);
    const res = await call<{ status: string; expiration_date: string }>(app, 'POST', '/v1beta/domains/trade', { token: r.token, json: { domain: { name: 'tradeable', extension: 'nl' }, owner_handle: other.body.data.handle } });
    expect(res.body.data.status).toBe('ACT');
    expect(await balance(app, r.accountId)).toBe(start - 1000);
    expect((await call<Domain>(app, 'GET', `/v1beta/domains/${id}`, { token: r.token })).body.data).toMatchObject({ owner_handle: other.body.data.handle, type: 'TRADE' });
  });
});

describe('auth codes', () => {
  it('reads and resets the auth code; the reset code is the one read afterwards (also addressed by name with id 0)', async () => {
    const id = await create(r, 'coded', 'com');
    const first = await call<{ auth_code: string }>(app, 'GET', `/v1beta/domains/${id}/authcode?auth_code_type=internal`, { token: r.token });
    expect(first.body.data).toMatchObject({ success: true, type: 'internal' });
    const reset = await call<{ auth_code: string; auth_info: { pw: string }; epp_statuses: string[] }>(app, 'POST', `/v1beta/domains/${id}/authcode/reset`, { token: r.token, json: { id } });
    expect(reset.body.data.auth_code).not.toBe(first.body.data.auth_code);
    expect(reset.body.data.auth_info.pw).toBe(reset.body.data.auth_code);
    expect(reset.body.data.epp_statuses).toEqual(['ok']);
    const again = await call<{ auth_code: string }>(app, 'GET', '/v1beta/domains/0/authcode?domain.name=coded&domain.extension=com', { token: r.token });
    expect(again.body.data.auth_code).toBe(reset.body.data.auth_code);
  });
});

describe('TLDs, prices and additional data', () => {
  it('lists TLDs with prices and filters by extensions and pattern', async () => {
    const res = await call<List<Record<string, unknown>>>(app, 'GET', '/v1beta/tlds?extensions=eu&extensions=com&with_price=true', { token: r.token });
    expect(res.body.data.total).toBe(2);
    const eu = res.body.data.results.find((t) => t.name === 'eu')!;
    expect(eu).toMatchObject({ name: 'eu', status: 'ACT', min_period: 1, max_period: 10, quarantine_period: 38, trade_available: true, is_transfer_auth_code_required: true });
    expect(eu.prices).toMatchObject({ create_price: { reseller: { currency: 'EUR', price: 5.99 } } });
    const pattern = await call<List<{ name: string }>>(app, 'GET', '/v1beta/tlds?name_pattern=co*&limit=5', { token: r.token });
    expect(pattern.body.data.results.every((t) => t.name.startsWith('co'))).toBe(true);
    expect(pattern.body.data.results.length).toBeLessThanOrEqual(5);
  });

  it('gets one TLD and refuses an unknown one with code 302', async () => {
    const res = await call<{ name: string; usage_count: number }>(app, 'GET', '/v1beta/tlds/com?with_usage_count=true', { token: r.token });
    expect(res.body.data.name).toBe('com');
    expect(res.body.data.usage_count).toBeGreaterThan(0);
    expectError(await call(app, 'GET', '/v1beta/tlds/notatld', { token: r.token }), 302, 400);
  });

  it('prices an operation for a period, premium names at their premium price', async () => {
    const res = await call<{ price: { reseller: { price: number } }; is_premium: boolean }>(app, 'GET', '/v1beta/domains/prices?domain.name=anything&domain.extension=com&operation=renew&period=2', { token: r.token });
    expect(res.body.data).toMatchObject({ is_premium: false, price: { reseller: { price: 17.06 } } });
    const premium = await call<{ price: { reseller: { price: number } }; is_premium: boolean }>(app, 'GET', '/v1beta/domains/prices?domain.name=god&domain.extension=tools', { token: r.token });
    expect(premium.body.data).toMatchObject({ is_premium: true, price: { reseller: { price: 219.8 } } });
    expectError(await call(app, 'GET', '/v1beta/domains/prices?domain.name=x1&domain.extension=com&period=11', { token: r.token }), 101, 400);
    expectError(await call(app, 'GET', '/v1beta/domains/prices?domain.name=x1&domain.extension=com&operation=fly', { token: r.token }), 101, 400);
  });

  it('lists the .ca legal_type select (domain data) and the .eu country_of_citizenship (customer data)', async () => {
    const ca = await call<{ name: string; required: boolean; type: string; options: { value: string }[] }[]>(app, 'GET', '/v1beta/domains/additional-data?domain.extension=ca', { token: r.token });
    expect(ca.body.data[0]).toMatchObject({ name: 'legal_type', required: true, type: 'select' });
    expect(ca.body.data[0].options.map((o) => o.value)).toContain('TRS');
    const eu = await call<{ name: string; required: boolean }[]>(app, 'GET', '/v1beta/domains/additional-data/customers?domain.extension=eu', { token: r.token });
    expect(eu.body.data.map((f) => f.name)).toEqual(['whois_email', 'country_of_citizenship']);
  });

  it('registers a .ca domain only with its legal_type, and a .us domain with nexus data kept on the customer', async () => {
    expectError(await call(app, 'POST', '/v1beta/domains', { token: r.token, json: createBody(r, 'maple-leaf', 'ca') }), 370, 400);
    const ca = await call<{ additional_data: Record<string, unknown> }>(app, 'POST', '/v1beta/domains', { token: r.token, json: createBody(r, 'maple-leaf', 'ca', { additional_data: { legal_type: 'TRS' } }) });
    expect(ca.body.data.additional_data).toEqual({ legal_type: 'TRS' });
    const us = await reseller(app, 1000, { extension_additional_data: [{ name: 'us', data: { nexus_category: 'C11', application_purpose: 'P1' } }] });
    await create(us, 'stars-and-stripes', 'us');
  });
});

describe('nameservers', () => {
  it('creates, lists, reads, updates and deletes a host under one of your domains', async () => {
    await create(r, 'hosting-co', 'com');
    const created = await call<{ name: string; ip: string }>(app, 'POST', '/v1beta/dns/nameservers', { token: r.token, json: { name: 'ns1.hosting-co.com', ip: '198.51.100.7' } });
    expect(created.body.data).toEqual({ ip: '198.51.100.7', ip6: '', name: 'ns1.hosting-co.com' });
    const listed = await call<List<{ name: string }>>(app, 'GET', '/v1beta/dns/nameservers?pattern=*.hosting-co.com', { token: r.token });
    expect(listed.body.data).toEqual({ results: [{ ip: '198.51.100.7', ip6: '', name: 'ns1.hosting-co.com' }], total: 1 });
    const updated = await call(app, 'PUT', '/v1beta/dns/nameservers/ns1.hosting-co.com', { token: r.token, json: { ip6: '2001:db8::7' } });
    expect(updated.body.data).toEqual({ success: true });
    const got = await call(app, 'GET', '/v1beta/dns/nameservers/ns1.hosting-co.com', { token: r.token });
    expect(got.body.data).toEqual({ ip: '198.51.100.7', ip6: '2001:db8::7', name: 'ns1.hosting-co.com' });
    const deleted = await call(app, 'DELETE', '/v1beta/dns/nameservers/ns1.hosting-co.com', { token: r.token });
    expect(deleted.body.data).toEqual({ success: true });
    expectError(await call(app, 'GET', '/v1beta/dns/nameservers/ns1.hosting-co.com', { token: r.token }), 320, 404);
  });

  it('refuses a host outside your domains and a bad address, writing nothing', async () => {
    expectError(await call(app, 'POST', '/v1beta/dns/nameservers', { token: r.token, json: { name: 'ns1.not-mine-at-all.com', ip: '198.51.100.8' } }), 320, 404);
    expectError(await call(app, 'POST', '/v1beta/dns/nameservers', { token: r.token, json: { name: 'ns2.hosting-co.com', ip: '999.1.1.1' } }), 101, 400);
    expect((await call<List<unknown>>(app, 'GET', '/v1beta/dns/nameservers?name=ns2.hosting-co.com', { token: r.token })).body.data.total).toBe(0);
  });
});
