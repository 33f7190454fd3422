// Early access (EAP) through the MrDomain face (JSON), with `.shop` in two EAP phases (test/domains/eap-config.ts).
// The seed's only hook for an extra create cost is premium (check `premium` + `price`, create `premium=true`): during
// a phase check answers premium with the price including the fee, and create without premium=true is refused with
// 2011 naming the fee; with it, billing.total is create × period + the fee.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../harness/app.ts';
import { call, contactParams, creds } from '../mrdomain/helpers.ts';
import { expectShape } from '../mrdomain/shape.ts';
import { AT, FEE, SHOP_CREATE, eapApp, setClock } from '../domains/eap-config.ts';

let app: TestApp;
let acct: Awaited<ReturnType<TestApp['account']>>;
let owner: string;

const balance = async (): Promise<number> => (await call(app, '/account/info/', { ...creds(acct) })).body.responseData.balance;
const check = async (domain: string) => (await call(app, '/domain/check/', { ...creds(acct), domain })).body.responseData.domains[0];
const create = (domain: string, extra: Record<string, string> = {}) => call(app, '/domain/create/', { ...creds(acct), domain, ownerContactID: owner, ...extra });
const count = async (): Promise<number> => (await call(app, '/domain/list/', { ...creds(acct) })).body.responseData.queryInfo.total;

beforeAll(async () => {
  app = await eapApp();
  acct = await app.account({ balance: 1000 });
  owner = (await call(app, '/contact/create/', { ...creds(acct), ...contactParams() })).body.responseData.contactID;
});
afterAll(async () => app.close());

describe('domain/check during an EAP', () => {
  it('answers premium with the price including the fee due now: before, phase 1, phase 2, after', async () => {
    for (const when of ['before', 'phase1', 'phase2', 'after'] as const) {
      await setClock(app, AT[when]);
      const d = await check('early-bird.shop');
      expectShape(d, { name: 'string', punycode: 'string', tld: 'string', available: 'boolean', premium: 'boolean', price: 'number', currency: 'string' });
      expect(d, when).toEqual({ name: 'early-bird.shop', punycode: 'early-bird.shop', tld: 'shop', available: true, premium: FEE[when] > 0, price: (SHOP_CREATE + FEE[when]) / 100, currency: 'EUR' });
      expect(await check('abc.shop'), when).toMatchObject({ premium: true, price: (25_000 + FEE[when]) / 100 });
    }
  });
});

describe('domain/create during an EAP', () => {
  it('refuses a create without premium=true with 2011 naming the fee, writing nothing', async () => {
    await setClock(app, AT.phase1);
    const before = await balance();
    const domains = await count();
    for (const extra of [{}, { premium: '0' }] as Record<string, string>[]) {
      const r = await create('not-accepted.shop', extra);
      expect(r.body).toMatchObject({ success: false, errorCode: 2011, errorCodeMsg: 'Domain create error: Domain premium' });
      expect(r.body.messages.join(' ')).toContain('250.00 EUR');
    }
    expect(await balance()).toBe(before);
    expect(await count()).toBe(domains);
  });

  it('with premium=true charges create × period + the fee (billing.total), in phase 1 and phase 2; none after', async () => {
    await setClock(app, AT.phase1);
    let before = await balance();
    const one = await create('accepted-one.shop', { premium: '1', period: '2' });
    expect(one.body.success).toBe(true);
    expect(one.body.responseData.billing).toEqual({ total: (2 * SHOP_CREATE + FEE.phase1) / 100, currency: 'EUR' });
    expect(await balance()).toBeCloseTo(before - (2 * SHOP_CREATE + FEE.phase1) / 100, 2);

    await setClock(app, AT.phase2);
    before = await balance();
    const two = await create('accepted-two.shop', { premium: 'true' });
    expect(two.body.responseData.billing.total).toBe((SHOP_CREATE + FEE.phase2) / 100);
    expect(await balance()).toBeCloseTo(before - (SHOP_CREATE + FEE.phase2) / 100, 2);

    await setClock(app, AT.after);
    const late = await create('accepted-after.shop');
    expect(late.body.success).toBe(true);
    expect(late.body.responseData.billing.total).toBe(SHOP_CREATE / 100);
  });
});
