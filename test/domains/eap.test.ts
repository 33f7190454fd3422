// Early access (EAP) in the core: the configuration (REGISTRY_CONFIG `eap` phases and their validation), the fee the
// check flow reports as the sandbox clock moves through two phases, and what register charges (one ledger debit of
// create × period + the fee, only when accepted). Transfers and renewals owe no fee.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../harness/app.ts';
import { runFlow, runQuery, runReadFirst } from '../../src/core/runner.ts';
import { DomainError } from '../../src/core/errors.ts';
import { buildRegistry, parseRegistryConfig, registryOf, type Registry } from '../../src/core/registry/registry.ts';
import { parseDomainName } from '../../src/core/registry/names.ts';
import { checkDomain } from '../../src/core/domains/flows/check-domain.ts';
import { registerDomain } from '../../src/core/domains/flows/register-domain.ts';
import { renewDomain } from '../../src/core/domains/flows/renew-domain.ts';
import { transferDomain } from '../../src/core/domains/flows/transfer-domain.ts';
import { listElsewhereCodes } from '../../src/core/registry/flows/list-elsewhere-codes.ts';
import { AT, EAP_CONFIG, FEE, SHOP_CREATE, eapApp, setClock } from './eap-config.ts';

const page = { limit: 100, offset: 0 };

/** the DomainError a call throws (or fails the test) */
function thrown(f: () => unknown): DomainError {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}
const configured = (config: unknown): Registry => buildRegistry(parseRegistryConfig(JSON.stringify(config)));
const shopWith = (eap: unknown) => ({ tlds: { shop: { eap } } });

describe('EAP configuration', () => {
  it('answers the fee due at an instant: each phase from its start (inclusive) to its end (exclusive), 0 outside', () => {
    const r = configured(EAP_CONFIG);
    const n = parseDomainName('anything.shop');
    const fee = (iso: string) => r.eapFee(n, new Date(iso));
    expect(fee('2026-06-01T17:59:59.999Z')).toBe(0);
    expect(fee('2026-06-01T18:00:00Z')).toBe(25_000);
    expect(fee('2026-06-01T23:59:59.999Z')).toBe(25_000);
    expect(fee('2026-06-02T00:00:00Z')).toBe(5_000);
    expect(fee('2026-06-02T12:00:00Z')).toBe(0);
    expect(r.policy('shop').eap.map((p) => p.feeMinor)).toEqual([25_000, 5_000]); // sorted by start
    expect(r.eapFee(parseDomainName('anything.com'), new Date(AT.phase1))).toBe(0);
    // default: no TLD has EAP phases
    expect(buildRegistry().policy('shop').eap).toEqual([]);
    expect(buildRegistry().eapFee(n, new Date(AT.phase1))).toBe(0);
  });

  it('layers like every policy field: defaults reach every TLD, a TLD list replaces them, [] clears them', () => {
    const r = configured({
      defaults: { eap: [{ from: '2026-06-01T00:00:00Z', until: '2026-07-01T00:00:00Z', feeMinor: 100 }] },
      tlds: { shop: { eap: [{ from: '2026-06-01T00:00:00+02:00', until: '2026-06-03T00:00:00+02:00', feeMinor: 0 }] }, com: { eap: [] } },
    });
    const at = new Date(AT.phase1);
    expect(r.eapFee(parseDomainName('x.net'), at)).toBe(100);
    expect(r.eapFee(parseDomainName('x.shop'), at)).toBe(0);
    expect(r.eapFee(parseDomainName('x.com'), at)).toBe(0);
    expect(r.policy('shop').eap[0].from.toISOString()).toBe('2026-05-31T22:00:00.000Z');
  });

  it('refuses bad EAP phases with request.invalid naming the offending key', () => {
    const phase = { from: '2026-06-01T18:00:00Z', until: '2026-06-02T00:00:00Z', feeMinor: 100 };
    const cases: [unknown, string, RegExp][] = [
      [shopWith({ from: phase.from }), 'REGISTRY_CONFIG.tlds.shop.eap', /must be an array/],
      [shopWith(null), 'REGISTRY_CONFIG.tlds.shop.eap', /must be an array/],
      [shopWith(['2026-06-01']), 'REGISTRY_CONFIG.tlds.shop.eap[0]', /must be an object/],
      [shopWith([{ ...phase, fee: 3 }]), 'REGISTRY_CONFIG.tlds.shop.eap[0].fee', /unknown key/],
      [shopWith([{ ...phase, from: '2026-06-01' }]), 'REGISTRY_CONFIG.tlds.shop.eap[0].from', /ISO-8601 instant/],
      [shopWith([{ ...phase, from: 'yesterday' }]), 'REGISTRY_CONFIG.tlds.shop.eap[0].from', /ISO-8601 instant/],
      [shopWith([{ ...phase, until: undefined }]), 'REGISTRY_CONFIG.tlds.shop.eap[0].until', /ISO-8601 instant/],
      [shopWith([{ ...phase, until: '2026-13-01T00:00:00Z' }]), 'REGISTRY_CONFIG.tlds.shop.eap[0].until', /ISO-8601 instant/],
      [shopWith([{ ...phase, until: phase.from }]), 'REGISTRY_CONFIG.tlds.shop.eap[0].until', /after from/],
      [shopWith([phase, { ...phase, feeMinor: -1 }]), 'REGISTRY_CONFIG.tlds.shop.eap[1].feeMinor', /integer ≥ 0/],
      [shopWith([{ ...phase, feeMinor: 12.5 }]), 'REGISTRY_CONFIG.tlds.shop.eap[0].feeMinor', /integer ≥ 0/],
      [shopWith([{ ...phase, feeMinor: '100' }]), 'REGISTRY_CONFIG.tlds.shop.eap[0].feeMinor', /integer ≥ 0/],
      [shopWith([phase, { from: '2026-06-01T23:00:00Z', until: '2026-06-03T00:00:00Z', feeMinor: 1 }]), 'REGISTRY_CONFIG.tlds.shop.eap', /overlap/],
      [{ defaults: { eap: {} } }, 'REGISTRY_CONFIG.defaults.eap', /must be an array/],
      [{ tlds: { shop: 'early' } }, 'REGISTRY_CONFIG.tlds.shop', /must be an object/],
    ];
    for (const [config, field, reason] of cases) {
      const e = thrown(() => configured(config));
      expect({ code: e.code, field: e.details.field }).toEqual({ code: 'request.invalid', field });
      expect(e.publicMessage).toMatch(reason);
    }
    // back to back is not an overlap
    expect(() => configured(shopWith([phase, { ...phase, from: phase.until, until: '2026-06-03T00:00:00Z' }]))).not.toThrow();
  });
});

describe('check and register through an EAP', () => {
  let app: TestApp;
  let registry: Registry;

  const reseller = (balance = 1000) => app.reseller(balance);
  const balance = (accountId: number) => runQuery(app.services, (ctx) => ctx.uow.ledger.balanceMinor(accountId), {});
  const charges = async (accountId: number) => (await runQuery(app.services, (ctx) => ctx.uow.ledger.list(accountId, {}, page), {})).results.filter((e) => e.kind === 'charge');
  const rows = async (accountId: number) => (await runQuery(app.services, (ctx) => ctx.uow.domains.search(accountId, { includeDeleted: true }, page), {})).total;
  const register = (accountId: number, owner: string, name: string, extra: Record<string, unknown> = {}) =>
    runFlow(app.services, registerDomain, { registry, accountId, name, contacts: { owner }, autorenew: 'off', ...extra });
  async function refusal(p: Promise<unknown>): Promise<DomainError> {
    try {
      await p;
    } catch (e) {
      if (e instanceof DomainError) return e;
      throw e;
    }
    throw new Error('expected a refusal');
  }

  beforeAll(async () => {
    app = await eapApp();
    registry = registryOf(app.services);
  });
  afterAll(async () => {
    await app.close();
  });

  it('reports the fee due now before, during phase 1, during phase 2 and after, with the base create price unchanged (read-only check)', async () => {
    const a = await reseller();
    const seen: Record<string, unknown>[] = [];
    for (const when of ['before', 'phase1', 'phase2', 'after'] as const) {
      await setClock(app, AT[when]);
      const [plain, premium, other] = await runReadFirst(app.services, checkDomain, { registry, accountId: a.accountId, names: ['early-bird.shop', 'abc.shop', 'early-bird.com'] });
      seen.push({ when, fee: plain.eapFeeMinor, create: plain.prices.create, renew: plain.prices.renew, transfer: plain.prices.transfer, premiumFee: premium.eapFeeMinor, premiumCreate: premium.prices.create, otherTld: other.eapFeeMinor });
      expect(plain).toMatchObject({ status: 'free', premium: false, premiumPriceMinor: null, currency: 'EUR' });
    }
    expect(seen).toEqual((['before', 'phase1', 'phase2', 'after'] as const).map((when) => ({
      when, fee: FEE[when], create: SHOP_CREATE, renew: SHOP_CREATE, transfer: SHOP_CREATE, premiumFee: FEE[when], premiumCreate: 25_000, otherTld: 0,
    })));
  });

  it('refuses a create during an EAP phase unless the fee is accepted, naming the fee, and writes nothing', async () => {
    const a = await reseller();
    await setClock(app, AT.phase1);
    const before = await balance(a.accountId);
    for (const accept of [undefined, false, 24_999]) {
      const e = await refusal(register(a.accountId, a.owner, 'no-fee-accepted.shop', { acceptEapFee: accept }));
      expect(e.code).toBe('domain.premium_not_accepted');
      expect(e.publicMessage).toContain('250.00 EUR');
      expect(e.details).toMatchObject({ eapFee: 25_000, currency: 'EUR' });
    }
    // accepting the premium price is not accepting the EAP fee
    expect((await refusal(register(a.accountId, a.owner, 'no-fee-accepted.shop', { acceptPremium: true }))).code).toBe('domain.premium_not_accepted');
    expect(await balance(a.accountId)).toBe(before);
    expect(await rows(a.accountId)).toBe(0);
    expect(await charges(a.accountId)).toEqual([]);
    expect((await runReadFirst(app.services, checkDomain, { registry, accountId: a.accountId, names: ['no-fee-accepted.shop'] }))[0].status).toBe('free');
  });

  it('charges create × period + the fee once, in one ledger debit, when the fee is accepted (phase 1, then phase 2)', async () => {
    const a = await reseller();
    await setClock(app, AT.phase1);
    const before = await balance(a.accountId);
    const one = await register(a.accountId, a.owner, 'early-one.shop', { period: 2, acceptEapFee: 25_000 });
    expect(one.state.phase).toBe('active');
    expect(one.chargedMinor).toBe(2 * SHOP_CREATE + 25_000);
    await setClock(app, AT.phase2);
    const two = await register(a.accountId, a.owner, 'early-two.shop', { acceptEapFee: true });
    expect(two.chargedMinor).toBe(SHOP_CREATE + 5_000);
    expect(await balance(a.accountId)).toBe(before - (2 * SHOP_CREATE + 25_000) - (SHOP_CREATE + 5_000));
    const debits = (await charges(a.accountId)).map((e) => ({ amount: e.amountMinor, reference: e.reference })).sort((x, y) => x.amount - y.amount);
    expect(debits).toEqual([
      { amount: -(2 * SHOP_CREATE + 25_000), reference: `domain:${one.domain.id}` },
      { amount: -(SHOP_CREATE + 5_000), reference: `domain:${two.domain.id}` },
    ]);
  });

  it('needs both the premium price and the EAP fee accepted for a premium name in EAP, and charges both', async () => {
    const a = await reseller();
    await setClock(app, AT.phase2);
    const before = await balance(a.accountId);
    expect((await refusal(register(a.accountId, a.owner, 'xyz.shop', { acceptEapFee: true }))).publicMessage).toContain('premium');
    expect((await refusal(register(a.accountId, a.owner, 'xyz.shop', { acceptPremium: 25_000 }))).publicMessage).toContain('50.00 EUR');
    expect(await balance(a.accountId)).toBe(before);
    const r = await register(a.accountId, a.owner, 'xyz.shop', { acceptPremium: 25_000, acceptEapFee: 5_000 });
    expect(r.chargedMinor).toBe(25_000 + 5_000);
    expect(await balance(a.accountId)).toBe(before - 30_000);
  });

  it('charges no EAP fee outside the phases, nor on transfers and renewals during one', async () => {
    const a = await reseller();
    await setClock(app, AT.before);
    expect((await register(a.accountId, a.owner, 'too-soon.shop')).chargedMinor).toBe(SHOP_CREATE);
    await setClock(app, AT.after);
    const late = await register(a.accountId, a.owner, 'just-after.shop');
    expect(late.chargedMinor).toBe(SHOP_CREATE);
    await setClock(app, AT.phase1);
    const renewed = await runFlow(app.services, renewDomain, { registry, accountId: a.accountId, domain: late.domain.id, period: 1 });
    expect(renewed.chargedMinor).toBe(SHOP_CREATE);
    const [code] = await runQuery(app.services, listElsewhereCodes, { registry, names: ['taken-early.shop'] });
    const t = await runFlow(app.services, transferDomain, { registry, accountId: a.accountId, name: 'taken-early.shop', authCode: code.authCode, contacts: { owner: a.owner } });
    expect(t.chargedMinor).toBe(SHOP_CREATE);
  });
});
