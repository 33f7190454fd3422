// DNS zones, their records, zone history, templates, and the change log the DNS server follows.
import type { MigrationDef } from './helpers.ts';
import { withId, startIdsAt } from './helpers.ts';

export const dns: MigrationDef = {
  name: '0002-dns',
  async up(db, d) {
    await withId(db.schema.createTable('dns_zones'), d)
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      // the name while the zone is active, NULL once deleted: unique among active zones on both dialects
      .addColumn('active_name', 'text', (c) => c.unique())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('master_ip', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('secured', 'integer', (c) => c.notNull())
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('is_spamexperts_enabled', 'integer', (c) => c.notNull())
      .addColumn('nameservers', 'text', (c) => c.notNull())
      .addColumn('serial', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('deleted_at', 'text')
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    await startIdsAt(db, d, 'dns_zones', 1000001);
    await db.schema.createIndex('dns_zones_account').on('dns_zones').columns(['account_id', 'name']).execute();

    await withId(db.schema.createTable('dns_records'), d)
      .addColumn('zone_id', 'integer', (c) => c.notNull().references('dns_zones.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('ttl', 'integer', (c) => c.notNull())
      .addColumn('prio', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('dns_records_zone').on('dns_records').columns(['zone_id', 'name', 'type']).execute();

    await withId(db.schema.createTable('dns_zone_history'), d)
      .addColumn('zone_id', 'integer', (c) => c.notNull().references('dns_zones.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('old_value', 'text', (c) => c.notNull())
      .addColumn('new_value', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('dns_zone_history_zone').on('dns_zone_history').columns(['zone_id', 'id']).execute();

    await withId(db.schema.createTable('dns_templates'), d)
      .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_lc', 'text', (c) => c.notNull())
      .addColumn('is_spamexperts_enabled', 'integer', (c) => c.notNull())
      .addColumn('records', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('dns_templates_unique', ['account_id', 'name_lc'])
      .execute();

    // one row per committed change of a zone; the DNS server polls it (docs/adr/0007-dns-server.md)
    await withId(db.schema.createTable('dns_changes'), d)
      .addColumn('zone_name', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
  },
};
