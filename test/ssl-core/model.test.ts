// The pure rules of SSL orders: the state projection on the clock, renew window, cancel refund, hostnames per
// product, approver addresses, DCV challenges, validity capping and price. No database.
import { describe, expect, it } from 'vitest';
import type { SslOrder } from '../../src/core/ssl/model.ts';
import {
  approverEmailsFor, checkHostnames, dcvChallenge, dnsAnswersMatch, factsOf, fileMatches, isDue, orderPriceMinor, projectOrder, refundOnCancel, renewRefusal, termEndFor, validityFor,
} from '../../src/core/ssl/model.ts';
import { SSL_PRODUCTS, productByCode, productByFaceId } from '../../src/core/ssl/catalogue.ts';
import { DomainError } from '../../src/core/errors.ts';

const T0 = new Date('2026-06-01T12:00:00Z');
const at = (days: number, hours = 0) => new Date(T0.getTime() + days * 86_400_000 + hours * 3_600_000);
const product = (code: string) => productByCode(code)!;

function order(over: Partial<SslOrder> = {}): SslOrder {
  return {
    id: 1, accountId: 1, productCode: 'rapidssl-standard', state: 'active', requestKind: 'new', period: 1, domainAmount: 1, commonName: 'example.com', sans: [],
    csr: 'x', privateKey: '', software: 'linux', signatureHash: 'sha2', contacts: { organization: 1, admin: null, technical: null, billing: null }, approverEmail: '',
    dcv: [], dcvSecret: 'secret0123456789', autorenew: false, enableDnsAutomation: false, orderedAt: T0, requestedAt: T0, validatedAt: T0, orgCheckDoneAt: null,
    activatedAt: T0, issuedAt: T0, termEndsAt: at(365), termStartsAt: null, certificate: null, cancelRequestedAt: null, cancelAt: null, revokedAt: null, rejectedAt: null,
    rejectReason: '', chargedMinor: 753, refundedMinor: 0, currency: 'EUR', renewalOf: null, reissueCount: 0, createdAt: T0, updatedAt: T0, version: 1, ...over,
  };
}
const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'not a DomainError';
  }
  return undefined;
};

describe('SSL product catalogue', () => {
  it('gives every product a unique id on each face, and includes the seeds\' products (Openprovider 5, 24, 33; MrDomain 1, 17, 58)', () => {
    for (const face of ['openprovider', 'mrdomain', 'ssl247'] as const) {
      const ids = SSL_PRODUCTS.map((p) => String(p.faceIds[face]));
      expect(new Set(ids).size, face).toBe(ids.length);
    }
    expect(productByFaceId('openprovider', 5)?.brand).toBe('RapidSSL');
    expect(productByFaceId('openprovider', 24)).toMatchObject({ name: 'EV SSL', validation: 'ev' });
    expect(productByFaceId('openprovider', 33)).toMatchObject({ includedDomains: 3, maxDomains: 210, kind: 'multi' });
    expect(productByFaceId('mrdomain', 17)).toBe(productByFaceId('openprovider', 33));
    expect(productByFaceId('mrdomain', 1)?.name).toBe('Sectigo Domain Premium');
    expect(productByFaceId('mrdomain', 58)?.trialDays).toBe(90);
    expect(productByFaceId('ssl247', 'RAPIDSSL-STANDARD')?.code).toBe('rapidssl-standard');
  });

  it('prices a multi-domain order as the base plus each domain beyond the included ones', () => {
    const p = product('sectigo-ev-multi-domain');
    expect(orderPriceMinor(p, 1, 3, 0, 'EUR')).toBe(38395);
    expect(orderPriceMinor(p, 1, 5, 0, 'EUR')).toBe(38395 + 2 * 10600);
    expect(codeOf(() => orderPriceMinor(p, 3, 3, 0, 'EUR'))).toBe('request.invalid');
  });
});

describe('projectOrder: the order on the sandbox clock', () => {
  it('keeps an active order active until its term ends, then shows it expired', () => {
    const o = order();
    expect(projectOrder(o, at(364, 23)).state).toBe('active');
    expect(projectOrder(o, at(365)).state).toBe('expired');
  });

  it('shows a cancelled active order as it was for 24 hours, then cancelled', () => {
    const o = order({ cancelRequestedAt: T0, cancelAt: at(1) });
    expect(projectOrder(o, at(0, 23)).state).toBe('active');
    expect(factsOf(o, at(0, 23)).cancelPending).toBe(true);
    expect(projectOrder(o, at(1)).state).toBe('cancelled');
  });

  it('never moves a final state', () => {
    expect(projectOrder(order({ state: 'revoked' }), at(900)).state).toBe('revoked');
  });

  it('reports a reissue date when the certificate ends before the paid term (validity capped by the CA)', () => {
    const o = order({ certificate: { serial: '1', certPem: '', chainPem: '', notBefore: T0, notAfter: at(200) } });
    expect(factsOf(o, T0).reissueAt).toEqual(at(200));
  });
});

describe('renew window', () => {
  it('refuses renew earlier than 30 days before the term ends with ssl.renew_too_early, and accepts it from then on', () => {
    const o = order();
    expect(renewRefusal(o, at(334, 23))?.code).toBe('ssl.renew_too_early');
    expect(renewRefusal(o, at(335))).toBeNull();
    expect(renewRefusal(o, at(364))).toBeNull();
  });

  it('refuses renew of a draft, an expired order (unless the face allows it) and a cancelled one with ssl.invalid_state', () => {
    expect(renewRefusal(order({ state: 'draft', activatedAt: null, termEndsAt: null }), T0)?.code).toBe('ssl.invalid_state');
    expect(renewRefusal(order(), at(366))?.code).toBe('ssl.invalid_state');
    expect(renewRefusal(order(), at(366), { allowExpired: true })).toBeNull();
    expect(renewRefusal(order({ cancelRequestedAt: at(340), cancelAt: at(341) }), at(340, 1))?.code).toBe('ssl.invalid_state');
  });
});

describe('cancel refund', () => {
  it('refunds everything for an order never activated, within 30 days of activation, and nothing later', () => {
    const p = product('rapidssl-standard');
    expect(refundOnCancel(order({ activatedAt: null, state: 'requested' }), p, at(100))).toBe(753);
    expect(refundOnCancel(order(), p, at(30))).toBe(753);
    expect(refundOnCancel(order(), p, at(30, 1))).toBe(0);
    expect(refundOnCancel(order({ refundedMinor: 753 }), p, at(1))).toBe(0);
  });
});

describe('hostnames per product', () => {
  it('lets a single-name product carry its www twin only; more is ssl.too_many_domains', () => {
    expect(checkHostnames(product('rapidssl-standard'), 'Example.COM.', ['www.example.com'])).toEqual({ commonName: 'example.com', sans: ['www.example.com'] });
    expect(codeOf(() => checkHostnames(product('rapidssl-standard'), 'example.com', ['shop.example.com']))).toBe('ssl.too_many_domains');
  });

  it('refuses more names than a multi-domain product\'s maximum with ssl.too_many_domains', () => {
    const p = product('sectigo-ev-multi-domain');
    const sans = Array.from({ length: 209 }, (_, i) => `h${i}.example.com`);
    expect(checkHostnames(p, 'example.com', sans).sans).toHaveLength(209);
    expect(codeOf(() => checkHostnames(p, 'example.com', [...sans, 'one-more.example.com']))).toBe('ssl.too_many_domains');
  });

  it('needs a *. common name on a wildcard product and refuses wildcards elsewhere', () => {
    expect(checkHostnames(product('rapidssl-wildcard'), '*.example.com', ['example.com']).sans).toEqual(['example.com']);
    expect(codeOf(() => checkHostnames(product('rapidssl-wildcard'), 'example.com', []))).toBe('request.invalid');
    expect(codeOf(() => checkHostnames(product('rapidssl-standard'), '*.example.com', []))).toBe('request.invalid');
    expect(codeOf(() => checkHostnames(product('rapidssl-standard'), 'not a host', []))).toBe('request.invalid');
  });
});

describe('domain control validation', () => {
  it('offers the five generic mailboxes at the registrable domain and at the subdomain', () => {
    expect(approverEmailsFor('*.example.co.uk')).toEqual(['admin@example.co.uk', 'administrator@example.co.uk', 'hostmaster@example.co.uk', 'postmaster@example.co.uk', 'webmaster@example.co.uk']);
    expect(approverEmailsFor('www.shop.example.com')).toContain('webmaster@shop.example.com');
    expect(approverEmailsFor('www.shop.example.com')).toContain('admin@example.com');
  });

  it('accepts the asked CNAME or a TXT with the same value, case and trailing dot aside, and nothing else', () => {
    const ch = dcvChallenge('secret0123456789', 'www.example.com');
    expect(ch.dnsName).toMatch(/^_[0-9a-f]{32}\.www\.example\.com$/);
    expect(dnsAnswersMatch(ch, [`${ch.dnsValue.toUpperCase()}.`], [])).toBe(true);
    expect(dnsAnswersMatch(ch, [], [`"${ch.dnsValue}"`])).toBe(true);
    expect(dnsAnswersMatch(ch, ['other.example.net'], ['nope'])).toBe(false);
    expect(dcvChallenge('another-secret-xx', 'www.example.com').dnsValue).not.toBe(ch.dnsValue);
  });

  it('accepts a file whose first line is the sha256, served with HTTP 200 only', () => {
    const ch = dcvChallenge('secret0123456789', 'example.com', 'http');
    expect(ch.fileUrl).toBe(`http://example.com/.well-known/pki-validation/${ch.md5.toUpperCase()}.txt`);
    expect(fileMatches(ch, 200, ch.fileContents)).toBe(true);
    expect(fileMatches(ch, 404, ch.fileContents)).toBe(false);
    expect(fileMatches(ch, 200, 'something else')).toBe(false);
  });
});

describe('validity', () => {
  it('caps a certificate at the CA/B maximum through the CA port (200 days in 2026, less one second) and otherwise ends it with the term', () => {
    expect(validityFor(T0, at(365)).validTo).toEqual(new Date(at(200).getTime() - 1000));
    expect(validityFor(T0, at(100)).validTo).toEqual(at(100));
    expect(validityFor(new Date('2025-06-01T12:00:00Z'), new Date('2027-06-01T12:00:00Z')).validTo).toEqual(new Date('2026-07-04T11:59:59Z'));
  });

  it('counts a renewal placed as a new order from the old term\'s end, and a trial from activation', () => {
    expect(termEndFor({ period: 1, termStartsAt: at(20) }, product('rapidssl-standard'), T0)).toEqual(new Date('2027-06-21T12:00:00Z'));
    expect(termEndFor({ period: 1, termStartsAt: null }, product('trial-dv'), T0)).toEqual(at(90));
  });
});

describe('isDue: what the lifecycle job must write', () => {
  it('is due when a cancel takes effect, a term ends, or a validated OV order\'s check is done; not otherwise', () => {
    expect(isDue(order(), at(100))).toBe(false);
    expect(isDue(order(), at(365))).toBe(true);
    expect(isDue(order({ cancelRequestedAt: T0, cancelAt: at(1) }), at(0, 23))).toBe(false);
    expect(isDue(order({ cancelRequestedAt: T0, cancelAt: at(1) }), at(1))).toBe(true);
    const waiting = order({ state: 'requested', activatedAt: null, termEndsAt: null, orgCheckDoneAt: at(2), dcv: [{ hostname: 'example.com', method: 'dns', approverEmail: '', status: 'validated', validatedAt: T0, token: 't', mailsSent: 0 }] });
    expect(isDue(waiting, at(1))).toBe(false);
    expect(isDue(waiting, at(2))).toBe(true);
    expect(isDue({ ...waiting, dcv: [{ ...waiting.dcv[0], status: 'pending' }] }, at(3))).toBe(false);
    expect(isDue(order({ state: 'expired' }), at(900))).toBe(false);
  });
});
