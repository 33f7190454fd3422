// Column helpers that hide the two dialects' differences in one place.
import type { CreateTableBuilder, Kysely } from 'kysely';
import { sql } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

export interface MigrationDef {
  name: string;
  up(db: Kysely<any>, dialect: Dialect): Promise<void>;
}

/** an auto-incrementing integer primary key */
export function withId<T extends string>(t: CreateTableBuilder<T, never>, dialect: Dialect): CreateTableBuilder<T, 'id'> {
  return dialect === 'postgres' ? t.addColumn('id', 'serial', (c) => c.primaryKey()) : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** the type for money in minor units and millisecond offsets */
export const big = (dialect: Dialect) => (dialect === 'postgres' ? 'bigint' : 'integer');

/** makes a table's ids start at `first` */
export async function startIdsAt(db: Kysely<any>, dialect: Dialect, table: string, first: number): Promise<void> {
  if (dialect === 'postgres') await sql.raw(`ALTER SEQUENCE ${table}_id_seq RESTART WITH ${first}`).execute(db);
  else await sql.raw(`INSERT INTO sqlite_sequence (name, seq) VALUES ('${table}', ${first - 1})`).execute(db);
}
