// What the core needs from outside, declared where it is used. persistence/ implements the repositories;
// app/ wires the rest. A flow sees one UnitOfWork: every write of one command shares its transaction.

import type { Account } from './accounts/model.ts';
import type { User } from './users/model.ts';
import type { Contact } from './contacts/model.ts';
import type { Tag } from './tags/model.ts';
import type { EmailVerification } from './verifications/model.ts';
import type { LedgerEntry } from './billing/model.ts';
import type { OutboxMail, NewMail } from './outbox/model.ts';
import type { JournalEntry } from './journal/model.ts';
import type { ClockState } from './clock.ts';
import type { DnsRepo } from './dns/ports.ts';
import type { SslRepo } from './ssl/ports.ts';
import type { DomainRepo } from './domains/ports.ts';
import type { CaRepo } from './ssl/ca-port.ts';
import type { SubuserRepo } from './subusers/ports.ts';

export interface Page {
  limit: number;
  offset: number;
}
export interface PageOf<T> {
  results: T[];
  total: number;
}

export interface AccountRepo {
  insert(a: Omit<Account, 'id' | 'version'>): Promise<Account>;
  get(id: number): Promise<Account | null>;
  list(): Promise<Account[]>;
  /** compare-and-swap on `version`; throws on a lost race */
  update(a: Account): Promise<Account>;
}

export interface UserRepo {
  insert(u: Omit<User, 'id' | 'version'>): Promise<User>;
  get(accountId: number, id: number): Promise<User | null>;
  /** login identity: usernames are unique on the instance */
  byUsername(username: string): Promise<User | null>;
  /** login identity for faces that log in by email (unique on the instance) */
  byEmail(email: string): Promise<User | null>;
  list(accountId: number, filter: { username?: string; email?: string; role?: string }, page: Page): Promise<PageOf<User>>;
  update(u: User): Promise<User>;
  delete(accountId: number, id: number): Promise<void>;
  /** marks the last API call (not versioned: a stamp, not a change) */
  touch(id: number, field: 'lastLoginAt' | 'lastApiCallAt', at: Date): Promise<void>;
}

export interface ContactFilter {
  /** each pattern may contain `*` wildcards; matching is case-insensitive */
  email?: string;
  firstName?: string;
  lastName?: string;
  companyName?: string;
  handle?: string;
  /** `company` or `individual` */
  type?: 'company' | 'individual';
  tagValue?: string;
  includeDeleted?: boolean;
  orderBy?: { field: 'id' | 'handle' | 'email' | 'firstName' | 'lastName' | 'companyName' | 'createdAt'; desc: boolean };
}

export interface ContactRepo {
  insert(c: Omit<Contact, 'id' | 'version'>): Promise<Contact>;
  get(accountId: number, id: number): Promise<Contact | null>;
  /** the account's contacts among `ids` (deleted ones included), in no particular order */
  getMany(accountId: number, ids: number[]): Promise<Contact[]>;
  /** by handle or ref (case-insensitive), or numeric id */
  byKey(accountId: number, key: string): Promise<Contact | null>;
  /** whether any account uses this handle or ref (they are unique on the instance) */
  keyExists(key: string): Promise<boolean>;
  search(accountId: number, filter: ContactFilter, page: Page): Promise<PageOf<Contact>>;
  update(c: Contact): Promise<Contact>;
}

export interface TagRepo {
  insert(t: Omit<Tag, 'id'>): Promise<Tag>;
  find(accountId: number, key: string, value: string): Promise<Tag | null>;
  list(accountId: number, filter: { key?: string; value?: string }): Promise<Tag[]>;
  delete(accountId: number, id: number): Promise<void>;
}

export interface VerificationRepo {
  insert(v: Omit<EmailVerification, 'id'>): Promise<EmailVerification>;
  byToken(token: string): Promise<EmailVerification | null>;
  latestFor(accountId: number, email: string): Promise<EmailVerification | null>;
  list(accountId: number, filter: { email?: string; handle?: string; status?: string }, page: Page): Promise<PageOf<EmailVerification>>;
  update(v: EmailVerification): Promise<void>;
}

export interface LedgerRepo {
  append(e: Omit<LedgerEntry, 'id'>): Promise<LedgerEntry>;
  balanceMinor(accountId: number): Promise<number>;
  list(accountId: number, filter: { kind?: string; from?: Date; to?: Date }, page: Page): Promise<PageOf<LedgerEntry>>;
  /** the sum of entries of a kind in [from, to) */
  sumMinor(accountId: number, kind: string, from: Date, to: Date): Promise<number>;
}

export interface OutboxRepo {
  add(m: NewMail & { createdAt: Date; links: string[] }): Promise<OutboxMail>;
  list(filter: { to?: string; accountId?: number; kind?: string }, page: Page): Promise<PageOf<OutboxMail>>;
  get(id: number): Promise<OutboxMail | null>;
}

export interface JournalRepo {
  /** one statement for the whole batch; the ids are given (taken in the order calls were answered, on any thread) */
  add(...entries: JournalEntry[]): Promise<void>;
  /** the largest id written (0 when none): where the next ids start */
  maxId(): Promise<number>;
  list(filter: { face?: string; accountId?: number; status?: number; path?: string }, page: Page): Promise<PageOf<JournalEntry>>;
  prune(olderThan: Date): Promise<number>;
}

export interface TokenRecord {
  tokenHash: string;
  userId: number;
  accountId: number;
  ip: string;
  issuedAt: Date;
  expiresAt: Date;
}
export interface TokenRepo {
  insert(t: TokenRecord): Promise<void>;
  get(tokenHash: string): Promise<TokenRecord | null>;
  prune(before: Date): Promise<number>;
}

export interface ClockRepo {
  load(): Promise<ClockState | null>;
  save(s: ClockState): Promise<void>;
}

export interface UnitOfWork {
  accounts: AccountRepo;
  users: UserRepo;
  contacts: ContactRepo;
  tags: TagRepo;
  verifications: VerificationRepo;
  ledger: LedgerRepo;
  outbox: OutboxRepo;
  journal: JournalRepo;
  tokens: TokenRepo;
  clock: ClockRepo;
  /** usage of a contact by products (domains, certificates); later capabilities add to it */
  contactUsage(contactId: number): Promise<number>;
  /** DNS zones, records, templates, zone history and the change log the DNS server follows */
  dns: DnsRepo;
  /** SSL orders and their approval / panel tokens */
  ssl: SslRepo;
  /** domains, their history and transfer approval tokens */
  domains: DomainRepo;
  /** the built-in certificate authority's keys, CRL counter and revocations (src/ca/) */
  ca: CaRepo;
  /** external users of an account with per-domain grants (MrDomain user module) */
  subusers: SubuserRepo;
}

export interface Store {
  /** runs `fn` in one transaction; any throw rolls everything back */
  transaction<T>(fn: (uow: UnitOfWork) => Promise<T>): Promise<T>;
  /** reads without a transaction */
  read<T>(fn: (uow: UnitOfWork) => Promise<T>): Promise<T>;
  readonly dialect: 'sqlite' | 'postgres';
  /** moves whenever a user, account or token may have changed in this process (see src/core/auth/cache.ts) */
  authEpoch(): number;
  close(): Promise<void>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
}

export interface Random {
  /** `n` decimal digits */
  digits(n: number): string;
  /** a url-safe secret with `bytes` of entropy, hex */
  hex(bytes: number): string;
}

/** Sends what the outbox has stored to the outside world (SMTP); never part of the transaction. */
export interface MailTransport {
  send(m: OutboxMail): Promise<void>;
}

/**
 * One DNS reply as a resolver receives it, records in presentation form (names with their trailing dot). Used by
 * MrDomain `tool/dig` / `tool/zonecheck` through `DnsLookup.query` (src/core/ssl/ports.ts, src/app/dns-query.ts).
 */
export interface DnsReplyRecord {
  name: string;
  ttl: number;
  class: string;
  type: string;
  data: string;
}

export interface DnsReply {
  id: number;
  /** NOERROR, NXDOMAIN, SERVFAIL, REFUSED, … */
  rcode: string;
  /** header flags in dig's order and spelling: qr aa tc rd ra ad cd */
  flags: string[];
  question: { name: string; type: string; class: string };
  answers: DnsReplyRecord[];
  authorities: DnsReplyRecord[];
  additionals: DnsReplyRecord[];
  /** `host#port` of the server that answered */
  server: string;
}
