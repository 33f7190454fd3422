// External users of an account (core/subusers): login columns, the grants as JSON text.
import type { MigrationDef } from './helpers.ts';
import { withId } from './helpers.ts';

export const subusers: MigrationDef = {
  name: '0006-subusers',
  async up(db, d) {
    await withId(db.schema.createTable('subusers'), d)
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('username_lc', 'text', (c) => c.notNull().unique())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('last_login_at', 'text')
      .addColumn('grants', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('subusers_account').on('subusers').columns(['account_id', 'id']).execute();
  },
};
