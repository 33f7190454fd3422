// `npm run bench:ssl`: the latency of POST /v1beta/ssl/orders (a real order: CSR decoded, price debited, approver
// mails written, one transaction) under wrk, beside the bare node:http anchor answering a fixed body, interleaved,
// medians of ROUNDS. Bounded in time; 127.0.0.1 only; every process stopped. See ../shared/guide/BENCHMARKS.md.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wrk, median, peakMiB, startNode, type WrkResult } from '../http/lib.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROOT = new URL('../..', import.meta.url).pathname;

async function json(r: Response | Promise<Response>): Promise<any> {
  return (await r).json();
}

const dataDir = mkdtempSync(join(tmpdir(), 'rb-bench-ssl-'));
const anchor = await startNode([join(ROOT, 'bench/http/anchor.ts')], {}, /anchor listening on (\d+)/);
const ours = await startNode([join(ROOT, 'bin/resellbox.mjs'), 'serve', '--port', '0', '--dns-port', '0', '--data-dir', dataDir], { LOG_LEVEL: 'error', DATABASE_URL: '' }, /serving on http:\/\/127\.0\.0\.1:(\d+)[\s\S]*Demo account (\d+)/);
try {
  const base = `http://127.0.0.1:${ours.match[1]}`;
  await fetch(`${base}/_sandbox/accounts/${ours.match[2]}/deposit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ amount: 900_000_000 }) });
  const token = (await json(fetch(`${base}/v1beta/auth/login`, { method: 'POST', body: JSON.stringify({ username: 'demo', password: 'demo-password' }) }))).data.token;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const customer = await json(fetch(`${base}/v1beta/customers`, { method: 'POST', headers, body: JSON.stringify({ name: { first_name: 'Bench', last_name: 'Mark' }, address: { street: 'Main', number: '1', zipcode: '1000AA', city: 'Amsterdam', country: 'NL' }, phone: { country_code: '+31', area_code: '20', subscriber_number: '1234567' }, email: 'bench@example.test' }) }));
  const csr = await json(fetch(`${base}/v1beta/ssl/csr`, { method: 'POST', headers, body: JSON.stringify({ common_name: 'shop.example.com', subject_alternative_name: ['www.shop.example.com'], country: 'NL', state: 'NH', locality: 'Amsterdam', organization: 'Bench', unit: 'IT', email: 'bench@example.test', bits: 2048 }) }));
  if (!csr.data?.csr) throw new Error(`CSR creation failed: ${JSON.stringify(csr)}`);
  const body = JSON.stringify({ product_id: 5, period: 1, csr: csr.data.csr, software_id: 'linux', organization_handle: customer.data.handle, start_provision: true });
  const probe = await fetch(`${base}/v1beta/ssl/orders`, { method: 'POST', headers, body });
  if (probe.status !== 200) throw new Error(`POST /v1beta/ssl/orders answered ${probe.status}: ${await probe.text()}`);
  const opts = { method: 'POST', body, headers, seconds: SECONDS, connections: 10 };
  const anchorUrl = `http://127.0.0.1:${anchor.match[1]}/v1beta/ssl/orders`;
  await wrk(anchorUrl, { ...opts, seconds: 2 });
  await wrk(`${base}/v1beta/ssl/orders`, { ...opts, seconds: 2 });
  const a: WrkResult[] = [];
  const o: WrkResult[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    a.push(await wrk(anchorUrl, opts));
    o.push(await wrk(`${base}/v1beta/ssl/orders`, opts));
  }
  const m = (rs: WrkResult[], k: keyof WrkResult) => median(rs.map((r) => r[k]));
  console.log(JSON.stringify({
    at: new Date().toISOString(),
    anchor: { rps: m(a, 'rps'), p50ms: m(a, 'p50ms'), p99ms: m(a, 'p99ms'), peakMiB: peakMiB(anchor.proc.pid!) },
    orders: { rps: m(o, 'rps'), p50ms: m(o, 'p50ms'), p99ms: m(o, 'p99ms'), timeouts: o.reduce((s, r) => s + r.timeouts, 0), non2xx: o.reduce((s, r) => s + r.errors, 0), peakMiB: peakMiB(ours.proc.pid!), startMs: ours.startMs },
    runs: { rounds: ROUNDS, seconds: SECONDS, wrk: '-t2 -c10 --latency', note: 'load generator and servers share the 2 cores' },
  }, null, 2));
} finally {
  await anchor.stop();
  await ours.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
