// Two MrDomain SSL fixes: `ssl/csrdecode` decodes weak CSRs (RSA-1024, SHA-1) as they are while ordering with them is
// still refused (5000), and XML output stays well-formed when a map's keys are not XML names (a wildcard order's
// `validationData.dcv` is keyed by `*.example.com`): such maps are written as `<item name="…">` entries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { testApp, type TestApp } from '../harness/app.ts';
import { call, contactParams, creds } from '../mrdomain/helpers.ts';
import { runQuery } from '../../src/core/runner.ts';
import { searchOrders } from '../../src/core/ssl/flows/search-orders.ts';
import { xml, envelope } from '../../src/adapters/mrdomain/wire.ts';

let app: TestApp;
type Account = Awaited<ReturnType<TestApp['account']>>;
let a: Account;
let adminId: string;

const csrOf = (args: string[]) => execFileSync('openssl', ['req', '-new', '-nodes', '-keyout', '/dev/null', ...args], { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
const RSA1024 = () => csrOf(['-newkey', 'rsa:1024', '-subj', '/C=ES/O=Weak Ltd/CN=weak.example.net']);
const SHA1 = () => csrOf(['-newkey', 'rsa:2048', '-sha1', '-subj', '/C=ES/O=Old Ltd/CN=sha1.example.net']);
const ordersOf = async (accountId: number) => (await runQuery(app.services, searchOrders, { accountId, page: { limit: 1000, offset: 0 } })).total;

async function ssl(action: string, params: Record<string, string>) {
  const r = await call(app, `/ssl/${action}/`, { ...creds(a), ...params });
  expect(r.status).toBe(200);
  return r;
}

beforeAll(async () => {
  app = await testApp();
  a = await app.account({ balance: 5000 });
  adminId = (await call(app, '/contact/create/', { ...creds(a), ...contactParams() })).body.responseData.contactID;
}, 30_000);
afterAll(async () => {
  await app?.close();
});

describe('ssl/csrdecode of weak CSRs', () => {
  it('decodes an RSA-1024 CSR and a SHA-1 CSR (the CA port reports their real key size and signature algorithm); ssl/create with them is still 5000 and writes nothing', async () => {
    const weak = RSA1024();
    const old = SHA1();
    const d1 = (await ssl('csrdecode', { csrData: weak })).body;
    expect(d1, JSON.stringify(d1)).toMatchObject({ success: true, errorCode: 0, responseData: { commonName: 'weak.example.net', organizationName: 'Weak Ltd', countryName: 'ES' } });
    const d2 = (await ssl('csrdecode', { csrData: old })).body;
    expect(d2, JSON.stringify(d2)).toMatchObject({ success: true, responseData: { commonName: 'sha1.example.net', organizationName: 'Old Ltd' } });

    const ca = app.services.ca!;
    expect(await ca.decodeCsr(weak, { allowWeak: true })).toMatchObject({ keyType: 'RSA', keySize: 1024, signatureAlgorithm: 'sha256WithRSAEncryption', weakness: expect.stringContaining('1024') });
    expect(await ca.decodeCsr(old, { allowWeak: true })).toMatchObject({ keyType: 'RSA', keySize: 2048, signatureAlgorithm: 'sha1WithRSAEncryption', weakness: expect.any(String) });
    // strict stays strict after a lenient decode of the same CSR (the CA remembers checked CSRs)
    await expect(ca.decodeCsr(weak)).rejects.toMatchObject({ code: 'ssl.csr_weak' });
    await expect(ca.decodeCsr(old)).rejects.toMatchObject({ code: 'ssl.csr_weak' });

    const before = await ordersOf(a.accountId);
    for (const csrData of [weak, old]) expect((await ssl('create', { productID: '1', csrData, adminContactID: adminId })).body).toMatchObject({ success: false, errorCode: 5000 });
    expect(await ordersOf(a.accountId)).toBe(before);
  });

  it('still refuses what is not a CSR with 5000', async () => {
    expect((await ssl('csrdecode', { csrData: 'garbage' })).body).toMatchObject({ success: false, errorCode: 5000 });
  });
});

describe('MrDomain XML output with keys that are not XML names', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, isArray: (name) => name === 'item' });

  it('writes a wildcard order\'s validationData.dcv as well-formed XML, each hostname in <item name="…">, fast-xml-parser reading it back', async () => {
    const { csrPem } = await app.services.ca!.createCsr({ commonName: '*.wild.example.com', sans: ['wild.example.com'], keyType: 'ecdsa256' });
    const created = (await ssl('create', { productID: '6', csrData: csrPem, adminContactID: adminId })).body;
    expect(created.success, JSON.stringify(created)).toBe(true);
    const id = String(created.responseData.ssl.certificateID);
    const r = await call(app, '/ssl/getinfo/', { ...creds(a), certificateID: id, infoType: 'validationStatus', 'output-format': 'xml' });
    expect(r.status).toBe(200);
    expect(r.raw).not.toContain('<*.');
    expect(XMLValidator.validate(r.raw)).toBe(true);
    const data = parser.parse(r.raw).data;
    expect(data.success, r.raw).toBe('1');
    const items = data.responseData.validationData.dcv.item as Array<Record<string, unknown>>;
    expect(items.map((x) => x['@name'])).toEqual(['*.wild.example.com', 'wild.example.com']);
    expect(items[0]).toMatchObject({ domainName: '*.wild.example.com', method: 'dns', validated: '' });
    // the JSON output keeps the hostnames as keys
    const json = (await ssl('getinfo', { certificateID: id, infoType: 'validationStatus' })).body;
    expect(Object.keys(json.responseData.validationData.dcv)).toEqual(['*.wild.example.com', 'wild.example.com']);
  });

  it('keeps objects whose keys are all XML names as elements, and escapes any key in the name attribute', () => {
    const out = xml(envelope('x/y', 0, 'Success', { plain: { a: 1, 'b-c.d': 'x' }, odd: { '1st': 'n', 'a&b"<': 'v&', 'ok': true }, list: ['p', 'q'] }), true);
    expect(XMLValidator.validate(out)).toBe(true);
    const d = parser.parse(out).data.responseData;
    expect(d.plain).toEqual({ a: '1', 'b-c.d': 'x' });
    expect(d.odd.item).toEqual([{ '@name': '1st', '#text': 'n' }, { '@name': 'a&b"<', '#text': 'v&' }, { '@name': 'ok', '#text': '1' }]);
    expect(d.list.item).toEqual(['p', 'q']);
  });
});
