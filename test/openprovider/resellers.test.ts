// The reseller (the caller's account), its settings and statistics through the Openprovider face.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { CUSTOMER, call, expectError, login } from './client.ts';

type Reseller = Record<string, unknown> & { id: number; balance: number; company_name: string; contacts: Array<{ username: string }>; statistics: Record<string, unknown>; settings: Record<string, unknown>; name: Record<string, string>; address: Record<string, string>; additional_data: Record<string, string>; comments: string };
type Statistics = { customer: { total: number; modified: string }; domain: { total: number; by_status: Record<string, number> }; ssl: { total: number; by_status: Record<string, number> }; dns: { total: number }; license: { total: number } };

let app: TestApp;
let who: Awaited<ReturnType<TestApp['account']>>;
let token: string;

beforeAll(async () => {
  app = await testApp();
  who = await app.account({ balance: 250 });
  token = await login(app, who);
});
afterAll(async () => app.close());

describe('GET /v1beta/resellers', () => {
  it('answers the caller\'s reseller: id = account id, real balance, contacts/settings/statistics only when asked', async () => {
    const plain = (await call<Reseller>(app, 'GET', '/v1beta/resellers', { token })).body.data;
    expect(plain).toMatchObject({ id: who.accountId, balance: 250, reserved_balance: 0, email: who.email, contacts: [], settings: {}, statistics: {}, additional_data: {} });
    const full = (await call<Reseller>(app, 'GET', '/v1beta/resellers?with_contacts=true&with_settings=1&with_statistics=true&with_additional_data=true', { token })).body.data;
    expect(full.contacts.map((c) => c.username)).toEqual([who.username]);
    expect(full.settings).toMatchObject({ currency: 'EUR' });
    expect(full.statistics).toMatchObject({ customer: { total: 0 }, level: 1 });
    expect(full.additional_data).toEqual({ cif_nif_number: '', gstin: '', internal_reference: '' });
  });
});

describe('PUT /v1beta/resellers/{id}', () => {
  it('changes only the fields sent, as GET then shows', async () => {
    const res = await call(app, 'PUT', `/v1beta/resellers/${who.accountId}`, { token, json: { company_name: 'Resell BV', address: { city: 'Utrecht', country: 'NL' }, name: { first_name: 'Rita', last_name: 'Reseller' }, additional_data: { gstin: 'G1' }, industry: 'WEB_HOSTING', designation: 'IT', referral_source: 'CUSTOMER REVIEW_SITES' } });
    expect(res.text).toBe('{"code":0,"data":{"success":true},"desc":""}');
    await call(app, 'PUT', `/v1beta/resellers/${who.accountId}`, { token, json: { comments: 'second', id: who.accountId } });
    const r = (await call<Reseller>(app, 'GET', '/v1beta/resellers?with_additional_data=1', { token })).body.data;
    expect(r).toMatchObject({ company_name: 'Resell BV', comments: 'second', address: { city: 'Utrecht', country: 'NL' }, name: { first_name: 'Rita', last_name: 'Reseller', full_name: 'Rita Reseller' }, additional_data: { gstin: 'G1' } });
  });

  it('answers another reseller id with code 801 and HTTP 404', async () => {
    const other = await app.account();
    expectError(await call(app, 'PUT', `/v1beta/resellers/${other.accountId}`, { token, json: { comments: 'x' } }), 801, 404);
    expectError(await call(app, 'PUT', '/v1beta/resellers/99999999', { token, json: { comments: 'x' } }), 801, 404);
  });

  it('refuses bad input with HTTP 400 and writes nothing', async () => {
    const before = (await call<Reseller>(app, 'GET', '/v1beta/resellers', { token })).body.data.comments;
    expectError(await call(app, 'PUT', `/v1beta/resellers/${who.accountId}`, { token, json: { comments: 'x', industry: 'PIRACY' } }), 101, 400);
    expectError(await call(app, 'PUT', `/v1beta/resellers/${who.accountId}`, { token, json: { comments: 'x', balance: 1e9 } }), 101, 400);
    expectError(await call(app, 'PUT', `/v1beta/resellers/${who.accountId}`, { token, json: { comments: ['x'] } }), 101, 400);
    expectError(await call(app, 'PUT', `/v1beta/resellers/${who.accountId}`, { token, json: { comments: 'x', address: { country: 'Holland' } } }), 101, 400);
    expectError(await call(app, 'PUT', `/v1beta/resellers/${who.accountId}`, { token, body: '{', headers: { 'content-type': 'application/json' } }), 100, 400);
    expect((await call<Reseller>(app, 'GET', '/v1beta/resellers', { token })).body.data.comments).toBe(before);
  });
});

describe('GET /v1beta/resellers/settings and /statistics', () => {
  it('settings carry the account currency and the reseller tags', async () => {
    await call(app, 'POST', '/v1beta/tags', { token, json: { key: 'customer', value: 'VIP' } });
    const s = (await call<Record<string, unknown>>(app, 'GET', '/v1beta/resellers/settings', { token })).body.data;
    expect(s).toMatchObject({ currency: 'EUR', tags: ['VIP'], type: 'normal' });
  });

  it('statistics count the account\'s real customers and zones; domains and ssl are 0 by status', async () => {
    const local = await testApp();
    try {
      const w = await local.account();
      const t = await login(local, w);
      const stats = async () => (await call<Statistics>(local, 'GET', '/v1beta/resellers/statistics', { token: t })).body.data;
      expect((await stats()).customer).toEqual({ modified: '', total: 0 });
      const { body } = await call<{ handle: string }>(local, 'POST', '/v1beta/customers', { token: t, json: CUSTOMER });
      await call(local, 'POST', '/v1beta/customers', { token: t, json: { ...CUSTOMER, email: 'second@example.com' } });
      await local.advance('1h');
      await call(local, 'DELETE', `/v1beta/customers/${body.data.handle}`, { token: t });
      const s = await stats();
      expect(s.customer).toEqual({ modified: '2026-06-01 13:00:00', total: 1 });
      expect(s.domain).toEqual({ by_status: { ACT: 0, FAI: 0, NSR: 0, PEN: 0, REJ: 0, REQ: 0 }, total: 0 });
      expect(s.ssl.total).toBe(0);
      expect(s.dns.total).toBe(0);
      // another account's customers do not count
      const other = await local.account();
      await call(local, 'POST', '/v1beta/customers', { token: await login(local, other), json: CUSTOMER });
      expect((await stats()).customer.total).toBe(1);
    } finally {
      await local.close();
    }
  });
});
