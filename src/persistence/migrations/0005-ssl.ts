// SSL orders and their one-time tokens (approval links, end-user panel links). The order's searchable facts are
// columns; the rest (DCV entries, contacts, certificate) is JSON text, the same on SQLite and PostgreSQL.
import type { MigrationDef } from './helpers.ts';
import { withId, startIdsAt } from './helpers.ts';

export const ssl: MigrationDef = {
  name: '0005-ssl',
  async up(db, d) {
    await withId(db.schema.createTable('ssl_orders'), d)
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('product_code', 'text', (c) => c.notNull())
      .addColumn('common_name', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    await startIdsAt(db, d, 'ssl_orders', 100001);
    await db.schema.createIndex('ssl_orders_account').on('ssl_orders').columns(['account_id', 'id']).execute();
    await db.schema.createIndex('ssl_orders_state').on('ssl_orders').columns(['state', 'id']).execute();

    await db.schema.createTable('ssl_tokens')
      .addColumn('token', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('order_id', 'integer', (c) => c.notNull().references('ssl_orders.id'))
      .addColumn('hostname', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
  },
};
