// What the SSL capability needs from outside, declared where it is used:
//  - SslRepo: orders and their one-time tokens (persistence/repos/ssl.ts);
//  - SslCa: the certificate authority as these flows use it (the full port is ca-port.ts, written with src/ca/;
//    this is the part the flows call, so any implementation of that port fits here);
//  - DnsLookup / HttpFetch: domain control validation over real DNS and HTTP (src/app/ssl-net.ts).
import type { SslOrder, SslToken } from './model.ts';
import type { IssueProfile } from './ca-port.ts';
import type { DnsReply } from '../ports.ts';

export interface SslRepo {
  insert(o: Omit<SslOrder, 'id' | 'version'>): Promise<SslOrder>;
  /** an order of the account; null when absent or another account's */
  get(accountId: number, id: number): Promise<SslOrder | null>;
  /** any account's order (jobs, approval links) */
  byId(id: number): Promise<SslOrder | null>;
  /** compare-and-swap on `version`; throws conflict.concurrent_update on a lost race */
  update(o: SslOrder): Promise<SslOrder>;
  /** every order of the account, oldest first (search filters the projected orders) */
  listByAccount(accountId: number): Promise<SslOrder[]>;
  /** ids of orders not yet in a final state (for the lifecycle job) */
  openIds(limit: number): Promise<number[]>;
  /** orders naming the contact whose state is not final */
  contactUsage(contactId: number): Promise<number>;
  insertToken(t: SslToken): Promise<void>;
  token(token: string): Promise<SslToken | null>;
}

export interface CsrInfo {
  commonName: string;
  /** subjectAltName DNS names as written in the CSR */
  sans: string[];
  [key: string]: unknown;
}

export interface IssuedCert {
  serial: string;
  certPem: string;
  chainPem: string;
  notBefore: Date;
  notAfter: Date;
}

export interface IssueRequest {
  csrPem: string;
  commonName: string;
  sans: string[];
  validFrom: Date;
  validTo: Date;
  /** dv, ov or ev, or the full profile (OV/EV subject from the organisation contact) */
  profile: string | IssueProfile;
}

/** The certificate authority as the SSL flows use it; results may be plain values or promises. */
export interface SslCa {
  issue(r: IssueRequest): IssuedCert | Promise<IssuedCert>;
  revoke(serial: string, reason: string, at: Date): void | Promise<void>;
  /** throws for anything that is not a well-formed, self-signed CSR; for a weak one too unless `allowWeak` */
  decodeCsr(pem: string, opts?: { allowWeak?: boolean }): CsrInfo | Promise<CsrInfo>;
  /** the longest validity a certificate issued at `at` may have (CA/Browser Forum schedule) */
  maxValidityDays(at: Date): number;
}

/** DNS answers as a resolver gives them; an empty list when the name has none. */
export interface DnsLookup {
  txt(name: string): Promise<string[]>;
  cname(name: string): Promise<string[]>;
  /** the whole reply to one question (any type), for tools that show it (MrDomain tool/dig, tool/zonecheck) */
  query?(name: string, type: string): Promise<DnsReply>;
}

export interface HttpFetch {
  get(url: string): Promise<{ status: number; body: string }>;
}

/** the outside things SSL commands call, passed in by the face or job that runs them */
export interface SslDeps {
  ca: SslCa;
  dns?: DnsLookup;
  http?: HttpFetch;
}
