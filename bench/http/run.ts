// `npm run bench`: both HTTP benchmarks in one run, one JSON report on stdout.
//   check: POST /v1beta/domains/check against the bare node:http anchor (bench/http/check.ts), target ratio ≥ 0.5;
//   list:  GET /v1beta/domains on an account holding a million domains (bench/domains/list.ts), target p99 < 20 ms.
// Each part starts and stops its own processes; a part that fails is reported as {error} and the other still runs.
import { cpus } from 'node:os';
import { checkBench } from './check.ts';
import { listBench } from '../domains/list.ts';

const started = new Date();
const report: Record<string, unknown> = { at: started.toISOString(), node: process.version, cpus: cpus().length };
for (const [name, part] of [['check', checkBench], ['list', listBench]] as const) {
  if (process.env.BENCH_ONLY && process.env.BENCH_ONLY !== name) continue;
  const t0 = Date.now();
  try {
    report[name] = { ...(await part()), seconds: Math.round((Date.now() - t0) / 1000) };
  } catch (e) {
    report[name] = { error: (e as Error).message, seconds: Math.round((Date.now() - t0) / 1000) };
    process.exitCode = 1;
  }
}
const check = report.check as { ratio?: number } | undefined;
const list = report.list as { resellbox?: { p99ms?: number } } | undefined;
report.verdict = {
  checkRatio: check?.ratio ?? null,
  checkTarget: 0.5,
  checkMeets: check?.ratio !== undefined ? check.ratio >= 0.5 : null,
  listP99Ms: list?.resellbox?.p99ms ?? null,
  listTargetMs: 20,
  listMeets: list?.resellbox?.p99ms !== undefined ? list.resellbox.p99ms < 20 : null,
};
console.log(JSON.stringify(report, null, 2));
