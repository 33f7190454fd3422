import type { Kysely, Selectable } from 'kysely';
import type { Database, AccountsTable } from '../schema.ts';
import type { AccountRepo } from '../../core/ports.ts';
import type { Account } from '../../core/accounts/model.ts';
import { iso, date, assertUpdated } from './util.ts';

const toAccount = (r: Selectable<AccountsTable>): Account => ({
  id: r.id,
  code: r.code,
  name: r.name,
  currency: r.currency,
  apiKey: r.api_key,
  status: r.status as Account['status'],
  settings: JSON.parse(r.settings),
  createdAt: date(r.created_at),
  updatedAt: date(r.updated_at),
  version: r.version,
});

export function accountRepo(db: Kysely<Database>): AccountRepo {
  return {
    async insert(a) {
      const r = await db
        .insertInto('accounts')
        .values({ code: a.code, name: a.name, currency: a.currency, api_key: a.apiKey, status: a.status, settings: JSON.stringify(a.settings), created_at: iso(a.createdAt), updated_at: iso(a.updatedAt), version: 1 })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toAccount(r);
    },
    async get(id) {
      const r = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toAccount(r) : null;
    },
    async list() {
      return (await db.selectFrom('accounts').selectAll().orderBy('id').execute()).map(toAccount);
    },
    async update(a) {
      const res = await db
        .updateTable('accounts')
        .set({ code: a.code, name: a.name, currency: a.currency, api_key: a.apiKey, status: a.status, settings: JSON.stringify(a.settings), updated_at: iso(a.updatedAt), version: a.version + 1 })
        .where('id', '=', a.id)
        .where('version', '=', a.version)
        .executeTakeFirst();
      assertUpdated(res.numUpdatedRows, 'account');
      return { ...a, version: a.version + 1 };
    },
  };
}
