// Tags, email verifications, ledger, outbox, journal, tokens and the clock: small tables, plain mappings.
import type { Kysely, Selectable } from 'kysely';
import type { Database, VerificationsTable, LedgerTable, OutboxTable, JournalTable } from '../schema.ts';
import type { TagRepo, VerificationRepo, LedgerRepo, OutboxRepo, JournalRepo, TokenRepo, ClockRepo } from '../../core/ports.ts';
import type { EmailVerification } from '../../core/verifications/model.ts';
import type { LedgerEntry } from '../../core/billing/model.ts';
import type { OutboxMail } from '../../core/outbox/model.ts';
import type { JournalEntry } from '../../core/journal/model.ts';
import { iso, isoOrNull, date, dateOrNull, bool, countOf, compiledOnce } from './util.ts';

export function tagRepo(db: Kysely<Database>): TagRepo {
  const toTag = (r: { id: number; account_id: number; key: string; value: string; created_at: string }) => ({ id: r.id, accountId: r.account_id, key: r.key, value: r.value, createdAt: date(r.created_at) });
  return {
    async insert(t) {
      return toTag(await db.insertInto('tags').values({ account_id: t.accountId, key: t.key, value: t.value, created_at: iso(t.createdAt) }).returningAll().executeTakeFirstOrThrow());
    },
    async find(accountId, key, value) {
      const r = await db.selectFrom('tags').selectAll().where('account_id', '=', accountId).where('key', '=', key).where('value', '=', value).executeTakeFirst();
      return r ? toTag(r) : null;
    },
    async list(accountId, f) {
      let q = db.selectFrom('tags').selectAll().where('account_id', '=', accountId);
      if (f.key) q = q.where('key', '=', f.key);
      if (f.value) q = q.where('value', '=', f.value);
      return (await q.orderBy('id').execute()).map(toTag);
    },
    async delete(accountId, id) {
      await db.deleteFrom('tags').where('account_id', '=', accountId).where('id', '=', id).execute();
    },
  };
}

const toVerification = (r: Selectable<VerificationsTable>): EmailVerification => ({
  id: r.id, accountId: r.account_id, email: r.email, handle: r.handle, status: r.status as EmailVerification['status'], token: r.token, language: r.language,
  isSuspended: bool(r.is_suspended), createdAt: date(r.created_at), expiresAt: date(r.expires_at), verifiedAt: dateOrNull(r.verified_at), updatedAt: date(r.updated_at),
});
const verificationColumns = (v: Omit<EmailVerification, 'id'>) => ({
  account_id: v.accountId, email: v.email, email_lc: v.email.toLowerCase(), handle: v.handle, status: v.status, token: v.token, language: v.language,
  is_suspended: v.isSuspended ? 1 : 0, created_at: iso(v.createdAt), expires_at: iso(v.expiresAt), verified_at: isoOrNull(v.verifiedAt), updated_at: iso(v.updatedAt),
});

export function verificationRepo(db: Kysely<Database>): VerificationRepo {
  return {
    async insert(v) {
      return toVerification(await db.insertInto('email_verifications').values(verificationColumns(v)).returningAll().executeTakeFirstOrThrow());
    },
    async byToken(token) {
      const r = await db.selectFrom('email_verifications').selectAll().where('token', '=', token).executeTakeFirst();
      return r ? toVerification(r) : null;
    },
    async latestFor(accountId, email) {
      const r = await db.selectFrom('email_verifications').selectAll().where('account_id', '=', accountId).where('email_lc', '=', email.toLowerCase()).orderBy('id', 'desc').executeTakeFirst();
      return r ? toVerification(r) : null;
    },
    async list(accountId, f, page) {
      let q = db.selectFrom('email_verifications').where('account_id', '=', accountId);
      if (f.email) q = q.where('email_lc', '=', f.email.toLowerCase());
      if (f.handle) q = q.where('handle', '=', f.handle);
      if (f.status) q = q.where('status', '=', f.status);
      const total = countOf(await q.select((e) => e.fn.countAll().as('n')).executeTakeFirst());
      const rows = await q.selectAll().orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
      return { total, results: rows.map(toVerification) };
    },
    async update(v) {
      await db.updateTable('email_verifications').set(verificationColumns(v)).where('id', '=', v.id).execute();
    },
  };
}

const toEntry = (r: Selectable<LedgerTable>): LedgerEntry => ({ id: r.id, accountId: r.account_id, kind: r.kind as LedgerEntry['kind'], amountMinor: Number(r.amount_minor), currency: r.currency, description: r.description, reference: r.reference, createdAt: date(r.created_at) });

export function ledgerRepo(db: Kysely<Database>): LedgerRepo {
  return {
    async append(e) {
      return toEntry(await db.insertInto('ledger_entries').values({ account_id: e.accountId, kind: e.kind, amount_minor: e.amountMinor, currency: e.currency, description: e.description, reference: e.reference, created_at: iso(e.createdAt) }).returningAll().executeTakeFirstOrThrow());
    },
    async balanceMinor(accountId) {
      const r = await db.selectFrom('ledger_entries').select((e) => e.fn.coalesce(e.fn.sum<number>('amount_minor'), e.lit(0)).as('n')).where('account_id', '=', accountId).executeTakeFirst();
      return countOf(r);
    },
    async list(accountId, f, page) {
      let q = db.selectFrom('ledger_entries').where('account_id', '=', accountId);
      if (f.kind) q = q.where('kind', '=', f.kind);
      if (f.from) q = q.where('created_at', '>=', iso(f.from));
      if (f.to) q = q.where('created_at', '<', iso(f.to));
      const total = countOf(await q.select((e) => e.fn.countAll().as('n')).executeTakeFirst());
      const rows = await q.selectAll().orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
      return { total, results: rows.map(toEntry) };
    },
    async sumMinor(accountId, kind, from, to) {
      const r = await db.selectFrom('ledger_entries').select((e) => e.fn.coalesce(e.fn.sum<number>('amount_minor'), e.lit(0)).as('n'))
        .where('account_id', '=', accountId).where('kind', '=', kind).where('created_at', '>=', iso(from)).where('created_at', '<', iso(to)).executeTakeFirst();
      return countOf(r);
    },
  };
}

const toMail = (r: Selectable<OutboxTable>): OutboxMail => ({ id: r.id, accountId: r.account_id, to: r.to_addr, from: r.from_addr, subject: r.subject, body: r.body, links: JSON.parse(r.links), kind: r.kind, createdAt: date(r.created_at) });

export function outboxRepo(db: Kysely<Database>): OutboxRepo {
  return {
    async add(m) {
      return toMail(await db.insertInto('outbox').values({ account_id: m.accountId, to_addr: m.to, to_lc: m.to.toLowerCase(), from_addr: m.from, subject: m.subject, body: m.body, links: JSON.stringify(m.links), kind: m.kind, created_at: iso(m.createdAt) }).returningAll().executeTakeFirstOrThrow());
    },
    async list(f, page) {
      let q = db.selectFrom('outbox');
      if (f.to) q = q.where('to_lc', '=', f.to.toLowerCase());
      if (f.accountId !== undefined) q = q.where('account_id', '=', f.accountId);
      if (f.kind) q = q.where('kind', '=', f.kind);
      const total = countOf(await q.select((e) => e.fn.countAll().as('n')).executeTakeFirst());
      const rows = await q.selectAll().orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
      return { total, results: rows.map(toMail) };
    },
    async get(id) {
      const r = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toMail(r) : null;
    },
  };
}

const toJournal = (r: Selectable<JournalTable>): JournalEntry => ({ id: r.id, face: r.face, accountId: r.account_id, method: r.method, path: r.path, status: r.status, requestBody: r.request_body, responseBody: r.response_body, durationMs: Number(r.duration_ms), ip: r.ip, createdAt: date(r.created_at) });

const JOURNAL_BLOCK = 50;
/** a journal row of placeholder values, its columns in the order `add` binds them */
const journalPlaceholder = () => ({ id: 0, face: '', account_id: 0, method: '', path: '', status: 0, request_body: '', response_body: '', duration_ms: 0, ip: '', created_at: '' });

export function journalRepo(db: Kysely<Database>): JournalRepo {
  return {
    async add(...entries) {
      // the journal is written on every call: statements compiled once (blocks of 50 rows, then single rows) and
      // bound with new values, instead of building a 500-row insert with Kysely per batch (docs/adr/0012-hot-path.md)
      const rows = entries.map((e) => [e.id, e.face, e.accountId, e.method, e.path, e.status, e.requestBody, e.responseBody, e.durationMs, e.ip, iso(e.createdAt)]);
      let i = 0;
      for (; i + JOURNAL_BLOCK <= rows.length; i += JOURNAL_BLOCK) {
        await compiledOnce(db, 'journal.add.block.id', () => db.insertInto('journal').values(Array.from({ length: JOURNAL_BLOCK }, journalPlaceholder)), rows.slice(i, i + JOURNAL_BLOCK).flat());
      }
      for (; i < rows.length; i++) await compiledOnce(db, 'journal.add.one.id', () => db.insertInto('journal').values(journalPlaceholder()), rows[i]!);
    },
    async list(f, page) {
      let q = db.selectFrom('journal');
      if (f.face) q = q.where('face', '=', f.face);
      if (f.accountId !== undefined) q = q.where('account_id', '=', f.accountId);
      if (f.status !== undefined) q = q.where('status', '=', f.status);
      if (f.path) q = q.where('path', 'like', `${f.path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const total = countOf(await q.select((e) => e.fn.countAll().as('n')).executeTakeFirst());
      const rows = await q.selectAll().orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
      return { total, results: rows.map(toJournal) };
    },
    async maxId() {
      const r = await db.selectFrom('journal').select((e) => e.fn.max('id').as('m')).executeTakeFirst();
      return Number(r?.m ?? 0);
    },
    async prune(olderThan) {
      const r = await db.deleteFrom('journal').where('created_at', '<', iso(olderThan)).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}

export function tokenRepo(db: Kysely<Database>): TokenRepo {
  return {
    async insert(t) {
      await db.insertInto('tokens').values({ token_hash: t.tokenHash, user_id: t.userId, account_id: t.accountId, ip: t.ip, issued_at: iso(t.issuedAt), expires_at: iso(t.expiresAt) }).execute();
    },
    async get(hash) {
      const r = await db.selectFrom('tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
      return r ? { tokenHash: r.token_hash, userId: r.user_id, accountId: r.account_id, ip: r.ip, issuedAt: date(r.issued_at), expiresAt: date(r.expires_at) } : null;
    },
    async prune(before) {
      const r = await db.deleteFrom('tokens').where('expires_at', '<', iso(before)).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}

export function clockRepo(db: Kysely<Database>): ClockRepo {
  return {
    async load() {
      const r = await db.selectFrom('clock_state').selectAll().where('id', '=', 1).executeTakeFirst();
      return r ? { offsetMs: Number(r.offset_ms), frozenAt: r.frozen_at ? new Date(r.frozen_at) : null } : null;
    },
    async save(s) {
      const row = { offset_ms: Math.round(s.offsetMs), frozen_at: s.frozenAt ? s.frozenAt.toISOString() : null };
      const res = await db.updateTable('clock_state').set(row).where('id', '=', 1).executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) await db.insertInto('clock_state').values({ id: 1, ...row }).execute();
    },
  };
}
