// External users (core/subusers). The table is declared here so the capability stays in its own files.
import type { Generated, Kysely, Selectable } from 'kysely';
import type { SubuserFilter, SubuserRepo } from '../../core/subusers/ports.ts';
import type { Subuser, SubuserGrant } from '../../core/subusers/model.ts';
import { iso, isoOrNull, date, dateOrNull, bool, assertUpdated, countOf, matches } from './util.ts';

export interface SubusersTable {
  id: Generated<number>;
  account_id: number;
  username: string;
  username_lc: string;
  password_hash: string;
  enabled: number;
  last_login_at: string | null;
  grants: string;
  created_at: string;
  updated_at: string;
  version: number;
}

interface Tables {
  subusers: SubusersTable;
}

const toSubuser = (r: Selectable<SubusersTable>): Subuser => ({
  id: r.id,
  accountId: r.account_id,
  username: r.username,
  passwordHash: r.password_hash,
  enabled: bool(r.enabled),
  lastLoginAt: dateOrNull(r.last_login_at),
  grants: JSON.parse(r.grants) as SubuserGrant[],
  createdAt: date(r.created_at),
  updatedAt: date(r.updated_at),
  version: r.version,
});

const columns = (s: Omit<Subuser, 'id' | 'version'>) => ({
  account_id: s.accountId,
  username: s.username,
  username_lc: s.username.toLowerCase(),
  password_hash: s.passwordHash,
  enabled: s.enabled ? 1 : 0,
  last_login_at: isoOrNull(s.lastLoginAt),
  grants: JSON.stringify(s.grants),
  created_at: iso(s.createdAt),
  updated_at: iso(s.updatedAt),
});

export function subuserRepo(base: Kysely<any>): SubuserRepo {
  const db = base as Kysely<Tables>;
  return {
    async insert(s) {
      const row = await db.insertInto('subusers').values({ ...columns(s), version: 1 }).returningAll().executeTakeFirstOrThrow();
      return toSubuser(row);
    },
    async get(accountId, id) {
      const r = await db.selectFrom('subusers').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
      return r ? toSubuser(r) : null;
    },
    async byUsername(username) {
      const r = await db.selectFrom('subusers').selectAll().where('username_lc', '=', username.toLowerCase()).executeTakeFirst();
      return r ? toSubuser(r) : null;
    },
    async list(accountId, f: SubuserFilter, page) {
      let q = db.selectFrom('subusers').where('account_id', '=', accountId);
      if (f.enabled !== undefined) q = q.where('enabled', '=', f.enabled ? 1 : 0);
      if (f.username) q = q.where(matches('username', `*${f.username}*`));
      // grants are JSON: a domain filter reads them (an account has few external users)
      if (f.domainId !== undefined) {
        const all = (await q.selectAll().orderBy('id').execute()).map(toSubuser).filter((s) => s.grants.some((g) => g.domainId === f.domainId));
        return { results: all.slice(page.offset, page.offset + page.limit), total: all.length };
      }
      const total = countOf(await q.select((e) => e.fn.countAll().as('n')).executeTakeFirst());
      const rows = await q.selectAll().orderBy('id').limit(page.limit).offset(page.offset).execute();
      return { results: rows.map(toSubuser), total };
    },
    async update(s) {
      const r = await db.updateTable('subusers').set({ ...columns(s), version: s.version + 1 }).where('id', '=', s.id).where('version', '=', s.version).executeTakeFirst();
      assertUpdated(r.numUpdatedRows, 'user');
      return { ...s, version: s.version + 1 };
    },
    async delete(accountId, id) {
      await db.deleteFrom('subusers').where('account_id', '=', accountId).where('id', '=', id).execute();
    },
  };
}
