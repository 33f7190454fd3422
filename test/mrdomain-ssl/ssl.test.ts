// The MrDomain ssl module (13 actions, seed 003 §8): shapes of the seed's examples, the certificate lifecycle end to
// end (csrcreate → create → the approver follows the mailed link → valid → downloads verify with openssl →
// reissue, multidomainaddsan, renew), and bad input answered with the seed's codes (5000, 5001, 1100, 3001, 101,
// 105) with nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testApp, type TestApp } from '../harness/app.ts';
import { call, contactParams, creds, ENCODINGS } from '../mrdomain/helpers.ts';
import { runQuery } from '../../src/core/runner.ts';
import { getOrder } from '../../src/core/ssl/flows/get-order.ts';
import { listLedger } from '../../src/core/billing/flows/list-ledger.ts';
import { searchOrders } from '../../src/core/ssl/flows/search-orders.ts';
import { call as opCall, login as opLogin } from '../openprovider/client.ts';
import { storeZoneSource } from '../../src/core/dns/zone-source.ts';
import { startDnsServer, type DnsServer } from '../../src/dns-server/server.ts';
import { dnsLookup } from '../../src/app/ssl-net.ts';

let app: TestApp;
type Account = Awaited<ReturnType<TestApp['account']>>;
let a: Account;
let poor: Account;
let adminId: string;
let dns: DnsServer;
const dir = mkdtempSync(join(tmpdir(), 'mrd-ssl-'));
let n = 0;
const file = (text: string) => {
  const p = join(dir, `f${++n}`);
  writeFileSync(p, text);
  return p;
};
function openssl(args: string[]): { ok: boolean; out: string } {
  try {
    return { ok: true, out: execFileSync('openssl', args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] }) };
  } catch (e) {
    const x = e as { stdout?: string; stderr?: string };
    return { ok: false, out: `${x.stdout ?? ''}${x.stderr ?? ''}` };
  }
}
const at = () => String(Math.floor(app.clock.now().getTime() / 1000) + 60);

async function ssl(action: string, params: Record<string, string>, who: Account = a) {
  const r = await call(app, `/ssl/${action}/`, { ...creds(who), ...params });
  expect(r.status).toBe(200);
  return r.body;
}
function ok(body: any) {
  expect(body.success, JSON.stringify(body)).toBe(true);
  expect(body.errorCode).toBe(0);
  return body.responseData;
}
function fails(body: any, code: number) {
  expect(body, JSON.stringify(body)).toMatchObject({ success: false, errorCode: code, responseData: [] });
}
async function footprint(accountId: number) {
  const ledger = await runQuery(app.services, listLedger, { accountId, page: { limit: 100_000, offset: 0 } });
  const orders = await runQuery(app.services, searchOrders, { accountId, page: { limit: 100_000, offset: 0 } });
  return { ledger: ledger.total, orders: orders.total, balance: ledger.results.reduce((s, e) => s + e.amountMinor, 0) };
}
async function csr(commonName: string, extra: Record<string, string> = {}) {
  return ok(await ssl('csrcreate', { commonName, organizationName: 'Tech Solutions Inc', organizationalUnitName: 'Gotham Department', countryName: 'US', stateOrProvinceName: 'Arizona', localityName: 'Bapchule', emailAddress: 'info@example.com', ...extra })) as { csrData: string; csrKey: string };
}
async function approveMailed(to: string, id: number) {
  const res = await app.http.inject({ method: 'GET', url: `/_sandbox/outbox?to=${encodeURIComponent(to)}&limit=1000` });
  const mails = (JSON.parse(res.body).results as Array<{ body: string; links: string[] }>).filter((m) => m.body.includes(`order ${id},`));
  for (const m of mails) expect((await app.http.inject({ method: 'GET', url: new URL(m.links[0]).pathname })).statusCode).toBe(200);
  return mails.length;
}

const BASE = ['certificateID', 'commonName', 'status', 'renewable', 'productID', 'tsCreate', 'tsExpir', 'alternativeNames'];

beforeAll(async () => {
  app = await testApp();
  a = await app.account({ balance: 5000 });
  poor = await app.account({ balance: 1 });
  adminId = ok((await call(app, '/contact/create/', { ...creds(a), ...contactParams() })).body).contactID;
  dns = await startDnsServer({ host: '127.0.0.1', port: 0, source: storeZoneSource(app.store), pollMs: 20 });
  app.services.dnsLookup = dnsLookup({ host: '127.0.0.1', port: dns.port });
}, 30_000);
afterAll(async () => {
  await dns?.close();
  await app?.close();
});

describe('MrDomain ssl: CSR tools and products', () => {
  it('csrcreate makes a real RSA-2048 key and CSR with the subject sent, and csrdecode reads it back (both encodings)', async () => {
    const made = await csr('example.domain.com');
    expect(made.csrKey).toContain('-----BEGIN PRIVATE KEY-----');
    expect(openssl(['req', '-in', file(made.csrData), '-noout', '-verify']).ok).toBe(true);
    expect(openssl(['pkey', '-in', file(made.csrKey), '-noout', '-text']).out).toMatch(/2048 bit/);
    for (const encoding of ENCODINGS) {
      const r = await call(app, '/ssl/csrdecode/', { ...creds(a), csrData: made.csrData }, { encoding });
      expect(ok(r.body)).toEqual({
        csrData: made.csrData, commonName: 'example.domain.com', organizationName: 'Tech Solutions Inc', organizationalUnitName: 'Gotham Department',
        countryName: 'US', stateOrProvinceName: 'Arizona', localityName: 'Bapchule', emailAddress: 'info@example.com',
      });
      expect(r.raw).toContain('"action":"ssl\\/csrdecode"');
    }
  });

  it('answers a malformed CSR with 5000 and missing CSR fields with 101', async () => {
    fails(await ssl('csrdecode', { csrData: 'not a csr' }), 5000);
    fails(await ssl('csrdecode', { csrData: '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----' }), 5000);
    fails(await ssl('csrdecode', {}), 101);
    fails(await ssl('csrcreate', { commonName: 'x.example.com' }), 101);
  });

  it('lists products with the seed\'s fields and filters, and shows one; an unknown product is 5001', async () => {
    const list = ok(await ssl('productlist', {}));
    expect(list.queryInfo).toEqual({ page: 1, pageLength: 1000, results: list.products.length, total: list.products.length });
    const dp = list.products.find((p: { productID: number }) => p.productID === 1);
    expect(dp).toEqual({ productID: 1, productName: 'Sectigo Domain Premium', brandName: 'Sectigo', validationType: 'dv', isMultiDomain: false, isWildcard: false, isTrial: false, numDomains: 1, keyLength: 2048, encryption: 256, create: { create: 4.95, years: 1 }, renew: { create: 39.95, years: 1 } });
    expect(list.products.find((p: { productID: number }) => p.productID === 58)).toEqual({ productID: 58, productName: 'DonDominio Trial SSL', brandName: 'DonDominio', validationType: 'dv', isMultiDomain: false, isWildcard: false, isTrial: true, numDomains: 1, keyLength: 2048, encryption: 256, trialPeriod: '90 days' });
    const ev = ok(await ssl('productgetinfo', { productID: '17' }));
    expect(ev).toMatchObject({ productID: 17, productName: 'EVSSL multi-domain', validationType: 'ev', isMultiDomain: true, numDomains: 3, create: { create: 383.95, years: 1 }, sanMaxDomains: 210, sanPrice: 106 });
    const raw = (await call(app, '/ssl/productgetinfo/', { ...creds(a), productID: '17' })).raw;
    expect(raw).toContain('"sanPrice":106.0');
    const multi = ok(await ssl('productlist', { multidomain: '1', validationType: 'ev', pageLength: '1', page: '2' }));
    expect(multi.queryInfo).toEqual({ page: 2, pageLength: 1, results: 1, total: 2 });
    expect(multi.products[0].isMultiDomain).toBe(true);
    expect(ok(await ssl('productlist', { trial: 'true' })).products.map((p: { productID: number }) => p.productID)).toEqual([58]);
    expect(ok(await ssl('productlist', { wildcard: '1' })).products.every((p: { isWildcard: boolean; isMultiDomain: boolean }) => p.isWildcard || p.isMultiDomain)).toBe(true);
    fails(await ssl('productgetinfo', { productID: '9999' }), 5001);
    fails(await ssl('productgetinfo', { productID: 'abc' }), 105);
    fails(await ssl('productlist', { validationType: 'xv' }), 105);
  });

  it('lists the validation methods of a common name, with and without the alternatives', async () => {
    expect(ok(await ssl('getvalidationemails', { commonName: 'example.com' }))).toEqual({ commonName: 'example.com', valMethods: ['dns', 'http', 'https', 'admin@example.com', 'administrator@example.com', 'hostmaster@example.com', 'postmaster@example.com', 'webmaster@example.com'] });
    expect(ok(await ssl('getvalidationemails', { commonName: '*.example.com', includeAlternativeMethods: '0' })).valMethods).toHaveLength(5);
    fails(await ssl('getvalidationemails', {}), 101);
  });
});

describe('MrDomain ssl: certificates', () => {
  it('create → mailed approval link → valid; getinfo downloads verify with openssl; the key matches the CSR; the core sees the same order', async () => {
    const before = await footprint(a.accountId);
    const made = await csr('www.example.com');
    const created = ok(await ssl('create', { productID: '1', csrData: made.csrData, keyData: made.csrKey, adminContactID: adminId, validationMethod: 'admin@example.com' }));
    expect(created).toEqual({ billing: { total: 4.95, currency: 'EUR' }, ssl: { certificateID: expect.any(Number), commonName: 'www.example.com', status: 'process', renewable: false, productID: 1, tsCreate: '', tsExpir: '', alternativeNames: [] } });
    const id = created.ssl.certificateID;
    expect((await footprint(a.accountId)).balance).toBe(before.balance - 495);

    const vs = ok(await ssl('getinfo', { certificateID: String(id), infoType: 'validationStatus' }));
    expect(vs.validationData).toEqual({ dcv: { 'www.example.com': { validated: false, domainName: 'www.example.com', method: 'mail', checkvalue: 'admin@example.com' } }, organizationValidationStatus: '', brandValidationStatus: '', message: 'The petition is pending validation.', externalValidation: true });
    expect(await approveMailed('admin@example.com', id)).toBe(1);

    const status = ok(await ssl('getinfo', { certificateID: String(id) }));
    expect(Object.keys(status)).toEqual(BASE);
    expect(status).toMatchObject({ status: 'valid', tsCreate: '2026-06-01', tsExpir: '2027-06-01' });
    const data = ok(await ssl('getinfo', { certificateID: String(id), infoType: 'ssldata' }));
    expect(data.sslKey).toBe(made.csrKey);
    expect(data.fingerprint.SHA256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const cert = file(data.sslCert);
    const inter = file(data.sslCertChain.join(''));
    const root = file((await app.http.inject({ method: 'GET', url: '/_sandbox/ca/root.pem' })).body);
    expect(openssl(['verify', '-attime', at(), '-CAfile', root, '-untrusted', inter, cert]).out).toContain(': OK');
    expect(openssl(['x509', '-in', cert, '-noout', '-ext', 'subjectAltName']).out).toContain('DNS:www.example.com');
    expect(openssl(['x509', '-in', cert, '-noout', '-pubkey']).out).toBe(openssl(['pkey', '-in', file(made.csrKey), '-pubout']).out);
    expect(openssl(['x509', '-in', cert, '-noout', '-fingerprint', '-sha256']).out).toContain(data.fingerprint.SHA256);

    const der = ok(await ssl('getinfo', { certificateID: String(id), infoType: 'der' })).content;
    expect(der).toMatchObject({ type: 'application/x-x509-ca-cert', name: 'certificate.der', base64encoded: true });
    expect(openssl(['x509', '-inform', 'DER', '-in', file(Buffer.from(der.data, 'base64') as unknown as string), '-noout', '-subject']).out).toContain('www.example.com');
    const pem = ok(await ssl('getinfo', { certificateID: String(id), infoType: 'pem' })).content;
    expect(pem).toMatchObject({ type: 'text/plain', name: 'certificate.pem', base64encoded: false });
    expect(pem.data.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    const p7b = ok(await ssl('getinfo', { certificateID: String(id), infoType: 'p7b' })).content;
    expect(openssl(['pkcs7', '-in', file(p7b.data), '-print_certs', '-noout']).out).toContain('www.example.com');
    const zip = ok(await ssl('getinfo', { certificateID: String(id), infoType: 'zip' })).content;
    expect(zip).toMatchObject({ type: 'application/zip', name: 'certificate.zip', base64encoded: true });
    const zipFile = join(dir, 'c.zip');
    writeFileSync(zipFile, Buffer.from(zip.data, 'base64'));
    const py = execFileSync('python3', ['-c', `import zipfile,sys;z=zipfile.ZipFile(sys.argv[1]);assert z.testzip() is None;print(sorted(z.namelist()))`, zipFile], { encoding: 'utf8' });
    expect(py.trim()).toBe("['ca-bundle.crt', 'certificate.crt', 'certificate.key']");
    const pfx = ok(await ssl('getinfo', { certificateID: String(id), infoType: 'pfx', pfxpass: 's3cret pass' })).content;
    expect(pfx).toMatchObject({ type: 'application/x-pkcs12', name: 'certificate.pfx', base64encoded: true });
    const pfxFile = join(dir, 'c.pfx');
    writeFileSync(pfxFile, Buffer.from(pfx.data, 'base64'));
    const opened = openssl(['pkcs12', '-in', pfxFile, '-passin', 'pass:s3cret pass', '-nodes']);
    expect(opened.ok, opened.out).toBe(true);
    expect(opened.out.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    expect(openssl(['pkey', '-in', file(opened.out), '-pubout']).out).toBe(openssl(['pkey', '-in', file(made.csrKey), '-pubout']).out);
    expect(openssl(['pkcs12', '-in', pfxFile, '-passin', 'pass:wrong', '-nodes']).ok).toBe(false);
    fails(await ssl('getinfo', { certificateID: String(id), infoType: 'validationStatus' }), 5000);

    expect((await runQuery(app.services, getOrder, { accountId: a.accountId, orderId: id })).state).toBe('active');
    const list = ok(await ssl('list', { status: 'valid', commonName: 'www.example.com' }));
    expect(list.ssl.map((c: { certificateID: number }) => c.certificateID)).toEqual([id]);
    expect(Object.keys(list.ssl[0])).toEqual(BASE);

    // reissue with a new CSR: the same names stay validated, so it is issued again at once
    const again = await csr('www.example.com');
    const re = await ssl('reissue', { certificateID: String(id), csrData: again.csrData, keyData: again.csrKey, validationMethod: 'admin@example.com' });
    expect(re.messages).toEqual(['Operation done correctly.']);
    expect(ok(re)).toMatchObject({ certificateID: id, status: 'valid' });
    const after = ok(await ssl('getinfo', { certificateID: String(id), infoType: 'ssldata' }));
    expect(openssl(['x509', '-in', file(after.sslCert), '-noout', '-pubkey']).out).toBe(openssl(['pkey', '-in', file(again.csrKey), '-pubout']).out);

    // renew: refused 30+ days before the end of the term (5000), nothing charged; then accepted
    const mid = await footprint(a.accountId);
    fails(await ssl('renew', { certificateID: String(id), csrData: again.csrData }), 5000);
    expect(await footprint(a.accountId)).toEqual(mid);
    await app.advance('340d');
    const renewed = ok(await ssl('renew', { certificateID: String(id), csrData: again.csrData }));
    expect(renewed).toMatchObject({ billing: { total: 39.95, currency: 'EUR' }, ssl: { certificateID: id, tsExpir: '2028-06-01' } });
  });

  it('validates a certificate by the DNS record its checkvalue asks for, written through the Openprovider DNS API and found over the real DNS server', async () => {
    // the zone and the validation record are written through the Openprovider DNS API, as a reseller's tools would
    const opToken = await opLogin(app, a);
    expect((await opCall(app, 'POST', '/v1beta/dns/zones', { token: opToken, json: { domain: { name: 'dns-mrd', extension: 'es' }, type: 'master', records: [{ name: '', type: 'A', value: '192.0.2.1', ttl: 3600 }] } })).body.code).toBe(0);
    const made = await csr('www.dns-mrd.es');
    const id = ok(await ssl('create', { productID: '19', csrData: made.csrData, adminContactID: adminId })).ssl.certificateID;
    const check = ok(await ssl('getinfo', { certificateID: String(id), infoType: 'validationStatus' })).validationData.dcv['www.dns-mrd.es'];
    expect(check.method).toBe('dns');
    const [name, type, value] = check.checkvalue.split(' ');
    expect(type).toBe('CNAME');
    const validate = async () => JSON.parse((await app.http.inject({ method: 'POST', url: `/_sandbox/ssl/orders/${id}/validate` })).body) as { state: string };
    expect((await validate()).state).toBe('requested');
    expect((await opCall(app, 'PUT', '/v1beta/dns/zones/dns-mrd.es', { token: opToken, json: { name: 'dns-mrd.es', records: { add: [{ name: name.replace(/\.dns-mrd\.es$/, ''), type: 'CNAME', value, ttl: 900 }] } } })).body.code).toBe(0);
    await dns.refresh();
    expect((await validate()).state).toBe('active');
    expect(ok(await ssl('getinfo', { certificateID: String(id) })).status).toBe('valid');
  });

  it('a certificate ordered here is the SSL247 face\'s certificate: revoked there, it is in the CRL and shows as cancel here', async () => {
    const made = await csr('cross.example.com');
    const id = ok(await ssl('create', { productID: '1', csrData: made.csrData, adminContactID: adminId, validationMethod: 'admin@example.com' })).ssl.certificateID;
    await approveMailed('admin@example.com', id);
    const data = ok(await ssl('getinfo', { certificateID: String(id), infoType: 'ssldata' }));
    expect(data.sslKey).toBe('');
    fails(await ssl('getinfo', { certificateID: String(id), infoType: 'pfx' }), 5000);
    const ssl247 = await app.http.inject({ method: 'POST', url: `/api/v3/certificate/${id}/revoke`, payload: { u: a.email, p: a.password, k: a.apiKey } });
    expect(ssl247.statusCode, ssl247.body).toBe(200);
    expect(ok(await ssl('getinfo', { certificateID: String(id) })).status).toBe('cancel');
    const der = (await app.http.inject({ method: 'GET', url: '/_sandbox/ca/crl' })).rawPayload;
    const crl = join(dir, 'crl.der');
    writeFileSync(crl, der);
    const serial = openssl(['x509', '-in', file(data.sslCert), '-noout', '-serial']).out.trim().replace(/^serial=/, '');
    expect(openssl(['crl', '-inform', 'DER', '-in', crl, '-noout', '-text']).out.toUpperCase()).toContain(serial.toUpperCase().replace(/^0+/, ''));
  });

  it('a multi-domain certificate takes alt names with their own validation, and multidomainaddsan buys one more (charged at sanPrice)', async () => {
    const org = ok((await call(app, '/contact/create/', { ...creds(a), ...contactParams({ Type: 'organization', OrgName: 'Example Inc' }) })).body).contactID;
    const made = await csr('shop.example.org');
    const created = ok(await ssl('create', { productID: '21', csrData: made.csrData, adminContactID: adminId, orgContactID: org, validationMethod: 'dns', alt_name_1: 'www.shop.example.org', alt_validation_1: 'http', alt_name_2: 'mail.example.org', alt_validation_2: 'admin@example.org' }));
    const id = created.ssl.certificateID;
    expect(created.ssl.alternativeNames).toEqual(['shop.example.org', 'www.shop.example.org', 'mail.example.org']);
    const vs = ok(await ssl('getinfo', { certificateID: String(id), infoType: 'validationStatus' })).validationData.dcv;
    expect(vs['shop.example.org'].method).toBe('dns');
    expect(vs['shop.example.org'].checkvalue).toMatch(/^_[0-9a-f]{32}\.shop\.example\.org CNAME [0-9a-f.]+dcv\.resellbox\.test$/);
    expect(vs['www.shop.example.org']).toMatchObject({ method: 'http', checkvalue: { link: expect.stringMatching(/^http:\/\/www\.shop\.example\.org\/\.well-known\/pki-validation\/[0-9A-F]{32}\.txt$/), file: expect.any(String), contents: expect.any(String) } });
    expect(vs['mail.example.org']).toMatchObject({ method: 'mail', checkvalue: 'admin@example.org' });

    // change the method of one name, resend the mail of another
    const changed = await ssl('changevalidationmethod', { certificateID: String(id), commonName: 'www.shop.example.org', validationMethod: 'https' });
    expect(ok(changed).validationData.dcv['www.shop.example.org'].method).toBe('https');
    const mailsBefore = JSON.parse((await app.http.inject({ method: 'GET', url: '/_sandbox/outbox?to=admin%40example.org' })).body).total;
    const resent = await ssl('resendvalidationmail', { certificateID: String(id), commonName: 'mail.example.org' });
    expect(ok(resent).validationData.dcv['mail.example.org'].checkvalue).toBe('admin@example.org');
    expect(JSON.parse((await app.http.inject({ method: 'GET', url: '/_sandbox/outbox?to=admin%40example.org' })).body).total).toBe(mailsBefore + 1);
    fails(await ssl('resendvalidationmail', { certificateID: String(id), commonName: 'www.shop.example.org' }), 5000);
    fails(await ssl('changevalidationmethod', { certificateID: String(id), commonName: 'mail.example.org', validationMethod: 'admin@other.org' }), 5000);
    fails(await ssl('changevalidationmethod', { certificateID: String(id), commonName: 'nope.example.org', validationMethod: 'dns' }), 5000);

    const approved = await app.http.inject({ method: 'POST', url: `/_sandbox/ssl/orders/${id}/approve-all` });
    expect(approved.statusCode, approved.body).toBe(200);
    const before = await footprint(a.accountId);
    const added = ok(await ssl('multidomainaddsan', { certificateID: String(id), extraSAN: 'blog.example.org' }));
    // 3 included; the fourth name costs sanPrice 9.50
    expect(added.billing).toEqual({ total: 9.5, currency: 'EUR' });
    // the issued certificate goes back to the CA for the new name (status reissue); the others stay validated
    expect(added.ssl).toMatchObject({ certificateID: id, status: 'reissue', sanMaxDomains: 4, alternativeNames: ['shop.example.org', 'www.shop.example.org', 'mail.example.org', 'blog.example.org'] });
    expect((await footprint(a.accountId)).balance).toBe(before.balance - 950);
    fails(await ssl('multidomainaddsan', { certificateID: String(id), extraSAN: 'news.example.org' }), 5000);
    const dcv = ok(await ssl('getinfo', { certificateID: String(id), infoType: 'validationStatus' })).validationData.dcv;
    expect(Object.entries(dcv).filter(([, d]) => !(d as { validated: boolean }).validated).map(([h]) => h)).toEqual(['blog.example.org']);
  });

  it('answers bad input with the seed\'s codes and writes nothing', async () => {
    const made = await csr('bad.example.net');
    const before = await footprint(a.accountId);
    fails(await ssl('create', { productID: '1', csrData: made.csrData }), 101);
    fails(await ssl('create', { productID: '1', csrData: 'garbage', adminContactID: adminId }), 5000);
    const weak = openssl(['req', '-new', '-newkey', 'rsa:1024', '-nodes', '-keyout', '/dev/null', '-subj', '/CN=weak.example.net']).out;
    expect(weak).toContain('BEGIN CERTIFICATE REQUEST');
    fails(await ssl('create', { productID: '1', csrData: weak, adminContactID: adminId }), 5000);
    // a decoder decodes (a weak CSR included, csrdecode-weak.test.ts); ordering stays strict
    fails(await ssl('create', { productID: '1', csrData: weak, adminContactID: adminId }), 5000);
    fails(await ssl('create', { productID: '999', csrData: made.csrData, adminContactID: adminId }), 5001);
    fails(await ssl('create', { productID: '1', csrData: made.csrData, adminContactID: 'NOPE-123' }), 3001);
    fails(await ssl('create', { productID: '1', csrData: made.csrData, adminContactID: adminId, period: '5' }), 5000);
    fails(await ssl('create', { productID: '1', csrData: made.csrData, adminContactID: adminId, validationMethod: 'admin@elsewhere.com' }), 5000);
    fails(await ssl('create', { productID: '16', csrData: made.csrData, adminContactID: adminId }), 101);
    fails(await ssl('create', { productID: '1', csrData: made.csrData, adminContactType: 'individual', adminContactFirstName: 'X' }), 101);
    fails(await ssl('create', { productID: '1', csrData: made.csrData, adminContactID: adminId, alt_name_1: 'x.example.net' }), 105);
    // more names than the product allows: EVSSL multi-domain (17) takes 210
    const alts = Object.fromEntries(Array.from({ length: 210 }, (_, i) => [[`alt_name_${i + 1}`, `h${i}.bad.example.net`], [`alt_validation_${i + 1}`, 'dns']]).flat());
    fails(await ssl('create', { productID: '17', csrData: made.csrData, adminContactID: adminId, orgContactID: adminId, ...alts }), 5000);
    fails(await ssl('getinfo', { certificateID: '999999' }), 5001);
    fails(await ssl('getinfo', { certificateID: 'x' }), 105);
    fails(await ssl('reissue', { certificateID: '999999', csrData: made.csrData }), 5001);
    fails(await ssl('list', { status: 'weird' }), 105);
    expect(await footprint(a.accountId)).toEqual(before);
  });

  it('refuses a certificate the balance cannot pay with 1100; an inline contact it would have created is not written', async () => {
    const made = await csr('poor.example.net');
    const before = await footprint(poor.accountId);
    const inline = Object.fromEntries(Object.entries(contactParams()).map(([k, v]) => [`adminContact${k}`, v]));
    fails(await ssl('create', { productID: '1', csrData: made.csrData, ...inline }, poor), 1100);
    expect(await footprint(poor.accountId)).toEqual(before);
    expect(ok((await call(app, '/contact/list/', creds(poor))).body).queryInfo.total).toBe(0);
    // the same request with money creates the contact with the certificate
    const created = ok(await ssl('create', { productID: '1', csrData: made.csrData, ...inline }));
    expect(created.ssl.status).toBe('process');
  });

  it('keeps accounts apart: another account\'s certificate is 5001', async () => {
    const made = await csr('mine.example.net');
    const id = ok(await ssl('create', { productID: '1', csrData: made.csrData, adminContactID: adminId })).ssl.certificateID;
    fails(await ssl('getinfo', { certificateID: String(id) }, poor), 5001);
    expect(ok(await ssl('list', {}, poor)).ssl).toEqual([]);
  });
});
