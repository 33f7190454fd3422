// The domain lifecycles through the real server process (`resellbox serve`, two HTTP threads, embedded database),
// over HTTP only, on both faces: register → renew → expire → grace → redemption → restore; expire → drop → register
// again by another account; transfer in with a bad and a good auth code, auto-approved after the TLD's period; delete
// inside add grace with its refund; insufficient balance. The clock is moved with POST /_sandbox/clock; statuses are
// projections on the clock, so no call waits for the lifecycle job.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startServer, opLogin as login, opCall, type Served } from './server.ts';
import { CUSTOMER } from '../openprovider/client.ts';
import { contactParams } from '../mrdomain/helpers.ts';

let served: Served;
const url = (path: string) => `${served.base}${path}`;

async function sandbox(method: string, path: string, body?: unknown): Promise<any> {
  const r = await fetch(url(`/_sandbox${path}`), { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
  expect(r.status, path).toBe(200);
  return r.json();
}
const advance = (d: string) => sandbox('POST', '/clock', { advance: d });

let seq = 0;
/** a reseller account made through the sandbox API */
async function account(balance: number) {
  const username = `e2e-life-${++seq}-${Math.random().toString(36).slice(2, 6)}`;
  const a = await sandbox('POST', '/accounts', { username, password: 'e2e-password-1', balance });
  return { id: a.id as number, username, password: 'e2e-password-1' };
}
async function balanceOf(id: number): Promise<number> {
  const list = await sandbox('GET', '/accounts');
  return (list.results as { id: number; balance: number }[]).find((a) => a.id === id)!.balance;
}
async function authCodeElsewhere(name: string): Promise<string> {
  return (await sandbox('GET', `/registry/auth-codes?names=${name}`)).results[0].auth_code;
}

// Openprovider
interface OpReseller {
  id: number;
  username: string;
  token: string;
  handle: string;
}
const opLogin = (username: string) => login(served.base, username, 'e2e-password-1');
/** moves the clock, and logs the resellers in again (a token lives 48 hours on the sandbox clock, as at the vendor) */
async function advanceOp(d: string, ...who: OpReseller[]) {
  await advance(d);
  for (const r of who) r.token = await opLogin(r.username);
}
const op = (token: string, method: string, path: string, json?: unknown) => opCall(served.base, token, method, path, json);
async function opReseller(balance = 1000): Promise<OpReseller> {
  const a = await account(balance);
  const token = await opLogin(a.username);
  const c = await op(token, 'POST', '/customers', { ...CUSTOMER, email: `${a.username}@example.com` });
  expect(c.status).toBe(200);
  return { id: a.id, username: a.username, token, handle: c.body.data.handle };
}
const createBody = (r: OpReseller, name: string, extension: string, extra: Record<string, unknown> = {}) => ({ domain: { name, extension }, owner_handle: r.handle, admin_handle: r.handle, tech_handle: r.handle, period: 1, autorenew: 'off', ...extra });

// MrDomain
interface MdReseller {
  id: number;
  creds: Record<string, string>;
  owner: string;
}
async function md(r: { creds: Record<string, string> }, path: string, params: Record<string, string> = {}): Promise<any> {
  const res = await fetch(url(path), { method: 'POST', body: new URLSearchParams({ ...r.creds, 'output-format': 'json', ...params }) });
  return res.json();
}
async function mdReseller(balance = 1000): Promise<MdReseller> {
  const a = await account(balance);
  const r = { id: a.id, creds: { apiuser: a.username, apipasswd: a.password }, owner: '' };
  r.owner = (await md(r, '/contact/create/', contactParams())).responseData.contactID;
  return r;
}

beforeAll(async () => {
  served = await startServer('resellbox-e2e-life-');
  await sandbox('POST', '/clock', { set: '2026-06-01T12:00:00.000Z', freeze: true });
}, 90_000);
afterAll(async () => {
  await served?.stop();
});

describe('Openprovider lifecycles through the running server', () => {
  it('register → renew → expire → grace → redemption → restore, each paid operation on the ledger', async () => {
    const r = await opReseller();
    const start = await balanceOf(r.id);
    const created = await op(r.token, 'POST', '/domains', createBody(r, 'e2e-op-path', 'com'));
    expect(created.body.data).toMatchObject({ status: 'ACT' });
    const id = created.body.data.id as number;
    expect((await op(r.token, 'POST', `/domains/${id}/renew`, { period: 1 })).body.data).toEqual({ status: 'ACT' });
    expect(await balanceOf(r.id)).toBeCloseTo(start - 2 * 8.53, 2);
    await advanceOp('740d', r);
    expect((await op(r.token, 'GET', `/domains/${id}`)).body.data).toMatchObject({ status: 'ACT', can_renew: true });
    await advanceOp('40d', r);
    expect((await op(r.token, 'GET', `/domains/${id}`)).body.data).toMatchObject({ status: 'DEL', delete_status: 'quarantine' });
    expect((await op(r.token, 'POST', `/domains/${id}/restore`, {})).body.data).toEqual({ status: 'ACT' });
    expect((await op(r.token, 'GET', `/domains/${id}`)).body.data).toMatchObject({ status: 'ACT', delete_status: '' });
    const tx = await op(r.token, 'GET', '/transactions?filter_for_subject=e2e-op-path.com');
    expect(tx.body.data.results.map((t: { action: string }) => t.action)).toEqual(['restore', 'renew', 'create']);
  });

  it('expire → drop → register again by another account', async () => {
    const a = await opReseller();
    const b = await opReseller();
    const id = (await op(a.token, 'POST', '/domains', createBody(a, 'e2e-op-dropped', 'net'))).body.data.id as number;
    expect((await op(b.token, 'POST', '/domains', createBody(b, 'e2e-op-dropped', 'net'))).body.code).toBe(346);
    await advanceOp('450d', a, b);
    expect((await op(a.token, 'GET', `/domains/${id}`)).status).toBe(404);
    const again = await op(b.token, 'POST', '/domains', createBody(b, 'e2e-op-dropped', 'net'));
    expect(again.body.data.status).toBe('ACT');
  });

  it('transfer in: a bad auth code fails (FAI, nothing charged), the good one restarts it, auto-approved after the TLD period', async () => {
    const r = await opReseller();
    const start = await balanceOf(r.id);
    const bad = await op(r.token, 'POST', '/domains/transfer', { ...createBody(r, 'wikipedia', 'org'), period: undefined, auth_code: 'wrong-code' });
    expect(bad.body.data).toMatchObject({ status: 'FAI' });
    expect(await balanceOf(r.id)).toBe(start);
    const id = bad.body.data.id as number;
    const restart = await op(r.token, 'POST', `/domains/${id}/last-operation/restart`, { auth_code: await authCodeElsewhere('wikipedia.org') });
    expect(restart.body.data).toEqual({ success: true });
    expect((await op(r.token, 'GET', `/domains/${id}`)).body.data.status).toBe('REQ');
    await advanceOp('5d', r);
    expect((await op(r.token, 'GET', `/domains/${id}`)).body.data).toMatchObject({ status: 'ACT', type: 'TRANSFER' });
  });

  it('delete inside add grace refunds the registration', async () => {
    const r = await opReseller();
    const start = await balanceOf(r.id);
    const id = (await op(r.token, 'POST', '/domains', createBody(r, 'e2e-op-regretted', 'com'))).body.data.id as number;
    expect(await balanceOf(r.id)).toBeCloseTo(start - 8.53, 2);
    await advanceOp('2d', r);
    expect((await op(r.token, 'DELETE', `/domains/${id}`)).body.data).toEqual({ status: 'DEL' });
    expect(await balanceOf(r.id)).toBe(start);
  });

  it('insufficient balance: 851, nothing written', async () => {
    const r = await opReseller(5);
    const res = await op(r.token, 'POST', '/domains', createBody(r, 'e2e-op-too-dear', 'com'));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(851);
    expect(await balanceOf(r.id)).toBe(5);
    expect((await op(r.token, 'GET', '/domains')).body.data.total).toBe(0);
  });
});

describe('MrDomain lifecycles through the running server', () => {
  it('register → renew → expire → renew grace → redemption, restored through the other face', async () => {
    const r = await mdReseller();
    const created = await md(r, '/domain/create/', { domain: 'e2e-md-path.com', ownerContactID: r.owner });
    expect(created.success).toBe(true);
    const exp = created.responseData.domains[0].tsExpir as string;
    const renewed = await md(r, '/domain/renew/', { domain: 'e2e-md-path.com', curExpDate: exp, period: '1' });
    expect(renewed.responseData.domains[0].status).toBe('renewed');
    await md(r, '/domain/update/', { domain: 'e2e-md-path.com', updateType: 'renewalMode', renewalMode: 'manual' });
    await advance('732d');
    expect((await md(r, '/domain/getinfo/', { domain: 'e2e-md-path.com' })).responseData.status).toBe('expired-renewgrace');
    await advance('50d');
    const info = await md(r, '/domain/getinfo/', { domain: 'e2e-md-path.com' });
    expect(info.responseData.status).toBe('expired-redemption');
    const token = await opLogin(r.creds.apiuser!);
    expect((await op(token, 'POST', `/domains/${info.responseData.domainID}/restore`, {})).status).toBe(200);
    expect((await md(r, '/domain/getinfo/', { domain: 'e2e-md-path.com' })).responseData.status).toBe('active');
  });

  it('expire → drop → register again by another account', async () => {
    const a = await mdReseller();
    const b = await mdReseller();
    expect((await md(a, '/domain/create/', { domain: 'e2e-md-dropped.com', ownerContactID: a.owner })).success).toBe(true);
    expect((await md(b, '/domain/check/', { domain: 'e2e-md-dropped.com' })).responseData.domains[0].available).toBe(false);
    await advance('450d');
    expect((await md(b, '/domain/check/', { domain: 'e2e-md-dropped.com' })).responseData.domains[0].available).toBe(true);
    expect((await md(b, '/domain/create/', { domain: 'e2e-md-dropped.com', ownerContactID: b.owner })).success).toBe(true);
  });

  it('transfer in: a bad auth code cancels (nothing charged), transferrestart with the good one, active after the TLD period', async () => {
    const r = await mdReseller();
    const before = (await md(r, '/account/info/')).responseData.balance;
    const bad = await md(r, '/domain/transfer/', { domain: 'amazon.com', ownerContactID: r.owner, authcode: 'wrong-code' });
    expect(bad.responseData.domains[0].status).toBe('transfer-cancel');
    expect((await md(r, '/account/info/')).responseData.balance).toBe(before);
    const again = await md(r, '/domain/transferrestart/', { domain: 'amazon.com', authcode: await authCodeElsewhere('amazon.com') });
    expect(again.responseData.status).toBe('transfer-pending');
    await advance('6d');
    expect((await md(r, '/domain/getinfo/', { domain: 'amazon.com' })).responseData.status).toBe('active');
  });

  it('insufficient balance: 1100, nothing written', async () => {
    const r = await mdReseller(1);
    const res = await md(r, '/domain/create/', { domain: 'e2e-md-too-dear.com', ownerContactID: r.owner });
    expect(res).toMatchObject({ success: false, errorCode: 1100 });
    expect((await md(r, '/domain/list/')).responseData.queryInfo.total).toBe(0);
    expect((await md(r, '/account/info/')).responseData.balance).toBe(1);
  });
});
