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
  // once in a CI run a fresh schema was reported missing to the migrator right after its CREATE committed: retry
  let store: OpenedStore | undefined;
  for (let attempt = 1; !store; attempt++) {
    try {
      store = await openStore({ databaseUrl: url, pgSchema: schema, poolSize: 4 });
    } catch (e) {
      if (attempt >= 3 || !/does not exist/.test(String((e as Error)?.message))) throw e;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
  const opened = store;
  return Object.assign(opened, {
    async drop() {
      await opened.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  });
}
