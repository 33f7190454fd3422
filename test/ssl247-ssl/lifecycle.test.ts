// Issue 5's check on the SSL247 face, end to end: place-order → complete with a CSR → the approver follows the mailed
// link (and, separately, a DNS record written through the core DNS flows is found over our real DNS server) → Issued
// → the downloads verify with `openssl verify -CAfile root -untrusted intermediate`, the SANs match, the key matches
// the CSR → revoke → the serial is in the CRL. The same order is seen through the core and the MrDomain face.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { call, data, error, reseller, profileBody, type Reseller } from '../ssl247/helpers.ts';
import { expectSeedShape } from '../ssl247/helpers.ts';
import { runQuery } from '../../src/core/runner.ts';
import { getOrder } from '../../src/core/ssl/flows/get-order.ts';
import { call as opCall, login as opLogin } from '../openprovider/client.ts';
import { storeZoneSource } from '../../src/core/dns/zone-source.ts';
import { startDnsServer, type DnsServer } from '../../src/dns-server/server.ts';
import { dnsLookup } from '../../src/app/ssl-net.ts';
import { call as mrdCall, creds as mrdCreds } from '../mrdomain/helpers.ts';
import { approveByMail, at, crlPem, csrFor, file, footprint, openssl, rootPem, seedSslData } from './helpers.ts';

let app: TestApp;
let a: Reseller;
let dns: DnsServer;

beforeAll(async () => {
  app = await testApp();
  a = await reseller(app, { balance: 5000 });
  // default admin/tech/billing profiles of the account (seed L2385, L2418, L2435)
  data(await call(app, '/account/contact-profile/add', { ...a.creds, ...profileBody({ admin: true, tech: true, billing: true }) }));
  dns = await startDnsServer({ host: '127.0.0.1', port: 0, source: storeZoneSource(app.store), pollMs: 20 });
  app.services.dnsLookup = dnsLookup({ host: '127.0.0.1', port: dns.port });
}, 30_000);
afterAll(async () => {
  await dns?.close();
  await app?.close();
});

const place = async (line: Record<string, unknown>) => data(await call(app, '/order/certificate/place-order', { ...a.creds, order: [{ years: '1', licenses: '1', quantity: 1, ...line }] }));

describe('SSL247 certificate lifecycle', () => {
  it('place-order → complete → mailed approval link → Issued; downloads pass openssl verify, SANs and key match; revoke puts the serial in the CRL', async () => {
    const before = await footprint(app, a.accountId);
    const placed = await place({ product_code: 'sectigo-positivessl-multi-domain', common_name: 'shop.example.co.uk', san: 2, sans: '' });
    expectSeedShape(placed, seedSslData('/order/certificate/place-order'));
    const id = placed.Order[0].Certificate.id;
    expect(placed.order_ref).toBe(Number(id));
    expect(placed.Invoice).toEqual({ id, total: 29, currency: 'EUR', invoice_ref: Number(id), vat: 0 });
    expect((await footprint(app, a.accountId)).balance).toBe(before.balance - 2900);
    expect(data(await call(app, `/certificates/Incomplete`, a.creds)).map((c: { id: string }) => c.id)).toContain(id);

    const { csr, key } = await csrFor(app, 'shop.example.co.uk');
    const done = data(await call(app, '/order/certificate/complete', {
      ...a.creds, certificate_id: id, common_name: 'shop.example.co.uk', csr, dv_auth_method: 'email', approver_email: 'admin@example.co.uk',
      Addon: [{ id: '1', value: 'www.shop.example.co.uk', approver_email: 'webmaster@example.co.uk' }, { id: '', value: 'mail.example.co.uk', approver_email: 'admin@example.co.uk' }],
    }));
    expectSeedShape(done, seedSslData('/order/certificate/complete'));
    expect(done.Certificate[0]).toMatchObject({ id, status: 'Pending' });

    const full = data(await call(app, `/certificate/${id}`, a.creds));
    expectSeedShape(full, seedSslData('/certificate/{id}'));
    expect(full.CertificateDetails).toMatchObject({ common_name: 'shop.example.co.uk', dv_auth_method: 'email', approver_email: 'admin@example.co.uk', Status: { code: 'Pending' } });
    expect(full.CertificateDetails.Addons.Addon).toEqual([
      { id: '1', type: 'san', value: 'www.shop.example.co.uk', approver_email: 'webmaster@example.co.uk' },
      { id: '2', type: 'san', value: 'mail.example.co.uk', approver_email: 'admin@example.co.uk' },
    ]);
    expect(full.Contacts.Administrative.firstname).toBe('Jane');

    expect(await approveByMail(app, 'admin@example.co.uk', id)).toBe(2);
    expect(data(await call(app, `/certificate/${id}`, a.creds)).Status.code).toBe('Pending');
    expect(await approveByMail(app, 'webmaster@example.co.uk', id)).toBe(1);
    const issued = data(await call(app, `/certificate/${id}`, a.creds));
    expect(issued.Status.code).toBe('Issued');
    expect(issued.CertificateDetails.serial_number).toMatch(/^[0-9a-f]+$/);

    const dl = async (type: string) => {
      const d = data(await call(app, `/certificate/${id}/${type}`, a.creds));
      expectSeedShape(d, [{ [type]: 'string' }]);
      return d[0][type] as string;
    };
    const cert = file(await dl('x509'));
    const inter = file(await dl('intermediate'));
    const root = await dl('root');
    expect(root).toBe(await rootPem(app));
    const rootFile = file(root);
    const verify = openssl(['verify', '-attime', at(app), '-CAfile', rootFile, '-untrusted', inter, cert]);
    expect(verify.out).toContain(': OK');
    const san = openssl(['x509', '-in', cert, '-noout', '-ext', 'subjectAltName']).out;
    for (const n of ['shop.example.co.uk', 'www.shop.example.co.uk', 'mail.example.co.uk']) expect(san).toContain(`DNS:${n}`);
    expect(openssl(['x509', '-in', cert, '-noout', '-pubkey']).out).toBe(openssl(['pkey', '-in', file(key), '-pubout']).out);
    expect(openssl(['x509', '-in', cert, '-noout', '-pubkey']).out).toBe(openssl(['req', '-in', file(csr), '-noout', '-pubkey']).out);
    const bundle = await dl('bundle');
    expect(bundle.match(/BEGIN CERTIFICATE/g)).toHaveLength(3);
    const p7 = await dl('pkcs7');
    expect(p7).toContain('-----BEGIN PKCS7-----');
    expect(openssl(['pkcs7', '-in', file(p7), '-print_certs', '-noout']).out).toContain('shop.example.co.uk');

    // the order through E37, E35, the core and the MrDomain face
    const detail = data(await call(app, `/orders/${id}`, a.creds));
    expectSeedShape(detail, seedSslData('/orders/{order-id}'));
    expect(detail.Orders[0].Certificate.CertificateDetails).toMatchObject({ x509: await dl('x509'), intermediate: await dl('intermediate'), total: 29, years: 1 });
    const list = data(await call(app, '/orders', a.creds));
    expectSeedShape(list, seedSslData('/orders'));
    expect((await runQuery(app.services, getOrder, { accountId: a.accountId, orderId: Number(id) })).state).toBe('active');
    const mrd = await mrdCall(app, '/ssl/getinfo/', { ...mrdCreds(a as never), certificateID: id });
    expect(mrd.body).toMatchObject({ success: true, responseData: { certificateID: Number(id), commonName: 'shop.example.co.uk', status: 'valid', productID: 21 } });

    // revoke: Deactivated in the E21 list, Cancelled in E11, the serial in the CRL
    const revoked = data(await call(app, `/certificate/${id}/revoke`, a.creds));
    expectSeedShape(revoked, seedSslData('/certificate/{id}/revoke'));
    expect(data(await call(app, '/orders/certificates/Deactivated', a.creds)).Certificate.map((c: { order_id: string }) => c.order_id)).toEqual([id]);
    expect(data(await call(app, '/certificates', a.creds)).find((c: { id: string }) => c.id === id).status).toBe('Cancelled');
    const crl = file(await crlPem(app));
    expect(openssl(['crl', '-in', crl, '-noout', '-text']).out.toUpperCase()).toContain(issued.CertificateDetails.serial_number.toUpperCase().replace(/^0+/, ''));
    const check = openssl(['verify', '-attime', at(app), '-crl_check', '-CRLfile', crl, '-CAfile', rootFile, '-untrusted', inter, cert]);
    expect(check.ok).toBe(false);
    expect(check.out).toContain('certificate revoked');
  });

  it('issues a quick order validated by a DNS record written through the Openprovider DNS API and found over the real DNS server', async () => {
    // the zone and the validation record are written through the Openprovider DNS API, as a reseller's tools would
    const opToken = await opLogin(app, a);
    expect((await opCall(app, 'POST', '/v1beta/dns/zones', { token: opToken, json: { domain: { name: 'dns-shop', extension: 'co.uk' }, type: 'master', records: [{ name: '', type: 'A', value: '192.0.2.1', ttl: 3600 }] } })).body.code).toBe(0);
    const { csr } = await csrFor(app, 'www.dns-shop.co.uk');
    const q = data(await call(app, '/order/certificate/place-quick-order', { ...a.creds, product_code: 'rapidssl-standard', common_name: 'www.dns-shop.co.uk', years: '1', licenses: '1', dv_auth_method: 'dns', csr }));
    expectSeedShape(q, seedSslData('/order/certificate/place-quick-order'));
    const id = q.Certificate[0].id;
    const full = data(await call(app, `/certificate/${id}`, a.creds));
    expect(full.CertificateDetails.dv_auth_method).toBe('dns');
    const [name, , value] = full.CertificateDetails.dns_auth_string.split(' ');
    expect(name).toMatch(/^_[0-9a-f]{32}\.www\.dns-shop\.co\.uk$/);

    const validate = async () => JSON.parse((await app.http.inject({ method: 'POST', url: `/_sandbox/ssl/orders/${id}/validate` })).body) as { state: string };
    expect((await validate()).state).toBe('requested');
    expect((await opCall(app, 'PUT', '/v1beta/dns/zones/dns-shop.co.uk', { token: opToken, json: { name: 'dns-shop.co.uk', records: { add: [{ name: name.replace(/\.dns-shop\.co\.uk$/, ''), type: 'CNAME', value, ttl: 900 }] } } })).body.code).toBe(0);
    await dns.refresh();
    expect((await validate()).state).toBe('active');
    expect(data(await call(app, `/certificate/${id}`, a.creds)).Status.code).toBe('Issued');
    const cert = file(data(await call(app, `/certificate/${id}/x509`, a.creds))[0].x509);
    const inter = file(data(await call(app, `/certificate/${id}/intermediate`, a.creds))[0].intermediate);
    expect(openssl(['verify', '-attime', at(app), '-CAfile', file(await rootPem(app)), '-untrusted', inter, cert]).out).toContain(': OK');
  });

  it('renew of an issued certificate is refused before the 30-day window (400) and then creates an Incomplete certificate charged for its years', async () => {
    const { csr } = await csrFor(app, 'renew.example.co.uk');
    const id = data(await call(app, '/order/certificate/place-quick-order', { ...a.creds, product_code: 'rapidssl-standard', years: '1', dv_auth_method: 'email', approver_email: 'admin@example.co.uk', csr })).Certificate[0].id;
    await approveByMail(app, 'admin@example.co.uk', id);
    expect(data(await call(app, `/certificate/${id}`, a.creds)).Status.code).toBe('Issued');
    const before = await footprint(app, a.accountId);
    error(await call(app, `/certificate/${id}/renew`, { ...a.creds, years: '1' }), 400);
    expect(await footprint(app, a.accountId)).toEqual(before);
    await app.advance('340d');
    expect(data(await call(app, `/certificate/${id}`, a.creds)).Status.code).toBe('Expiring');
    const renewed = data(await call(app, `/certificate/${id}/renew`, { ...a.creds, years: '1' }));
    expectSeedShape(renewed, seedSslData('/certificate/{original_certificate_id}/renew'));
    expect((await footprint(app, a.accountId)).balance).toBe(before.balance - 753);
    const n = data(await call(app, `/orders/${renewed.certificate_id}`, a.creds)).Orders[0].Certificate.CertificateDetails;
    expect(n).toMatchObject({ original_order_id: id, common_name: 'renew.example.co.uk', Status: { code: 'Incomplete' } });
  });
});
