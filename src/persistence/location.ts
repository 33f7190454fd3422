// Whether another thread can open the database this process runs on (the DNS worker threads, the journal writer
// thread), and how. It reads the connection's own metadata, so it lives with the rest of the SQL, in persistence.
import { sql } from 'kysely';
import type { OpenedStore } from './store.ts';
import type { DbOptions } from './db.ts';

/**
 * Where the store's data lives, so that another thread can open the same database; null when it cannot (an
 * in-memory SQLite database, or PostgreSQL without the URL). A read of the connection's own metadata: the SQLite
 * file behind "main", or the PostgreSQL schema the tables resolve to (tests run each file in a schema of its own).
 */
export async function sharedLocation(store: OpenedStore, databaseUrl?: string): Promise<{ db: DbOptions } | { why: string }> {
  if (store.dialect === 'postgres') {
    if (!databaseUrl) return { why: 'no DATABASE_URL to share' };
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db);
    return { db: { databaseUrl, pgSchema: rows[0]?.schema ?? undefined } };
  }
  const { rows } = await sql<{ name: string; file: string }>`pragma database_list`.execute(store.db);
  const file = rows.find((r) => r.name === 'main')?.file;
  return file ? { db: { sqliteFile: file } } : { why: 'in-memory database' };
}

