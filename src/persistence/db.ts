// Opens the database (embedded SQLite by default, PostgreSQL when DATABASE_URL says so) and migrates it.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import type { Dialect } from './migrations/helpers.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { openSqlite } from './sqlite-driver.ts';

// int8 (money in minor units, offsets) as JS numbers: amounts stay far below 2^53
pg.types.setTypeParser(20, (v: string) => Number(v));

export interface OpenedDb {
  db: Kysely<Database>;
  dialect: Dialect;
  /** the PostgreSQL schema in use, when not the default */
  pgSchema?: string;
}

export interface DbOptions {
  /** a postgres:// URL; absent = SQLite */
  databaseUrl?: string;
  /** the SQLite file, or ":memory:" */
  sqliteFile?: string;
  /** PostgreSQL schema to use (tests use one schema each) */
  pgSchema?: string;
  poolSize?: number;
}

export function openDb(o: DbOptions): OpenedDb {
  if (o.databaseUrl && /^postgres(ql)?:\/\//.test(o.databaseUrl)) {
    const pool = new pg.Pool({ connectionString: o.databaseUrl, max: o.poolSize ?? 10, ...(o.pgSchema ? { options: `-c search_path=${o.pgSchema}` } : {}) });
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres', pgSchema: o.pgSchema };
  }
  const file = o.sqliteFile ?? ':memory:';
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqlite(file) }) }), dialect: 'sqlite' };
}

export async function migrate(opened: OpenedDb): Promise<string[]> {
  const migrations: Record<string, Migration> = {};
  for (const m of MIGRATIONS) migrations[m.name] = { up: (db) => m.up(db, opened.dialect) };
  // the migrator looks its own tables up by schema: name it, or it finds another schema's tables (parallel tests)
  const migrator = new Migrator({ db: opened.db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true, ...(opened.pgSchema ? { migrationTableSchema: opened.pgSchema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
