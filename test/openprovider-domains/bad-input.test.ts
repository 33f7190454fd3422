// Bad input on the Openprovider domain routes: always the Openprovider error envelope with a stable code and a
// non-2xx status, never a 500, and nothing written (no domain row, no ledger line).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { call, expectError } from '../openprovider/client.ts';
import { advance, balance, createBody, domainRows, reseller, type Reseller } from './helpers.ts';

let app: TestApp;
let r: Reseller;
let id: number;
beforeAll(async () => {
  app = await testApp();
  r = await reseller(app);
  const res = await call<{ id: number }>(app, 'POST', '/v1beta/domains', { token: r.token, json: createBody(r, 'existing-one', 'com') });
  id = res.body.data.id;
});
afterAll(async () => {
  await app.close();
});

/** runs the call and asserts the error and that neither domains nor ledger changed */
async function refused(method: string, url: string, json: unknown, code: number, status: number, raw?: string): Promise<void> {
  const rows = await domainRows(app, r.accountId);
  const money = await balance(app, r.accountId);
  const res = await call(app, method, url, raw !== undefined ? { token: r.token, body: raw } : { token: r.token, json });
  expectError(res, code, status);
  expect(await domainRows(app, r.accountId)).toBe(rows);
  expect(await balance(app, r.accountId)).toBe(money);
}

describe('create', () => {
  it('refuses invalid names (301), unknown TLDs (302), periods out of range (101), taken (346), reserved (347) and premium without the fee (348)', async () => {
    await refused('POST', '/v1beta/domains', createBody(r, 'bad_name!', 'com'), 301, 400);
    await refused('POST', '/v1beta/domains', createBody(r, '-leading', 'com'), 301, 400);
    await refused('POST', '/v1beta/domains', createBody(r, 'fine', 'notatld'), 302, 400);
    await refused('POST', '/v1beta/domains', createBody(r, 'fine-name', 'com', { period: 11 }), 101, 400);
    await refused('POST', '/v1beta/domains', createBody(r, 'fine-name', 'com', { period: 0 }), 101, 400);
    await refused('POST', '/v1beta/domains', createBody(r, 'existing-one', 'com'), 346, 400);
    await refused('POST', '/v1beta/domains', createBody(r, 'example', 'com'), 347, 400);
    await refused('POST', '/v1beta/domains', createBody(r, 'god', 'tools'), 348, 400);
  });

  it('refuses missing contact handles with code 170 and unknown handles with 821', async () => {
    const body = createBody(r, 'no-owner', 'com') as Record<string, unknown>;
    await refused('POST', '/v1beta/domains', { ...body, owner_handle: undefined }, 170, 400);
    await refused('POST', '/v1beta/domains', { ...body, tech_handle: '' }, 170, 400);
    await refused('POST', '/v1beta/domains', { ...body, owner_handle: 'XX999999-XX' }, 821, 404);
  });

  it('refuses missing TLD additional data (370), bad DNSSEC keys and bad nameservers (101), unknown fields and bad JSON', async () => {
    await refused('POST', '/v1beta/domains', createBody(r, 'needs-data', 'ca'), 370, 400);
    await refused('POST', '/v1beta/domains', createBody(r, 'needs-data', 'ca', { additional_data: { legal_type: 'XYZ' } }), 370, 400);
    await refused('POST', '/v1beta/domains', createBody(r, 'bad-dnssec', 'com', { dnssec_keys: [{ alg: 8, flags: 999, protocol: 3, pub_key: 'AwEAAc' }] }), 101, 400);
    await refused('POST', '/v1beta/domains', createBody(r, 'bad-ns', 'com', { name_servers: [{ name: 'ns1.bad-ns.com' }] }), 101, 400);
    await refused('POST', '/v1beta/domains', createBody(r, 'bad-ns', 'com', { name_servers: [{ name: 'ns1.example.net', ip: 'not-an-ip' }] }), 101, 400);
    await refused('POST', '/v1beta/domains', createBody(r, 'unknown-field', 'com', { colour: 'blue' }), 101, 400);
    await refused('POST', '/v1beta/domains', createBody(r, 'bad-autorenew', 'com', { autorenew: 'sometimes' }), 101, 400);
    await refused('POST', '/v1beta/domains', { owner_handle: r.handle }, 101, 400);
    await refused('POST', '/v1beta/domains', undefined, 100, 400, '{"domain":');
  });

  it('refuses a check without domains and with an invalid name', async () => {
    expectError(await call(app, 'POST', '/v1beta/domains/check', { token: r.token, json: { domains: [] } }), 101, 400);
    expectError(await call(app, 'POST', '/v1beta/domains/check', { token: r.token, json: { domains: [{ name: 'a b', extension: 'com' }] } }), 301, 400);
  });

  it('answers 401 code 196 without a token', async () => {
    expectError(await call(app, 'GET', '/v1beta/domains', {}), 196, 401);
  });
});

describe('transfer', () => {
  it('refuses a free name (351), a missing auth code (352) and a name of your own (351)', async () => {
    await refused('POST', '/v1beta/domains/transfer', { ...createBody(r, 'nobody-has-this', 'com'), period: undefined, auth_code: 'x' }, 351, 400);
    await refused('POST', '/v1beta/domains/transfer', { ...createBody(r, 'google', 'com'), period: undefined }, 352, 400);
    await refused('POST', '/v1beta/domains/transfer', { ...createBody(r, 'existing-one', 'com'), period: undefined, auth_code: 'x' }, 351, 400);
  });
});

describe('operations the status forbids', () => {
  it('refuses restore of an active domain (362), renew beyond ten years (101) and a bad period (101)', async () => {
    await refused('POST', `/v1beta/domains/${id}/restore`, {}, 362, 400);
    await refused('POST', `/v1beta/domains/${id}/renew`, { period: 10 }, 101, 400);
    await refused('POST', `/v1beta/domains/${id}/renew`, { period: 'two' }, 101, 400);
  });

  it('refuses restart and FOA on a domain with no transfer (362), approve without a transfer out (362)', async () => {
    await refused('POST', `/v1beta/domains/${id}/last-operation/restart`, { auth_code: 'abc' }, 362, 400);
    await refused('POST', `/v1beta/domains/${id}/transfer/send-foa1`, {}, 362, 400);
    await refused('POST', `/v1beta/domains/${id}/transfer/approve`, { approve: 1 }, 362, 400);
  });

  it('refuses every operation on an unknown id with 404 code 320, and a mismatched body id with 101', async () => {
    for (const [m, u] of [['GET', '/v1beta/domains/999999'], ['PUT', '/v1beta/domains/999999'], ['DELETE', '/v1beta/domains/999999'], ['POST', '/v1beta/domains/999999/renew'], ['GET', '/v1beta/domains/999999/authcode'], ['GET', '/v1beta/domains/abc']] as const) {
      expectError(await call(app, m, u, { token: r.token, json: m === 'GET' || m === 'DELETE' ? undefined : {} }), 320, 404);
    }
    await refused('POST', `/v1beta/domains/${id}/renew`, { id: id + 1, period: 1 }, 101, 400);
  });

  it('does not let another account see or touch the domain (320)', async () => {
    const other = await reseller(app);
    expectError(await call(app, 'GET', `/v1beta/domains/${id}`, { token: other.token }), 320, 404);
    expectError(await call(app, 'DELETE', `/v1beta/domains/${id}`, { token: other.token }), 320, 404);
  });

  it('refuses renewing a domain in redemption (361) and deleting it again (362)', async () => {
    const d = await call<{ id: number }>(app, 'POST', '/v1beta/domains', { token: r.token, json: createBody(r, 'soon-deleted', 'com') });
    await advance(app, '6d', r);
    expect((await call(app, 'DELETE', `/v1beta/domains/${d.body.data.id}`, { token: r.token })).status).toBe(200);
    await refused('POST', `/v1beta/domains/${d.body.data.id}/renew`, { period: 1 }, 361, 400);
    await refused('DELETE', `/v1beta/domains/${d.body.data.id}`, undefined, 362, 400);
    await refused('PUT', `/v1beta/domains/${d.body.data.id}`, { comments: 'x' }, 362, 400);
  });
});

describe('list, prices, TLDs, transactions', () => {
  it('refuses junk paging, dates and filters with code 101', async () => {
    expectError(await call(app, 'GET', '/v1beta/domains?limit=-1', { token: r.token }), 101, 400);
    expectError(await call(app, 'GET', '/v1beta/domains?renewal_date=tomorrow', { token: r.token }), 101, 400);
    expectError(await call(app, 'GET', '/v1beta/domains?extension=notatld', { token: r.token }), 302, 400);
    expectError(await call(app, 'GET', '/v1beta/transactions?start_creation_date=yesterday', { token: r.token }), 101, 400);
    expectError(await call(app, 'GET', '/v1beta/domains/prices?domain.extension=com', { token: r.token }), 101, 400);
    expectError(await call(app, 'GET', '/v1beta/domains/additional-data', { token: r.token }), 101, 400);
    expectError(await call(app, 'GET', '/v1beta/tlds?order=sideways', { token: r.token }), 101, 400);
  });
});
