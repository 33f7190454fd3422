// The certificate authority as the core sees it (implemented in src/ca/, wired into `services.ca` by the app).
// It is a superset of `SslCa` (ports.ts): the SSL flows use issue/revoke/decodeCsr/maxValidityDays; the sandbox
// routes and the CLI use crl/rootPem/intermediatePem; createCsr serves the faces' "generate a CSR" operations.
//
// Errors raised by an implementation: ssl.csr_invalid (not a PEM/DER CSR, bad signature, no common name),
// ssl.csr_weak (RSA < 2048 bits, SHA-1 or MD5 signature, an unsupported curve; not with decodeCsr's `allowWeak`),
// request.invalid (createCsr input).
// Also here: the CA/Browser Forum validity schedule as pure functions (maxValidityDays, capValidity).
import type { CsrInfo, IssueRequest, IssuedCert } from './ports.ts';

export type CsrKeyType = 'rsa2048' | 'rsa4096' | 'ecdsa256' | 'ecdsa384';

export interface CsrSubject {
  commonName?: string;
  organization?: string;
  organizationalUnit?: string;
  locality?: string;
  state?: string;
  /** ISO 3166-1 alpha-2 */
  country?: string;
  email?: string;
}

export interface DecodedCsr extends CsrInfo {
  commonName: string;
  /** subjectAltName DNS names as written in the CSR (IP addresses are listed in `ipSans`) */
  sans: string[];
  ipSans: string[];
  subject: CsrSubject;
  /** the subject as one string, RFC 4514 (`CN=example.com, O=…`) */
  subjectDn: string;
  keyType: 'RSA' | 'EC';
  /** modulus length (RSA) or field size (EC) in bits */
  keySize: number;
  /** P-256, P-384 or P-521 for EC keys */
  curve?: string;
  /** e.g. sha256WithRSAEncryption, ecdsa-with-SHA256 */
  signatureAlgorithm: string;
  /** SHA-256 of the DER SubjectPublicKeyInfo, hex: identifies the key across CSRs and certificates */
  publicKeySha256: string;
  /** set only by a lenient decode (`allowWeak`): why ordering with this CSR would be refused (ssl.csr_weak) */
  weakness?: string;
}

export type Validation = 'DV' | 'OV' | 'EV';

export interface IssueProfile {
  validation: Validation;
  /** subject fields for OV and EV (ignored for DV, whose subject holds the common name only) */
  organization?: string;
  organizationalUnit?: string;
  locality?: string;
  state?: string;
  country?: string;
  /** EV: the registration number, jurisdiction country and business category (CA/B EV Guidelines 7.1.4.2) */
  serialNumber?: string;
  jurisdictionCountry?: string;
  businessCategory?: string;
  /** the product's signature hash (default sha256) */
  signatureHash?: 'sha256' | 'sha384' | 'sha512';
  /** the key types the product accepts (default: RSA ≥ 2048 and EC P-256/P-384) */
  keyTypes?: Array<'RSA' | 'EC'>;
}

export interface CaIssueRequest extends Omit<IssueRequest, 'profile'> {
  /** the full profile, or the SSL flows' short form `dv` / `ov` / `ev` */
  profile: IssueProfile | string;
}

/** RFC 5280 reason names; anything else is recorded as `unspecified` */
export const REVOCATION_REASONS = ['unspecified', 'keyCompromise', 'cACompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation', 'certificateHold', 'privilegeWithdrawn', 'aACompromise'] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

export interface Revocation {
  /** hex, lower case, as in `IssuedCert.serial` */
  serial: string;
  reason: RevocationReason;
  revokedAt: Date;
}

export interface CertificateAuthority {
  issue(r: CaIssueRequest): Promise<IssuedCert>;
  /**
   * Publishes the revocation (the next CRL lists it). It returns without waiting for the database, so the SSL
   * flows may call it inside their transaction; a revocation, like at a real CA, is not undone by a rollback.
   */
  revoke(serial: string, reason: string, at: Date): Promise<void>;
  /** the current CRL, DER; do not call inside a flow's transaction (it reads the store) */
  crl(): Promise<Uint8Array>;
  /** answers a DER OCSP request (RFC 6960) with a DER OCSP response; do not call inside a flow's transaction */
  ocsp(request: Uint8Array): Promise<Uint8Array>;
  rootPem(): string;
  intermediatePem(): string;
  /**
   * Reads a CSR. Strict by default (a weak key or hash → ssl.csr_weak), as ordering needs; `allowWeak` is for the
   * decoders (MrDomain ssl/csrdecode, Openprovider ssl/csr/decode), which show a weak CSR as it is.
   */
  decodeCsr(pem: string, opts?: { allowWeak?: boolean }): Promise<DecodedCsr>;
  createCsr(r: { commonName: string; sans?: string[]; subject?: CsrSubject; keyType: CsrKeyType }): Promise<{ csrPem: string; privateKeyPem: string }>;
  maxValidityDays(at: Date): number;
}

/** What the CA keeps in the database: its keys (PKCS#8 PEM), certificates, the CRL counter and the revocations. */
export interface CaState {
  rootKeyPem: string;
  rootCertPem: string;
  intermediateKeyPem: string;
  intermediateCertPem: string;
  crlNumber: number;
  createdAt: Date;
}

export interface CaRepo {
  load(): Promise<CaState | null>;
  /** inserts the CA once; false when another process created it first (then load() again) */
  create(s: CaState): Promise<boolean>;
  /** the next CRL number (increments the stored counter) */
  nextCrlNumber(): Promise<number>;
  addRevocation(r: Revocation): Promise<void>;
  revocations(): Promise<Revocation[]>;
}

// ---- the CA/Browser Forum maximum validity (Baseline Requirements 6.3.2, ballot SC-081) ----

const DAY_MS = 86_400_000;
const SCHEDULE: Array<[from: number, days: number]> = [
  [Date.parse('2029-03-15T00:00:00Z'), 47],
  [Date.parse('2027-03-15T00:00:00Z'), 100],
  [Date.parse('2026-03-15T00:00:00Z'), 200],
];

/** the longest validity, in days, of a TLS certificate issued at `at` (398 before 2026-03-15) */
export function maxValidityDays(at: Date): number {
  const t = at.getTime();
  for (const [from, days] of SCHEDULE) if (t >= from) return days;
  return 398;
}

/**
 * The validity a certificate issued `now` gets for the requested window: it starts at `requestedFrom` (never
 * before `now` minus one hour, the usual backdating allowance) and ends at `requestedTo`, cut so that the
 * period, counted inclusively as the BRs count it, stays within maxValidityDays(now): notAfter - notBefore
 * <= days x 86400 - 1 seconds. A multi-year order is served by reissues within its term.
 */
export function capValidity(requestedFrom: Date, requestedTo: Date, now: Date): { validFrom: Date; validTo: Date } {
  const earliest = now.getTime() - 3_600_000;
  const from = Math.max(requestedFrom.getTime(), earliest);
  const validFrom = new Date(Math.floor(from / 1000) * 1000);
  const limit = validFrom.getTime() + maxValidityDays(now) * DAY_MS - 1000;
  const to = Math.min(Math.floor(requestedTo.getTime() / 1000) * 1000, limit);
  return { validFrom, validTo: new Date(Math.max(to, validFrom.getTime())) };
}
