// Domains, their history and tokens. The tables are declared here (not in schema.ts) so the domain capability
// stays in its own files; dates inside the JSON are ISO strings, revived on read.
import type { Generated, Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { DomainRepo, DomainHistoryEntry, DomainToken, DomainFilter } from '../../core/domains/ports.ts';
import type { Domain } from '../../core/domains/model.ts';
import { DomainError } from '../../core/errors.ts';
import { iso, isoOrNull, date, assertUpdated, likePattern, countOf, compiledOnce } from './util.ts';

export interface DomainsTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  sld: string;
  tld: string;
  phase: string;
  holds_name: number;
  origin: string;
  ever_active: number;
  ordered_at: string;
  expires_at: string | null;
  next_event_at: string | null;
  owner_id: number | null;
  admin_id: number | null;
  tech_id: number | null;
  billing_id: number | null;
  reseller_id: number | null;
  tags: string;
  data: string;
  created_at: string;
  updated_at: string;
  version: number;
}
export interface DomainHistoryTable {
  id: Generated<number>;
  domain_id: number;
  account_id: number;
  at: string;
  kind: string;
  title: string;
  message: string;
  ip: string;
  actor: string;
}
export interface DomainTokensTable {
  token: string;
  kind: string;
  domain_id: number;
  created_at: string;
  expires_at: string;
}
/** how many domains of the account hold their name or not, per TLD and phase (migrations 0004, 0008) */
export interface DomainCountsTable {
  account_id: number;
  holds_name: number;
  tld: string;
  phase: string;
  n: number;
}
export interface DomainTables {
  domains: DomainsTable;
  domain_counts: DomainCountsTable;
  domain_history: DomainHistoryTable;
  domain_tokens: DomainTokensTable;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
/** ISO date-time strings back to Dates, in place: the same result as a JSON.parse reviver, several times faster */
function reviveDates(v: unknown): unknown {
  if (typeof v === 'string') return ISO.test(v) ? new Date(v) : v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = reviveDates(v[i]);
  } else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    for (const k in o) o[k] = reviveDates(o[k]);
  }
  return v;
}

type Row = Selectable<DomainsTable>;
const COLUMN_FIELDS = ['id', 'accountId', 'name', 'sld', 'tld', 'phase', 'holdsName', 'origin', 'orderedAt', 'expiresAt', 'nextEventAt', 'tags', 'createdAt', 'updatedAt', 'version'] as const;

function toDomain(r: Row): Domain {
  const rest = reviveDates(JSON.parse(r.data)) as Omit<Domain, (typeof COLUMN_FIELDS)[number]>;
  return {
    ...rest,
    id: r.id, accountId: r.account_id, name: r.name, sld: r.sld, tld: r.tld, phase: r.phase as Domain['phase'], holdsName: r.holds_name === 1,
    origin: r.origin as Domain['origin'], orderedAt: date(r.ordered_at), expiresAt: r.expires_at ? date(r.expires_at) : null,
    nextEventAt: r.next_event_at ? date(r.next_event_at) : null, tags: r.tags ? r.tags.split('|').filter(Boolean) : [],
    createdAt: date(r.created_at), updatedAt: date(r.updated_at), version: r.version,
  };
}

function columns(d: Omit<Domain, 'id' | 'version'>) {
  const data: Record<string, unknown> = { ...d };
  for (const k of COLUMN_FIELDS) delete data[k];
  return {
    account_id: d.accountId, name: d.name, sld: d.sld, tld: d.tld, phase: d.phase, holds_name: d.holdsName ? 1 : 0, origin: d.origin,
    ever_active: d.activatedAt ? 1 : 0, ordered_at: iso(d.orderedAt), expires_at: isoOrNull(d.expiresAt), next_event_at: isoOrNull(d.nextEventAt),
    owner_id: d.contacts.owner, admin_id: d.contacts.admin, tech_id: d.contacts.tech, billing_id: d.contacts.billing, reseller_id: d.contacts.reseller,
    tags: d.tags.length ? `|${d.tags.join('|')}|` : '', data: JSON.stringify(data), created_at: iso(d.createdAt), updated_at: iso(d.updatedAt),
  };
}

function isUniqueViolation(e: unknown): boolean {
  const x = e as { code?: string; message?: string };
  return x?.code === '23505' || /UNIQUE constraint failed/i.test(String(x?.message ?? ''));
}

/** the filter is answered by the counters alone: it names nothing but their dimensions (holding, TLD, phases) */
function countable(f: DomainFilter): boolean {
  const { phases: _p, tld: _t, includeDeleted: _i, onlyDeleted: _d, orderBy: _o, ...rest } = f;
  return Object.values(rest).every((v) => v === undefined);
}

export function domainRepo(base: Kysely<any>): DomainRepo {
  const db = base as Kysely<DomainTables>;
  // the counters behind list totals, moved in the transaction of the write that moves a domain between them
  const bump = async (r: Pick<Row, 'account_id' | 'holds_name' | 'tld' | 'phase'>, by: number) => {
    await db.insertInto('domain_counts').values({ account_id: r.account_id, holds_name: r.holds_name, tld: r.tld, phase: r.phase, n: by })
      .onConflict((oc) => oc.columns(['account_id', 'holds_name', 'tld', 'phase']).doUpdateSet({ n: (eb) => eb('domain_counts.n', '+', eb.ref('excluded.n')) }))
      .execute();
  };
  return {
    async insert(d) {
      const row = await db.insertInto('domains').values({ ...columns(d), version: 1 }).returningAll().executeTakeFirstOrThrow().catch((e: unknown) => {
        // two requests registering the same name at once: the unique holder index decides, the loser hears "taken"
        if (isUniqueViolation(e)) throw new DomainError('domain.taken', `${d.name} is already registered`, { reason: 'registered' }, { cause: e });
        throw e;
      });
      await bump(row, 1);
      return toDomain(row);
    },
    async get(accountId, id) {
      const r = await db.selectFrom('domains').selectAll().where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
      return r ? toDomain(r) : null;
    },
    async byId(id) {
      const r = await db.selectFrom('domains').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toDomain(r) : null;
    },
    async byName(accountId, name) {
      const r = await db.selectFrom('domains').selectAll().where('name', '=', name).where('account_id', '=', accountId).orderBy('holds_name', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
      return r ? toDomain(r) : null;
    },
    async holderOf(name) {
      // a literal 1, not a parameter: SQLite re-plans a statement whose bound value decides a partial index (domains_holder)
      const [r] = await compiledOnce(db, 'domains.holderOf', () => db.selectFrom('domains').selectAll().where('name', '=', '').where('holds_name', '=', sql.lit(1)), [name]);
      return r ? toDomain(r) : null;
    },
    async everActive(name) {
      const r = await db.selectFrom('domains').select('id').where('name', '=', name).where('ever_active', '=', 1).limit(1).executeTakeFirst();
      return !!r;
    },
    async update(d) {
      const old = await db.selectFrom('domains').select(['account_id', 'holds_name', 'tld', 'phase']).where('id', '=', d.id).executeTakeFirst();
      const res = await db.updateTable('domains').set({ ...columns(d), version: d.version + 1 }).where('id', '=', d.id).where('version', '=', d.version).executeTakeFirst().catch((e: unknown) => {
        if (isUniqueViolation(e)) throw new DomainError('conflict.concurrent_update', undefined, { reason: `${d.name} is held by another domain` }, { cause: e });
        throw e;
      });
      assertUpdated(res.numUpdatedRows, 'Domain');
      const now = { account_id: d.accountId, holds_name: d.holdsName ? 1 : 0, tld: d.tld, phase: d.phase };
      if (old && (old.phase !== now.phase || old.holds_name !== now.holds_name || old.tld !== now.tld || old.account_id !== now.account_id)) {
        await bump(old, -1);
        await bump(now, 1);
      }
      return { ...d, version: d.version + 1 };
    },
    async search(accountId, f, page) {
      let q = db.selectFrom('domains').where('account_id', '=', accountId);
      if (f.onlyDeleted) q = q.where('holds_name', '=', 0).where('phase', '=', 'deleted');
      else if (!f.includeDeleted) q = q.where('holds_name', '=', 1);
      if (f.name) q = q.where('name', '=', f.name.toLowerCase());
      const tld = f.tld ? f.tld.toLowerCase().replace(/^\./, '') : '';
      if (tld) q = q.where('tld', '=', tld);
      if (f.phases?.length) q = q.where('phase', 'in', f.phases);
      // a pattern's literal prefix is also a prefix of `name` (the label comes first): a range of the name index
      // narrows the rows before LIKE looks at them
      for (const [pattern, isSld] of [[f.sldPattern, true], [f.namePattern, false]] as const) {
        if (!pattern) continue;
        const p = pattern.toLowerCase();
        const star = p.indexOf('*');
        const prefix = star < 0 ? (isSld ? `${p}.` : p) : p.slice(0, star);
        if (prefix) q = q.where('name', '>=', prefix).where('name', '<', `${prefix}~`);
        q = q.where(sql<boolean>`${sql.ref(isSld ? 'sld' : 'name')} like ${likePattern(p)} escape '\\'`);
      }
      if (f.contactId !== undefined) {
        const c = f.contactId;
        q = q.where((eb) => eb.or([eb('owner_id', '=', c), eb('admin_id', '=', c), eb('tech_id', '=', c), eb('billing_id', '=', c), eb('reseller_id', '=', c)]));
      }
      if (f.expiresFrom) q = q.where('expires_at', '>=', iso(f.expiresFrom));
      if (f.expiresTo) q = q.where('expires_at', '<', iso(f.expiresTo));
      if (f.tag) q = q.where('tags', 'like', `%|${likePattern(f.tag)}|%`);
      let total = -1;
      if (!page.withoutTotal && countable(f)) {
        // the same conditions as the rows', on the counters
        let cq = db.selectFrom('domain_counts').select((eb) => eb.fn.sum<number>('n').as('n')).where('account_id', '=', accountId);
        if (f.onlyDeleted) cq = cq.where('holds_name', '=', 0).where('phase', '=', 'deleted');
        else if (!f.includeDeleted) cq = cq.where('holds_name', '=', 1);
        if (tld) cq = cq.where('tld', '=', tld);
        if (f.phases?.length) cq = cq.where('phase', 'in', f.phases);
        total = countOf(await cq.executeTakeFirst());
      } else if (!page.withoutTotal) {
        total = countOf(await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst());
      }
      const order = f.orderBy ?? { field: 'name', desc: false };
      const col = ({ name: 'name', expiresAt: 'expires_at', id: 'id', orderedAt: 'ordered_at' } as const)[order.field];
      const dir = order.desc ? 'desc' : 'asc';
      let rq = q.selectAll();
      if (page.after !== undefined) rq = rq.where(col, order.desc ? '<' : '>', page.after as never);
      const rows = await rq.orderBy(col, dir).orderBy('id', dir).limit(page.limit).offset(page.after !== undefined ? 0 : page.offset).execute();
      return { results: rows.map(toDomain), total };
    },
    async dueIds(now, limit) {
      const rows = await db.selectFrom('domains').select('id').where('next_event_at', 'is not', null).where('next_event_at', '<=', iso(now)).orderBy('next_event_at').orderBy('id').limit(limit).execute();
      return rows.map((r) => r.id);
    },
    async contactUsage(contactId) {
      let n = 0;
      for (const col of ['owner_id', 'admin_id', 'tech_id', 'billing_id'] as const) {
        n += countOf(await db.selectFrom('domains').select((eb) => eb.fn.countAll().as('n')).where(col, '=', contactId).where((eb) => eb.or([eb('holds_name', '=', 1), eb('phase', '=', 'requested')])).executeTakeFirst());
      }
      return n;
    },
    async hostInUse(host, exceptDomainId) {
      const rows = await db.selectFrom('domains').select(['id', 'data']).where('holds_name', '=', 1).where('id', '!=', exceptDomainId).where('data', 'like', `%"name":"${likePattern(host)}"%`).limit(50).execute();
      return rows.some((r) => (JSON.parse(r.data) as { nameservers?: { name: string }[] }).nameservers?.some((ns) => ns.name === host));
    },
    async addHistory(h) {
      await db.insertInto('domain_history').values({ domain_id: h.domainId, account_id: h.accountId, at: iso(h.at), kind: h.kind, title: h.title, message: h.message, ip: h.ip, actor: h.user }).execute();
    },
    async history(domainId, page) {
      const total = countOf(await db.selectFrom('domain_history').select((eb) => eb.fn.countAll().as('n')).where('domain_id', '=', domainId).executeTakeFirst());
      const rows = await db.selectFrom('domain_history').selectAll().where('domain_id', '=', domainId).orderBy('id').limit(page.limit).offset(page.offset).execute();
      return {
        total,
        results: rows.map((r): DomainHistoryEntry => ({ id: r.id, domainId: r.domain_id, accountId: r.account_id, at: date(r.at), kind: r.kind, title: r.title, message: r.message, ip: r.ip, user: r.actor })),
      };
    },
    async insertToken(t) {
      await db.insertInto('domain_tokens').values({ token: t.token, kind: t.kind, domain_id: t.domainId, created_at: iso(t.createdAt), expires_at: iso(t.expiresAt) }).execute();
    },
    async token(token) {
      const r = await db.selectFrom('domain_tokens').selectAll().where('token', '=', token).executeTakeFirst();
      return r ? ({ token: r.token, kind: r.kind as DomainToken['kind'], domainId: r.domain_id, createdAt: date(r.created_at), expiresAt: date(r.expires_at) }) : null;
    },
  };
}
