import type { Kysely, Selectable } from 'kysely';
import type { Database, UsersTable } from '../schema.ts';
import type { UserRepo } from '../../core/ports.ts';
import type { User } from '../../core/users/model.ts';
import { iso, isoOrNull, date, dateOrNull, bool, assertUpdated, countOf } from './util.ts';

type Profile = Pick<User, 'apiIps' | 'panelIps' | 'name' | 'companyName' | 'phone' | 'mobile' | 'fax' | 'address' | 'locale' | 'vat' | 'comments' | 'extra'>;

const profileOf = (u: Omit<User, 'id' | 'version'>): string => {
  const p: Profile = { apiIps: u.apiIps, panelIps: u.panelIps, name: u.name, companyName: u.companyName, phone: u.phone, mobile: u.mobile, fax: u.fax, address: u.address, locale: u.locale, vat: u.vat, comments: u.comments, extra: u.extra };
  return JSON.stringify(p);
};

const toUser = (r: Selectable<UsersTable>): User => ({
  ...(JSON.parse(r.data) as Profile),
  id: r.id,
  accountId: r.account_id,
  username: r.username,
  email: r.email,
  passwordHash: r.password_hash,
  apiKey: r.api_key,
  role: r.role as User['role'],
  kind: r.kind as User['kind'],
  isActive: bool(r.is_active),
  apiAccessEnabled: bool(r.api_access_enabled),
  lastLoginAt: dateOrNull(r.last_login_at),
  lastApiCallAt: dateOrNull(r.last_api_call_at),
  passwordChangedAt: dateOrNull(r.password_changed_at),
  createdAt: date(r.created_at),
  updatedAt: date(r.updated_at),
  version: r.version,
});

const columns = (u: Omit<User, 'id' | 'version'>) => ({
  account_id: u.accountId,
  username: u.username,
  username_lc: u.username.toLowerCase(),
  email: u.email,
  email_lc: u.email.toLowerCase(),
  password_hash: u.passwordHash,
  api_key: u.apiKey,
  role: u.role,
  kind: u.kind,
  is_active: u.isActive ? 1 : 0,
  api_access_enabled: u.apiAccessEnabled ? 1 : 0,
  data: profileOf(u),
  last_login_at: isoOrNull(u.lastLoginAt),
  last_api_call_at: isoOrNull(u.lastApiCallAt),
  password_changed_at: isoOrNull(u.passwordChangedAt),
  created_at: iso(u.createdAt),
  updated_at: iso(u.updatedAt),
});

export function userRepo(db: Kysely<Database>): UserRepo {
  return {
    async insert(u) {
      return toUser(await db.insertInto('users').values({ ...columns(u), version: 1 }).returningAll().executeTakeFirstOrThrow());
    },
    async get(accountId, id) {
      const r = await db.selectFrom('users').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
      return r ? toUser(r) : null;
    },
    async byUsername(username) {
      const r = await db.selectFrom('users').selectAll().where('username_lc', '=', username.toLowerCase()).executeTakeFirst();
      return r ? toUser(r) : null;
    },
    async byEmail(email) {
      const r = await db.selectFrom('users').selectAll().where('email_lc', '=', email.toLowerCase()).executeTakeFirst();
      return r ? toUser(r) : null;
    },
    async list(accountId, f, page) {
      let q = db.selectFrom('users').where('account_id', '=', accountId);
      if (f.username) q = q.where('username_lc', '=', f.username.toLowerCase());
      if (f.email) q = q.where('email_lc', '=', f.email.toLowerCase());
      if (f.role) q = q.where('role', '=', f.role);
      const total = countOf(await q.select((e) => e.fn.countAll().as('n')).executeTakeFirst());
      const rows = await q.selectAll().orderBy('id').limit(page.limit).offset(page.offset).execute();
      return { total, results: rows.map(toUser) };
    },
    async update(u) {
      const res = await db.updateTable('users').set({ ...columns(u), version: u.version + 1 }).where('id', '=', u.id).where('version', '=', u.version).executeTakeFirst();
      assertUpdated(res.numUpdatedRows, 'user');
      return { ...u, version: u.version + 1 };
    },
    async delete(accountId, id) {
      await db.deleteFrom('tokens').where('user_id', '=', id).execute();
      await db.deleteFrom('users').where('account_id', '=', accountId).where('id', '=', id).execute();
    },
    async touch(id, field, at) {
      await db.updateTable('users').set(field === 'lastLoginAt' ? { last_login_at: iso(at) } : { last_api_call_at: iso(at) }).where('id', '=', id).execute();
    },
  };
}
