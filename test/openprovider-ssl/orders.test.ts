// SSL orders through the Openprovider face: create (PAI vs REQ, seed 002), get, search, update incl. start_provision,
// approver-email change (both paths) and resend, approval, reissue, renew (25001 when too early), cancel, OTP tokens,
// and bad input that must change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import type { TestApp } from '../harness/app.ts';
import { call, expectError } from '../openprovider/client.ts';
import { balance, createOrder, getOrder, makeCsr, outbox, reseller, sslApp, type Reseller } from './helpers.ts';

type List = { results: Array<{ id: number; status: string; common_name: string }>; total: number };

let app: TestApp;
let r: Reseller;

beforeAll(async () => {
  ({ app } = await sslApp());
  r = await reseller(app);
});
afterAll(async () => app.close());

const approveAll = async (id: number) => {
  const res = await app.http.inject({ method: 'POST', url: `/_sandbox/ssl/orders/${id}/approve-all` });
  expect(res.statusCode).toBe(200);
  return JSON.parse(res.body) as { state: string };
};

describe('POST /v1beta/ssl/orders', () => {
  it('creates an order in PAI by default (start_provision false), charges the product price and shows it with GET', async () => {
    const before = await balance(app, r);
    const res = await createOrder(app, r, { autorenew: 'off', approver_email: 'admin@example.com' });
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/^\{"code":0,"data":\{"id":\d+\},"desc":""\}$/);
    const o = await getOrder(app, r, res.body.data.id);
    expect(o).toMatchObject({
      status: 'PAI', common_name: 'shop.example.com', host_names: ['www.shop.example.com'], product_id: 5, product_name: 'RapidSSL Standard', brand_name: 'RapidSSL',
      period: 1, software: 'linux', autorenew: 'off', organization_handle: r.handle, technical_handle: r.handle, administrative_handle: r.handle,
      order_date: '2026-06-01 12:00:00', active_date: '', certificate: '', validation_method: 'domain', email_approver: 'admin@example.com',
      domain_validation_methods: [{ host_name: 'shop.example.com', method: 'email' }, { host_name: 'www.shop.example.com', method: 'email' }],
      domain_validation_statuses: { ca_operation: '', ca_order_status: '', ca_status: '', status: 'open' },
    });
    expect((o.additional_data as Array<{ domain: string; dns_record: string }>).map((d) => d.domain)).toEqual(['shop.example.com', 'www.shop.example.com']);
    expect(await balance(app, r)).toBeCloseTo(before - 7.53, 2);
    // a PAI order has not gone to the CA: no approver mail yet
    expect(await outbox(app, 'admin@example.com')).toEqual([]);
  });

  it('creates an order in REQ with start_provision true and mails the approver of each hostname', async () => {
    const res = await createOrder(app, r, { start_provision: true, approver_email: 'webmaster@example.com' });
    const o = await getOrder(app, r, res.body.data.id);
    expect(o.status).toBe('REQ');
    expect(o.domain_validation_statuses).toEqual({ ca_operation: 'request', ca_order_status: 'in_progress', ca_status: 'requested', status: 'open' });
    const mails = await outbox(app, 'webmaster@example.com');
    expect(mails.map((m) => m.subject).sort()).toEqual(['Approve the SSL certificate for shop.example.com', 'Approve the SSL certificate for www.shop.example.com']);
    expect(mails[0].links[0]).toMatch(/\/_sandbox\/ssl\/approve\/[0-9a-f]+$/);
  });

  it('takes domain_validation_methods per hostname (dns) and shows the DNS record to create', async () => {
    const res = await createOrder(app, r, { start_provision: true, domain_validation_methods: [{ host_name: 'shop.example.com', method: 'dns' }, { host_name: 'www.shop.example.com', method: 'dns' }] });
    const o = await getOrder(app, r, res.body.data.id);
    const ad = o.additional_data as Array<{ domain: string; dns_record: string; dns_value: string }>;
    expect(ad[0].dns_record).toMatch(/^_[0-9a-f]{32}\.shop\.example\.com$/);
    expect(ad[0].dns_value).toMatch(/\.dcv\.resellbox\.test$/);
  });

  it('refuses an unknown product with code 901 and writes nothing', async () => {
    const before = (await call<List>(app, 'GET', '/v1beta/ssl/orders', { token: r.token })).body.data.total;
    expectError(await createOrder(app, r, { product_id: 9999 }), 901, 404);
    expect((await call<List>(app, 'GET', '/v1beta/ssl/orders', { token: r.token })).body.data.total).toBe(before);
  });

  it('refuses a malformed CSR with code 903 and a weak (RSA 1024) one too', async () => {
    expectError(await createOrder(app, r, { csr: '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----' }), 903, 400);
    const weak = execFileSync('openssl', ['req', '-new', '-newkey', 'rsa:1024', '-nodes', '-keyout', '/dev/null', '-subj', '/CN=weak.example.com'], { encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] });
    expectError(await createOrder(app, r, { csr: weak }), 903, 400);
  });

  it('refuses more SANs than the product takes with code 905 (single-name product; 211 names on a 210-name product)', async () => {
    expectError(await createOrder(app, r, { csr: await makeCsr('shop.example.com', ['other.example.org']) }), 905, 400);
    const names = Array.from({ length: 211 }, (_, i) => `h${i}.example.com`);
    const before = (await call<List>(app, 'GET', '/v1beta/ssl/orders', { token: r.token })).body.data.total;
    expectError(await createOrder(app, r, { product_id: 33, csr: await makeCsr('h0.example.com'), host_names: names }), 905, 400);
    expect((await call<List>(app, 'GET', '/v1beta/ssl/orders', { token: r.token })).body.data.total).toBe(before);
  });

  it('takes host_names on a multi-domain product, overriding the CSR\'s SANs but not its common name, and charges the extra domains', async () => {
    const before = await balance(app, r);
    const res = await createOrder(app, r, { product_id: 21, csr: await makeCsr('multi.example.com', ['ignored.example.com']), host_names: ['a.example.com', 'b.example.com', 'c.example.com'], start_provision: true });
    const o = await getOrder(app, r, res.body.data.id);
    expect(o).toMatchObject({ common_name: 'multi.example.com', host_names: ['a.example.com', 'b.example.com', 'c.example.com'], product_id: 21, status: 'REQ' });
    // PositiveSSL Multi-Domain: 29 EUR with 3 names included, 9.50 EUR for each further name (4 names here)
    expect(await balance(app, r)).toBeCloseTo(before - 38.5, 2);
  });

  it('refuses host_names on a single-name product and a missing organization_handle with code 101', async () => {
    expectError(await createOrder(app, r, { host_names: ['a.example.com'] }), 101, 400);
    expectError(await createOrder(app, r, { organization_handle: undefined }), 101, 400);
    expectError(await createOrder(app, r, { period: 3 }), 101, 400);
    expectError(await createOrder(app, r, { software_id: 'solaris' }), 101, 400);
  });

  it('refuses an unknown handle with code 821', async () => {
    expectError(await createOrder(app, r, { organization_handle: 'ZZ999999-ZZ' }), 821, 404);
  });

  it('refuses an order the balance cannot pay with code 851 and changes nothing', async () => {
    const poor = await reseller(app, 0);
    expectError(await createOrder(app, poor, {}), 851, 400);
    expect((await call<List>(app, 'GET', '/v1beta/ssl/orders', { token: poor.token })).body.data.total).toBe(0);
    expect(await balance(app, poor)).toBe(0);
  });

  it('refuses an approver address that may not approve the domain with code 906', async () => {
    expectError(await createOrder(app, r, { start_provision: true, approver_email: 'someone@gmail.com' }), 906, 400);
  });
});

describe('PUT /v1beta/ssl/orders/{id}', () => {
  it('changes anything on a PAI order, then sends it to the CA with start_provision true', async () => {
    const { body } = await createOrder(app, r);
    const id = body.data.id;
    const csr = await makeCsr('new.example.com');
    const res = await call<{ id: number }>(app, 'PUT', `/v1beta/ssl/orders/${id}`, { token: r.token, json: { id, csr, autorenew: 'on', software_id: 'windows', approver_email: 'admin@example.com' } });
    expect(res.body.data).toEqual({ id });
    let o = await getOrder(app, r, id);
    expect(o).toMatchObject({ status: 'PAI', common_name: 'new.example.com', autorenew: 'on', software: 'windows' });
    await call(app, 'PUT', `/v1beta/ssl/orders/${id}`, { token: r.token, json: { start_provision: true } });
    o = await getOrder(app, r, id);
    expect(o.status).toBe('REQ');
    expect((await outbox(app, 'admin@example.com')).some((m) => m.subject.endsWith('new.example.com'))).toBe(true);
  });

  it('refuses a CSR change on a REQ order with code 904 and keeps the order as it was', async () => {
    const { body } = await createOrder(app, r, { start_provision: true });
    const before = await getOrder(app, r, body.data.id);
    expectError(await call(app, 'PUT', `/v1beta/ssl/orders/${body.data.id}`, { token: r.token, json: { csr: await makeCsr('other.example.com') } }), 904, 400);
    expect(await getOrder(app, r, body.data.id)).toEqual(before);
  });

  it('switches autorenew on a REQ order', async () => {
    const { body } = await createOrder(app, r, { start_provision: true });
    await call(app, 'PUT', `/v1beta/ssl/orders/${body.data.id}`, { token: r.token, json: { autorenew: 'on' } });
    expect((await getOrder(app, r, body.data.id)).autorenew).toBe('on');
  });

  it('refuses a body id that contradicts the path with code 101', async () => {
    const { body } = await createOrder(app, r);
    expectError(await call(app, 'PUT', `/v1beta/ssl/orders/${body.data.id}`, { token: r.token, json: { id: body.data.id + 1000, autorenew: 'on' } }), 101, 400);
  });
});

describe('approver email', () => {
  it('changes the approver of a REQ order by PUT /ssl/orders/{id}/approver-email and mails the new address', async () => {
    const { body } = await createOrder(app, r, { start_provision: true, approver_email: 'admin@example.com' });
    const res = await call<{ id: number }>(app, 'PUT', `/v1beta/ssl/orders/${body.data.id}/approver-email`, { token: r.token, json: { approver_email: 'hostmaster@example.com', id: body.data.id } });
    expect(res.body.data).toEqual({ id: body.data.id });
    expect((await getOrder(app, r, body.data.id)).email_approver).toBe('hostmaster@example.com');
    expect((await outbox(app, 'hostmaster@example.com')).length).toBe(2);
  });

  it('changes it the guide\'s way too: PUT /ssl/orders/{id} with only approver_email (000:2411-2429)', async () => {
    const { body } = await createOrder(app, r, { start_provision: true, approver_email: 'admin@example.com' });
    await call(app, 'PUT', `/v1beta/ssl/orders/${body.data.id}`, { token: r.token, json: { approver_email: 'postmaster@example.com' } });
    const o = await getOrder(app, r, body.data.id);
    expect(o.email_approver).toBe('postmaster@example.com');
    expect(o.status).toBe('REQ');
    expect((await outbox(app, 'postmaster@example.com')).filter((m) => m.body.includes(`order ${body.data.id}`)).length).toBe(2);
  });

  it('refuses an address outside the approver list with code 906, and a PAI order with code 904', async () => {
    const req = await createOrder(app, r, { start_provision: true, approver_email: 'admin@example.com' });
    expectError(await call(app, 'PUT', `/v1beta/ssl/orders/${req.body.data.id}/approver-email`, { token: r.token, json: { approver_email: 'me@gmail.com' } }), 906, 400);
    const pai = await createOrder(app, r);
    expectError(await call(app, 'PUT', `/v1beta/ssl/orders/${pai.body.data.id}/approver-email`, { token: r.token, json: { approver_email: 'admin@example.com' } }), 904, 400);
  });

  it('resends the approval mail of a REQ order, and refuses a PAI order with code 904', async () => {
    const { body } = await createOrder(app, r, { start_provision: true, approver_email: 'administrator@example.com' });
    const before = (await outbox(app, 'administrator@example.com')).length;
    const res = await call<{ id: number }>(app, 'POST', `/v1beta/ssl/orders/${body.data.id}/approver-email/resend`, { token: r.token, json: { id: body.data.id } });
    expect(res.body.data).toEqual({ id: body.data.id });
    expect((await outbox(app, 'administrator@example.com')).length).toBe(before + 2);
    const pai = await createOrder(app, r);
    expectError(await call(app, 'POST', `/v1beta/ssl/orders/${pai.body.data.id}/approver-email/resend`, { token: r.token }), 904, 400);
  });
});

describe('issued orders: reissue, renew, cancel', () => {
  it('shows an approved order as ACT with its certificate, chain and dates', async () => {
    const { body } = await createOrder(app, r, { start_provision: true });
    expect((await approveAll(body.data.id)).state).toBe('active');
    const o = await getOrder(app, r, body.data.id);
    // the certificate is capped at 200 days (CA/B Forum from 2026-03-15); the paid term runs a year
    expect(o).toMatchObject({ status: 'ACT', active_date: '2026-06-01 12:00:00', order_ends_at: '2027-06-01 12:00:00' });
    expect(o.expiration_date).toMatch(/^2026-12-18 /);
    expect(o.reissue_at).toBe(o.expiration_date);
    expect(o.certificate).toContain('-----BEGIN CERTIFICATE-----');
    expect(o.intermediate_certificate).toContain('-----BEGIN CERTIFICATE-----');
    expect(o.root_certificate).toContain('-----BEGIN CERTIFICATE-----');
    expect(o.vendor_reference_id).not.toBe('');
  });

  it('reissues an ACT order with a new CSR: a new certificate, the same names (validation reused), email_reissue set', async () => {
    const { body } = await createOrder(app, r, { start_provision: true, approver_email: 'admin@example.com' });
    await approveAll(body.data.id);
    const before = await getOrder(app, r, body.data.id);
    const res = await call<{ id: number }>(app, 'POST', `/v1beta/ssl/orders/${body.data.id}/reissue`, { token: r.token, json: { id: body.data.id, csr: await makeCsr('shop.example.com', ['www.shop.example.com']) } });
    expect(res.body.data).toEqual({ id: body.data.id });
    const after = await getOrder(app, r, body.data.id);
    expect(after.status).toBe('ACT');
    expect(after.vendor_reference_id).not.toBe(before.vendor_reference_id);
    expect(after.email_reissue).toBe('admin@example.com');
    expect(after.domain_validation_statuses).toMatchObject({ ca_operation: 'reissue' });
  });

  it('puts a reissue for new names back to REQ until they are approved', async () => {
    const { body } = await createOrder(app, r, { start_provision: true });
    await approveAll(body.data.id);
    await call(app, 'POST', `/v1beta/ssl/orders/${body.data.id}/reissue`, { token: r.token, json: { csr: await makeCsr('fresh.example.com') } });
    expect((await getOrder(app, r, body.data.id)).status).toBe('REQ');
  });

  it('refuses a reissue of a PAI order with code 904 and one without a CSR with code 101', async () => {
    const { body } = await createOrder(app, r);
    expectError(await call(app, 'POST', `/v1beta/ssl/orders/${body.data.id}/reissue`, { token: r.token, json: { csr: await makeCsr('shop.example.com') } }), 904, 400);
    expectError(await call(app, 'POST', `/v1beta/ssl/orders/${body.data.id}/reissue`, { token: r.token, json: {} }), 101, 400);
  });

  it('refuses a renew more than 30 days before the order ends with code 25001 and HTTP 400, and charges nothing', async () => {
    const { body } = await createOrder(app, r, { start_provision: true });
    await approveAll(body.data.id);
    const before = await balance(app, r);
    expectError(await call(app, 'POST', `/v1beta/ssl/orders/${body.data.id}/renew`, { token: r.token, json: { id: body.data.id } }), 25001, 400);
    expect(await balance(app, r)).toBe(before);
    expect((await getOrder(app, r, body.data.id)).order_ends_at).toBe('2027-06-01 12:00:00');
  });

  it('refuses a renew of a PAI order with code 904', async () => {
    const { body } = await createOrder(app, r);
    expectError(await call(app, 'POST', `/v1beta/ssl/orders/${body.data.id}/renew`, { token: r.token }), 904, 400);
  });

  it('cancels a PAI order at once (FAI) with a full refund', async () => {
    const before = await balance(app, r);
    const { body } = await createOrder(app, r);
    const res = await call<{ id: number }>(app, 'POST', `/v1beta/ssl/orders/${body.data.id}/cancel`, { token: r.token, json: { id: body.data.id } });
    expect(res.body.data).toEqual({ id: body.data.id });
    expect((await getOrder(app, r, body.data.id)).status).toBe('FAI');
    expect(await balance(app, r)).toBeCloseTo(before, 2);
    expectError(await call(app, 'POST', `/v1beta/ssl/orders/${body.data.id}/cancel`, { token: r.token }), 904, 400);
    expectError(await call(app, 'PUT', `/v1beta/ssl/orders/${body.data.id}`, { token: r.token, json: { autorenew: 'on' } }), 904, 400);
  });

  it('answers another reseller\'s order and an unknown id with code 902 and HTTP 404', async () => {
    const { body } = await createOrder(app, r);
    const other = await reseller(app);
    expectError(await call(app, 'GET', `/v1beta/ssl/orders/${body.data.id}`, { token: other.token }), 902, 404);
    expectError(await call(app, 'POST', `/v1beta/ssl/orders/${body.data.id}/cancel`, { token: other.token }), 902, 404);
    expectError(await call(app, 'GET', '/v1beta/ssl/orders/999999', { token: r.token }), 902, 404);
    expectError(await call(app, 'GET', '/v1beta/ssl/orders/abc', { token: r.token }), 902, 404);
  });
});

describe('POST /v1beta/ssl/orders/{id}/otp-tokens', () => {
  it('returns a one-hour link to the SSL panel that opens the order', async () => {
    const { body } = await createOrder(app, r);
    const res = await call<{ expire_at: string; token: string; uri: string }>(app, 'POST', `/v1beta/ssl/orders/${body.data.id}/otp-tokens`, { token: r.token, json: { id: body.data.id } });
    expect(res.body.data.expire_at).toBe('2026-06-01 13:00:00');
    expect(res.body.data.uri).toBe(`http://127.0.0.1:8080/_sandbox/ssl/panel/${res.body.data.token}`);
    const panel = await app.http.inject({ method: 'GET', url: `/_sandbox/ssl/panel/${res.body.data.token}` });
    expect(JSON.parse(panel.body)).toMatchObject({ id: body.data.id, state: 'draft', common_name: 'shop.example.com' });
  });
});

describe('GET /v1beta/ssl/orders', () => {
  it('searches by status, common name pattern and contact handle, sorts and pages; total counts every match', async () => {
    const s = await reseller(app);
    const a = (await createOrder(app, s, { csr: await makeCsr('alpha.example.com') })).body.data.id;
    const b = (await createOrder(app, s, { csr: await makeCsr('beta.example.com'), start_provision: true })).body.data.id;
    const c = (await createOrder(app, s, { csr: await makeCsr('gamma.example.net'), start_provision: true })).body.data.id;
    await approveAll(c);
    const ids = async (q: string) => (await call<List>(app, 'GET', `/v1beta/ssl/orders${q}`, { token: s.token })).body.data;
    expect((await ids('')).results.map((o) => o.id)).toEqual([a, b, c]);
    expect((await ids('?status=PAI')).results.map((o) => o.id)).toEqual([a]);
    expect((await ids('?status=REQ&status=ACT')).results.map((o) => o.id)).toEqual([b, c]);
    expect((await ids('?status[]=act')).results.map((o) => o.id)).toEqual([c]);
    expect((await ids('?common_name_pattern=*.example.com')).results.map((o) => o.id)).toEqual([a, b]);
    expect((await ids(`?contact_handle=${s.handle}`)).total).toBe(3);
    expect((await ids('?order_by.common_name=desc')).results.map((o) => o.common_name)).toEqual(['gamma.example.net', 'beta.example.com', 'alpha.example.com']);
    const page = await ids('?limit=1&offset=1');
    expect(page).toMatchObject({ total: 3 });
    expect(page.results.map((o) => o.id)).toEqual([b]);
    expect((await ids('?show_expiring=true')).total).toBe(0);
  });

  it('refuses an unknown status with code 101', async () => {
    expectError(await call(app, 'GET', '/v1beta/ssl/orders?status=XYZ', { token: r.token }), 101, 400);
  });
});

// these move the sandbox clock, so they run last
describe('over time', () => {
  it('cancels an ACT order 24 hours after the request (000:2796): ACT until then, FAI after', async () => {
    const { body } = await createOrder(app, r, { start_provision: true });
    await approveAll(body.data.id);
    await call(app, 'POST', `/v1beta/ssl/orders/${body.data.id}/cancel`, { token: r.token });
    expect((await getOrder(app, r, body.data.id)).status).toBe('ACT');
    expectError(await call(app, 'PUT', `/v1beta/ssl/orders/${body.data.id}`, { token: r.token, json: { autorenew: 'on' } }), 904, 400);
    await app.advance('25h');
    expect((await getOrder(app, r, body.data.id)).status).toBe('FAI');
  });

  it('renews an ACT order within 30 days of its end: the term grows by the period from the old end, and it is charged', async () => {
    const { body } = await createOrder(app, r, { start_provision: true });
    await approveAll(body.data.id);
    const ends = (await getOrder(app, r, body.data.id)).order_ends_at as string;
    await app.advance('340d');
    await r.relogin();
    const before = await balance(app, r);
    const res = await call<{ id: number }>(app, 'POST', `/v1beta/ssl/orders/${body.data.id}/renew`, { token: r.token, json: { id: body.data.id } });
    expect(res.body).toMatchObject({ code: 0, data: { id: body.data.id } });
    const o = await getOrder(app, r, body.data.id);
    expect(o.order_ends_at).toBe(`${Number(ends.slice(0, 4)) + 1}${ends.slice(4)}`);
    expect(o.status).toBe('ACT');
    expect(await balance(app, r)).toBeCloseTo(before - 7.53, 2);
  });
});
