// A fresh database for a test: in-memory SQLite, or, when DATABASE_URL is set (CI's second run), a fresh
// PostgreSQL schema that is dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type OpenedStore } from '../../src/persistence/store.ts';

export const onPostgres = !!process.env.DATABASE_URL;

export async function testStore(): Promise<OpenedStore & { drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const store = await openStore({ sqliteFile: ':memory:' });
    return Object.assign(store, { drop: () => store.close() });
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const store = await openStore({ databaseUrl: url, pgSchema: schema, poolSize: 4 });
  return Object.assign(store, {
    async drop() {
      await store.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  });
}
