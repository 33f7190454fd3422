// Kysely over Node's built-in `node:sqlite` (no native addon to build or download): a thin wrapper that gives
// DatabaseSync the better-sqlite3 shape Kysely's SqliteDialect expects. See docs/adr/0002-persistence.md.
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

type Param = null | number | bigint | string | Uint8Array;

function bind(params: ReadonlyArray<unknown>): Param[] {
  return params.map((p) => {
    if (p === undefined || p === null) return null;
    if (typeof p === 'boolean') return p ? 1 : 0;
    if (p instanceof Date) return p.toISOString();
    return p as Param;
  });
}

class Statement implements SqliteStatement {
  readonly reader: boolean;
  private readonly s: StatementSync;
  constructor(s: StatementSync) {
    this.s = s;
    this.reader = s.columns().length > 0;
  }
  all(parameters: ReadonlyArray<unknown>): unknown[] {
    return this.s.all(...bind(parameters));
  }
  run(parameters: ReadonlyArray<unknown>): { changes: number | bigint; lastInsertRowid: number | bigint } {
    return this.s.run(...bind(parameters));
  }
  iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown> {
    return this.s.iterate(...bind(parameters)) as IterableIterator<unknown>;
  }
}

export function openSqlite(file: string): SqliteDatabase & { raw: DatabaseSync } {
  const db = new DatabaseSync(file);
  // cache_size: a page cache of up to 32 MiB per connection instead of SQLite's 2 MiB. A list page of 100 domains reads
  // ~100 scattered table pages plus index pages; with 2 MiB the pages of a few list queries no longer fit and every
  // page is read again from the OS (GET /v1beta/domains at a million domains: its SQL 0.6-1.0 ms → ~0.35 ms a query)
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA cache_size = -32768;');
  const cache = new Map<string, Statement>();
  return {
    raw: db,
    close: () => db.close(),
    prepare(text: string): SqliteStatement {
      // other threads and processes write the same file (the journal writer thread, the CLI): a transaction takes the
      // write lock when it begins, waiting for it (busy_timeout), rather than failing with SQLITE_BUSY when a read
      // inside it tries to become a write after another writer committed
      const sql = text === 'begin' ? 'begin immediate' : text;
      let s = cache.get(sql);
      if (!s) {
        s = new Statement(db.prepare(sql));
        if (cache.size > 500) cache.delete(cache.keys().next().value as string);
        cache.set(sql, s);
      }
      return s;
    },
  };
}
