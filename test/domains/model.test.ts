// Pure rules of the simulated registry and the domain lifecycle, over years on a FixedClock.
import { describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/core/clock.ts';
import type { DomainError } from '../../src/core/errors.ts';
import { parseDomainName } from '../../src/core/registry/names.ts';
import { buildRegistry, parseRegistryConfig } from '../../src/core/registry/registry.ts';
import { DELEGATED_TLDS } from '../../src/core/registry/data/tlds.ts';
import type { Domain } from '../../src/core/domains/model.ts';
import { DAY_MS, addYears, nextEventAt, projectAt } from '../../src/core/domains/model.ts';

const registry = buildRegistry();
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as DomainError).code;
  }
  return 'no error';
};

function domain(over: Partial<Domain> = {}): Domain {
  const at = new Date('2026-06-01T12:00:00Z');
  return {
    id: 1, accountId: 1, name: 'example-shop.com', unicodeName: 'example-shop.com', sld: 'example-shop', tld: 'com', origin: 'create', phase: 'active', holdsName: true,
    pending: null, lastOperation: null, period: 1, orderedAt: at, activatedAt: at, expiresAt: addYears(at, 1), addGraceUntil: new Date(at.getTime() + 5 * DAY_MS), addGraceRefundMinor: 853,
    deletedAt: null, deleteReason: '', autorenew: 'off', locked: false, updateBlocked: false, whoisPrivacy: false, authCode: 'x', contacts: { owner: 1, admin: 1, tech: 1, billing: 1, reseller: null },
    nameservers: [], hosts: [], dnssec: [], additionalData: {}, premium: false, tags: [], comments: '', transferOut: null, nextEventAt: null, createdAt: at, updatedAt: at, version: 1, ...over,
  };
}

describe('TLD catalogue', () => {
  it('ships every delegated TLD from the public suffix list, in ASCII, including IDN TLDs', () => {
    expect(DELEGATED_TLDS.length).toBeGreaterThan(1400);
    for (const t of ['com', 'es', 'eu', 'it', 'us', 'ca', 'cat', 'tools', 'london', 'xn--p1ai']) expect(DELEGATED_TLDS, t).toContain(t);
    expect(DELEGATED_TLDS.every((t) => /^[a-z0-9-]+$/.test(t))).toBe(true);
    expect(DELEGATED_TLDS).not.toContain('blogspot');
  });

  it('gives registry-practice defaults and the seed specifics per TLD', () => {
    const com = registry.policy('com');
    expect([com.addGraceDays, com.autoRenewGraceDays, com.redemptionDays, com.pendingDeleteDays, com.transferAutoApproveDays]).toEqual([5, 45, 30, 5, 5]);
    expect(com.currency).toBe('EUR');
    expect(registry.policy('eu').redemptionDays).toBe(38);
    expect(registry.policy('ca').requirements.find((r) => r.name === 'legal_type')?.options?.some((o) => o.value === 'TRS')).toBe(true);
    expect(registry.policy('cat').requirements.map((r) => r.name)).toEqual(['intended_use']);
    expect(registry.policy('com').tradeAllowed).toBe(false);
    expect(registry.policy('co.uk').tld).toBe('co.uk');
    expect(code(() => registry.policy('notatld'))).toBe('domain.tld_not_supported');
  });

  it('lets a configuration file override defaults, one TLD, premium and elsewhere names', () => {
    const r = buildRegistry(parseRegistryConfig(JSON.stringify({ defaults: { redemptionDays: 10 }, tlds: { com: { prices: { create: 1 }, tradeAllowed: true } }, premium: { 'cheap-premium.net': 5000 }, registeredElsewhere: ['someone-else.org'] })));
    expect(r.policy('net').redemptionDays).toBe(10);
    expect(r.policy('com').prices.create).toBe(1);
    expect(r.policy('com').prices.renew).toBe(853);
    expect(r.policy('com').tradeAllowed).toBe(true);
    expect(r.premiumPrice(parseDomainName('cheap-premium.net'))).toBe(5000);
    expect(r.isRegisteredElsewhere(parseDomainName('someone-else.org'))).toBe(true);
    expect(code(() => parseRegistryConfig('{"unknown":1}'))).toBe('request.invalid');
    expect(code(() => parseRegistryConfig('not json'))).toBe('request.invalid');
  });
});

describe('names', () => {
  it('accepts Unicode and punycode for the same IDN and gives both forms', () => {
    const a = parseDomainName('España.com');
    const b = parseDomainName('xn--espaa-rta.com');
    expect(a).toEqual(b);
    expect(a).toMatchObject({ name: 'xn--espaa-rta.com', unicode: 'españa.com', sld: 'xn--espaa-rta', tld: 'com', idn: true });
    expect(parseDomainName({ name: 'пример', extension: 'рф' }).name).toBe('xn--e1afmkfd.xn--p1ai');
    expect(parseDomainName('example.co.uk')).toMatchObject({ sld: 'example', tld: 'co.uk' });
  });

  it('refuses malformed names with domain.name_invalid and unknown TLDs with domain.tld_not_supported', () => {
    for (const bad of ['', 'com', '-bad.com', 'bad-.com', 'a..com', 'sub.example.com', 'exa mple.com', `${'a'.repeat(64)}.com`, 'ab--cd.com']) expect(code(() => parseDomainName(bad)), bad).toBe('domain.name_invalid');
    expect(code(() => parseDomainName('example.notatld'))).toBe('domain.tld_not_supported');
  });

  it('marks well-known and taken- names as registered elsewhere with a stable auth code; reserved and premium names by rule', () => {
    expect(registry.isRegisteredElsewhere(parseDomainName('google.com'))).toBe(true);
    expect(registry.isRegisteredElsewhere(parseDomainName('taken-anything.es'))).toBe(true);
    expect(registry.isRegisteredElsewhere(parseDomainName('my-new-shop.com'))).toBe(false);
    expect(registry.elsewhereAuthCode('google.com')).toBe(buildRegistry().elsewhereAuthCode('google.com'));
    expect(registry.elsewhereAuthCode('google.com')).not.toBe(registry.elsewhereAuthCode('google.net'));
    expect(registry.isReserved(parseDomainName('example.com'))).toBe(true);
    expect(registry.premiumPrice(parseDomainName('god.tools'))).toBe(21980);
    expect(registry.premiumPrice(parseDomainName('abc.com'))).toBe(25000);
    expect(registry.premiumPrice(parseDomainName('my-new-shop.com'))).toBeNull();
    expect(registry.price(parseDomainName('abc.com'), 'create')).toBe(25000);
    expect(registry.price(parseDomainName('abc.com'), 'restore')).toBe(registry.policy('com').prices.restore);
    // all of a name's prices at once are the same as each asked for alone, premium or not, and leave the policy as it was
    const before = { ...registry.policy('com').prices };
    for (const name of ['abc.com', 'god.tools', 'my-new-shop.com']) {
      const n = parseDomainName(name);
      const all = registry.prices(n);
      for (const op of Object.keys(registry.policy(n.tld).prices) as Array<keyof typeof all>) expect(all[op], `${name} ${op}`).toBe(registry.price(n, op));
    }
    expect(registry.policy('com').prices).toEqual(before);
    expect(registry.policy('.COM')).toBe(registry.policy('com'));
  });
});

describe('projectAt over the years', () => {
  const com = registry.policy('com');

  it('walks active → grace (45 d) → redemption (30 d) → pending delete (5 d) → deleted, from timestamps alone', () => {
    const d = domain();
    const clock = new FixedClock('2026-06-01T12:00:00Z');
    const seen: string[] = [];
    for (let day = 0; day < 365 + 90; day++) {
      const p = projectAt(d, com, clock.now()).phase;
      if (seen[seen.length - 1] !== p) seen.push(p);
      clock.advance(DAY_MS);
    }
    expect(seen).toEqual(['active', 'grace', 'redemption', 'pending_delete', 'deleted']);
    const exp = d.expiresAt!.getTime();
    expect(projectAt(d, com, new Date(exp - 1)).phase).toBe('active');
    expect(projectAt(d, com, new Date(exp)).phase).toBe('grace');
    expect(projectAt(d, com, new Date(exp + 45 * DAY_MS - 1)).renewable).toBe(true);
    expect(projectAt(d, com, new Date(exp + 45 * DAY_MS)).phase).toBe('redemption');
    expect(projectAt(d, com, new Date(exp + 45 * DAY_MS)).restorable).toBe(true);
    expect(projectAt(d, com, new Date(exp + 75 * DAY_MS)).phase).toBe('pending_delete');
    expect(projectAt(d, com, new Date(exp + 80 * DAY_MS))).toMatchObject({ phase: 'deleted', holdsName: false });
  });

  it('puts a deleted domain straight into redemption from its deletion date', () => {
    const deletedAt = new Date('2026-09-01T00:00:00Z');
    const d = domain({ deletedAt, deleteReason: 'deleted' });
    expect(projectAt(d, com, new Date('2026-09-02T00:00:00Z')).phase).toBe('redemption');
    expect(projectAt(d, com, new Date(deletedAt.getTime() + 30 * DAY_MS)).phase).toBe('pending_delete');
    expect(projectAt(d, com, new Date(deletedAt.getTime() + 35 * DAY_MS)).phase).toBe('deleted');
  });

  it('reports a pending registration or transfer as due when its time has come, and the next event for the job', () => {
    const at = new Date('2026-06-01T12:00:00Z');
    const completesAt = new Date(at.getTime() + 5 * DAY_MS);
    const d = domain({ phase: 'requested', expiresAt: null, activatedAt: null, pending: { kind: 'transfer', requestedAt: at, completesAt, years: 1, chargedMinor: 0, authCode: '', fromAccountId: null, fromDomainId: null, approvalToken: '' } });
    expect(projectAt(d, com, at)).toMatchObject({ phase: 'requested', pendingDue: false });
    expect(projectAt(d, com, completesAt).pendingDue).toBe(true);
    expect(nextEventAt(d, com, at)).toEqual(completesAt);
    const active = domain();
    expect(nextEventAt(active, com, at)).toEqual(active.expiresAt);
    expect(nextEventAt(active, com, active.expiresAt!)).toEqual(new Date(active.expiresAt!.getTime() + 45 * DAY_MS));
  });

  it('adds calendar years, keeping 29 February on 28 February in common years', () => {
    expect(addYears(new Date('2028-02-29T10:00:00Z'), 1).toISOString()).toBe('2029-02-28T10:00:00.000Z');
    expect(addYears(new Date('2026-06-01T12:00:00Z'), 3).toISOString()).toBe('2029-06-01T12:00:00.000Z');
  });
});
