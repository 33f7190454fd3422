// `npm run bench` part two: GET /v1beta/domains with the documented filters on an account holding a million domains
// (SQLite), against the bare node:http anchor, interleaved (anchor, ours, …), medians of ROUNDS
// (../shared/guide/BENCHMARKS.md). Target: p99 < 20 ms.
//
// - The database is seeded by bench/domains/seed.ts into BENCH_LIST_DIR (default <tmp>/rb-bench-domains-<count>) and
//   reused by later runs while it is younger than 12 hours (its dates are relative to the seed time; older, the
//   lifecycle job would start settling domains during the run). Delete the directory to reseed.
// - Two anchors, interleaved with ours: the bare server's fixed 299-byte body, and the same server answering as many
//   bytes as our first page (what moving ~235 KB through loopback and wrk costs on this machine at this moment).
// - Latency is measured with ONE connection (wrk -t1 -c1; BENCH_LIST_CONNECTIONS to change): the figure is the time
//   one list call takes, not a queue behind 50 others (a list of 100 domains is ~235 KB of JSON; at -c50 the
//   p99 would be the queue). Load generator and server share the 2 cores.
// - Headline: a mixed run cycling through the `mix` shapes (bench/domains/shapes.ts). Then every shape alone for
//   SHAPE_SECONDS, so a slow one is named; bench/domains/sql.ts explains it (EXPLAIN QUERY PLAN).
// Bounded: seeding (≈80 s once), ROUNDS × 2 runs of SECONDS, SHAPES × SHAPE_SECONDS; every process stopped.
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wrk, median, peakMiB, startNode, type WrkResult } from '../http/lib.ts';
import { seedDomains, SEED_USER, type SeedResult } from './seed.ts';
import { SHAPES } from './shapes.ts';
import { openStore } from '../../src/persistence/store.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SHAPE_SECONDS = Number(process.env.BENCH_SHAPE_SECONDS ?? 3);
const COUNT = Number(process.env.BENCH_DOMAINS ?? 1_000_000);
const CONNECTIONS = Number(process.env.BENCH_LIST_CONNECTIONS ?? 1);
const ROOT = new URL('../..', import.meta.url).pathname;
const MAX_AGE_MS = 12 * 3_600_000;

/** the seeded database: reused when fresh enough, else seeded anew */
async function seeded(dir: string): Promise<SeedResult & { reused: boolean }> {
  const marker = join(dir, 'seed.json');
  if (existsSync(marker)) {
    const s = JSON.parse(readFileSync(marker, 'utf8')) as SeedResult;
    if (s.count === COUNT && Date.now() - Date.parse(s.seededAt) < MAX_AGE_MS && existsSync(s.file)) {
      // migrations added since the seed run here, not inside the server's measured start-up
      await (await openStore({ sqliteFile: s.file })).close();
      return { ...s, reused: true };
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const s = await seedDomains(dir, COUNT);
  writeFileSync(marker, JSON.stringify(s));
  return { ...s, reused: false };
}

const r2 = (n: number) => Math.round(n * 100) / 100;

export async function listBench(): Promise<Record<string, unknown>> {
  const dir = process.env.BENCH_LIST_DIR ?? join(tmpdir(), `rb-bench-domains-${COUNT}`);
  const seed = await seeded(dir);
  const anchor = await startNode([join(ROOT, 'bench/http/anchor.ts')], {}, /anchor listening on (\d+)/);
  let ours: Awaited<ReturnType<typeof startNode>> | undefined;
  let anchorBytes: Awaited<ReturnType<typeof startNode>> | undefined;
  try {
    ours = await startNode([join(ROOT, 'bin/resellbox.mjs'), 'serve', '--port', '0', '--dns-port', '0', '--data-dir', dir], { LOG_LEVEL: 'error', JOURNAL: process.env.BENCH_JOURNAL ?? 'on', DATABASE_URL: '' }, /serving on http:\/\/127\.0\.0\.1:(\d+)[\s\S]*Sandbox control/, 120_000);
    const anchorUrl = `http://127.0.0.1:${anchor.match[1]}/v1beta/domains`;
    const base = `http://127.0.0.1:${ours.match[1]}`;
    const login = (await (await fetch(`${base}/v1beta/auth/login`, { method: 'POST', body: JSON.stringify({ username: SEED_USER.username, password: SEED_USER.password }) })).json()) as { data: { token: string } };
    const headers = { authorization: `Bearer ${login.data.token}` };

    // every shape once, cold: it must answer 200 with a full page; the first call's time is reported
    const cold: Record<string, { ms: number; total: number; results: number; bytes: number }> = {};
    for (const s of SHAPES) {
      const t0 = performance.now();
      const res = await fetch(`${base}/v1beta/domains?${s.query}`, { headers });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`GET /v1beta/domains?${s.query} answered ${res.status}: ${text.slice(0, 300)}`);
      const body = JSON.parse(text) as { data: { results: unknown[]; total: number } };
      cold[s.id] = { ms: r2(performance.now() - t0), total: body.data.total, results: body.data.results.length, bytes: text.length };
    }

    // the second anchor: the bare server answering as many bytes as our first page
    anchorBytes = await startNode([join(ROOT, 'bench/http/anchor.ts')], { ANCHOR_BYTES: String(cold['first-page'].bytes) }, /anchor listening on (\d+)/);
    const bytesUrl = `http://127.0.0.1:${anchorBytes.match[1]}/v1beta/domains`;
    const mixPaths = SHAPES.filter((s) => s.mix).map((s) => `/v1beta/domains?${s.query}`);
    const opts = { headers, connections: CONNECTIONS, threads: 1, seconds: SECONDS, timeoutS: 10 };
    await wrk(anchorUrl, { ...opts, seconds: 3 });
    await wrk(`${base}/v1beta/domains`, { ...opts, paths: mixPaths, seconds: 3 });
    await wrk(bytesUrl, { ...opts, seconds: 3 });
    const a: WrkResult[] = [];
    const b: WrkResult[] = [];
    const o: WrkResult[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      await fetch(`${base}/_sandbox/health`);
      a.push(await wrk(anchorUrl, opts));
      b.push(await wrk(bytesUrl, opts));
      o.push(await wrk(`${base}/v1beta/domains`, { ...opts, paths: mixPaths }));
    }
    const shapes: Record<string, unknown> = {};
    // the mixed shapes first; before each run wait until the server answers again (a slow shape's last request may
    // still be running after wrk stops)
    for (const s of [...SHAPES.filter((x) => x.mix), ...SHAPES.filter((x) => !x.mix)]) {
      await fetch(`${base}/_sandbox/health`);
      const r = await wrk(`${base}/v1beta/domains?${s.query}`, { ...opts, seconds: SHAPE_SECONDS });
      shapes[s.id] = { query: s.query, inMix: s.mix, rps: r.rps, p50ms: r2(r.p50ms), p99ms: r2(r.p99ms), requests: r.requests, timeouts: r.timeouts, non2xx: r.errors, total: cold[s.id].total, bytes: cold[s.id].bytes, coldMs: cold[s.id].ms };
    }
    const m = (rs: WrkResult[], k: keyof WrkResult) => r2(median(rs.map((r) => r[k])));
    return {
      seed: { domains: seed.count, byPhase: seed.byPhase, reused: seed.reused, seedSeconds: seed.seconds, fileMiB: Math.round(statSync(seed.file).size / 1048576) },
      anchor: { rps: m(a, 'rps'), p50ms: m(a, 'p50ms'), p99ms: m(a, 'p99ms'), peakMiB: peakMiB(anchor.proc.pid!) },
      anchorSameBytes: { bytes: cold['first-page'].bytes, rps: m(b, 'rps'), p50ms: m(b, 'p50ms'), p99ms: m(b, 'p99ms'), peakMiB: peakMiB(anchorBytes.proc.pid!) },
      resellbox: {
        mix: mixPaths, rps: m(o, 'rps'), p50ms: m(o, 'p50ms'), p99ms: m(o, 'p99ms'), timeouts: o.reduce((x, r) => x + r.timeouts, 0), non2xx: o.reduce((x, r) => x + r.errors, 0),
        peakMiB: peakMiB(ours.proc.pid!), startMs: ours.startMs, journal: process.env.BENCH_JOURNAL ?? 'on',
      },
      ratio: Math.round((m(o, 'rps') / m(a, 'rps')) * 10_000) / 10_000,
      ratioSameBytes: Math.round((m(o, 'rps') / m(b, 'rps')) * 10_000) / 10_000,
      targetP99Ms: 20,
      meetsTarget: m(o, 'p99ms') < 20,
      shapes,
      runs: { rounds: ROUNDS, seconds: SECONDS, shapeSeconds: SHAPE_SECONDS, wrk: `-t1 -c${CONNECTIONS} --latency`, note: 'load generator and servers share the 2 cores' },
    };
  } finally {
    await anchor.stop();
    await anchorBytes?.stop();
    await ours?.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await listBench();
  console.log(JSON.stringify(r, null, 2));
}
