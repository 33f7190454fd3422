// The Store: the core's unit of work over Kysely, the same code for SQLite and PostgreSQL.
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { Store, UnitOfWork } from '../core/ports.ts';
import type { DomainRepo } from '../core/domains/ports.ts';
import type { Domain } from '../core/domains/model.ts';
import { openDb, migrate, type DbOptions } from './db.ts';
import { accountRepo } from './repos/accounts.ts';
import { userRepo } from './repos/users.ts';
import { contactRepo } from './repos/contacts.ts';
import { tagRepo, verificationRepo, ledgerRepo, outboxRepo, journalRepo, tokenRepo, clockRepo } from './repos/misc.ts';
import { dnsRepo } from './repos/dns.ts';
import { sslRepo } from './repos/ssl.ts';
import { domainRepo } from './repos/domains.ts';
import { caRepo } from './repos/ca.ts';
import { subuserRepo } from './repos/subusers.ts';

// Two kinds of rows are read on nearly every call and may be cached above or in the store:
// - `auth`: users, accounts and tokens (the core's AuthCache, src/core/auth/cache.ts, keeps what a token stands for);
// - `domains`: who holds a name (every availability check reads it; `read()` below caches the answer).
// A cache entry is good while its topic's epoch has not moved. Every write to the topic moves it, before and after
// the write, and once more after the transaction ends (a reader on another connection may have read the old row in
// between). The epochs live in a SharedArrayBuffer that the threads serving HTTP share (shareEpochs, called by
// src/app/http-thread.ts), so a write on one thread empties the caches of all. A change made by another process (the
// CLI) is not seen, so every cache also bounds the age of its entries (docs/adr/0012-hot-path.md, 0013).
type Topic = 'auth' | 'domains';
const TOPIC: Record<Topic, number> = { auth: 0, domains: 1 };
let epochs = new Int32Array(new SharedArrayBuffer(8));
type Touch = (topic: Topic) => void;
const touchNow: Touch = (topic) => void Atomics.add(epochs, TOPIC[topic], 1);
const epochOf = (topic: Topic) => Atomics.load(epochs, TOPIC[topic]);

/** this thread's cache epochs, to hand to another thread */
export function epochsBuffer(): SharedArrayBuffer {
  return epochs.buffer as SharedArrayBuffer;
}

/** makes this thread's stores use another thread's cache epochs (before any store is opened here) */
export function shareEpochs(buffer: SharedArrayBuffer): void {
  epochs = new Int32Array(buffer);
}

/** the repo with each of `methods` moving the topic's epoch before and after it runs */
function watched<T extends object>(repo: T, methods: Array<keyof T>, topic: Topic, touch: Touch): T {
  const out = { ...repo };
  for (const m of methods) {
    const f = repo[m] as (...a: unknown[]) => Promise<unknown>;
    (out as Record<keyof T, unknown>)[m] = async (...a: unknown[]) => {
      touch(topic);
      try {
        return await f(...a);
      } finally {
        touch(topic);
      }
    };
  }
  return out;
}

/** every method but the listed reads counts as a write (a method added later is safe by default) */
function writesBut<T extends object>(repo: T, reads: Array<keyof T>): Array<keyof T> {
  return (Object.keys(repo) as Array<keyof T>).filter((k) => typeof repo[k] === 'function' && !reads.includes(k));
}

const DOMAIN_READS: Array<keyof DomainRepo> = ['get', 'byId', 'byName', 'holderOf', 'everActive', 'search', 'dueIds', 'contactUsage', 'hostInUse', 'history', 'token'];
const HOLDER_MAX_AGE_MS = 1000;
const HOLDER_MAX_ENTRIES = 100_000;

/** holderOf answered from memory while no domain was written (and for at most a second) */
function cachedHolders(repo: DomainRepo): DomainRepo {
  const cache = new Map<string, { d: Domain | null; epoch: number; at: number }>();
  return {
    ...repo,
    async holderOf(name) {
      const now = performance.now();
      const hit = cache.get(name);
      if (hit && hit.epoch === epochOf('domains') && now - hit.at <= HOLDER_MAX_AGE_MS) return hit.d;
      const epoch = epochOf('domains');
      const d = await repo.holderOf(name);
      if (epoch === epochOf('domains')) {
        if (cache.size >= HOLDER_MAX_ENTRIES) cache.clear();
        cache.set(name, { d, epoch, at: now });
      }
      return d;
    },
  };
}

function unitOfWork(db: Kysely<Database>, touch: Touch = touchNow): UnitOfWork {
  const domains = domainRepo(db);
  return {
    accounts: watched(accountRepo(db), ['insert', 'update'], 'auth', touch),
    users: watched(userRepo(db), ['insert', 'update', 'delete', 'touch'], 'auth', touch),
    contacts: contactRepo(db),
    tags: tagRepo(db),
    verifications: verificationRepo(db),
    ledger: ledgerRepo(db),
    outbox: outboxRepo(db),
    journal: journalRepo(db),
    tokens: watched(tokenRepo(db), ['insert', 'prune'], 'auth', touch),
    clock: clockRepo(db),
    // SSL orders count theirs; the domain capability adds its own here
    contactUsage: async (contactId) => (await sslRepo(db).contactUsage(contactId)) + (await domains.contactUsage(contactId)),
    dns: dnsRepo(db),
    ssl: sslRepo(db),
    domains: watched(domains, writesBut(domains, DOMAIN_READS), 'domains', touch),
    ca: caRepo(db),
    subusers: subuserRepo(db),
  };
}

export interface OpenedStore extends Store {
  db: Kysely<Database>;
}

export async function openStore(o: DbOptions): Promise<OpenedStore> {
  const opened = openDb(o);
  try {
    await migrate(opened);
  } catch (e) {
    await opened.db.destroy();
    throw e;
  }
  const base = unitOfWork(opened.db);
  const plain: UnitOfWork = { ...base, domains: cachedHolders(base.domains) };
  return {
    db: opened.db,
    dialect: opened.dialect,
    async transaction(fn) {
      const touched = new Set<Topic>();
      const touch: Touch = (topic) => {
        touched.add(topic);
        touchNow(topic);
      };
      try {
        return await opened.db.transaction().execute((trx) => fn(unitOfWork(trx, touch)));
      } finally {
        for (const topic of touched) touchNow(topic);
      }
    },
    read: (fn) => fn(plain),
    authEpoch: () => epochOf('auth'),
    close: () => opened.db.destroy(),
  };
}
