// Domains, their history and one-time tokens. Searchable facts are columns; the rest (contacts as ids too,
// nameservers, hosts, DNSSEC, pending operation) is JSON text, the same on SQLite and PostgreSQL.
// Indexes are designed for an account holding a million domains (GET /v1beta/domains p99 < 20 ms): every list
// filter is a range of one (account_id, …) index and can page by keyset on the trailing column.
import { sql } from 'kysely';
import type { MigrationDef } from './helpers.ts';
import { withId, startIdsAt } from './helpers.ts';

export const domains: MigrationDef = {
  name: '0004-domains',
  async up(db, d) {
    await withId(db.schema.createTable('domains'), d)
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sld', 'text', (c) => c.notNull())
      .addColumn('tld', 'text', (c) => c.notNull())
      .addColumn('phase', 'text', (c) => c.notNull())
      .addColumn('holds_name', 'integer', (c) => c.notNull())
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('ever_active', 'integer', (c) => c.notNull())
      .addColumn('ordered_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text')
      .addColumn('next_event_at', 'text')
      .addColumn('owner_id', 'integer')
      .addColumn('admin_id', 'integer')
      .addColumn('tech_id', 'integer')
      .addColumn('billing_id', 'integer')
      .addColumn('reseller_id', 'integer')
      .addColumn('tags', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    await startIdsAt(db, d, 'domains', 1000001);
    // one holder per name on the instance
    await db.schema.createIndex('domains_holder').on('domains').column('name').unique().where(sql.ref('holds_name'), '=', 1).execute();
    await db.schema.createIndex('domains_name').on('domains').columns(['name', 'id']).execute();
    await db.schema.createIndex('domains_account_name').on('domains').columns(['account_id', 'holds_name', 'name', 'id']).execute();
    await db.schema.createIndex('domains_account_phase').on('domains').columns(['account_id', 'holds_name', 'phase', 'name', 'id']).execute();
    await db.schema.createIndex('domains_account_expiry').on('domains').columns(['account_id', 'holds_name', 'expires_at', 'id']).execute();
    await db.schema.createIndex('domains_account_tld').on('domains').columns(['account_id', 'holds_name', 'tld', 'name', 'id']).execute();
    await db.schema.createIndex('domains_next_event').on('domains').columns(['next_event_at', 'id']).where(sql.ref('next_event_at'), 'is not', null).execute();
    for (const role of ['owner', 'admin', 'tech', 'billing']) {
      await db.schema.createIndex(`domains_${role}`).on('domains').columns([`${role}_id`, 'holds_name']).execute();
    }

    // per-account counts by phase, kept by the repository on every write: list totals without counting a million rows
    await db.schema.createTable('domain_counts')
      .addColumn('account_id', 'integer', (c) => c.notNull())
      .addColumn('phase', 'text', (c) => c.notNull())
      .addColumn('holds_name', 'integer', (c) => c.notNull())
      .addColumn('n', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('domain_counts_pk', ['account_id', 'phase', 'holds_name'])
      .execute();

    await withId(db.schema.createTable('domain_history'), d)
      .addColumn('domain_id', 'integer', (c) => c.notNull().references('domains.id'))
      .addColumn('account_id', 'integer', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('ip', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('domain_history_domain').on('domain_history').columns(['domain_id', 'id']).execute();

    await db.schema.createTable('domain_tokens')
      .addColumn('token', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('domain_id', 'integer', (c) => c.notNull().references('domains.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
  },
};
