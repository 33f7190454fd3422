// SSL orders and tokens. The tables are declared here (not in schema.ts) so the SSL capability stays in its own
// files; dates inside the JSON are ISO strings, revived on read.
import type { Generated, Kysely, Selectable } from 'kysely';
import type { SslRepo } from '../../core/ssl/ports.ts';
import type { SslOrder, SslToken } from '../../core/ssl/model.ts';
import { FINAL_STATES } from '../../core/ssl/model.ts';
import { iso, date, assertUpdated } from './util.ts';

export interface SslOrdersTable {
  id: Generated<number>;
  account_id: number;
  state: string;
  product_code: string;
  common_name: string;
  data: string;
  created_at: string;
  updated_at: string;
  version: number;
}
export interface SslTokensTable {
  token: string;
  kind: string;
  order_id: number;
  hostname: string;
  created_at: string;
  expires_at: string;
}
export interface SslTables {
  ssl_orders: SslOrdersTable;
  ssl_tokens: SslTokensTable;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
const revive = (_k: string, v: unknown) => (typeof v === 'string' && ISO.test(v) ? new Date(v) : v);

type Row = Selectable<SslOrdersTable>;
const toOrder = (r: Row): SslOrder => ({ ...(JSON.parse(r.data, revive) as SslOrder), id: r.id, accountId: r.account_id, state: r.state as SslOrder['state'], version: r.version });
function columns(o: Omit<SslOrder, 'id' | 'version'>) {
  const { accountId: _a, ...rest } = o as SslOrder;
  const data = { ...rest } as Partial<SslOrder>;
  delete data.id;
  delete data.version;
  return { account_id: o.accountId, state: o.state, product_code: o.productCode, common_name: o.commonName, data: JSON.stringify(data), created_at: iso(o.createdAt), updated_at: iso(o.updatedAt) };
}

export function sslRepo(base: Kysely<any>): SslRepo {
  const db = base as Kysely<SslTables>;
  return {
    async insert(o) {
      return toOrder(await db.insertInto('ssl_orders').values({ ...columns(o), version: 1 }).returningAll().executeTakeFirstOrThrow());
    },
    async get(accountId, id) {
      const r = await db.selectFrom('ssl_orders').selectAll().where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
      return r ? toOrder(r) : null;
    },
    async byId(id) {
      const r = await db.selectFrom('ssl_orders').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toOrder(r) : null;
    },
    async update(o) {
      const res = await db.updateTable('ssl_orders').set({ ...columns(o), version: o.version + 1 }).where('id', '=', o.id).where('version', '=', o.version).executeTakeFirst();
      assertUpdated(res.numUpdatedRows, 'SSL order');
      return { ...o, version: o.version + 1 };
    },
    async listByAccount(accountId) {
      return (await db.selectFrom('ssl_orders').selectAll().where('account_id', '=', accountId).orderBy('id').execute()).map(toOrder);
    },
    async openIds(limit) {
      const rows = await db.selectFrom('ssl_orders').select('id').where('state', 'not in', [...FINAL_STATES]).orderBy('id').limit(limit).execute();
      return rows.map((r) => r.id);
    },
    async contactUsage(contactId) {
      // contact ids sit in the JSON; a LIKE narrows the rows, the parse decides
      const rows = await db.selectFrom('ssl_orders').selectAll().where('state', 'not in', [...FINAL_STATES]).where('data', 'like', `%${contactId}%`).execute();
      return rows.map(toOrder).filter((o) => Object.values(o.contacts).includes(contactId)).length;
    },
    async insertToken(t) {
      await db.insertInto('ssl_tokens').values({ token: t.token, kind: t.kind, order_id: t.orderId, hostname: t.hostname, created_at: iso(t.createdAt), expires_at: iso(t.expiresAt) }).execute();
    },
    async token(token) {
      const r = await db.selectFrom('ssl_tokens').selectAll().where('token', '=', token).executeTakeFirst();
      return r ? ({ token: r.token, kind: r.kind as SslToken['kind'], orderId: r.order_id, hostname: r.hostname, createdAt: date(r.created_at), expiresAt: date(r.expires_at) }) : null;
    },
  };
}

