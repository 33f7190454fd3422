// SSL247 E24 `orders/certificates/import`: a certificate issued elsewhere becomes an order of origin `imported`
// (status External), read from the PEM itself (names, serial, validity, issuer), visible through SSL247, MrDomain
// `ssl/getinfo` / `ssl/list` and Openprovider `GET /ssl/orders/{id}`; never renewed, reissued or revoked through our
// CA; bad input answered 400 with nothing written; other accounts see none of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { testApp, type TestApp } from '../harness/app.ts';
import { call, data, error, profileBody } from '../ssl247/helpers.ts';
import { call as mrdCall, creds as mrdCreds } from '../mrdomain/helpers.ts';
import { call as opCall, login } from '../openprovider/client.ts';
import { csrFor, file, footprint, openssl } from './helpers.ts';

type Account = Awaited<ReturnType<TestApp['account']>>;
let app: TestApp;
let a: Account;
let b: Account;
const creds = (x: Account) => ({ u: x.email, p: x.password, k: x.apiKey });
let adminProfile: string;
let otherProfile: string;

/** a self-signed RSA-2048 certificate made by openssl, with SANs */
function selfSigned(cn: string, sans: string[]): string {
  const key = file('');
  const out = file('');
  const r = openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', out, '-days', '400', '-subj', `/O=Elsewhere Ltd/CN=${cn}`,
    '-addext', `subjectAltName=${[cn, ...sans].map((n) => `DNS:${n}`).join(',')}`]);
  expect(r.ok, r.out).toBe(true);
  return readFileSync(out, 'utf8');
}
const serialOf = (pem: string) => openssl(['x509', '-noout', '-serial', '-in', file(pem)]).out.trim().replace(/^serial=/, '').toLowerCase();
const imp = (who: Account, body: Record<string, unknown>) => call(app, '/orders/certificates/import', { ...creds(who), internal_product: '131', external_product: '901', validation_type: 'DV', ...body });

beforeAll(async () => {
  app = await testApp();
  a = await app.account({ balance: 5000 });
  b = await app.account({ balance: 5000 });
  adminProfile = String(data(await call(app, '/account/contact-profile/add', { ...creds(a), ...profileBody({ admin: true, tech: true, billing: true }) })).contact_id);
  otherProfile = String(data(await call(app, '/account/contact-profile/add', { ...creds(b), ...profileBody({ admin: true, tech: true, billing: true }) })).contact_id);
}, 30_000);
afterAll(async () => {
  await app?.close();
});

describe('SSL247 orders/certificates/import', () => {
  let id = '';
  const pem = () => selfSigned('legacy.example.org', ['www.legacy.example.org', 'api.legacy.example.org']);
  let cert = '';

  it('imports a self-signed openssl certificate as External, with the PEM\'s names, serial, issuer and dates, charging nothing', async () => {
    cert = pem();
    const before = await footprint(app, a.accountId);
    const out = data(await imp(a, { certificate: cert, common_name: 'legacy.example.org', admin_contact_id: adminProfile, tech_contact_id: adminProfile }));
    expect(Array.isArray(out)).toBe(true);
    expect(Object.keys(out[0]).sort()).toEqual(['Certificate', 'CertificateAddon', 'Order']);
    const c = out[0].Certificate;
    id = c.id;
    expect(c).toMatchObject({ common_name: 'legacy.example.org', status: 'External', serial_number: serialOf(cert), validation_type: 'DV', sans: 'www.legacy.example.org,api.legacy.example.org' });
    expect(c.issuer).toContain('CN=legacy.example.org');
    const notAfter = new Date(openssl(['x509', '-noout', '-enddate', '-in', file(cert)]).out.trim().replace(/^notAfter=/, ''));
    expect(c.expiry).toBe(notAfter.toISOString().slice(0, 19).replace('T', ' '));
    expect(out[0].Order).toMatchObject({ id, order_ref: id, internal_product: '131', external_product: '901' });
    const after = await footprint(app, a.accountId);
    expect(after).toEqual({ ledger: before.ledger, orders: before.orders + 1, balance: before.balance });
  });

  it('shows the imported certificate in SSL247 views and lists (status External), its x509 being the imported PEM', async () => {
    const full = data(await call(app, `/certificate/${id}`, creds(a)));
    expect(full.CertificateDetails).toMatchObject({ common_name: 'legacy.example.org', remaining_reissues: '0', Status: { code: 'External' } });
    expect(full.Contacts.Administrative.email).toBe('jane.smith@example.co.uk');
    expect(data(await call(app, '/certificates/External', creds(a))).map((x: { id: string }) => x.id)).toContain(id);
    expect(data(await call(app, '/orders/certificates/External', creds(a))).Certificate.map((x: { order_id: string }) => x.order_id)).toContain(id);
    expect(data(await call(app, '/certificates', creds(a)))).toContainEqual({ id, common_name: 'legacy.example.org', status: 'External' });
    const detail = data(await call(app, `/orders/${id}`, creds(a))).Orders[0].Certificate.CertificateDetails;
    expect(detail.x509.replace(/\s+/g, '')).toBe(cert.replace(/\s+/g, ''));
    expect(detail.root).toBe('');
    expect(full.CertificateDetails.general_auth_string).toBe('');
    expect(data(await call(app, `/certificate/${id}/x509`, creds(a)))[0].x509.replace(/\s+/g, '')).toBe(cert.replace(/\s+/g, ''));
  });

  it('shows it through MrDomain ssl/getinfo and ssl/list as valid and not renewable, and through Openprovider as ACT', async () => {
    const r = await mrdCall(app, '/ssl/getinfo/', { ...mrdCreds(a), certificateID: id });
    expect(r.body.success, JSON.stringify(r.body)).toBe(true);
    expect(r.body.responseData).toMatchObject({ certificateID: Number(id), commonName: 'legacy.example.org', status: 'valid', renewable: false });
    expect(r.body.responseData.alternativeNames).toEqual(['legacy.example.org', 'www.legacy.example.org', 'api.legacy.example.org']);
    const pemOut = await mrdCall(app, '/ssl/getinfo/', { ...mrdCreds(a), certificateID: id, infoType: 'pem' });
    expect(pemOut.body.responseData.content.data.replace(/\s+/g, '')).toBe(cert.replace(/\s+/g, ''));
    const list = await mrdCall(app, '/ssl/list/', { ...mrdCreds(a) });
    expect(list.body.responseData.ssl.map((x: { certificateID: number }) => x.certificateID)).toContain(Number(id));
    const token = await login(app, a);
    const op = await opCall<Record<string, unknown>>(app, 'GET', `/v1beta/ssl/orders/${id}`, { token });
    expect(op.status, op.text).toBe(200);
    expect(op.body.data).toMatchObject({ id: Number(id), common_name: 'legacy.example.org', status: 'ACT' });
    expect((op.body.data.certificate as string).replace(/\s+/g, '')).toBe(cert.replace(/\s+/g, ''));
    expect(op.body.data.root_certificate).toBe('');
  });

  it('refuses renew, reissue and revoke of an imported certificate (409) and cancels it at once, refunding nothing', async () => {
    const before = await footprint(app, a.accountId);
    error(await call(app, `/certificate/${id}/renew`, { ...creds(a), years: '1' }), 409);
    const { csr } = await csrFor(app, 'legacy.example.org');
    error(await call(app, `/certificate/${id}/reissue`, { ...creds(a), new_csr: csr, hash: 'sha256' }), 409);
    error(await call(app, `/certificate/${id}/revoke`, creds(a)), 409);
    expect(await footprint(app, a.accountId)).toEqual(before);
    const c = data(await call(app, `/certificate/${id}/cancel`, creds(a)));
    expect(c[0]).toMatchObject({ status: 'Cancelled' });
    expect(data(await call(app, `/certificate/${id}`, creds(a))).CertificateDetails.Status.code).toBe('Cancelled');
    expect((await footprint(app, a.accountId)).balance).toBe(before.balance);
  });

  it('keeps imports apart: another account cannot see, cancel or name its contacts in an import', async () => {
    const mine = data(await imp(a, { certificate: pem(), admin_contact_id: adminProfile }))[0].Certificate.id;
    error(await call(app, `/certificate/${mine}`, creds(b)), 404);
    error(await call(app, `/orders/${mine}`, creds(b)), 404);
    error(await call(app, `/certificate/${mine}/cancel`, creds(b)), 404);
    expect(data(await call(app, '/certificates', creds(b))).map((x: { id: string }) => x.id)).not.toContain(mine);
    const r = await mrdCall(app, '/ssl/getinfo/', { ...mrdCreds(b), certificateID: mine });
    expect(r.body).toMatchObject({ success: false, errorCode: 5001 });
    const before = await footprint(app, b.accountId);
    error(await imp(b, { certificate: pem(), admin_contact_id: adminProfile }), 404);
    error(await imp(a, { certificate: pem(), tech_contact_id: otherProfile }), 404);
    expect(await footprint(app, b.accountId)).toEqual(before);
  });

  it('answers bad input with 400 and writes nothing: no PEM, not a PEM, a broken PEM, a CSR, a foreign common name, unknown products and validation', async () => {
    const good = pem();
    const before = await footprint(app, a.accountId);
    expect(error(await imp(a, {}), 400)).toContain('certificate');
    expect(error(await imp(a, { certificate: 'hello' }), 400)).toContain('certificate');
    error(await imp(a, { certificate: '-----BEGIN CERTIFICATE-----\nMIIBbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n' }), 400);
    error(await imp(a, { certificate: good.split('\n').filter((_, i) => i !== 5).join('\n') }), 400); // a line lost: the DER is cut
    error(await imp(a, { certificate: (await csrFor(app, 'legacy.example.org')).csr }), 400);
    expect(error(await imp(a, { certificate: good, common_name: 'other.example.net' }), 400)).toContain('common_name');
    error(await imp(a, { certificate: good, internal_product: '' }), 400);
    error(await imp(a, { certificate: good, internal_product: '999999' }), 404);
    error(await imp(a, { certificate: good, external_product: '123' }), 400);
    error(await imp(a, { certificate: good, validation_type: 'XV' }), 400);
    error(await imp(a, { certificate: 42 }), 400);
    expect(await footprint(app, a.accountId)).toEqual(before);
  });

  it('imports a certificate our CA issued (with its chain), shows our intermediate as issuer, lets it expire with the clock, then refuses it expired', async () => {
    const { csr } = await csrFor(app, 'issued.example.com');
    const orig = data(await call(app, '/order/certificate/place-quick-order', { ...creds(a), product_code: 'rapidssl-standard', csr, dv_auth_method: 'email', approver_email: 'admin@issued.example.com' })).Certificate[0].id;
    expect((await app.http.inject({ method: 'POST', url: `/_sandbox/ssl/orders/${orig}/approve-all` })).statusCode).toBe(200);
    const material = data(await call(app, `/orders/${orig}`, creds(a))).Orders[0].Certificate.CertificateDetails;
    expect(material.x509).toContain('BEGIN CERTIFICATE');
    const out = data(await imp(b, { certificate: `${material.x509}${material.intermediate}`, internal_product: 'rapidssl-standard', admin_contact_id: otherProfile }))[0];
    expect(out.Certificate).toMatchObject({ common_name: 'issued.example.com', status: 'External', serial_number: serialOf(material.x509) });
    const subjectOfIntermediate = openssl(['x509', '-noout', '-subject', '-nameopt', 'RFC2253', '-in', file(material.intermediate)]).out.trim().replace(/^subject=/, '');
    const cnOfIntermediate = /CN=([^,]+)/.exec(subjectOfIntermediate)![1];
    expect(out.Certificate.issuer).toContain(`CN=${cnOfIntermediate}`);
    const newId = out.Certificate.id;
    const detail = data(await call(app, `/orders/${newId}`, creds(b))).Orders[0].Certificate.CertificateDetails;
    expect(detail.intermediate.replace(/\s+/g, '')).toBe(material.intermediate.replace(/\s+/g, ''));

    await app.advance('201d');
    expect(data(await call(app, `/certificate/${newId}`, creds(b))).CertificateDetails.Status.code).toBe('Expired');
    const r = await mrdCall(app, '/ssl/getinfo/', { ...mrdCreds(b), certificateID: newId });
    expect(r.body.responseData.status).toBe('expired');
    expect(error(await imp(b, { certificate: material.x509 }), 400)).toContain('expired');
  });
});
