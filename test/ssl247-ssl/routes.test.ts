// The SSL247 product, check, ordering and invoice routes: every response in the seed's shape, and bad input answered
// in the error envelope with nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { call, data, error, expectSeedShape, profileBody, reseller, type Reseller } from '../ssl247/helpers.ts';
import { csrFor, footprint, openssl, seedSslData, SEED_ROUTES } from './helpers.ts';

let app: TestApp;
let a: Reseller;
let poor: Reseller;
let bare: Reseller;

beforeAll(async () => {
  app = await testApp();
  a = await reseller(app, { balance: 2000 });
  poor = await reseller(app, { balance: 5 });
  bare = await reseller(app, { balance: 2000 });
  for (const r of [a, poor]) data(await call(app, '/account/contact-profile/add', { ...r.creds, ...profileBody({ admin: true, tech: true, billing: true }) }));
}, 30_000);
afterAll(() => app?.close());

const placeOne = async (over: Record<string, unknown> = {}) =>
  data(await call(app, '/order/certificate/place-order', { ...a.creds, order: [{ product_code: 'rapidssl-standard', common_name: 'one.example.com', years: '1', licenses: '1', san: 0, sans: '', quantity: 1, ...over }] })).Order[0].Certificate.id as string;

describe('SSL247 products', () => {
  it('answers the six product routes in the seed\'s shapes, from the core catalogue, priced in the account currency', async () => {
    const types = data(await call(app, '/product-types', a.creds));
    expectSeedShape(types, seedSslData('/product-types'));
    expect(types.ProductTypeList.map((t: { code: string }) => t.code)).toEqual(['dv', 'ov', 'ev', 'wildcard', 'multi-domain', 'trial']);
    const multi = data(await call(app, '/products/multi-domain', a.creds));
    expectSeedShape(multi, seedSslData('/products/{product-type}'));
    expect(multi.Products.Product.map((p: { code: string }) => p.code)).toContain('sectigo-positivessl-multi-domain');
    const detail = data(await call(app, '/product/sectigo-positivessl-multi-domain', a.creds));
    // the seed's opaque objects (`ProductRequirements`, addon items) are ours; the rest is checked key by key
    const { ProductRequirements, ProductAddons, ProductAddonPrices, ...rest } = detail;
    const { ProductRequirements: _r, ProductAddons: _a, ProductAddonPrices: _p, ...seedRest } = seedSslData('/product/{product-code}') as Record<string, unknown>;
    expectSeedShape(rest, seedRest);
    expect(detail).toMatchObject({ Code: 'sectigo-positivessl-multi-domain', brand: 'Sectigo', ProductPrices: [{ price: 29, years: 1, currency: 'EUR' }, { price: 52.2, years: 2, currency: 'EUR' }] });
    expect(ProductRequirements).toMatchObject({ csr: true, organisation: false, dv_auth_methods: ['email', 'dns', 'file'], max_sans: 249 });
    expect(ProductAddons).toEqual([{ id: 'sectigo-positivessl-multi-domain-san', code: 'san', name: 'Additional SAN', type: 'san' }]);
    expect(ProductAddonPrices).toEqual({ 'Additional SAN': { prices: [{ price: 9.5, years: 1, currency: 'EUR' }, { price: 17.1, years: 2, currency: 'EUR' }] } });
    expect(data(await call(app, '/product/sectigo-positivessl-multi-domain/requirements', a.creds))).toEqual({ ProductRequirements });
    expect(data(await call(app, '/product/sectigo-positivessl-multi-domain/addons', a.creds))).toEqual({ ProductAddons });
    const prices = data(await call(app, '/product/sectigo-positivessl-multi-domain/prices', a.creds));
    expect(prices).toEqual({ ProductPrices: detail.ProductPrices, ProductAddonPrices });
    // the seed's own example product code exists
    expect(data(await call(app, '/product/com-ent-ssl-pro-wildcard', a.creds)).name).toBe('Enterprise SSL Pro Wildcard');
  });

  it('answers an unknown product code or product type with HTTP 404', async () => {
    for (const p of ['/product/no-such-product', '/product/no-such-product/prices', '/product/no-such-product/addons', '/product/no-such-product/requirements', '/products/no-such-type']) error(await call(app, p, a.creds), 404);
    error(await call(app, '/certificates/get-approver-email/no-such-product/example.com', a.creds), 404);
  });

  it('lists the generic internal products from the core catalogue, with the ids they had', async () => {
    const list = data(await call(app, '/generic/get-internal-product-list', a.creds));
    expect(list).toMatchObject({ '131': 'RapidSSL Standard', '163': 'Enterprise SSL Pro Wildcard', '166': 'DonDominio Trial SSL' });
  });
});

describe('SSL247 checks', () => {
  it('lists the approver addresses of a common name, key and value both the address (wildcards and www stripped)', async () => {
    const list = data(await call(app, '/certificates/get-approver-email/com-ent-ssl-pro-wildcard/%2A.ssl247.co.uk', a.creds));
    // the seed's `[{"{email}": "string"}]`: one object per address, one string member each
    for (const item of list) expectSeedShape(item, { [Object.keys(item)[0]]: 'string' });
    expect(list.map((o: Record<string, string>) => Object.keys(o)[0])).toEqual(['admin@ssl247.co.uk', 'administrator@ssl247.co.uk', 'hostmaster@ssl247.co.uk', 'postmaster@ssl247.co.uk', 'webmaster@ssl247.co.uk']);
    expect(list.every((o: Record<string, string>) => Object.keys(o)[0] === Object.values(o)[0])).toBe(true);
  });

  it('checks a common name and a SAN against the product: valid, wrong kind, beyond the maximum', async () => {
    const ok = data(await call(app, '/certificates/check-common-name/com-ent-ssl-pro-wildcard/%2A.ssl247.co.uk', a.creds));
    expectSeedShape(ok, seedSslData('/certificates/check-common-name/{product-code}/{common-name}'));
    expect(ok).toMatchObject({ valid: true, type: 'wildcard' });
    expect(data(await call(app, '/certificates/check-common-name/com-ent-ssl-pro-wildcard/ssl247.co.uk', a.creds))).toMatchObject({ valid: false, type: 'single' });
    const san = data(await call(app, '/certificates/check-san/sectigo-positivessl-multi-domain/ssl247.co.uk/sub-domain.ssl247.co.uk', a.creds));
    expectSeedShape(san, seedSslData('/certificates/check-san/{product-code}/{common-name}/{san}'));
    expect(san).toMatchObject({ valid: true, type: 'san', product_addon_id: 'sectigo-positivessl-multi-domain-san' });
    expect(data(await call(app, '/certificates/check-san/rapidssl-standard/ssl247.co.uk/www.ssl247.co.uk', a.creds))).toMatchObject({ valid: true, product_addon_id: '' });
    expect(data(await call(app, '/certificates/check-san/rapidssl-standard/ssl247.co.uk/sub-domain.ssl247.co.uk', a.creds))).toMatchObject({ valid: false, type: 'san' });
    expect(data(await call(app, '/certificates/check-san/sectigo-positivessl-multi-domain/ssl247.co.uk/%2A.ssl247.co.uk', a.creds))).toMatchObject({ valid: false, type: 'wildcard_san' });
  });
});

describe('SSL247 ordering', () => {
  it('validates order lines without writing: priced lines with SAN addons, and Valid false with the reason for a bad line', async () => {
    const before = await footprint(app, a.accountId);
    const v = data(await call(app, '/order/certificate/validate', { ...a.creds, order: [{ product_code: 'sectigo-positivessl-multi-domain', common_name: 'a.example.com', years: '1', licenses: '1', san: 4, sans: 'b.example.com, c.example.com', quantity: 2 }] }));
    expectSeedShape(v, seedSslData('/order/certificate/validate'));
    expect(v.Valid).toBe(true);
    // 3 included (the common name + 2 SANs), 2 more at 9.50: (29 + 19) × 2
    expect(v.OrderLines[0]).toMatchObject({ code: 'sectigo-positivessl-multi-domain', total: '96.00', quantity: '2', value: 'a.example.com', nextstep: 2 });
    expect(v.OrderLines[0].addons.map((x: { total: string }) => x.total)).toEqual(['0.00', '0.00', '19.00', '19.00']);
    const bad = data(await call(app, '/order/certificate/validate', { ...a.creds, order: [{ product_code: 'rapidssl-standard', common_name: 'x.example.com', san: 2, quantity: 1 }] }));
    expect(bad.Valid).toBe(false);
    expect(bad.OrderLines[0].label).toMatch(/takes no SANs/);
    expect(await footprint(app, a.accountId)).toEqual(before);
  });

  it('place-order with quantity 2 creates two Incomplete certificates under one order ref and one invoice', async () => {
    const r = data(await call(app, '/order/certificate/place-order', { ...a.creds, order: [{ product_code: 'rapidssl-standard', common_name: 'two.example.com', years: '2', quantity: 2 }] }));
    expect(r.Order).toHaveLength(2);
    expect(r.order_ref).toBe(Number(r.Order[0].order_id));
    expect(r.Invoice.total).toBeCloseTo(2 * 13.55, 2);
    for (const o of r.Order) expect(data(await call(app, `/certificate/${o.Certificate.id}`, a.creds)).Status).toEqual({ code: 'Incomplete', description: expect.any(String) });
  });

  it('answers bad input in the error envelope and writes nothing', async () => {
    const before = await footprint(app, a.accountId);
    const { csr } = await csrFor(app, 'bad.example.com');
    const cases: Array<[string, Record<string, unknown>, number]> = [
      ['/order/certificate/place-order', { order: 'x' }, 400],
      ['/order/certificate/place-order', { order: [{ product_code: 'nope' }] }, 404],
      ['/order/certificate/place-order', { order: [{ product_code: 'sectigo-positivessl-multi-domain', common_name: 'a.example.com', san: 250 }] }, 400],
      ['/order/certificate/place-order', { order: [{ product_code: 'rapidssl-standard', years: '3' }] }, 400],
      ['/order/certificate/place-quick-order', { product_code: 'rapidssl-standard', csr: '-----BEGIN CERTIFICATE REQUEST-----\nnot base64\n-----END CERTIFICATE REQUEST-----', dv_auth_method: 'dns' }, 400],
      ['/order/certificate/place-quick-order', { product_code: 'rapidssl-standard', csr: 'hello', dv_auth_method: 'dns' }, 400],
      ['/order/certificate/place-quick-order', { product_code: 'rapidssl-standard', csr, dv_auth_method: 'email' }, 400],
      ['/order/certificate/place-quick-order', { product_code: 'rapidssl-standard', csr, dv_auth_method: 'email', approver_email: 'admin@other.com' }, 400],
      ['/order/certificate/place-quick-order', { product_code: 'rapidssl-standard', csr, dv_auth_method: 'fax' }, 400],
      ['/order/certificate/place-quick-order', { product_code: 'rapidssl-standard', csr, common_name: 'other.example.com' }, 400],
      ['/order/certificate/place-quick-order', { product_code: 'rapidssl-standard', csr, Addon: [{ value: 'x.example.com' }] }, 400],
      ['/order/certificate/place-quick-order', { product_code: 'nope', csr }, 404],
      ['/order/certificate/place-quick-order', { product_code: 'rapidssl-standard', csr, billing_contact_id: '999999' }, 404],
      ['/order/certificate/complete', { certificate_id: '999999', csr }, 404],
      ['/certificate/999999/cancel', {}, 404],
      ['/certificate/abc', {}, 404],
    ];
    for (const [path, body, status] of cases) error(await call(app, path, { ...a.creds, ...body }), status);
    // a weak CSR (RSA 1024) made with openssl
    const weak = openssl(['req', '-new', '-newkey', 'rsa:1024', '-nodes', '-keyout', '/dev/null', '-subj', '/CN=weak.example.com']).out;
    expect(weak).toContain('BEGIN CERTIFICATE REQUEST');
    error(await call(app, '/order/certificate/place-quick-order', { ...a.creds, product_code: 'rapidssl-standard', csr: weak, dv_auth_method: 'dns' }), 400);
    expect(await footprint(app, a.accountId)).toEqual(before);
  });

  it('refuses an order the balance cannot pay with HTTP 402 and writes nothing', async () => {
    const before = await footprint(app, poor.accountId);
    error(await call(app, '/order/certificate/place-order', { ...poor.creds, order: [{ product_code: 'rapidssl-standard', common_name: 'p.example.com' }] }), 402);
    const { csr } = await csrFor(app, 'p.example.com');
    error(await call(app, '/order/certificate/place-quick-order', { ...poor.creds, product_code: 'rapidssl-standard', csr, dv_auth_method: 'dns', Contacts: { Administrative: { firstname: 'New', lastname: 'Person', email: 'new@example.com', phone: '+44.2070000000', country: 'GB' } } }), 402);
    expect(await footprint(app, poor.accountId)).toEqual(before);
    expect(data(await call(app, '/account/users', poor.creds)).Users.ContactProfile).toHaveLength(1);
  });

  it('complete with inline contacts creates the profiles; without any profile the order cannot go to the CA (404) and nothing changes', async () => {
    const id = await placeOne({ common_name: 'inline.example.com' });
    const { csr } = await csrFor(app, 'inline.example.com');
    const person = { organisation: 'Inline Ltd', title: 'Mr', firstname: 'Ian', lastname: 'Line', email: 'ian@inline.example.com', phone: '+44.2070000001', address_1: '1 Road', address_2: '', city: 'York', postcode: 'YO1 1AA', region: 'Yorkshire', country: 'GB' };
    data(await call(app, '/order/certificate/complete', { ...a.creds, certificate_id: id, csr, dv_auth_method: 'dns', Contacts: { Company: { organisation_category: 'PO', organisation_legal_name: 'Inline Ltd', organisation_registration_number: '123', organisation_duns: '456' }, Administrative: person, Technical: { ...person, firstname: 'Tess' } } }));
    const full = data(await call(app, `/certificate/${id}`, a.creds));
    expect(full.Contacts).toMatchObject({ Company: { category: 'PO', organisation_legal_name: 'Inline Ltd', registration_number: '123', duns: '456' }, Administrative: { firstname: 'Ian', region: 'Yorkshire' }, Technical: { firstname: 'Tess' } });

    const bareId = data(await call(app, '/order/certificate/place-order', { ...bare.creds, order: [{ product_code: 'rapidssl-standard', common_name: 'bare.example.com' }] })).Order[0].Certificate.id;
    const before = await footprint(app, bare.accountId);
    const { csr: csr2 } = await csrFor(app, 'bare.example.com');
    error(await call(app, '/order/certificate/complete', { ...bare.creds, certificate_id: bareId, csr: csr2, dv_auth_method: 'dns' }), 404);
    expect(await footprint(app, bare.accountId)).toEqual(before);
    expect(data(await call(app, `/certificate/${bareId}`, bare.creds)).Status.code).toBe('Incomplete');
  });

  it('answers operations in the wrong state with HTTP 409: reissue of an Incomplete certificate, download before issuance, cancel twice', async () => {
    const id = await placeOne({ common_name: 'state.example.com' });
    const { csr } = await csrFor(app, 'state.example.com');
    error(await call(app, `/certificate/${id}/reissue`, { ...a.creds, new_csr: csr, hash: 'sha256' }), 409);
    error(await call(app, `/certificate/${id}/x509`, a.creds), 409);
    error(await call(app, `/certificate/${id}/request-health-check`, a.creds), 409);
    error(await call(app, `/certificate/${id}/revoke`, a.creds), 409);
    const c = data(await call(app, `/certificate/${id}/cancel`, a.creds));
    expectSeedShape(c, seedSslData('/certificate/{id}/cancel'));
    expect(c[0]).toMatchObject({ status: 'Cancelled', details: 'Refunded 7.53 EUR' });
    error(await call(app, `/certificate/${id}/cancel`, a.creds), 409);
    error(await call(app, `/certificate/${id}/nonsense`, a.creds), 404);
    error(await call(app, '/certificates/Shipped', a.creds), 404);
    // import is served (a static segment, not a status); without a certificate PEM it is bad input
    error(await call(app, '/orders/certificates/import', a.creds), 400);
  });

  it('reissues an issued certificate with a new CSR and hash, and reports its health', async () => {
    const { csr } = await csrFor(app, 'reissue.example.com');
    const id = data(await call(app, '/order/certificate/place-quick-order', { ...a.creds, product_code: 'rapidssl-standard', csr, dv_auth_method: 'email', approver_email: 'admin@reissue.example.com' })).Certificate[0].id;
    await app.http.inject({ method: 'POST', url: `/_sandbox/ssl/orders/${id}/approve-all` });
    const serial = data(await call(app, `/certificate/${id}`, a.creds)).CertificateDetails.serial_number;
    const health = data(await call(app, `/certificate/${id}/request-health-check`, a.creds));
    expect(typeof health).toBe('string');
    error(await call(app, `/certificate/${id}/reissue`, { ...a.creds, new_csr: csr, hash: 'md5' }), 400);
    const { csr: csr2 } = await csrFor(app, 'reissue.example.com');
    const r = data(await call(app, `/certificate/${id}/reissue`, { ...a.creds, new_csr: csr2, hash: 'SHA384' }));
    expectSeedShape(r, seedSslData('/certificate/{id}/reissue'));
    expect(r.status).toBe('Issued');
    const after = data(await call(app, `/certificate/${id}`, a.creds)).CertificateDetails;
    expect(after).toMatchObject({ hash: 'sha384', csr: csr2.trim() });
    expect(after.serial_number).not.toBe(serial);
  });
});

describe('SSL247 orders and invoices', () => {
  it('lists certificates by status and orders in the seed\'s shapes', async () => {
    const id = await placeOne({ common_name: 'list.example.com' });
    const all = data(await call(app, '/certificates', a.creds));
    expectSeedShape(all, seedSslData('/certificates'));
    expect(all.find((c: { id: string }) => c.id === id)).toEqual({ id, common_name: 'list.example.com', status: 'Incomplete' });
    expectSeedShape(data(await call(app, '/certificates/Incomplete', a.creds)), seedSslData('/certificates/{status}'));
    const byStatus = data(await call(app, '/orders/certificates/Incomplete', a.creds));
    expectSeedShape(byStatus, seedSslData('/orders/certificates/{status}'));
    expect(byStatus.Certificate.map((c: { order_id: string }) => c.order_id)).toContain(id);
    expect(data(await call(app, '/orders/certificates/Issued', a.creds)).Certificate.map((c: { order_id: string }) => c.order_id)).not.toContain(id);
  });

  it('accepts every status word of the two lists the seed declares (12 for /certificates, 11 for /orders/certificates)', async () => {
    const cert = ['Incomplete', 'Expiring', 'External', 'Issued', 'Stock', 'Pending', 'ReadyToReview', 'Expired', 'Subscription', 'Cancelled', 'Archived', 'TemporaryCertificate'];
    const order = ['Stock', 'Expiring', 'Subscription', 'Issued', 'Pending', 'Expired', 'Deactivated', 'External', 'Cancelled', 'Archived', 'Incomplete'];
    for (const st of cert) expect(Array.isArray(data(await call(app, `/certificates/${st}`, a.creds)))).toBe(true);
    for (const st of order) expect(Array.isArray(data(await call(app, `/orders/certificates/${st}`, a.creds)).Certificate)).toBe(true);
    // each route's own list (inventory A6)
    error(await call(app, '/certificates/Deactivated', a.creds), 404);
    error(await call(app, '/orders/certificates/ReadyToReview', a.creds), 404);
  });

  it('answers an invoice as a real base64 PDF or as a URL, and 404 for another account\'s invoice', async () => {
    const id = await placeOne({ common_name: 'invoice.example.com' });
    const pdf = data(await call(app, `/orders/invoice/${id}/pdf`, a.creds));
    expectSeedShape(pdf, seedSslData('/orders/invoice/{invoice-id}/{download}'));
    const bytes = Buffer.from(pdf.invoice, 'base64');
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(bytes.toString('latin1')).toContain('7.53 EUR');
    expect(bytes.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    expect(data(await call(app, `/orders/invoice/${id}/1`, a.creds)).invoice).toBe(pdf.invoice);
    expect(data(await call(app, `/orders/invoice/${id}/url`, a.creds)).invoice).toBe(`http://127.0.0.1:8080/api/v3/orders/invoice/${id}/pdf`);
    error(await call(app, `/orders/invoice/${id}/maybe`, a.creds), 400);
    error(await call(app, `/orders/invoice/${id}/pdf`, bare.creds), 404);
    error(await call(app, `/orders/${id}`, bare.creds), 404);
    error(await call(app, `/certificate/${id}`, bare.creds), 404);
  });

  it('serves every one of the seed\'s 27 SSL routes, import included, and answers GET with 405', async () => {
    expect(SEED_ROUTES).toHaveLength(27);
    const served = app.routes.filter((r) => r.surface === 'ssl247').map((r) => r.path);
    const norm = (p: string) => p.replace(/\{[^}]+\}/g, '{}');
    const missing = SEED_ROUTES.filter((r) => !served.map(norm).includes(norm(`/api/v3${r}`)));
    expect(missing).toEqual([]);
    error(await call(app, '/orders', a.creds, { method: 'GET' }), 405);
  });
});
