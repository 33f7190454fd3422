// Openprovider domain lifecycles through the whole app (inject), every response validated against the Swagger.
import { domainToASCII } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { call, expectError } from '../openprovider/client.ts';
import { registryOf } from '../../src/core/registry/registry.ts';
import { advance, balance, createBody, domainRows, opDate, reseller } from './helpers.ts';

type Domain = Record<string, unknown> & { id: number; status: string; expiration_date: string };
type List<T> = { results: T[]; total: number };

let app: TestApp;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

const get = (token: string, id: number, q = '') => call<Domain>(app, 'GET', `/v1beta/domains/${id}${q}`, { token });
const transactions = (token: string, q = '') => call<List<{ action: string; type: string; subject: string; reference_id: number; price: { reseller: { price: number } } }>>(app, 'GET', `/v1beta/transactions${q}`, { token });

describe('check', () => {
  it('answers free, active (taken here or elsewhere), reserved and premium with prices when with_price is set', async () => {
    const r = await reseller(app);
    await call(app, 'POST', '/v1beta/domains', { token: r.token, json: createBody(r, 'check-mine', 'com') });
    const res = await call<{ results: Record<string, unknown>[] }>(app, 'POST', '/v1beta/domains/check', {
      token: r.token,
      json: { domains: [{ name: 'some-amazing-example', extension: 'com' }, { name: 'check-mine', extension: 'com' }, { name: 'google', extension: 'com' }, { name: 'example', extension: 'com' }, { name: 'god', extension: 'tools' }], with_price: true },
    });
    expect(res.status).toBe(200);
    const [free, mine, elsewhere, reserved, premium] = res.body.data.results;
    expect(free).toEqual({ domain: 'some-amazing-example.com', price: { product: { currency: 'EUR', price: 8.53 }, reseller: { currency: 'EUR', price: 8.53 } }, status: 'free' });
    expect(mine).toMatchObject({ status: 'active' });
    expect(elsewhere).toMatchObject({ status: 'active' });
    expect(reserved).toMatchObject({ status: 'reserved' });
    expect(premium).toMatchObject({ domain: 'god.tools', is_premium: true, premium: { currency: 'EUR', price: { create: 219.8 } }, status: 'free' });
    expect(res.text).toContain('"status":"free"');
  });

  it('suggests free names under the asked TLDs', async () => {
    const r = await reseller(app);
    const res = await call<{ results: { domain: string; name: string; tld: string }[] }>(app, 'POST', '/v1beta/domains/suggest-name', { token: r.token, json: { name: 'google', tlds: ['com', 'net'], limit: 3 } });
    expect(res.status).toBe(200);
    expect(res.body.data.results).toHaveLength(3);
    expect(res.body.data.results.map((x) => x.name)).not.toContain('google.com');
    expect(res.body.data.results[0]).toEqual({ domain: 'mygoogle', name: 'mygoogle.com', tld: 'com' });
  });
});

describe('register → renew → expire → grace → redemption → restore', () => {
  it('walks the whole path with the right statuses, dates and ledger lines', async () => {
    const r = await reseller(app);
    const before = await balance(app, r.accountId);
    const [now, in1y, in2y, in3y, restorableUntil] = [opDate(app), opDate(app, { years: 1 }), opDate(app, { years: 2 }), opDate(app, { years: 3 }), opDate(app, { years: 2, days: 75 })];
    const created = await call<{ id: number; status: string; expiration_date: string; auth_code: string }>(app, 'POST', '/v1beta/domains', { token: r.token, json: createBody(r, 'lifecycle-path', 'com', { name_servers: [{ name: 'ns1.example.net' }, { name: 'ns2.example.net' }] }) });
    expect(created.status).toBe(200);
    expect(created.body.data).toMatchObject({ status: 'ACT', expiration_date: in1y, activation_date: now });
    expect(created.body.data.auth_code).not.toBe('');
    expect(await balance(app, r.accountId)).toBe(before - 853);
    const id = created.body.data.id;

    const got = await get(r.token, id);
    expect(got.body.data).toMatchObject({ id, status: 'ACT', domain: { name: 'lifecycle-path', extension: 'com' }, owner_handle: r.handle, admin_handle: r.handle, tech_handle: r.handle, type: 'NEW', autorenew: 'off', can_renew: true, is_deleted: false });
    expect((got.body.data.name_servers as { name: string }[]).map((n) => n.name)).toEqual(['ns1.example.net', 'ns2.example.net']);

    const renewed = await call(app, 'POST', `/v1beta/domains/${id}/renew`, { token: r.token, json: { id, period: 1 } });
    expect(renewed.body.data).toEqual({ status: 'ACT' });
    expect((await get(r.token, id)).body.data.expiration_date).toBe(in2y);
    expect(await balance(app, r.accountId)).toBe(before - 2 * 853);

    await advance(app, '740d', r); // expired 9 or 10 days ago (leap years): inside the auto-renew grace
    const grace = (await get(r.token, id)).body.data;
    expect(grace).toMatchObject({ status: 'ACT', can_renew: true, delete_status: '' });

    await advance(app, '40d', r); // 49 days after expiry: redemption (soft quarantine)
    const redemption = (await get(r.token, id)).body.data;
    expect(redemption).toMatchObject({ status: 'DEL', is_deleted: true, delete_status: 'quarantine', can_renew: false });
    expect(redemption.restorable_until).toBe(restorableUntil);
    const list = await call<List<Domain>>(app, 'GET', '/v1beta/domains?status=DEL', { token: r.token });
    expect(list.body.data.results.map((d) => d.id)).toEqual([id]);

    const refused = await call(app, 'POST', `/v1beta/domains/${id}/renew`, { token: r.token, json: { period: 1 } });
    expectError(refused, 361, 400);

    const atRestore = await balance(app, r.accountId);
    const restored = await call(app, 'POST', `/v1beta/domains/${id}/restore`, { token: r.token, json: { id } });
    expect(restored.body.data).toEqual({ status: 'ACT' });
    const back = (await get(r.token, id)).body.data;
    expect(back).toMatchObject({ status: 'ACT', expiration_date: in3y, delete_status: '', restorable_until: '' });
    expect(await balance(app, r.accountId)).toBe(atRestore - 8000 - 853);

    const tx = await transactions(r.token, '?filter_for_subject=lifecycle-path.com');
    expect(tx.body.data.results.map((t) => t.action)).toEqual(['restore', 'renew', 'create']);
    expect(tx.body.data.results[0]).toMatchObject({ type: 'debit', subject: 'lifecycle-path.com', reference_id: id, price: { reseller: { price: -88.53 } } });
  });

  it('auto-renews at expiry when autorenew is on and the balance covers it', async () => {
    const r = await reseller(app);
    const created = await call<{ id: number }>(app, 'POST', '/v1beta/domains', { token: r.token, json: createBody(r, 'auto-renewed', 'com', { autorenew: 'on' }) });
    const id = created.body.data.id;
    const twoYears = opDate(app, { years: 2 });
    await advance(app, '366d', r);
    expect((await get(r.token, id)).body.data).toMatchObject({ status: 'ACT', expiration_date: twoYears, autorenew: 'on' });
    const tx = await transactions(r.token, '?filter_for_subject=auto-renewed.com');
    expect(tx.body.data.results.map((t) => t.action)).toEqual(['autorenew', 'create']);
  });
});

describe('expire → drop → register again', () => {
  it('frees an expired name after grace, redemption and pending delete, and another account registers it', async () => {
    const a = await reseller(app);
    const b = await reseller(app);
    const created = await call<{ id: number }>(app, 'POST', '/v1beta/domains', { token: a.token, json: createBody(a, 'dropped-name', 'net') });
    const id = created.body.data.id;
    const early = await call(app, 'POST', '/v1beta/domains', { token: b.token, json: createBody(b, 'dropped-name', 'net') });
    expectError(early, 346, 400);
    await advance(app, '450d', a, b); // 365 + 45 grace + 30 redemption + 5 pending delete < 450
    const gone = await get(a.token, id);
    expectError(gone, 320, 404);
    const deleted = await get(a.token, id, '?is_deleted=true');
    expect(deleted.body.data).toMatchObject({ status: 'DEL', is_deleted: true });
    const listed = await call<List<Domain>>(app, 'GET', '/v1beta/domains?is_deleted=true', { token: a.token });
    expect(listed.body.data.results.map((d) => d.id)).toEqual([id]);
    expect((await call<List<Domain>>(app, 'GET', '/v1beta/domains', { token: a.token })).body.data.total).toBe(0);
    const check = await call<{ results: { status: string }[] }>(app, 'POST', '/v1beta/domains/check', { token: b.token, json: { domains: [{ name: 'dropped-name', extension: 'net' }] } });
    expect(check.body.data.results[0].status).toBe('free');
    const again = await call<{ id: number; status: string }>(app, 'POST', '/v1beta/domains', { token: b.token, json: createBody(b, 'dropped-name', 'net') });
    expect(again.body.data.status).toBe('ACT');
    expect(again.body.data.id).not.toBe(id);
  });
});

describe('transfer in', () => {
  it('fails with a wrong auth code (FAI, nothing charged), restarts with the right one, and completes after the TLD period', async () => {
    const r = await reseller(app);
    const start = await balance(app, r.accountId);
    const bad = await call<{ id: number; status: string }>(app, 'POST', '/v1beta/domains/transfer', { token: r.token, json: { ...createBody(r, 'wikipedia', 'org'), period: undefined, auth_code: 'wrong-code' } });
    expect(bad.status).toBe(200);
    expect(bad.body.data).toMatchObject({ status: 'FAI', type: 'TRANSFER', name: 'wikipedia.org' });
    expect(await balance(app, r.accountId)).toBe(start);
    const id = bad.body.data.id;
    expect((await get(r.token, id)).body.data.status).toBe('FAI');

    // the sandbox reveals the code a name registered elsewhere has
    const code = registryOf(app.services).elsewhereAuthCode('wikipedia.org');
    const restart = await call(app, 'POST', `/v1beta/domains/${id}/last-operation/restart`, { token: r.token, json: { auth_code: code } });
    expect(restart.body.data).toEqual({ success: true });
    expect((await get(r.token, id)).body.data.status).toBe('REQ');
    expect(await balance(app, r.accountId)).toBe(start - 1099);

    const foa = await call(app, 'POST', `/v1beta/domains/${id}/transfer/send-foa1`, { token: r.token, json: { id } });
    expect(foa.body.data).toEqual({ success: true });

    const expected = opDate(app, { years: 1, days: 5 });
    await advance(app, '5d', r);
    const done = (await get(r.token, id)).body.data;
    expect(done).toMatchObject({ status: 'ACT', type: 'TRANSFER', is_locked: true });
    expect(done.expiration_date).toBe(expected);
  });

  it('moves a domain between two accounts when the holder approves with transfer/approve', async () => {
    const a = await reseller(app);
    const b = await reseller(app);
    const created = await call<{ id: number }>(app, 'POST', '/v1beta/domains', { token: a.token, json: createBody(a, 'moving-house', 'com') });
    const aId = created.body.data.id;
    const code = await call<{ auth_code: string; type: string; success: boolean }>(app, 'GET', `/v1beta/domains/${aId}/authcode`, { token: a.token });
    expect(code.body.data).toMatchObject({ success: true, type: 'external' });
    const t = await call<{ id: number; status: string }>(app, 'POST', '/v1beta/domains/transfer', { token: b.token, json: { domain: { name: 'moving-house', extension: 'com' }, owner_handle: b.handle, admin_handle: b.handle, tech_handle: b.handle, auth_code: code.body.data.auth_code } });
    expect(t.body.data.status).toBe('REQ');
    const approved = await call(app, 'POST', `/v1beta/domains/${aId}/transfer/approve`, { token: a.token, json: { approve: 1 } });
    expect(approved.body.data).toEqual({ success: true });
    expect((await get(b.token, t.body.data.id)).body.data.status).toBe('ACT');
    expectError(await get(a.token, aId), 320, 404);
  });
});

describe('transfer rejected', () => {
  it('refunds the gaining account when the holder rejects with approve 0; the refund is a transfer credit in GET /transactions', async () => {
    const a = await reseller(app);
    const b = await reseller(app);
    const created = await call<{ id: number }>(app, 'POST', '/v1beta/domains', { token: a.token, json: createBody(a, 'staying-put', 'com') });
    const aId = created.body.data.id;
    const code = (await call<{ auth_code: string }>(app, 'GET', `/v1beta/domains/${aId}/authcode`, { token: a.token })).body.data.auth_code;
    const start = await balance(app, b.accountId);
    const t = await call<{ id: number; status: string }>(app, 'POST', '/v1beta/domains/transfer', { token: b.token, json: { domain: { name: 'staying-put', extension: 'com' }, owner_handle: b.handle, admin_handle: b.handle, tech_handle: b.handle, auth_code: code } });
    expect(t.body.data.status).toBe('REQ');
    expect(await balance(app, b.accountId)).toBe(start - 853);
    expect((await call(app, 'POST', `/v1beta/domains/${aId}/transfer/approve`, { token: a.token, json: { approve: 0 } })).body.data).toEqual({ success: true });
    expect((await get(b.token, t.body.data.id)).body.data.status).toBe('FAI');
    expect((await get(a.token, aId)).body.data.status).toBe('ACT');
    expect(await balance(app, b.accountId)).toBe(start);
    const tx = await transactions(b.token, '?filter_for_subject=staying-put.com');
    expect(tx.body.data.results.map((x) => [x.action, x.type])).toEqual([['transfer', 'credit'], ['transfer', 'debit']]);
  });
});

describe('delete', () => {
  it('deletes inside the add grace period with a refund that GET /transactions shows', async () => {
    const r = await reseller(app);
    const start = await balance(app, r.accountId);
    const created = await call<{ id: number }>(app, 'POST', '/v1beta/domains', { token: r.token, json: createBody(r, 'regretted', 'com', { period: 2 }) });
    const id = created.body.data.id;
    expect(await balance(app, r.accountId)).toBe(start - 2 * 853);
    await advance(app, '2d', r);
    const del = await call(app, 'DELETE', `/v1beta/domains/${id}`, { token: r.token });
    expect(del.status).toBe(200);
    expect(del.body.data).toEqual({ status: 'DEL' });
    expect(await balance(app, r.accountId)).toBe(start);
    const tx = await transactions(r.token);
    expect(tx.body.data.results[0]).toMatchObject({ action: 'delete', type: 'credit', subject: 'regretted.com', reference_id: id, price: { reseller: { price: 17.06 } } });
    const free = await call<{ results: { status: string }[] }>(app, 'POST', '/v1beta/domains/check', { token: r.token, json: { domains: [{ name: 'regretted', extension: 'com' }] } });
    expect(free.body.data.results[0].status).toBe('free');
  });

  it('deletes after add grace into quarantine, restorable', async () => {
    const r = await reseller(app);
    const created = await call<{ id: number }>(app, 'POST', '/v1beta/domains', { token: r.token, json: createBody(r, 'quarantined', 'com') });
    const id = created.body.data.id;
    await advance(app, '10d', r);
    const del = await call(app, 'DELETE', `/v1beta/domains/${id}`, { token: r.token });
    expect(del.body.data).toEqual({ status: 'DEL' });
    expect((await get(r.token, id)).body.data).toMatchObject({ status: 'DEL', delete_status: 'quarantine' });
    const restored = await call(app, 'POST', `/v1beta/domains/${id}/restore`, { token: r.token, json: {} });
    expect(restored.body.data).toEqual({ status: 'ACT' });
  });
});

describe('balance', () => {
  it('refuses a registration the balance does not cover with code 851, writing nothing', async () => {
    const r = await reseller(app, 5);
    const res = await call(app, 'POST', '/v1beta/domains', { token: r.token, json: createBody(r, 'too-dear', 'com') });
    expectError(res, 851, 400);
    expect(await balance(app, r.accountId)).toBe(500);
    expect(await domainRows(app, r.accountId)).toBe(0);
  });

  it('refuses a renewal and a transfer the balance does not cover with code 851, leaving expiry and rows as they were', async () => {
    const r = await reseller(app, 10);
    const created = await call<{ id: number; expiration_date: string }>(app, 'POST', '/v1beta/domains', { token: r.token, json: createBody(r, 'thin-wallet', 'com') });
    const id = created.body.data.id;
    expectError(await call(app, 'POST', `/v1beta/domains/${id}/renew`, { token: r.token, json: { period: 1 } }), 851, 400);
    expect((await get(r.token, id)).body.data.expiration_date).toBe(created.body.data.expiration_date);
    const rows = await domainRows(app, r.accountId);
    const code = registryOf(app.services).elsewhereAuthCode('youtube.net');
    expectError(await call(app, 'POST', '/v1beta/domains/transfer', { token: r.token, json: { domain: { name: 'youtube', extension: 'net' }, owner_handle: r.handle, admin_handle: r.handle, tech_handle: r.handle, auth_code: code } }), 851, 400);
    expect(await domainRows(app, r.accountId)).toBe(rows);
    expect(await balance(app, r.accountId)).toBe(1000 - 853);
  });
});

describe('premium and IDN names', () => {
  it('registers a premium name once accept_premium_fee covers its price, debiting the premium price', async () => {
    const r = await reseller(app);
    const start = await balance(app, r.accountId);
    expectError(await call(app, 'POST', '/v1beta/domains', { token: r.token, json: createBody(r, 'god', 'tools', { accept_premium_fee: 100 }) }), 348, 400);
    const ok = await call<{ status: string; id: number }>(app, 'POST', '/v1beta/domains', { token: r.token, json: createBody(r, 'god', 'tools', { accept_premium_fee: 219.8, accept_eap_fee: 0 }) });
    expect(ok.body.data.status).toBe('ACT');
    expect(await balance(app, r.accountId)).toBe(start - 21980);
    expect((await get(r.token, ok.body.data.id)).body.data).toMatchObject({ is_premium: true });
  });

  it('registers an IDN given in Unicode and shows its label in Unicode', async () => {
    const r = await reseller(app);
    const res = await call<{ id: number }>(app, 'POST', '/v1beta/domains', { token: r.token, json: createBody(r, 'españa-fiesta', 'com') });
    expect((await get(r.token, res.body.data.id)).body.data.domain).toEqual({ extension: 'com', name: 'españa-fiesta' });
    const byAscii = await call<List<Domain>>(app, 'GET', `/v1beta/domains?full_name=${domainToASCII('españa-fiesta.com')}`, { token: r.token });
    expect(domainToASCII('españa-fiesta.com')).toMatch(/^xn--/);
    expect(byAscii.body.data.total).toBe(1);
  });

  it('accepts a GET with Content-Type: application/json and an empty body, and a DELETE with a JSON body', async () => {
    const r = await reseller(app);
    const res = await call<{ id: number }>(app, 'POST', '/v1beta/domains', { token: r.token, json: createBody(r, 'wire-facts', 'com') });
    const got = await call(app, 'GET', `/v1beta/domains/${res.body.data.id}`, { token: r.token, body: '', headers: { 'content-type': 'application/json' } });
    expect(got.status).toBe(200);
    expect(got.text.startsWith('{"code":0,"data":{')).toBe(true);
    const del = await call(app, 'DELETE', `/v1beta/domains/${res.body.data.id}`, { token: r.token, json: { id: res.body.data.id } });
    expect(del.status).toBe(200);
  });
});
