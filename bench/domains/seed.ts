// Seeds a fresh SQLite database with one reseller account holding N domains (default 1,000,000), for the
// `GET /v1beta/domains` benchmark (bench/domains/list.ts).
//
// The account, its user and its contacts are created through the core flows (createAccount, createContact) on a
// store opened the normal way (migrations run); the domains are then written straight into `domains` with one
// prepared statement, in batches of BATCH rows per transaction, with the domains indexes dropped during the load
// and re-created after (CREATE INDEX sorts once: far faster than a million random b-tree inserts). The per-account
// counters (`domain_counts`, per holding, TLD and phase) are rebuilt from the rows at the end, as the repository would
// have kept them.
//
// Variety, deterministic (seeded PRNG): 15 TLDs weighted like a real portfolio, names of 4-20 characters built from
// syllables (so `abc*` patterns hit a realistic share), phases active/requested/grace/redemption/pending_delete/
// failed/deleted with their dates set so that `projectAt` gives that phase at seed time and no lifecycle event falls
// due within a day (the lifecycle job stays quiet during the benchmark), expiry dates spread over ten years,
// autorenew on/off/default, a few tags, four contacts.
//
// Usage: node bench/domains/seed.ts <data-dir> [count]   → prints one JSON line {file, accountId, username, …}
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { openStore } from '../../src/persistence/store.ts';
import { SandboxClock } from '../../src/core/clock.ts';
import { scryptHasher, cryptoRandom } from '../../src/app/security.ts';
import { runFlow, type Services } from '../../src/core/runner.ts';
import { createAccount } from '../../src/core/accounts/flows/create-account.ts';
import { createContact } from '../../src/core/contacts/flows/create-contact.ts';
import { buildRegistry } from '../../src/core/registry/registry.ts';
import type { Domain, DomainPhase } from '../../src/core/domains/model.ts';
import { addDays, addYears, nextEventAt, projectAt, DAY_MS } from '../../src/core/domains/model.ts';

export const SEED_USER = { username: 'bench', password: 'bench-password', email: 'bench@resellbox.test' };

const BATCH = 20_000;

/** mulberry32: small, fast, deterministic */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(rnd: () => number, table: [T, number][]): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = rnd() * total;
  for (const [v, w] of table) {
    if ((x -= w) < 0) return v;
  }
  return table[table.length - 1][0];
}

const TLDS: [string, number][] = [['com', 44], ['net', 9], ['org', 7], ['nl', 7], ['eu', 6], ['es', 5], ['de', 5], ['io', 3], ['be', 3], ['it', 2], ['uk', 2], ['info', 2], ['shop', 2], ['app', 2], ['dev', 1]];
const PHASES: [DomainPhase, number][] = [['active', 81], ['requested', 2], ['grace', 3], ['redemption', 2], ['pending_delete', 1], ['failed', 1], ['deleted', 10]];
const ONSET = ['b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'z', 'br', 'cl', 'st', 'tr', 'gr', 'sh', 'ch', ''];
const VOWEL = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'o', 'y', 'ia', 'ou', 'ea'];
const CODA = ['', '', '', 'n', 'r', 's', 'x', 'l', 'm', 't'];
const WORDS = ['shop', 'web', 'online', 'store', 'media', 'tech', 'cloud', 'studio', 'design', 'group', 'hub', 'labs', 'net', 'app', 'bio', 'food', 'travel', 'home', 'art', 'law'];
const NS = [['ns1.openprovider.nl', 'ns2.openprovider.be', 'ns3.openprovider.eu'], ['ns1.dondominio.com', 'ns2.dondominio.com'], ['ns1.example-hosting.net', 'ns2.example-hosting.net'], ['dns1.registrar-servers.com', 'dns2.registrar-servers.com']];

function label(rnd: () => number): string {
  const syl = 1 + Math.floor(rnd() * 3);
  let s = '';
  for (let i = 0; i < syl; i++) s += ONSET[Math.floor(rnd() * ONSET.length)] + VOWEL[Math.floor(rnd() * VOWEL.length)] + CODA[Math.floor(rnd() * CODA.length)];
  const r = rnd();
  if (r < 0.35) s += (rnd() < 0.3 ? '-' : '') + WORDS[Math.floor(rnd() * WORDS.length)];
  else if (r < 0.5) s += String(Math.floor(rnd() * 1000));
  if (s.length < 4) s += WORDS[Math.floor(rnd() * WORDS.length)];
  return s.slice(0, 40);
}

export interface SeedResult {
  file: string;
  accountId: number;
  username: string;
  password: string;
  count: number;
  seconds: number;
  byPhase: Record<string, number>;
  byTld: Record<string, number>;
  seededAt: string;
}

export async function seedDomains(dataDir: string, count: number): Promise<SeedResult> {
  const t0 = Date.now();
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'resellbox.sqlite');
  if (existsSync(file)) throw new Error(`${file} exists: seed a fresh directory`);

  // 1. the account, its user and contacts through the core flows, on a store opened (and migrated) as the app does
  const store = await openStore({ sqliteFile: file });
  const clock = new SandboxClock();
  const services: Services = { store, clock, hasher: scryptHasher(), random: cryptoRandom, publicUrl: 'http://127.0.0.1' };
  const { account } = await runFlow(services, createAccount, { ...SEED_USER, name: 'Benchmark Reseller', balance: 100_000 });
  const contacts: number[] = [];
  for (const [first, last, country, city] of [['Ana', 'García', 'ES', 'Madrid'], ['Piet', 'Bakker', 'NL', 'Amsterdam'], ['Marie', 'Dubois', 'BE', 'Brussel'], ['Hans', 'Müller', 'DE', 'Berlin']]) {
    const c = await runFlow(services, createContact, {
      accountId: account.id,
      input: { name: { title: '', firstName: first, lastName: last, initials: '', prefix: '' }, email: `${first.toLowerCase()}@example.${country.toLowerCase()}`, phone: { countryCode: '+34', areaCode: '91', subscriberNumber: '1234567' }, address: { street: 'Main street', number: '1', suffix: '', line2: '', line3: '', zipcode: '1000', city, state: '', country } },
    });
    contacts.push(c.id);
  }
  await store.close();

  // 2. the domains, straight into the table
  const registry = buildRegistry();
  const now = new Date();
  const safe = now.getTime() + DAY_MS; // nothing may fall due before this
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF; PRAGMA cache_size = -200000;');
  const indexes = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'domains' AND sql IS NOT NULL`).all() as { name: string; sql: string }[];
  for (const ix of indexes) db.exec(`DROP INDEX "${ix.name}"`);
  const insert = db.prepare(`INSERT INTO domains (account_id, name, sld, tld, phase, holds_name, origin, ever_active, ordered_at, expires_at, next_event_at, owner_id, admin_id, tech_id, billing_id, reseller_id, tags, data, created_at, updated_at, version)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`);
  const rnd = prng(20260601);
  const seen = new Set<string>();
  const byPhase: Record<string, number> = {};
  const byTld: Record<string, number> = {};
  const iso = (d: Date | null) => (d ? d.toISOString() : null);

  const make = (): Domain => {
    let name = '';
    let sld = '';
    let tld = '';
    do {
      sld = label(rnd);
      tld = weighted(rnd, TLDS);
      name = `${sld}.${tld}`;
    } while (seen.has(name));
    seen.add(name);
    const p = registry.policy(tld);
    const owner = contacts[Math.floor(rnd() * contacts.length)];
    const nsSet = NS[Math.floor(rnd() * NS.length)];
    const period = weighted(rnd, [[1, 80], [2, 10], [3, 5], [5, 3], [10, 2]]);
    const ordered = new Date(now.getTime() - Math.floor(rnd() * 10 * 365 * DAY_MS) - DAY_MS);
    const d: Domain = {
      id: 0, accountId: account.id, name, unicodeName: name, sld, tld, origin: rnd() < 0.8 ? 'create' : 'transfer', phase: 'active', holdsName: true,
      pending: null, lastOperation: { kind: 'register', at: ordered, ok: true, reason: '' }, period, orderedAt: ordered, activatedAt: ordered,
      expiresAt: null, addGraceUntil: addDays(ordered, p.addGraceDays), addGraceRefundMinor: 0, deletedAt: null, deleteReason: '',
      autorenew: weighted(rnd, [['default', 6], ['on', 3], ['off', 1]]), locked: rnd() < 0.7, updateBlocked: false, whoisPrivacy: rnd() < 0.3,
      authCode: Math.floor(rnd() * 2 ** 52).toString(36).padStart(10, 'x').slice(0, 10) + 'Aa#1',
      contacts: { owner, admin: owner, tech: contacts[0], billing: owner, reseller: null },
      nameservers: nsSet.map((n) => ({ name: n, ipv4: '', ipv6: '' })), hosts: [], dnssec: [], additionalData: {}, premium: false,
      tags: rnd() < 0.05 ? [weighted(rnd, [['vip', 1], ['customer-a', 2], ['parked', 2]])] : [], comments: '', transferOut: null,
      nextEventAt: null, createdAt: ordered, updatedAt: ordered, version: 1,
    };
    const want = weighted(rnd, PHASES);
    const daysAgo = (n: number) => new Date(now.getTime() - n * DAY_MS - Math.floor(rnd() * DAY_MS));
    if (want === 'active') {
      // the next anniversary after tomorrow: expiries spread over the next `period` years
      let exp = addYears(ordered, period);
      while (exp.getTime() <= safe) exp = addYears(exp, period);
      d.expiresAt = exp;
    } else if (want === 'grace') {
      d.expiresAt = daysAgo(1 + Math.floor(rnd() * (p.autoRenewGraceDays - 3)));
    } else if (want === 'redemption') {
      d.expiresAt = addYears(ordered, 20);
      d.deletedAt = daysAgo(1 + Math.floor(rnd() * (p.redemptionDays - 3)));
      d.deleteReason = 'deleted';
    } else if (want === 'pending_delete') {
      d.expiresAt = addYears(ordered, 20);
      d.deletedAt = daysAgo(p.redemptionDays);
      d.deleteReason = 'deleted';
    } else if (want === 'requested' || want === 'failed') {
      const requested = daysAgo(0);
      d.origin = 'transfer';
      d.holdsName = false;
      d.activatedAt = null;
      d.addGraceUntil = null;
      d.orderedAt = d.createdAt = d.updatedAt = requested;
      d.pending = { kind: 'transfer', requestedAt: requested, completesAt: addDays(now, 2 + Math.floor(rnd() * 3)), years: 1, chargedMinor: want === 'failed' ? 0 : p.prices.transfer, authCode: 'bench-code', fromAccountId: null, fromDomainId: null, approvalToken: '' };
      d.phase = want;
      if (want === 'failed') d.lastOperation = { kind: 'transfer', at: requested, ok: false, reason: 'Invalid auth code' };
    } else {
      d.expiresAt = addYears(ordered, 1);
      d.holdsName = false;
      d.phase = 'deleted';
      d.deletedAt = new Date(Math.min(d.expiresAt.getTime(), now.getTime() - DAY_MS));
      d.deleteReason = weighted(rnd, [['expired', 6], ['deleted', 3], ['transferred', 1]]);
    }
    if (d.phase !== 'requested' && d.phase !== 'failed' && d.phase !== 'deleted') d.phase = projectAt(d, p, now).phase;
    d.nextEventAt = nextEventAt(d, p, now);
    if (d.nextEventAt && d.nextEventAt.getTime() < safe) throw new Error(`seed bug: ${name} (${want}) falls due at ${d.nextEventAt.toISOString()}`);
    return d;
  };

  for (let done = 0; done < count; ) {
    const n = Math.min(BATCH, count - done);
    db.exec('BEGIN');
    for (let i = 0; i < n; i++) {
      const d = make();
      byPhase[d.phase] = (byPhase[d.phase] ?? 0) + 1;
      byTld[d.tld] = (byTld[d.tld] ?? 0) + 1;
      // the same split as persistence/repos/domains.ts `columns()`: searchable facts as columns, the rest as JSON
      const { id: _i, accountId: _a, name: _n, sld: _s, tld: _t, phase: _p, holdsName: _h, origin: _o, orderedAt: _oa, expiresAt: _e, nextEventAt: _ne, tags: _tg, createdAt: _c, updatedAt: _u, version: _v, ...data } = d;
      insert.run(d.accountId, d.name, d.sld, d.tld, d.phase, d.holdsName ? 1 : 0, d.origin, d.activatedAt ? 1 : 0, iso(d.orderedAt), iso(d.expiresAt), iso(d.nextEventAt),
        d.contacts.owner, d.contacts.admin, d.contacts.tech, d.contacts.billing, d.contacts.reseller, d.tags.length ? `|${d.tags.join('|')}|` : '', JSON.stringify(data), iso(d.createdAt), iso(d.updatedAt));
    }
    db.exec('COMMIT');
    done += n;
  }
  for (const ix of indexes) db.exec(ix.sql);
  db.prepare('DELETE FROM domain_counts WHERE account_id = ?').run(account.id);
  db.prepare('INSERT INTO domain_counts (account_id, holds_name, tld, phase, n) SELECT account_id, holds_name, tld, phase, count(*) FROM domains WHERE account_id = ? GROUP BY account_id, holds_name, tld, phase').run(account.id);
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
  return { file, accountId: account.id, username: SEED_USER.username, password: SEED_USER.password, count, seconds: Math.round((Date.now() - t0) / 100) / 10, byPhase, byTld, seededAt: now.toISOString() };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, n] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node bench/domains/seed.ts <data-dir> [count]');
    process.exit(2);
  }
  console.log(JSON.stringify(await seedDomains(dir, Number(n ?? 1_000_000))));
}
