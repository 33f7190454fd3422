// The MrDomain domain module through the whole app: lifecycle, transfers, balance, shapes in JSON and XML.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { ENCODINGS, call, contactParams, creds } from '../mrdomain/helpers.ts';
import { expectShape, xmlOf, QUERY_INFO_SHAPE, type FieldType } from '../mrdomain/shape.ts';
import { runQuery } from '../../src/core/runner.ts';
import { searchDomains } from '../../src/core/domains/flows/search-domains.ts';
import { registryOf } from '../../src/core/registry/registry.ts';
import * as op from '../openprovider/client.ts';

const BASE: Record<string, FieldType> = { name: 'string', status: 'string', tld: 'string', tsExpir: 'string', domainID: 'integer' };

let app: TestApp;
let acct: Awaited<ReturnType<TestApp['account']>>;
let owner: string;

async function balance(): Promise<number> {
  return (await call(app, '/account/info/', { ...creds(acct) })).body.responseData.balance;
}

async function create(name: string, extra: Record<string, string> = {}, who = acct) {
  return call(app, '/domain/create/', { ...creds(who), domain: name, ownerContactID: owner, ...extra });
}

beforeAll(async () => {
  app = await testApp();
  acct = await app.account({ balance: 500 });
  const c = await call(app, '/contact/create/', { ...creds(acct), ...contactParams() });
  owner = c.body.responseData.contactID;
});
afterAll(async () => app.close());

describe('register → renew → expire → grace → redemption → restore', () => {
  it('registers a domain, debits create price × period, answers billing and domains with the seed fields', async () => {
    const before = await balance();
    const r = await create('lifecycle-one.com', { period: '2' });
    expect(r.body.success).toBe(true);
    expect(r.raw).toContain('"action":"domain\\/create"');
    expectShape(r.body.responseData, { billing: 'object', domains: 'array' });
    expectShape(r.body.responseData.billing, { total: 'number', currency: 'string' });
    expectShape(r.body.responseData.domains[0], { ...BASE, period: 'integer' });
    expect(r.body.responseData.billing.total).toBe(17.06);
    expect(r.body.responseData.domains[0]).toMatchObject({ name: 'lifecycle-one.com', status: 'active', tld: 'com', tsExpir: '2028-06-01', period: 2 });
    expect(await balance()).toBeCloseTo(before - 17.06, 2);
  });

  it('refuses a renewal whose curExpDate is not the current expiry with 2100, charging nothing', async () => {
    const before = await balance();
    const r = await call(app, '/domain/renew/', { ...creds(acct), domain: 'lifecycle-one.com', curExpDate: '2027-06-01' });
    expect(r.body).toMatchObject({ success: false, errorCode: 2100, errorCodeMsg: 'Domain renew error', responseData: [] });
    expect(await balance()).toBe(before);
  });

  it('renews from the current expiry with curExpDate in YYYYMMDD, renewPeriod a string', async () => {
    const r = await call(app, '/domain/renew/', { ...creds(acct), domain: 'lifecycle-one.com', curExpDate: '20280601', period: '1' });
    expect(r.body.success).toBe(true);
    const d = r.body.responseData.domains[0];
    expectShape(d, { name: 'string', status: 'string', tld: 'string', domainID: 'integer', tsExpir: 'string', renewPeriod: 'string' });
    expect(d).toMatchObject({ status: 'renewed', tsExpir: '2029-06-01', renewPeriod: '1' });
    expect(r.body.responseData.billing.total).toBe(8.53);
  });

  it('shows expired-renewgrace after expiry, then expired-redemption, and restore brings it back to active', async () => {
    await call(app, '/domain/update/', { ...creds(acct), domain: 'lifecycle-one.com', updateType: 'renewalMode', renewalMode: 'manual' });
    await app.advance(`${365 * 3 + 1}d`);
    let g = await call(app, '/domain/getinfo/', { ...creds(acct), domain: 'lifecycle-one.com' });
    expect(g.body.responseData).toMatchObject({ status: 'expired-renewgrace', renewable: true, renewalMode: 'manual' });
    await app.advance('50d');
    g = await call(app, '/domain/getinfo/', { ...creds(acct), domain: 'lifecycle-one.com' });
    expect(g.body.responseData).toMatchObject({ status: 'expired-redemption', renewable: false });
    const renew = await call(app, '/domain/renew/', { ...creds(acct), domain: 'lifecycle-one.com', curExpDate: '2029-06-01' });
    expect(renew.body.errorCode).toBe(2101);
    // restore is an Openprovider operation here: the same domain, restored through the other face
    const token = await op.login(app, acct);
    const id = g.body.responseData.domainID;
    const before = await balance();
    const res = await op.call(app, 'POST', `/v1beta/domains/${id}/restore`, { token, json: {} });
    expect(res.status).toBe(200);
    g = await call(app, '/domain/getinfo/', { ...creds(acct), domain: 'lifecycle-one.com' });
    expect(g.body.responseData).toMatchObject({ status: 'active', tsExpir: '2030-06-01' });
    expect(await balance()).toBeLessThan(before);
  });
});

describe('renewalMode autorenew', () => {
  it('renews at expiry for the renew price; getinfo shows the next year and the history says so', async () => {
    const r = await create('renews-itself.com');
    const id = String(r.body.responseData.domains[0].domainID);
    await call(app, '/domain/update/', { ...creds(acct), domainID: id, updateType: 'renewalMode', renewalMode: 'autorenew' });
    const exp = r.body.responseData.domains[0].tsExpir as string;
    const before = await balance();
    await app.advance('366d');
    const g = await call(app, '/domain/getinfo/', { ...creds(acct), domainID: id });
    expect(g.body.responseData).toMatchObject({ status: 'active', renewalMode: 'autorenew', tsExpir: `${Number(exp.slice(0, 4)) + 1}${exp.slice(4)}` });
    expect(await balance()).toBeCloseTo(before - 8.53, 2);
    const h = await call(app, '/domain/gethistory/', { ...creds(acct), domainID: id });
    expect(h.body.responseData.history.map((e: { title: string }) => e.title)).toContain('Automatic renewal');
  });
});

describe('a TLD with a registration delay', () => {
  it('answers register-init with tsExpir "" until the registry activates the domain', async () => {
    const r = await create('mi-dominio-nuevo.es');
    expect(r.body.success).toBe(true);
    expect(r.body.responseData.domains[0]).toMatchObject({ status: 'register-init', tsExpir: '' });
    await app.advance('61m');
    const g = await call(app, '/domain/getinfo/', { ...creds(acct), domain: 'mi-dominio-nuevo.es' });
    expect(g.body.responseData.status).toBe('active');
    expect(g.body.responseData.tsExpir).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('insufficient balance', () => {
  it('answers 1100 and writes nothing: no domain, no inline contact, no ledger entry', async () => {
    const poor = await app.account({ balance: 1 });
    const contactsBefore = (await call(app, '/contact/list/', { ...creds(poor) })).body.responseData.queryInfo.total;
    const r = await call(app, '/domain/create/', {
      ...creds(poor), domain: 'too-dear-for-me.com',
      ...Object.fromEntries(Object.entries(contactParams()).map(([k, v]) => [`ownerContact${k}`, v])),
    });
    expect(r.body).toMatchObject({ success: false, errorCode: 1100, errorCodeMsg: 'Insufficient balance', responseData: [] });
    expect((await call(app, '/contact/list/', { ...creds(poor) })).body.responseData.queryInfo.total).toBe(contactsBefore);
    expect((await call(app, '/domain/list/', { ...creds(poor) })).body.responseData.queryInfo.total).toBe(0);
    expect((await call(app, '/account/info/', { ...creds(poor) })).body.responseData.balance).toBe(1);
    expect((await call(app, '/domain/check/', { ...creds(poor), domain: 'too-dear-for-me.com' })).body.responseData.domains[0].available).toBe(true);
  });
});

describe('check and create errors', () => {
  it('checks availability with the seed fields: free, taken, premium', async () => {
    const free = await call(app, '/domain/check/', { ...creds(acct), domain: 'nobody-has-this-one.com' });
    expectShape(free.body.responseData.domains[0], { name: 'string', punycode: 'string', tld: 'string', available: 'boolean', premium: 'boolean', price: 'number', currency: 'string' });
    expect(free.body.responseData.domains[0]).toMatchObject({ available: true, premium: false, price: 8.53, currency: 'EUR' });
    expect((await call(app, '/domain/check/', { ...creds(acct), domain: 'google.com' })).body.responseData.domains[0].available).toBe(false);
    const idn = await call(app, '/domain/check/', { ...creds(acct), domain: 'xn--espaa-rta.com' });
    expect(idn.body.responseData.domains[0]).toMatchObject({ name: 'españa.com', punycode: 'xn--espaa-rta.com' });
  });

  it('refuses a taken name with 2010, a premium name without premium=1 with 2011, a bad name with 2001', async () => {
    expect((await create('google.com')).body.errorCode).toBe(2010);
    expect((await create('god.tools')).body.errorCode).toBe(2011);
    const check = await call(app, '/domain/check/', { ...creds(acct), domain: 'god.tools' });
    expect(check.body.responseData.domains[0]).toMatchObject({ available: true, premium: true, price: 219.8 });
    const bought = await create('god.tools', { premium: '1' });
    expect(bought.body.responseData.billing.total).toBe(219.8);
    expect((await create('bad_name.com')).body.errorCode).toBe(2001);
    expect((await create('fine.notatld')).body.errorCode).toBe(2002);
  });

  it('refuses a missing owner with 101 and an unknown owner contact with 3001', async () => {
    const r = await call(app, '/domain/create/', { ...creds(acct), domain: 'no-owner-here.com' });
    expect(r.body.errorCode).toBe(101);
    expect((await call(app, '/domain/create/', { ...creds(acct), domain: 'no-owner-here.com', ownerContactID: 'XXX-1' })).body.errorCode).toBe(3001);
  });

  it('refuses 1 or 8 nameservers, an in-domain nameserver without glue and an 11-year period with 105 naming the parameter', async () => {
    expect((await create('ns-count.com', { nameservers: 'ns1.a.com' })).body.errorCode).toBe(105);
    expect((await create('ns-count.com', { nameservers: 'a.com,b.com,c.com,d.com,e.com,f.com,g.com,h.com' })).body.errorCode).toBe(105);
    // a nameserver inside the domain needs its glue record first
    const inside = await create('ns-count.com', { nameservers: 'ns1.ns-count.com,ns2.example.net' });
    expect(inside.body).toMatchObject({ errorCode: 105, messages: [expect.stringContaining('Invalid parameter nameservers')] });
    expect((await create('ns-count.com', { period: '11' })).body).toMatchObject({ errorCode: 105, messages: [expect.stringContaining('Invalid parameter period')] });
  });
});

describe('transfer in', () => {
  it('a right auth code starts the transfer (transfer-pending, tsExpir "") and debits the transfer price', async () => {
    const authCode = registryOf(app.services).elsewhereAuthCode('facebook.com');
    const r = await call(app, '/domain/transfer/', { ...creds(acct), domain: 'facebook.com', ownerContactID: owner, authcode: authCode });
    expect(r.body.success).toBe(true);
    expect(r.body.responseData.billing.total).toBe(8.53);
    expect(r.body.responseData.domains[0]).toMatchObject({ name: 'facebook.com', status: 'transfer-pending', tsExpir: '' });
  });

  it('a wrong auth code gives transfer-cancel with nothing charged; transferrestart with the right code restarts it', async () => {
    const before = await balance();
    const r = await call(app, '/domain/transfer/', { ...creds(acct), domain: 'amazon.com', ownerContactID: owner, authcode: 'wrong-code' });
    expect(r.body.success).toBe(true);
    expect(r.body.responseData.domains[0].status).toBe('transfer-cancel');
    expect(r.body.responseData.billing.total).toBe(0);
    expect(await balance()).toBe(before);
    const info = await call(app, '/domain/getinfo/', { ...creds(acct), domain: 'amazon.com' });
    expect(info.body.responseData.transferStatus).toBe('cancelled');
    const authCode = registryOf(app.services).elsewhereAuthCode('amazon.com');
    const again = await call(app, '/domain/transferrestart/', { ...creds(acct), domain: 'amazon.com', authcode: authCode });
    expect(again.body).toMatchObject({ success: true, messages: ['Operation done correctly.'] });
    expectShape(again.body.responseData, BASE);
    expect(again.body.responseData.status).toBe('transfer-pending');
  });

  it('moves a domain between two accounts of the instance: getauthcode on one, transfer on the other, auto-acknowledged', async () => {
    const other = await app.account({ balance: 100 });
    const otherOwner = (await call(app, '/contact/create/', { ...creds(other), ...contactParams() })).body.responseData.contactID;
    await create('moving-house.com');
    const code = (await call(app, '/domain/getauthcode/', { ...creds(acct), domain: 'moving-house.com' })).body.responseData.authcode;
    const t = await call(app, '/domain/transfer/', { ...creds(other), domain: 'moving-house.com', ownerContactID: otherOwner, authcode: code });
    expect(t.body.responseData.domains[0].status).toBe('transfer-pending');
    expect((await call(app, '/domain/getinfo/', { ...creds(other), domain: 'moving-house.com' })).body.responseData.transferStatus).toBe('pending-registry');
    await app.advance('6d');
    const mine = await call(app, '/domain/getinfo/', { ...creds(other), domain: 'moving-house.com' });
    expect(mine.body.responseData).toMatchObject({ status: 'active', transferStatus: 'completed' });
    expect((await call(app, '/domain/getinfo/', { ...creds(acct), domain: 'moving-house.com' })).body.errorCode).toBe(2008);
    const gone = (await call(app, '/domain/listdeleted/', { ...creds(acct) })).body.responseData.domains;
    expect(gone).toContainEqual(expect.objectContaining({ name: 'moving-house.com', info: 'Domain transferred' }));
  });

  it('refuses a transfer of a free name with 2005 and of an auth-code TLD without code with 2012', async () => {
    expect((await call(app, '/domain/transfer/', { ...creds(acct), domain: 'not-registered-anywhere.com', ownerContactID: owner, authcode: 'x' })).body.errorCode).toBe(2005);
    expect((await call(app, '/domain/transfer/', { ...creds(acct), domain: 'twitter.com', ownerContactID: owner })).body.errorCode).toBe(2012);
  });
});

describe('updates, glue, DNSSEC, info', () => {
  let id: number;
  beforeAll(async () => {
    id = (await create('update-me.com', { nameservers: 'ns1.example.net,ns2.example.net' })).body.responseData.domains[0].domainID;
  });

  it('getinfo status has the seed fields in order with their types', async () => {
    const r = await call(app, '/domain/getinfo/', { ...creds(acct), domainID: String(id) });
    expectShape(r.body.responseData, {
      ...BASE, tsCreate: 'string', renewable: 'boolean', renewalMode: 'string', modifyBlock: 'boolean', transferBlock: 'boolean', whoisPrivacy: 'boolean',
      viewWhois: 'boolean', authcodeCheck: 'boolean', serviceAssociated: 'boolean', tag: 'string', ownerverification: 'string', transferStatus: 'string',
    });
  });

  it('domain and domainID naming different domains → 2008', async () => {
    expect((await call(app, '/domain/getinfo/', { ...creds(acct), domainID: String(id), domain: 'lifecycle-one.com' })).body.errorCode).toBe(2008);
    expect((await call(app, '/domain/getinfo/', { ...creds(acct), domain: 'not-mine-at-all.com' })).body.errorCode).toBe(2008);
  });

  it('updates every updateType and reads each back', async () => {
    const u = (extra: Record<string, string>) => call(app, '/domain/update/', { ...creds(acct), domainID: String(id), ...extra });
    expect((await u({ updateType: 'transferBlock', transferBlock: '1' })).body.success).toBe(true);
    expect((await u({ updateType: 'whoisPrivacy', whoisPrivacy: 'true' })).body.success).toBe(true);
    expect((await u({ updateType: 'viewWhois', viewWhois: '' })).body.success).toBe(true);
    expect((await u({ updateType: 'renewalMode', renewalMode: 'letexpire' })).body.success).toBe(true);
    expect((await u({ updateType: 'tag', tag: 'a,b' })).body.success).toBe(true);
    const info = (await call(app, '/domain/getinfo/', { ...creds(acct), domainID: String(id) })).body.responseData;
    expect(info).toMatchObject({ transferBlock: true, whoisPrivacy: true, viewWhois: false, renewalMode: 'letexpire', tag: 'a,b', modifyBlock: false });
    // "Required … false": absent means false (inventory A-42)
    expect((await u({ updateType: 'transferBlock' })).body.success).toBe(true);
    expect((await call(app, '/domain/getinfo/', { ...creds(acct), domainID: String(id) })).body.responseData.transferBlock).toBe(false);
    expect((await call(app, '/domain/list/', { ...creds(acct), infoType: 'satus' })).body.errorCode).toBe(105);
    expect((await u({})).body.errorCode).toBe(101);
    expect((await u({ updateType: 'nonsense' })).body.errorCode).toBe(105);
  });

  it('block makes every other update fail with 2202 until it is lifted', async () => {
    const u = (extra: Record<string, string>) => call(app, '/domain/update/', { ...creds(acct), domainID: String(id), ...extra });
    expect((await u({ updateType: 'block', block: '1' })).body.success).toBe(true);
    expect((await u({ updateType: 'tag', tag: 'c' })).body.errorCode).toBe(2202);
    expect((await call(app, '/domain/updatenameservers/', { ...creds(acct), domainID: String(id), nameservers: 'default' })).body.errorCode).toBe(2202);
    expect((await u({ updateType: 'block', block: '' })).body.success).toBe(true);
    const ns = await call(app, '/domain/updatenameservers/', { ...creds(acct), domainID: String(id), nameservers: 'default' });
    expect(ns.body.success).toBe(true);
    const got = await call(app, '/domain/getnameservers/', { ...creds(acct), domainID: String(id) });
    expect(got.body.responseData.defaultNS).toBe(true);
    expectShape(got.body.responseData.nameservers[0], { order: 'integer', name: 'string', ipv4: 'string' });
  });

  it('updatecontacts with an inline admin contact creates it and getinfo contact shows it', async () => {
    const inline = Object.fromEntries(Object.entries(contactParams({ FirstName: 'Ada', Email: 'ada@example.test' })).map(([k, v]) => [`adminContact${k}`, v]));
    const r = await call(app, '/domain/updatecontacts/', { ...creds(acct), domainID: String(id), ...inline });
    expect(r.body.success).toBe(true);
    const c = await call(app, '/domain/getinfo/', { ...creds(acct), domainID: String(id), infoType: 'contact' });
    expect(c.body.responseData.contactAdmin.firstName).toBe('Ada');
    expect(c.body.responseData.contactOwner.contactID).toBe(owner);
  });

  it('glue records: create, update, delete return the full list; ipv6 only when present', async () => {
    const g = await call(app, '/domain/gluerecordcreate/', { ...creds(acct), domainID: String(id), name: 'ns1.update-me.com', ipv4: '192.0.2.1' });
    expect(g.body.responseData.gluerecords).toEqual([{ name: 'ns1.update-me.com', ipv4: '192.0.2.1' }]);
    const u = await call(app, '/domain/gluerecordupdate/', { ...creds(acct), domainID: String(id), name: 'ns1.update-me.com', ipv4: '192.0.2.2', ipv6: '2001:db8::1' });
    expect(u.body.responseData.gluerecords).toEqual([{ name: 'ns1.update-me.com', ipv4: '192.0.2.2', ipv6: '2001:db8::1' }]);
    expect((await call(app, '/domain/gluerecordcreate/', { ...creds(acct), domainID: String(id), name: 'ns1.update-me.com', ipv4: '192.0.2.1' })).body.errorCode).toBe(2201);
    const got = await call(app, '/domain/getgluerecords/', { ...creds(acct), domainID: String(id) });
    expect(got.body.responseData.gluerecords).toHaveLength(1);
    const d = await call(app, '/domain/gluerecorddelete/', { ...creds(acct), domainID: String(id), name: 'ns1.update-me.com' });
    expect(d.body.responseData.gluerecords).toEqual([]);
  });

  it('DNSSEC: create and delete a DS entry matched on all four values', async () => {
    const ds = { keytag: '12345', algorithm: '13', digesttype: '2', digest: 'A'.repeat(64) };
    const c = await call(app, '/domain/dnsseccreate/', { ...creds(acct), domainID: String(id), ...ds });
    expect(c.body.responseData.dnssec).toEqual({ active: true, entries: [{ keytag: 12345, algorithm: 13, digesttype: 2, digest: 'A'.repeat(64) }] });
    expect((await call(app, '/domain/dnssecdelete/', { ...creds(acct), domainID: String(id), ...ds, keytag: '1' })).body.success).toBe(false);
    const d = await call(app, '/domain/dnssecdelete/', { ...creds(acct), domainID: String(id), ...ds });
    expect(d.body.responseData.dnssec).toEqual({ active: false, entries: [] });
    expect((await call(app, '/domain/dnsseccreate/', { ...creds(acct), domainID: String(id), ...ds, digesttype: '9' })).body.errorCode).toBe(105);
  });

  it('getauthcode returns the auth code; gethistory lists the operations with ip and user', async () => {
    const a = await call(app, '/domain/getauthcode/', { ...creds(acct), domainID: String(id) });
    expect(a.body.action).toBe('domain/getauthcode');
    expect(typeof a.body.responseData.authcode).toBe('string');
    expect(a.body.responseData.authcode.length).toBeGreaterThan(5);
    const h = await call(app, '/domain/gethistory/', { ...creds(acct), domainID: String(id), pageLength: '2' });
    expectShape(h.body.responseData, { ...BASE, queryInfo: 'object', history: 'array' });
    expectShape(h.body.responseData.queryInfo, QUERY_INFO_SHAPE);
    expect(h.body.responseData.history).toHaveLength(2);
    expectShape(h.body.responseData.history[0], { ts: 'string', ip: 'string', user: 'string', title: 'string', message: 'string' });
    expect(h.body.responseData.history[0].ts).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(h.body.responseData.queryInfo.total).toBeGreaterThan(5);
  });

  it('whois shows the domain of the account; another name → 2006', async () => {
    const w = await call(app, '/domain/whois/', { ...creds(acct), domain: 'update-me.com' });
    expectShape(w.body.responseData, { domain: 'string', whoisData: 'string' });
    expect(w.body.responseData.whoisData).toContain('Domain Name: UPDATE-ME.COM');
    expect((await call(app, '/domain/whois/', { ...creds(acct), domain: 'google.com' })).body).toMatchObject({ errorCode: 2006, errorCodeMsg: 'Domain Whois not allowed' });
    expect((await call(app, '/domain/whois/', { ...creds(acct), domain: 'bad_name.com' })).body.errorCode).toBe(2001);
  });

  it('resendverificationmail answers the base fields with the done message', async () => {
    const r = await call(app, '/domain/resendverificationmail/', { ...creds(acct), domainID: String(id) });
    expect(r.body.messages).toEqual(['Operation done correctly.']);
    expectShape(r.body.responseData, BASE);
  });
});

describe('list, listdeleted and the same object in the core', () => {
  it('domain/list pages with queryInfo and filters by word, tld and status', async () => {
    const all = await call(app, '/domain/list/', { ...creds(acct) });
    expectShape(all.body.responseData.queryInfo, QUERY_INFO_SHAPE);
    const page = await call(app, '/domain/list/', { ...creds(acct), pageLength: '1', page: '1' });
    expect(page.body.responseData.domains).toHaveLength(1);
    expect(page.body.responseData.queryInfo.total).toBe(all.body.responseData.queryInfo.total);
    const word = await call(app, '/domain/list/', { ...creds(acct), word: 'update' });
    expect(word.body.responseData.domains.map((d: { name: string }) => d.name)).toEqual(['update-me.com']);
    const pending = await call(app, '/domain/list/', { ...creds(acct), status: 'transfer-pending' });
    expect(pending.body.responseData.domains.every((d: { status: string }) => d.status === 'transfer-pending')).toBe(true);
    const byOwner = await call(app, '/domain/list/', { ...creds(acct), owner, renewable: '1' });
    expect(byOwner.body.responseData.domains.length).toBeGreaterThan(0);
    expect(byOwner.body.responseData.domains.every((d: { status: string }) => d.status === 'active')).toBe(true);
    expect((await call(app, '/domain/list/', { ...creds(acct), owner: 'XXX-404' })).body.responseData.queryInfo.total).toBe(0);
    const second = await call(app, '/domain/list/', { ...creds(acct), pageLength: '1', page: '2', renewable: '' });
    expect(second.body.responseData.queryInfo).toMatchObject({ page: 2, pageLength: 1, results: 1, total: all.body.responseData.queryInfo.total });
    expect(second.body.responseData.domains[0].name).not.toBe(page.body.responseData.domains[0].name);
    const withNs = await call(app, '/domain/list/', { ...creds(acct), word: 'update', infoType: 'nameservers' });
    expect(withNs.body.responseData.domains[0].defaultNS).toBe(true);
  });

  it('a domain registered through MrDomain is the one the core lists for the account', async () => {
    const core = await runQuery(app.services, searchDomains, { registry: registryOf(app.services), accountId: acct.accountId, filter: { name: 'update-me.com' }, page: { limit: 10, offset: 0 } });
    const mrd = await call(app, '/domain/getinfo/', { ...creds(acct), domain: 'update-me.com' });
    expect(core.results.map((r) => r.domain.id)).toEqual([mrd.body.responseData.domainID]);
  });

  it('Openprovider lists the domain registered through MrDomain with the same id and expiry, and sees a renewal made here', async () => {
    const token = await op.login(app, acct);
    const mrd = (await call(app, '/domain/getinfo/', { ...creds(acct), domain: 'update-me.com' })).body.responseData;
    const list = await op.call<{ results: { id: number; domain: { name: string; extension: string }; expiration_date: string }[] }>(app, 'GET', '/v1beta/domains?domain_name_pattern=update-me&limit=10', { token });
    expect(list.status).toBe(200);
    const item = list.body.data.results.find((d) => `${d.domain.name}.${d.domain.extension}` === 'update-me.com');
    expect(item?.id).toBe(mrd.domainID);
    expect(item?.expiration_date.slice(0, 10)).toBe(mrd.tsExpir);
    await call(app, '/domain/renew/', { ...creds(acct), domain: 'update-me.com', curExpDate: mrd.tsExpir });
    const after = await op.call<{ expiration_date: string }>(app, 'GET', `/v1beta/domains/${mrd.domainID}`, { token });
    expect(after.body.data.expiration_date.slice(0, 4)).toBe(String(Number(mrd.tsExpir.slice(0, 4)) + 1));
  });

  it('listdeleted lists a domain deleted inside add grace with tsDeleted and info', async () => {
    await create('short-lived.com');
    const token = await op.login(app, acct);
    const id = (await call(app, '/domain/getinfo/', { ...creds(acct), domain: 'short-lived.com' })).body.responseData.domainID;
    const del = await op.call(app, 'DELETE', `/v1beta/domains/${id}`, { token });
    expect(del.status).toBe(200);
    const r = await call(app, '/domain/listdeleted/', { ...creds(acct) });
    const item = r.body.responseData.domains.find((d: { name: string }) => d.name === 'short-lived.com');
    expectShape(item, { name: 'string', tld: 'string', tsDeleted: 'string', info: 'string' });
    expect(item.tsDeleted).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(item.info).toBe('Domain deleted');
    expect((await call(app, '/domain/list/', { ...creds(acct), domain: 'short-lived.com' })).body.responseData.queryInfo.total).toBe(0);
  });
});

describe('JSON and XML, both encodings', () => {
  for (const encoding of ENCODINGS) {
    it(`domain/check, getinfo and list answer the same data in XML as in JSON (${encoding})`, async () => {
      for (const [path, params] of [
        ['/domain/check/', { domain: 'xml-check.com' }],
        ['/domain/getinfo/', { domain: 'update-me.com', infoType: 'status' }],
        ['/domain/list/', { word: 'update' }],
        ['/domain/getdnssec/', { domain: 'update-me.com' }],
      ] as const) {
        const json = await call(app, path, { ...creds(acct), ...params }, { encoding });
        const xml = await call(app, path, { ...creds(acct), ...params, 'output-format': 'xml' }, { encoding });
        expect(json.body.success).toBe(true);
        expect(xml.contentType).toContain('application/xml');
        expect(xml.body.responseData).toEqual(xmlOf(json.body.responseData));
      }
    });
  }
});

describe('every domain action in XML: the same data as in JSON', () => {
  it('read actions and infoTypes', async () => {
    for (const [path, p] of [
      ['/domain/checkfortransfer/', { domain: 'google.com' }],
      ...['status', 'contact', 'nameservers', 'authcode', 'gluerecords', 'dnssec'].map((t) => ['/domain/getinfo/', { domain: 'update-me.com', infoType: t }] as const),
      ['/domain/getauthcode/', { domain: 'update-me.com' }],
      ['/domain/getnameservers/', { domain: 'update-me.com' }],
      ['/domain/getgluerecords/', { domain: 'update-me.com' }],
      ['/domain/gethistory/', { domain: 'update-me.com' }],
      ['/domain/whois/', { domain: 'update-me.com' }],
      ['/domain/listdeleted/', {}],
      ['/domain/list/', { infoType: 'contact' }],
      ['/domain/list/', { infoType: 'gluerecords' }],
    ] as const) {
      const json = await call(app, path, { ...creds(acct), ...p });
      const xml = await call(app, path, { ...creds(acct), ...p, 'output-format': 'xml' });
      expect(json.body.success, `${path} ${JSON.stringify(p)}`).toBe(true);
      expect(xml.body.responseData, path).toEqual(xmlOf(json.body.responseData));
    }
  });

  it('mutating actions answer in XML with the seed fields (create, renew, update, glue, dnssec) and errors keep the envelope', async () => {
    const x = (path: string, p: Record<string, string>) => call(app, path, { ...creds(acct), ...p, 'output-format': 'xml' }, { encoding: 'multipart' });
    const c = await x('/domain/create/', { domain: 'xml-made.com', ownerContactID: owner });
    expect(c.body).toMatchObject({ success: '1', errorCode: '0', action: 'domain/create' });
    expect(Object.keys(c.body.responseData.domains.item[0])).toEqual(['name', 'status', 'tld', 'tsExpir', 'domainID', 'period']);
    const exp = c.body.responseData.domains.item[0].tsExpir as string;
    const r = await x('/domain/renew/', { domain: 'xml-made.com', curExpDate: exp, period: '2' });
    expect(r.body.responseData.domains.item[0]).toMatchObject({ status: 'renewed', renewPeriod: '2' });
    const u = await x('/domain/update/', { domain: 'xml-made.com', updateType: 'tag', tag: 'xml' });
    expect(u.body.messages).toEqual({ item: ['Operation done correctly.'] });
    const g = await x('/domain/gluerecordcreate/', { domain: 'xml-made.com', name: 'ns1.xml-made.com', ipv4: '192.0.2.9' });
    expect(g.body.responseData.gluerecords.item[0]).toEqual({ name: 'ns1.xml-made.com', ipv4: '192.0.2.9' });
    const gu = await x('/domain/gluerecordupdate/', { domain: 'xml-made.com', name: 'ns1.xml-made.com', ipv4: '192.0.2.10', ipv6: '2001:db8::10' });
    expect(gu.body.responseData.gluerecords.item[0]).toEqual({ name: 'ns1.xml-made.com', ipv4: '192.0.2.10', ipv6: '2001:db8::10' });
    const gd = await x('/domain/gluerecorddelete/', { domain: 'xml-made.com', name: 'ns1.xml-made.com' });
    expect(gd.body.responseData.gluerecords).toBe('');
    const ds = { keytag: '2371', algorithm: '8', digesttype: '1', digest: 'B'.repeat(40) };
    const dc = await x('/domain/dnsseccreate/', { domain: 'xml-made.com', ...ds });
    expect(dc.body.responseData.dnssec).toEqual({ active: '1', entries: { item: [{ keytag: '2371', algorithm: '8', digesttype: '1', digest: 'B'.repeat(40) }] } });
    const dd = await x('/domain/dnssecdelete/', { domain: 'xml-made.com', ...ds });
    expect(dd.body.responseData.dnssec).toEqual({ active: '', entries: '' });
    const un = await x('/domain/updatenameservers/', { domain: 'xml-made.com', nameservers: 'ns1.example.org,ns2.example.org' });
    expect(Object.keys(un.body.responseData)).toEqual(['name', 'status', 'tld', 'tsExpir', 'domainID']);
    const uc = await x('/domain/updatecontacts/', { domain: 'xml-made.com', techContactID: owner });
    expect(uc.body.success).toBe('1');
    const rv = await x('/domain/resendverificationmail/', { domain: 'xml-made.com' });
    expect(rv.body.messages).toEqual({ item: ['Operation done correctly.'] });
    const tr = await x('/domain/transfer/', { domain: 'wikipedia.com', ownerContactID: owner, authcode: registryOf(app.services).elsewhereAuthCode('wikipedia.com') });
    expect(tr.body.responseData.domains.item[0]).toMatchObject({ name: 'wikipedia.com', status: 'transfer-pending', tsExpir: '' });
    expect(Object.keys(tr.body.responseData.billing)).toEqual(['total', 'currency']);
    const rs = await x('/domain/transferrestart/', { domain: 'wikipedia.com' });
    expect(rs.body.responseData.status).toBe('transfer-pending');
    const e = await x('/domain/renew/', { domain: 'xml-made.com' });
    expect(e.body).toMatchObject({ success: '', errorCode: '101', errorCodeMsg: 'Syntax error: parameter fault', responseData: '' });
  });
});
