// The built-in certificate authority: one row of keys (PKCS#8 PEM) and certificates, created on first start and
// kept for good (users trust the root), the CRL counter, and the revocations the CRL publishes.
import type { MigrationDef } from './helpers.ts';
import { big } from './helpers.ts';

export const ca: MigrationDef = {
  name: '0003-ca',
  async up(db, d) {
    await db.schema.createTable('ca_state')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('root_key_pem', 'text', (c) => c.notNull())
      .addColumn('root_cert_pem', 'text', (c) => c.notNull())
      .addColumn('intermediate_key_pem', 'text', (c) => c.notNull())
      .addColumn('intermediate_cert_pem', 'text', (c) => c.notNull())
      .addColumn('crl_number', big(d), (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createTable('ca_revocations')
      .addColumn('serial', 'text', (c) => c.primaryKey())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text', (c) => c.notNull())
      .execute();
  },
};
