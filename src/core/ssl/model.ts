// SSL orders: one core state machine behind the three faces' vocabularies (docs/ssl-states.md maps them), per-hostname
// domain control validation (DCV), and the pure rules: hostnames per product, price, renew window, cancel and refund,
// validity capping, and `projectOrder(order, now)` which says what the order is at a point of the sandbox clock.
//
//   draft ──start provision──▶ requested ──all DCV validated (+ OV/EV organisation check delay)──▶ active
//     │                          │  └──rejected by the CA (sandbox)──▶ rejected
//     │                          │
//   active ──reissue──▶ requested(kind reissue) ──▶ active        active ──order term ends──▶ expired
//   active ──renew (≤ RENEW_WINDOW_DAYS before the term ends)──▶ active, term + period
//   draft|requested|active ──cancel──▶ cancelled (an active order 24 h after the request; at once otherwise)
//   active ──revoke──▶ revoked
//   (import) ──▶ active, origin `imported`: a certificate issued elsewhere, active until its notAfter; it can only be
//   cancelled (at once, nothing to refund) or run out. No renew, reissue, revoke or autorenew (docs/ssl-states.md).
// Final states: rejected, cancelled, revoked, expired.
import { createHash } from 'node:crypto';
import { domainToASCII } from 'node:url';
import { getDomain } from 'tldts';
import { DomainError, invalid } from '../errors.ts';
import type { Currency, DcvMethod, ProductPrice, SslProduct } from './catalogue.ts';
import { priceFor } from './catalogue.ts';
import { capValidity } from './ca-port.ts';

export type SslState = 'draft' | 'requested' | 'active' | 'rejected' | 'cancelled' | 'revoked' | 'expired';
export const SSL_STATES: readonly SslState[] = ['draft', 'requested', 'active', 'rejected', 'cancelled', 'revoked', 'expired'];
export const FINAL_STATES: readonly SslState[] = ['rejected', 'cancelled', 'revoked', 'expired'];
/** why the order is (or was last) with the CA */
export type RequestKind = 'new' | 'reissue' | 'renew';

export type DcvStatus = 'pending' | 'validated';
export interface DcvEntry {
  /** as ordered, lower-case, `*.` kept for wildcards */
  hostname: string;
  method: DcvMethod;
  /** the approver address when `method` is email */
  approverEmail: string;
  status: DcvStatus;
  validatedAt: Date | null;
  /** the approval-link token (email) */
  token: string;
  /** how many approver mails went out for this hostname */
  mailsSent: number;
}

export interface SslContacts {
  /** core contact ids (Openprovider handles, MrDomain contacts, SSL247 contact profiles are all contacts) */
  organization: number | null;
  admin: number | null;
  technical: number | null;
  billing: number | null;
}

export interface IssuedCertificate {
  serial: string;
  certPem: string;
  chainPem: string;
  notBefore: Date;
  notAfter: Date;
  /** the issuer DN (RFC 4514); set for imported certificates, whose issuer is not our CA */
  issuerDn?: string;
}

/** where the order's certificate comes from: our CA (the default, also when absent), or an import */
export type SslOrigin = 'ca' | 'imported';

/** what an import recorded besides the certificate (opaque labels the face passed through) */
export interface ImportInfo {
  /** the face's id of the external product the certificate was imported as, '' when none */
  externalProduct: string;
  /** the validation level the client declared (DV, OV or EV), '' when none */
  validation: string;
  /** the certificate's subject DN (RFC 4514) */
  subjectDn: string;
}

export interface SslOrder {
  id: number;
  accountId: number;
  productCode: string;
  /** absent on orders stored before imports existed: read it through originOf() */
  origin?: SslOrigin;
  /** set when origin is `imported` */
  importInfo?: ImportInfo | null;
  /** the stored state; read through projectOrder() for the state at a given time */
  state: SslState;
  requestKind: RequestKind;
  period: number;
  /** domains paid for (common name included); for wildcard products 1 */
  domainAmount: number;
  commonName: string;
  /** subject alternative names besides the common name, lower-case */
  sans: string[];
  csr: string;
  /** a private key the client chose to store with the order (MrDomain `keyData`, generated CSRs) */
  privateKey: string;
  software: 'linux' | 'windows';
  signatureHash: string;
  contacts: SslContacts;
  /** the default approver address for email DCV */
  approverEmail: string;
  dcv: DcvEntry[];
  /** feeds the DNS/file challenge values; renewed with every CSR */
  dcvSecret: string;
  autorenew: boolean;
  enableDnsAutomation: boolean;
  /** when the order was placed */
  orderedAt: Date;
  /** when it last went to the CA */
  requestedAt: Date | null;
  /** when every hostname of the current request was validated */
  validatedAt: Date | null;
  /** OV/EV: when the organisation check completes on the clock */
  orgCheckDoneAt: Date | null;
  /** the first activation */
  activatedAt: Date | null;
  /** the last issuance */
  issuedAt: Date | null;
  /** the paid term: the order is active until then */
  termEndsAt: Date | null;
  /** a renewal placed as a new order: its term counts from here when it activates */
  termStartsAt: Date | null;
  certificate: IssuedCertificate | null;
  cancelRequestedAt: Date | null;
  /** when a cancel takes (or took) effect */
  cancelAt: Date | null;
  revokedAt: Date | null;
  rejectedAt: Date | null;
  rejectReason: string;
  chargedMinor: number;
  refundedMinor: number;
  currency: string;
  /** the order this one renews (renewal as a new order) */
  renewalOf: number | null;
  reissueCount: number;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** a one-time token: an approval link (per hostname) or an end-user panel link (OTP) */
export interface SslToken {
  token: string;
  kind: 'approve' | 'otp';
  orderId: number;
  hostname: string;
  createdAt: Date;
  expiresAt: Date;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** "order changes status from Active to Canceled within 24 hrs" (Openprovider 000:2796) */
export const CANCEL_DELAY_MS = 24 * HOUR;
/** renew "can be requested within the 30 days before expiration date" (Openprovider swagger; error 25001 otherwise) */
export const RENEW_WINDOW_DAYS = 30;
/** "The link will expire after a short time" (Openprovider OTP tokens): one hour */
export const OTP_TTL_MS = HOUR;
/** approval links stay valid for the life of a request; 30 days bounds them */
export const APPROVAL_TTL_MS = 30 * DAY;
/** the organisation check of OV/EV orders, when the account sets no delay of its own */
export const DEFAULT_ORG_CHECK_DELAY_MS: Record<'ov' | 'ev', number> = { ov: 2 * DAY, ev: 5 * DAY };
/** "expiring" as lists show it (Openprovider show_expiring, SSL247 Expiring) */
export const EXPIRING_WINDOW_DAYS = 30;

export function addYears(d: Date, years: number): Date {
  const x = new Date(d);
  x.setUTCFullYear(x.getUTCFullYear() + years);
  return x;
}
export const addMs = (d: Date, ms: number): Date => new Date(d.getTime() + ms);

export const originOf = (o: Pick<SslOrder, 'origin'>): SslOrigin => o.origin ?? 'ca';
export const isImported = (o: Pick<SslOrder, 'origin'>): boolean => originOf(o) === 'imported';

export function isFinal(s: SslState): boolean {
  return FINAL_STATES.includes(s);
}

/**
 * The order as it is at `now`: a requested cancel takes effect, an active term runs out. Nothing else changes with
 * time alone (issuance after an OV/EV delay needs the CA, so the lifecycle job does it; see jobs/ssl-lifecycle.ts).
 */
export function projectOrder(o: SslOrder, now: Date): SslOrder {
  if (isFinal(o.state)) return o;
  if (o.cancelAt && now >= o.cancelAt) return { ...o, state: 'cancelled' };
  const live = o.state === 'active' || (o.state === 'requested' && o.activatedAt !== null);
  if (live && o.termEndsAt && now >= o.termEndsAt) return { ...o, state: 'expired' };
  return o;
}

/**
 * Whether time has made something due that only a write can record (the lifecycle job's filter): a cancel taking
 * effect, a term ending (expiry or autorenew), an OV/EV organisation check finished on a validated order.
 */
export function isDue(o: SslOrder, now: Date): boolean {
  if (isFinal(o.state)) return false;
  if (o.cancelAt) return now >= o.cancelAt;
  if (projectOrder(o, now).state !== o.state) return true;
  if (o.autorenew && o.termEndsAt && now >= o.termEndsAt) return true;
  return o.state === 'requested' && o.dcv.every((d) => d.status === 'validated') && (!o.orgCheckDoneAt || now >= o.orgCheckDoneAt);
}

/** facts faces show, derived from the projected order */
export interface OrderFacts {
  /** renew would be accepted now */
  renewable: boolean;
  /** the term ends within EXPIRING_WINDOW_DAYS */
  expiring: boolean;
  /** the certificate ends before the term: a reissue is due then (Openprovider `reissue_at`) */
  reissueAt: Date | null;
  /** a cancel was requested and has not taken effect yet */
  cancelPending: boolean;
  /** hostnames still waiting for validation */
  pendingHostnames: string[];
}

export function factsOf(o: SslOrder, now: Date): OrderFacts {
  const p = projectOrder(o, now);
  const left = p.termEndsAt ? p.termEndsAt.getTime() - now.getTime() : Infinity;
  return {
    renewable: renewRefusal(p, now) === null,
    expiring: p.state === 'active' && left <= EXPIRING_WINDOW_DAYS * DAY && left > 0,
    reissueAt: p.certificate && p.termEndsAt && p.certificate.notAfter < p.termEndsAt ? p.certificate.notAfter : null,
    cancelPending: !!p.cancelAt && now < p.cancelAt,
    pendingHostnames: p.state === 'requested' ? p.dcv.filter((d) => d.status !== 'validated').map((d) => d.hostname) : [],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// hostnames

/** lower-case ASCII (IDNs in punycode), no trailing dot; `*.` kept; null when not a hostname */
export function normalizeHostname(h: string): string | null {
  let s = String(h ?? '').trim().toLowerCase().replace(/\.$/, '');
  const wild = s.startsWith('*.');
  if (wild) s = s.slice(2);
  const ascii = domainToASCII(s);
  if (!ascii || ascii.length > 253 || !ascii.includes('.')) return null;
  if (!ascii.split('.').every((l) => /^[a-z0-9_]([a-z0-9-]{0,61}[a-z0-9])?$/.test(l))) return null;
  return wild ? `*.${ascii}` : ascii;
}

export const isWildcard = (h: string): boolean => h.startsWith('*.');
export const stripWildcard = (h: string): string => (isWildcard(h) ? h.slice(2) : h);

export function hostnamesOf(o: Pick<SslOrder, 'commonName' | 'sans'>): string[] {
  return o.commonName ? [o.commonName, ...o.sans.filter((s) => s !== o.commonName)] : [];
}

/**
 * The rules of a product for the names of one order. Single: the CN plus, free, its www/bare twin. Wildcard: a `*.`
 * CN plus, free, the bare domain. Multi: at most `maxDomains` names, wildcards only where the product takes them.
 * Errors: request.invalid (bad names), ssl.too_many_domains.
 */
export function checkHostnames(product: SslProduct, commonName: string, sans: string[]): { commonName: string; sans: string[] } {
  const cn = normalizeHostname(commonName);
  if (!cn) throw invalid('common_name', `"${commonName}" is not a valid hostname`);
  const list: string[] = [];
  for (const s of sans) {
    const n = normalizeHostname(s);
    if (!n) throw invalid('host_names', `"${s}" is not a valid hostname`);
    if (n !== cn && !list.includes(n)) list.push(n);
  }
  if (product.kind === 'wildcard') {
    if (!isWildcard(cn)) throw invalid('common_name', `a wildcard product needs a common name like *.${cn}`);
    const extra = list.filter((s) => s !== stripWildcard(cn));
    if (extra.length) throw new DomainError('ssl.too_many_domains', `${product.name} covers ${cn} and ${stripWildcard(cn)} only`, { field: 'host_names', max: 1 });
  } else if (product.kind === 'single') {
    if (isWildcard(cn)) throw invalid('common_name', `${product.name} is not a wildcard product`);
    const twin = cn.startsWith('www.') ? cn.slice(4) : `www.${cn}`;
    const extra = list.filter((s) => s !== twin);
    if (extra.length) throw new DomainError('ssl.too_many_domains', `${product.name} covers one hostname (and its ${twin.startsWith('www.') ? 'www' : 'bare'} twin)`, { field: 'host_names', max: 1 });
  } else {
    if (!product.wildcardSans && [cn, ...list].some(isWildcard)) throw invalid('host_names', `${product.name} does not take wildcard names`);
    if (1 + list.length > product.maxDomains) throw new DomainError('ssl.too_many_domains', `${product.name} takes at most ${product.maxDomains} domains, ${1 + list.length} given`, { field: 'host_names', max: product.maxDomains });
  }
  return { commonName: cn, sans: list };
}

/** the domains an order pays for: at least the included ones (a wildcard product counts one) */
export function domainsToPay(product: SslProduct, names: number, asked?: number): number {
  if (product.kind !== 'multi') return 1;
  const n = Math.max(product.includedDomains, names, asked ?? 0);
  if (n > product.maxDomains) throw new DomainError('ssl.too_many_domains', `${product.name} takes at most ${product.maxDomains} domains`, { field: 'domain_amount', max: product.maxDomains });
  return n;
}

/** the price of an order in minor units: the base for the period plus each domain beyond the included ones */
export function orderPriceMinor(product: SslProduct, period: number, domainAmount: number, wildcardSans: number, currency: Currency, kind: 'create' | 'renew' = 'create'): number {
  const price: ProductPrice | null = priceFor(product, period, kind);
  if (!price) throw invalid('period', `${product.name} is sold for ${product.periods.join(' or ')} year(s)`);
  if (product.kind !== 'multi') return price.price[currency];
  const extra = Math.max(0, domainAmount - product.includedDomains);
  const extraWild = Math.min(extra, wildcardSans);
  return price.price[currency] + (extra - extraWild) * price.extraDomain[currency] + extraWild * price.extraWildcardDomain[currency];
}

// ---------------------------------------------------------------------------------------------------------------
// domain control validation

export const APPROVER_MAILBOXES = ['admin', 'administrator', 'hostmaster', 'postmaster', 'webmaster'] as const;

/**
 * The addresses that may approve a hostname: the five generic mailboxes (Openprovider 000:1916, MrDomain L6941-6985,
 * SSL247 A7) at the registrable domain, and at the hostname itself when it is a subdomain; `*.` and `www.` stripped.
 * WHOIS addresses of the domain, when the caller knows them, come after.
 */
export function approverEmailsFor(hostname: string, whoisEmails: string[] = []): string[] {
  const h = normalizeHostname(hostname);
  if (!h) throw invalid('domain', `"${hostname}" is not a valid hostname`);
  let bare = stripWildcard(h);
  if (bare.startsWith('www.')) bare = bare.slice(4);
  const registrable = getDomain(bare, { allowPrivateDomains: false }) ?? bare;
  const domains = bare === registrable ? [registrable] : [registrable, bare];
  const out = domains.flatMap((d) => APPROVER_MAILBOXES.map((m) => `${m}@${d}`));
  for (const e of whoisEmails) if (e && !out.includes(e.toLowerCase())) out.push(e.toLowerCase());
  return out;
}

export function isApproverFor(hostname: string, email: string, whoisEmails: string[] = []): boolean {
  return approverEmailsFor(hostname, whoisEmails).includes(String(email ?? '').trim().toLowerCase());
}

export interface DcvChallenge {
  md5: string;
  sha1: string;
  sha256: string;
  /** the CNAME (or TXT) record to create: full name, no trailing dot */
  dnsName: string;
  dnsType: 'CNAME';
  dnsValue: string;
  /** where the file goes, and what it holds */
  fileUrl: string;
  fileName: string;
  fileContents: string;
}

const hash = (alg: string, s: string) => createHash(alg).update(s).digest('hex');

/**
 * The DNS record and file the order asks for, in the style CAs use: a CNAME `_<md5>.<host>` pointing at
 * `<sha256 part 1>.<sha256 part 2>.<unique>.dcv.resellbox.test`, or a file `/.well-known/pki-validation/<MD5>.txt`
 * holding the sha256, the CA domain and the unique value. A TXT record with the CNAME's value at the same name counts too.
 */
export function dcvChallenge(secret: string, hostname: string, method: DcvMethod = 'dns'): DcvChallenge {
  const host = stripWildcard(hostname);
  const md5 = hash('md5', `${secret}|${host}`);
  const sha1 = hash('sha1', `${secret}|${host}`);
  const sha256 = hash('sha256', `${secret}|${host}`);
  const unique = secret.slice(0, 10);
  const fileName = `${md5.toUpperCase()}.txt`;
  return {
    md5, sha1, sha256,
    dnsName: `_${md5}.${host}`,
    dnsType: 'CNAME',
    dnsValue: `${sha256.slice(0, 32)}.${sha256.slice(32)}.${unique}.dcv.resellbox.test`,
    fileUrl: `${method === 'https' ? 'https' : 'http'}://${host}/.well-known/pki-validation/${fileName}`,
    fileName,
    fileContents: `${sha256}\ndcv.resellbox.test\n${unique}`,
  };
}

const sameName = (a: string, b: string) => a.trim().toLowerCase().replace(/\.$/, '') === b.trim().toLowerCase().replace(/\.$/, '');
const unquote = (s: string) => s.trim().replace(/^"(.*)"$/s, '$1');

/** whether DNS answers hold the challenge (CNAME target, or TXT with the same value) */
export function dnsAnswersMatch(ch: DcvChallenge, cnames: string[], txts: string[]): boolean {
  return cnames.some((c) => sameName(c, ch.dnsValue)) || txts.some((t) => sameName(unquote(t), ch.dnsValue));
}

/** whether a fetched file holds the challenge: its first line is the sha256 */
export function fileMatches(ch: DcvChallenge, status: number, body: string): boolean {
  return status === 200 && body.trim().split(/\r?\n/)[0]?.trim().toLowerCase() === ch.sha256;
}

/** methods a hostname may use: no file validation for wildcards (CA/Browser Forum BR 3.2.2.4.18) */
export function checkMethod(product: SslProduct, hostname: string, method: string): DcvMethod {
  const m = String(method ?? '').trim().toLowerCase();
  const known: DcvMethod[] = ['email', 'dns', 'http', 'https'];
  if (!known.includes(m as DcvMethod)) throw invalid('domain_validation_methods', `unknown method "${method}" (email, dns, http or https)`);
  if (isWildcard(hostname) && (m === 'http' || m === 'https')) throw invalid('domain_validation_methods', `${hostname} is a wildcard: use email or dns`);
  if (!product.dcvMethods.includes(m as DcvMethod)) throw invalid('domain_validation_methods', `${product.name} does not offer ${m} validation`);
  return m as DcvMethod;
}

// ---------------------------------------------------------------------------------------------------------------
// rules per command

export function notInState(o: SslOrder, what: string): DomainError {
  return new DomainError('ssl.invalid_state', `The order is ${o.state}: ${what} is not possible`, { state: o.state });
}

/** what an update may change in each state (Openprovider 000:2303-2315) */
export const UPDATABLE: Record<'draft' | 'requested' | 'active', readonly string[]> = {
  draft: ['csr', 'privateKey', 'commonName', 'sans', 'domainAmount', 'dcv', 'approverEmail', 'software', 'signatureHash', 'contacts', 'autorenew', 'enableDnsAutomation', 'period'],
  requested: ['dcv', 'approverEmail', 'autorenew'],
  active: ['autorenew'],
};

/** null when renew is allowed now, else the error (ssl.renew_too_early or ssl.invalid_state) */
export function renewRefusal(o: SslOrder, now: Date, opts: { allowExpired?: boolean } = {}): DomainError | null {
  const p = projectOrder(o, now);
  if (isImported(p)) return notInState(p, 'renew (the certificate was imported; order a new one)');
  if (p.cancelAt) return notInState(p, 'renew (a cancel was requested)');
  if (p.state === 'expired' && opts.allowExpired) return null;
  if (!p.activatedAt || !p.termEndsAt || (p.state !== 'active' && p.state !== 'requested')) return notInState(p, 'renew');
  const opens = addMs(p.termEndsAt, -RENEW_WINDOW_DAYS * DAY);
  if (now < opens) return new DomainError('ssl.renew_too_early', `Renewal opens ${RENEW_WINDOW_DAYS} days before the term ends, on ${opens.toISOString()}`, { opensAt: opens.toISOString() });
  return null;
}

/**
 * The refund of a cancel: everything charged when the order never became active, or when it is cancelled within the
 * product's free refund period after activation ("cancellation is fully refunded if processed within 30 days after
 * the certificate became ACT", Openprovider 000:2744); nothing after that.
 */
export function refundOnCancel(o: SslOrder, product: SslProduct, now: Date): number {
  const owed = Math.max(0, o.chargedMinor - o.refundedMinor);
  if (!o.activatedAt) return owed;
  return now.getTime() - o.activatedAt.getTime() <= product.freeRefundDays * DAY ? owed : 0;
}

/**
 * The validity of a certificate issued now for a term ending at `termEndsAt`: it starts now and ends with the term,
 * capped by the CA port's pure rule (`capValidity`: the CA/Browser Forum schedule, 200 days from 15 March 2026,
 * whole seconds, at most days × 86400 − 1 s). A multi-year order is served by reissues within its term.
 */
export function validityFor(now: Date, termEndsAt: Date): { validFrom: Date; validTo: Date } {
  return capValidity(now, termEndsAt, now);
}

/** the end of the paid term when an order activates at `at` */
export function termEndFor(o: Pick<SslOrder, 'period' | 'termStartsAt'>, product: SslProduct, at: Date): Date {
  if (product.trialDays) return addMs(at, product.trialDays * DAY);
  const from = o.termStartsAt && o.termStartsAt > at ? o.termStartsAt : at;
  return addYears(from, o.period);
}
