// The user module: external users with per-domain permissions, enforced on every domain action they call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { call, contactParams, creds } from '../mrdomain/helpers.ts';
import { expectShape, xmlOf, QUERY_INFO_SHAPE } from '../mrdomain/shape.ts';

let app: TestApp;
let acct: Awaited<ReturnType<TestApp['account']>>;
const sub = { username: 'extuser1', password: 'secret-pass-1' };

const SUMMARY = { username: 'string', status: 'string', lastLogin: 'string', numDomains: 'integer' } as const;

beforeAll(async () => {
  app = await testApp();
  acct = await app.account({ balance: 500 });
  const owner = (await call(app, '/contact/create/', { ...creds(acct), ...contactParams() })).body.responseData.contactID;
  for (const d of ['granted-one.com', 'granted-two.com', 'not-granted.com']) {
    expect((await call(app, '/domain/create/', { ...creds(acct), domain: d, ownerContactID: owner })).body.success).toBe(true);
  }
});
afterAll(async () => app.close());

describe('user module', () => {
  it('creates an enabled user with no domains and an empty lastLogin', async () => {
    const r = await call(app, '/user/create/', { ...creds(acct), ...sub });
    expect(r.body.messages).toEqual(['Operation done correctly.']);
    expectShape(r.body.responseData, { ...SUMMARY });
    expect(r.body.responseData).toEqual({ username: 'extuser1', status: 'enabled', lastLogin: '', numDomains: 0 });
    expect((await call(app, '/user/create/', { ...creds(acct), ...sub })).body.errorCode).toBe(3501);
    expect((await call(app, '/user/create/', { ...creds(acct), username: acct.username, password: 'whatever1' })).body.errorCode).toBe(3501);
  });

  it('grants a domain with the system defaults, overridden per permission; domain_authcode=write is 105', async () => {
    expect((await call(app, '/user/adddomain/', { ...creds(acct), username: 'extuser1', domainName: 'granted-one.com', domain_authcode: 'write' })).body.errorCode).toBe(105);
    expect((await call(app, '/user/adddomain/', { ...creds(acct), username: 'nobody', domainName: 'granted-one.com' })).body.errorCode).toBe(3500);
    expect((await call(app, '/user/adddomain/', { ...creds(acct), username: 'extuser1', domainName: 'absent.com' })).body.errorCode).toBe(2008);
    const r = await call(app, '/user/adddomain/', { ...creds(acct), username: 'extuser1', domainName: 'granted-one.com', domain_dns: 'read' });
    expect(r.body.success).toBe(true);
    const perms = r.body.responseData.domains['granted-one.com'];
    expect(Object.keys(perms)).toHaveLength(16);
    expect(perms).toMatchObject({ domain_dns: 'read', domain_transferblock: 'disabled', domain_authcode: 'read', domain_others: 'write', domain_ownercontacts: 'write' });
    await call(app, '/user/adddomain/', { ...creds(acct), username: 'extuser1', domainName: 'granted-two.com' });
    const info = await call(app, '/user/getinfo/', { ...creds(acct), username: 'extuser1' });
    expectShape(info.body.responseData, { ...SUMMARY, domains: 'object' });
    expect(info.body.responseData.numDomains).toBe(2);
  });

  it('lets the external user read and change only what its permissions allow (300 otherwise)', async () => {
    const as = (path: string, p: Record<string, string>) => call(app, path, { apiuser: sub.username, apipasswd: sub.password, ...p });
    const list = await as('/domain/list/', {});
    expect(list.body.responseData.domains.map((d: { name: string }) => d.name).sort()).toEqual(['granted-one.com', 'granted-two.com']);
    expect((await as('/domain/getinfo/', { domain: 'granted-one.com' })).body.success).toBe(true);
    expect((await as('/domain/getinfo/', { domain: 'not-granted.com' })).body.errorCode).toBe(300);
    expect((await as('/domain/getnameservers/', { domain: 'granted-one.com' })).body.success).toBe(true);
    expect((await as('/domain/updatenameservers/', { domain: 'granted-one.com', nameservers: 'default' })).body.errorCode).toBe(300);
    expect((await as('/domain/updatenameservers/', { domain: 'granted-two.com', nameservers: 'default' })).body.success).toBe(true);
    expect((await as('/domain/update/', { domain: 'granted-two.com', updateType: 'transferBlock', transferBlock: '1' })).body.errorCode).toBe(300);
    expect((await as('/domain/getauthcode/', { domain: 'granted-two.com' })).body.success).toBe(true);
    expect((await as('/domain/create/', { domain: 'mine-now.com', ownerContactID: 'XXX-1' })).body.errorCode).toBe(300);
    expect((await as('/account/info/', {})).body.errorCode).toBe(300);
    expect((await as('/user/list/', {})).body.errorCode).toBe(300);
    // the history names the external user who acted
    const h = await call(app, '/domain/gethistory/', { ...creds(acct), domain: 'granted-two.com' });
    expect(h.body.responseData.history.some((e: { user: string }) => e.user === 'extuser1')).toBe(true);
  });

  it('updatedomain changes one permission; deletedomain revokes the domain at once', async () => {
    const as = (path: string, p: Record<string, string>) => call(app, path, { apiuser: sub.username, apipasswd: sub.password, ...p });
    await call(app, '/user/updatedomain/', { ...creds(acct), username: 'extuser1', domainName: 'granted-one.com', domain_dns: 'write' });
    expect((await as('/domain/updatenameservers/', { domain: 'granted-one.com', nameservers: 'default' })).body.success).toBe(true);
    const d = await call(app, '/user/deletedomain/', { ...creds(acct), username: 'extuser1', domainName: 'granted-one.com' });
    expect(d.body.responseData.numDomains).toBe(1);
    expect((await as('/domain/getinfo/', { domain: 'granted-one.com' })).body.errorCode).toBe(300);
    expect((await call(app, '/user/deletedomain/', { ...creds(acct), username: 'extuser1', domainName: 'granted-one.com' })).body.errorCode).toBe(3502);
    expect((await call(app, '/user/adddomain/', { ...creds(acct), username: 'extuser1', domainName: 'granted-two.com' })).body.errorCode).toBe(3502);
  });

  it('a disabled user cannot log in (201); the password can be changed; list filters by status and domain', async () => {
    await call(app, '/user/updatestatus/', { ...creds(acct), username: 'extuser1', status: 'disabled' });
    expect((await call(app, '/domain/list/', { apiuser: sub.username, apipasswd: sub.password })).body.errorCode).toBe(201);
    await call(app, '/user/updatestatus/', { ...creds(acct), username: 'extuser1', status: 'enabled' });
    await call(app, '/user/updatepassword/', { ...creds(acct), username: 'extuser1', password: 'another-pass-2' });
    expect((await call(app, '/domain/list/', { apiuser: sub.username, apipasswd: sub.password })).body.errorCode).toBe(201);
    expect((await call(app, '/domain/list/', { apiuser: sub.username, apipasswd: 'another-pass-2' })).body.success).toBe(true);
    const l = await call(app, '/user/list/', { ...creds(acct), status: 'enabled', domainName: 'granted-two.com' });
    expectShape(l.body.responseData.queryInfo, QUERY_INFO_SHAPE);
    expectShape(l.body.responseData.users[0], { ...SUMMARY });
    expect(l.body.responseData.users[0].lastLogin).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await call(app, '/user/list/', { ...creds(acct), domainName: 'not-granted.com' })).body.responseData.users).toEqual([]);
    const xml = await call(app, '/user/getinfo/', { ...creds(acct), username: 'extuser1', 'output-format': 'xml' });
    const json = await call(app, '/user/getinfo/', { ...creds(acct), username: 'extuser1' });
    expect(xml.body.responseData).toEqual(xmlOf(json.body.responseData));
  });

  it('an external user calls only from the addresses the account accepts (1007 otherwise)', async () => {
    const fenced = await app.account({ allowIps: ['192.0.2.10'] });
    const ok = await call(app, '/user/create/', { ...creds(fenced), username: 'fenced-ext', password: 'secret-pass-3' }, { remoteAddress: '192.0.2.10' });
    expect(ok.body.success).toBe(true);
    expect((await call(app, '/domain/list/', { apiuser: 'fenced-ext', apipasswd: 'secret-pass-3' }, { remoteAddress: '192.0.2.10' })).body.success).toBe(true);
    expect((await call(app, '/domain/list/', { apiuser: 'fenced-ext', apipasswd: 'secret-pass-3' }, { remoteAddress: '198.51.100.7' })).body.errorCode).toBe(1007);
  });

  it('user/delete answers [] and the user can no longer log in', async () => {
    const r = await call(app, '/user/delete/', { ...creds(acct), username: 'extuser1' });
    expect(r.body).toMatchObject({ success: true, responseData: [] });
    expect((await call(app, '/domain/list/', { apiuser: sub.username, apipasswd: 'another-pass-2' })).body.errorCode).toBe(201);
    expect((await call(app, '/user/getinfo/', { ...creds(acct), username: 'extuser1' })).body.errorCode).toBe(3500);
  });
});
