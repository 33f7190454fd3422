import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, ContactsTable } from '../schema.ts';
import type { ContactRepo } from '../../core/ports.ts';
import type { Contact } from '../../core/contacts/model.ts';
import { iso, isoOrNull, date, dateOrNull, assertUpdated, countOf, matches } from './util.ts';

type Data = Omit<Contact, 'id' | 'accountId' | 'handle' | 'ref' | 'kind' | 'email' | 'emailVerification' | 'deletedAt' | 'createdAt' | 'updatedAt' | 'version' | 'commentsChangedAt'> & { commentsChangedAt: string | null };

const toContact = (r: Selectable<ContactsTable>): Contact => {
  const d = JSON.parse(r.data) as Data;
  return {
    ...d,
    id: r.id,
    accountId: r.account_id,
    handle: r.handle,
    ref: r.ref,
    kind: r.kind as Contact['kind'],
    email: r.email,
    emailVerification: r.email_verification as Contact['emailVerification'],
    commentsChangedAt: dateOrNull(d.commentsChangedAt),
    deletedAt: dateOrNull(r.deleted_at),
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
    version: r.version,
  };
};

const columns = (c: Omit<Contact, 'id' | 'version'>) => {
  const { accountId, handle, ref, kind, email, emailVerification, deletedAt, createdAt, updatedAt, commentsChangedAt, ...rest } = c;
  const data: Data = { ...rest, commentsChangedAt: isoOrNull(commentsChangedAt) };
  return {
    account_id: accountId,
    handle,
    handle_lc: handle.toLowerCase(),
    ref,
    ref_lc: ref.toLowerCase(),
    kind,
    first_name: c.name.firstName,
    last_name: c.name.lastName,
    company_name: c.companyName,
    email,
    tags: c.tags.length ? `|${c.tags.map((t) => `${t.key}=${t.value}`).join('|')}|` : '',
    email_verification: emailVerification,
    data: JSON.stringify(data),
    deleted_at: isoOrNull(deletedAt),
    created_at: iso(createdAt),
    updated_at: iso(updatedAt),
  };
};

const ORDER: Record<string, 'id' | 'handle_lc' | 'email' | 'first_name' | 'last_name' | 'company_name' | 'created_at'> = {
  id: 'id', handle: 'handle_lc', email: 'email', firstName: 'first_name', lastName: 'last_name', companyName: 'company_name', createdAt: 'created_at',
};

export function contactRepo(db: Kysely<Database>): ContactRepo {
  return {
    async insert(c) {
      return toContact(await db.insertInto('contacts').values({ ...columns(c), version: 1 }).returningAll().executeTakeFirstOrThrow());
    },
    async get(accountId, id) {
      const r = await db.selectFrom('contacts').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
      return r ? toContact(r) : null;
    },
    async getMany(accountId, ids) {
      if (!ids.length) return [];
      return (await db.selectFrom('contacts').selectAll().where('account_id', '=', accountId).where('id', 'in', ids).execute()).map(toContact);
    },
    async byKey(accountId, key) {
      const k = key.trim().toLowerCase();
      let q = db.selectFrom('contacts').selectAll().where('account_id', '=', accountId);
      q = /^\d{1,9}$/.test(k) ? q.where((e) => e.or([e('id', '=', Number(k)), e('handle_lc', '=', k), e('ref_lc', '=', k)])) : q.where((e) => e.or([e('handle_lc', '=', k), e('ref_lc', '=', k)]));
      const r = await q.executeTakeFirst();
      return r ? toContact(r) : null;
    },
    async keyExists(key) {
      const k = key.toLowerCase();
      return !!(await db.selectFrom('contacts').select('id').where((e) => e.or([e('handle_lc', '=', k), e('ref_lc', '=', k)])).executeTakeFirst());
    },
    async search(accountId, f, page) {
      let q = db.selectFrom('contacts').where('account_id', '=', accountId);
      if (!f.includeDeleted) q = q.where('deleted_at', 'is', null);
      if (f.email) q = q.where(matches('email', f.email));
      if (f.firstName) q = q.where(matches('first_name', f.firstName));
      if (f.lastName) q = q.where(matches('last_name', f.lastName));
      if (f.companyName) q = q.where(matches('company_name', f.companyName));
      if (f.handle) q = q.where(matches('handle', f.handle));
      if (f.type === 'company') q = q.where('company_name', '!=', '');
      if (f.type === 'individual') q = q.where('company_name', '=', '');
      if (f.tagValue) q = q.where(sql<boolean>`${sql.ref('tags')} like ${'%=' + f.tagValue.replace(/[\\%_]/g, (c) => `\\${c}`) + '|%'} escape '\\'`);
      const total = countOf(await q.select((e) => e.fn.countAll().as('n')).executeTakeFirst());
      const col = ORDER[f.orderBy?.field ?? 'id'] ?? 'id';
      const rows = await q.selectAll().orderBy(col, f.orderBy?.desc ? 'desc' : 'asc').orderBy('id').limit(page.limit).offset(page.offset).execute();
      return { total, results: rows.map(toContact) };
    },
    async update(c) {
      const res = await db.updateTable('contacts').set({ ...columns(c), version: c.version + 1 }).where('id', '=', c.id).where('version', '=', c.version).executeTakeFirst();
      assertUpdated(res.numUpdatedRows, 'contact');
      return { ...c, version: c.version + 1 };
    },
  };
}
