// What the domain capability needs from persistence (persistence/repos/domains.ts).
import type { Domain, DomainPhase } from './model.ts';

export interface DomainFilter {
  /** exact full name (ASCII) */
  name?: string;
  /** `*` wildcards on the label left of the extension (Openprovider `domain_name_pattern`), case-insensitive */
  sldPattern?: string;
  /** `*` wildcards on the full name (MrDomain `word`/`domain`) */
  namePattern?: string;
  tld?: string;
  phases?: DomainPhase[];
  /** any role */
  contactId?: number;
  /** expiry in [from, to) */
  expiresFrom?: Date;
  expiresTo?: Date;
  tag?: string;
  /** include domains that no longer hold their name (deleted, transferred out); default false */
  includeDeleted?: boolean;
  /** only domains that no longer hold their name (MrDomain listdeleted) */
  onlyDeleted?: boolean;
  orderBy?: { field: 'name' | 'expiresAt' | 'id' | 'orderedAt'; desc: boolean };
}

export interface DomainPage {
  limit: number;
  offset: number;
  /** keyset paging: continue after this sort key (the `name` or id of the last row seen); faster than offset */
  after?: string | number;
  /** skip the total count (it costs a scan of the account's index range) */
  withoutTotal?: boolean;
}

export interface DomainHistoryEntry {
  id: number;
  domainId: number;
  accountId: number;
  at: Date;
  /** the operation: create, renew, transfer, update, delete, restore, trade, autorenew, expire, … */
  kind: string;
  title: string;
  message: string;
  ip: string;
  user: string;
}

export interface DomainToken {
  token: string;
  kind: 'transfer_approval';
  domainId: number;
  createdAt: Date;
  expiresAt: Date;
}

export interface DomainRepo {
  insert(d: Omit<Domain, 'id' | 'version'>): Promise<Domain>;
  /** the account's domain, or null */
  get(accountId: number, id: number): Promise<Domain | null>;
  byId(id: number): Promise<Domain | null>;
  /** the account's newest domain of that name (ASCII), or null */
  byName(accountId: number, name: string): Promise<Domain | null>;
  /** the domain that holds the name on the instance, if any */
  holderOf(name: string): Promise<Domain | null>;
  /** whether any domain of that name was ever active here (a name once transferred in is no longer "elsewhere") */
  everActive(name: string): Promise<boolean>;
  /** compare-and-swap on `version`; throws conflict.concurrent_update on a lost race */
  update(d: Domain): Promise<Domain>;
  search(accountId: number, f: DomainFilter, page: DomainPage): Promise<{ results: Domain[]; total: number }>;
  /** ids of domains whose next lifecycle event is due at `now` */
  dueIds(now: Date, limit: number): Promise<number[]>;
  /** live domains naming the contact in any role */
  contactUsage(contactId: number): Promise<number>;
  /** whether a live domain of another id has a nameserver inside `host` (for host deletion) */
  hostInUse(host: string, exceptDomainId: number): Promise<boolean>;
  addHistory(h: Omit<DomainHistoryEntry, 'id'>): Promise<void>;
  history(domainId: number, page: { limit: number; offset: number }): Promise<{ results: DomainHistoryEntry[]; total: number }>;
  insertToken(t: DomainToken): Promise<void>;
  token(token: string): Promise<DomainToken | null>;
}
