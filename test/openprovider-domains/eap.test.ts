// Early access (EAP) through the Openprovider face, with `.shop` in two EAP phases (test/domains/eap-config.ts): the
// check shows the fee as a premium create price (`is_premium`, `premium.price.create` = base + fee) while `price`
// stays the base price; create needs `accept_eap_fee` ≥ the fee (348 otherwise, nothing written) and then debits
// base + fee. Every response is validated against the Swagger by the client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../harness/app.ts';
import { call, expectError } from '../openprovider/client.ts';
import { runQuery } from '../../src/core/runner.ts';
import { balance, createBody, domainRows, reseller, type Reseller } from './helpers.ts';
import { AT, FEE, SHOP_CREATE, eapApp, setClock } from '../domains/eap-config.ts';

let app: TestApp;
let r: Reseller;

interface CheckResult {
  domain: string;
  status: string;
  is_premium?: boolean;
  premium?: { currency: string; price: { create: number } };
  price?: { product: { currency: string; price: number }; reseller: { currency: string; price: number } };
}

const check = async (names: [string, string][]) => {
  const res = await call<{ results: CheckResult[] }>(app, 'POST', '/v1beta/domains/check', { token: r.token, json: { domains: names.map(([name, extension]) => ({ name, extension })), with_price: true } });
  expect(res.status).toBe(200);
  return res.body.data.results;
};
const create = (name: string, extra: Record<string, unknown> = {}) => call<{ id: number; status: string }>(app, 'POST', '/v1beta/domains', { token: r.token, json: createBody(r, name, 'shop', extra) });
const charges = async () => (await runQuery(app.services, (ctx) => ctx.uow.ledger.list(r.accountId, {}, { limit: 100, offset: 0 }), {})).results.filter((e) => e.kind === 'charge');

beforeAll(async () => {
  app = await eapApp();
  r = await reseller(app);
});
afterAll(async () => app.close());

describe('POST /v1beta/domains/check during an EAP', () => {
  it('shows the fee due now as a premium create price before, during phase 1, during phase 2 and after; price stays the base price', async () => {
    const base = { product: { currency: 'EUR', price: SHOP_CREATE / 100 }, reseller: { currency: 'EUR', price: SHOP_CREATE / 100 } };
    for (const when of ['before', 'phase1', 'phase2', 'after'] as const) {
      await setClock(app, AT[when]);
      const [plain, premium, other] = await check([['early-bird', 'shop'], ['abc', 'shop'], ['early-bird', 'com']]);
      const fee = FEE[when];
      if (fee === 0) expect(plain, when).toEqual({ domain: 'early-bird.shop', price: base, status: 'free' });
      else expect(plain, when).toEqual({ domain: 'early-bird.shop', is_premium: true, premium: { currency: 'EUR', price: { create: (SHOP_CREATE + fee) / 100 } }, price: base, status: 'free' });
      // a premium name: its premium price plus the fee
      expect(premium, when).toMatchObject({ is_premium: true, premium: { currency: 'EUR', price: { create: (25_000 + fee) / 100 } }, price: { reseller: { price: 250 } } });
      expect(other.is_premium, when).toBeUndefined();
    }
  });
});

describe('POST /v1beta/domains during an EAP', () => {
  it('refuses a create without accept_eap_fee, or with less than the fee, with 348 naming the fee, and writes nothing', async () => {
    await setClock(app, AT.phase1);
    const rows = await domainRows(app, r.accountId);
    const money = await balance(app, r.accountId);
    for (const extra of [{}, { accept_eap_fee: 0 }, { accept_eap_fee: 249.99 }, { accept_premium_fee: 260 }]) {
      const res = await create('not-accepted', extra);
      expectError(res, 348, 400);
      expect(res.body.desc).toContain('250.00 EUR');
    }
    expect(await domainRows(app, r.accountId)).toBe(rows);
    expect(await balance(app, r.accountId)).toBe(money);
  });

  it('creates with accept_eap_fee ≥ the fee and debits create × period + the fee in one ledger entry', async () => {
    await setClock(app, AT.phase1);
    let money = await balance(app, r.accountId);
    const one = await create('accepted-one', { accept_eap_fee: 250, period: 2 });
    expect(one.status).toBe(200);
    expect(one.body.data.status).toBe('ACT');
    expect(await balance(app, r.accountId)).toBe(money - (2 * SHOP_CREATE + FEE.phase1));
    expect((await charges()).find((e) => e.reference === `domain:${one.body.data.id}`)).toMatchObject({ amountMinor: -(2 * SHOP_CREATE + FEE.phase1) });

    await setClock(app, AT.phase2);
    money = await balance(app, r.accountId);
    expectError(await create('accepted-two', { accept_eap_fee: 49.99 }), 348, 400);
    const two = await create('accepted-two', { accept_eap_fee: 250 }); // more than due: the fee due is charged
    expect(two.status).toBe(200);
    expect(await balance(app, r.accountId)).toBe(money - (SHOP_CREATE + FEE.phase2));

    await setClock(app, AT.after);
    money = await balance(app, r.accountId);
    expect((await create('accepted-after')).status).toBe(200);
    expect(await balance(app, r.accountId)).toBe(money - SHOP_CREATE);
  });

  it('needs accept_premium_fee and accept_eap_fee for a premium name in EAP', async () => {
    await setClock(app, AT.phase2);
    const money = await balance(app, r.accountId);
    expectError(await create('xyz', { accept_eap_fee: 50 }), 348, 400);
    expectError(await create('xyz', { accept_premium_fee: 250 }), 348, 400);
    expect(await balance(app, r.accountId)).toBe(money);
    const res = await create('xyz', { accept_premium_fee: 250, accept_eap_fee: 50 });
    expect(res.status).toBe(200);
    expect(await balance(app, r.accountId)).toBe(money - 25_000 - FEE.phase2);
  });
});
