// In-process measurement of the domain list on a seeded database: the core flow (searchDomains, i.e. the repository's
// SQL plus row mapping and projection) per query shape, with every SQL statement it runs, its own time and SQLite's
// EXPLAIN QUERY PLAN. This is the interim figure while the HTTP route does not exist, and the tool that says WHY a
// shape is slow. Bounded: at most ITER runs or BUDGET_MS per shape.
//
// Usage: node bench/domains/sql.ts [seeded-data-dir]   (default: the directory list.ts seeds)
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, SqliteDialect, type LogEvent } from 'kysely';
import { openSqlite } from '../../src/persistence/sqlite-driver.ts';
import { domainRepo } from '../../src/persistence/repos/domains.ts';
import { buildRegistry } from '../../src/core/registry/registry.ts';
import { projectAt } from '../../src/core/domains/model.ts';
import { median } from '../http/lib.ts';
import { SHAPES } from './shapes.ts';

const ITER = Number(process.env.BENCH_SQL_ITER ?? 200);
const BUDGET_MS = Number(process.env.BENCH_SQL_BUDGET_MS ?? 5000);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const r2 = (n: number) => Math.round(n * 100) / 100;

export interface ShapeSql {
  id: string;
  query: string;
  runs: number;
  p50ms: number;
  p99ms: number;
  rows: number;
  total: number;
  statements: { sql: string; ms: number; plan: string[] }[];
}

export async function sqlBench(dataDir: string, accountId: number): Promise<ShapeSql[]> {
  const file = join(dataDir, 'resellbox.sqlite');
  let log: { sql: string; params: readonly unknown[]; ms: number }[] = [];
  const db = new Kysely<any>({
    dialect: new SqliteDialect({ database: openSqlite(file) }),
    log: (e: LogEvent) => {
      if (e.level === 'query') log.push({ sql: e.query.sql, params: e.query.parameters, ms: e.queryDurationMillis });
    },
  });
  const raw = new DatabaseSync(file, { readOnly: true });
  const repo = domainRepo(db);
  const registry = buildRegistry();
  const out: ShapeSql[] = [];
  try {
    for (const s of SHAPES) {
      const times: number[] = [];
      let rows = 0;
      let total = 0;
      const t0 = Date.now();
      for (let i = 0; i < ITER + 3 && Date.now() - t0 < BUDGET_MS; i++) {
        log = [];
        const a = performance.now();
        const page = await repo.search(accountId, s.filter, s.page);
        // what the flow adds: the projection of every row (searchDomains → result())
        for (const d of page.results) projectAt(d, registry.policy(d.tld), new Date());
        const ms = performance.now() - a;
        if (i >= 3) times.push(ms);
        rows = page.results.length;
        total = page.total;
      }
      const statements = log.map((l) => {
        const plan = (raw.prepare(`EXPLAIN QUERY PLAN ${l.sql}`).all(...(l.params as (string | number | null)[])) as { detail: string }[]).map((p) => p.detail);
        return { sql: l.sql, ms: r2(l.ms), plan };
      });
      out.push({ id: s.id, query: s.query, runs: times.length, p50ms: r2(median(times)), p99ms: r2(pct(times, 99)), rows, total, statements });
    }
  } finally {
    raw.close();
    await db.destroy();
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // default: the database list.ts seeded (its seed.json names the account)
  const dir = process.argv[2] ?? process.env.BENCH_LIST_DIR ?? join(tmpdir(), `rb-bench-domains-${process.env.BENCH_DOMAINS ?? 1_000_000}`);
  const seed = JSON.parse(readFileSync(join(dir, 'seed.json'), 'utf8')) as { accountId: number };
  console.log(JSON.stringify(await sqlBench(dir, seed.accountId), null, 2));
}
