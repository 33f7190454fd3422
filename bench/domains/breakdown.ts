// Where one `GET /v1beta/domains` call spends its time, in-process on the seeded million-domain database: the list
// route's steps run one by one with the same functions the route uses, per query shape, median of the runs:
//   rows     the repository's page without the total (SQL + rows to Domain)        total   what counting adds
//   project  the lifecycle projection of every row (searchDomains → result())      handles contacts + ns groups
//   map      domainOut of every row                                                 json    the page to JSON text
//   journal  the journal's copy of the body (bodyText: cut at 16 KiB, masked)       utf8    the text to UTF-8 bytes
//   inject   the whole call through Fastify (app.inject, no socket), journal on      bytes   the body's size
//   jflush   writing that call's journal entry to the database (the server batches them every 250 ms; with a
//            database file they are written by the journal's own thread, docs/adr/0012-hot-path.md)
// Bounded: at most ITER runs or BUDGET_MS per shape. No lifecycle job, no clock polling; writes journal rows only.
//
// Usage: node bench/domains/breakdown.ts [seeded-data-dir]   (default: the directory list.ts seeds)
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/app/build-app.ts';
import { loadConfig } from '../../src/app/config.ts';
import { bodyText } from '../../src/app/journal.ts';
import { result } from '../../src/core/domains/ops.ts';
import type { DomainResult } from '../../src/core/domains/ops.ts';
import { domainOut } from '../../src/adapters/openprovider/domain-mapping.ts';
import { handlesOf, nsGroupIds, registry } from '../../src/adapters/openprovider/routes/domain-support.ts';
import { ok } from '../../src/adapters/openprovider/wire.ts';
import { median } from '../http/lib.ts';
import { SEED_USER } from './seed.ts';
import { SHAPES } from './shapes.ts';

const ITER = Number(process.env.BENCH_SQL_ITER ?? 100);
const BUDGET_MS = Number(process.env.BENCH_SQL_BUDGET_MS ?? 3000);
const r2 = (n: number) => Math.round(n * 100) / 100;

export async function breakdown(dataDir: string, accountId: number): Promise<Record<string, Record<string, number>>> {
  const app = await buildApp({ ...loadConfig({}, { dataDir }), databaseUrl: undefined, journalEnabled: true, logLevel: 'error' }, { clockPollMs: 0 });
  const s = app.services;
  const reg = registry(s);
  const login = await app.http.inject({ method: 'POST', url: '/v1beta/auth/login', payload: { username: SEED_USER.username, password: SEED_USER.password } });
  const token = (JSON.parse(login.body) as { data: { token: string } }).data.token;
  const out: Record<string, Record<string, number>> = {};
  try {
    for (const shape of SHAPES) {
      const t: Record<string, number[]> = { rows: [], total: [], project: [], handles: [], map: [], json: [], journal: [], utf8: [], sum: [], inject: [], jflush: [] };
      let bytes = 0;
      const t0 = Date.now();
      for (let i = 0; i < ITER + 3 && Date.now() - t0 < BUDGET_MS; i++) {
        const a = performance.now();
        const page = await s.store.read((uow) => uow.domains.search(accountId, shape.filter, { ...shape.page, withoutTotal: true }));
        const b = performance.now();
        await s.store.read((uow) => uow.domains.search(accountId, shape.filter, { limit: 1, offset: 0 }));
        const c = performance.now();
        const now = s.clock.now();
        const results: DomainResult[] = page.results.map((d) => result({ now } as never, reg, d));
        const d = performance.now();
        const handles = await handlesOf(s, accountId, results);
        const groupIds = await nsGroupIds(s, accountId);
        const e = performance.now();
        const mapped = results.map((r) => domainOut(r, { handles, groupIds }));
        const f = performance.now();
        const text = JSON.stringify(ok({ results: mapped, total: page.total }));
        const g = performance.now();
        bodyText(text);
        const h = performance.now();
        bytes = Buffer.byteLength(Buffer.from(text, 'utf8'));
        const k = performance.now();
        const res = await app.http.inject({ method: 'GET', url: `/v1beta/domains?${shape.query}`, headers: { authorization: `Bearer ${token}` } });
        const l = performance.now();
        await app.flushJournal();
        const m = performance.now();
        if (res.statusCode !== 200) throw new Error(`${shape.query}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        if (i < 3) continue;
        t.rows.push(b - a);
        // a first one-row page with the total: what counting adds, nearly all of it
        t.total.push(c - b);
        t.project.push(d - c);
        t.handles.push(e - d);
        t.map.push(f - e);
        t.json.push(g - f);
        t.journal.push(h - g);
        t.utf8.push(k - h);
        t.sum.push(k - a);
        t.inject.push(l - k);
        t.jflush.push(m - l);
      }
      out[shape.id] = Object.fromEntries([...Object.entries(t).map(([k, v]) => [k, r2(median(v))]), ['runs', t.rows.length], ['bytes', bytes]]);
    }
  } finally {
    await app.close();
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? process.env.BENCH_LIST_DIR ?? join(tmpdir(), `rb-bench-domains-${process.env.BENCH_DOMAINS ?? 1_000_000}`);
  const seed = JSON.parse(readFileSync(join(dir, 'seed.json'), 'utf8')) as { accountId: number };
  const r = await breakdown(dir, seed.accountId);
  console.table(r);
}
