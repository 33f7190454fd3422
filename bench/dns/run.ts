// DNS benchmark: dnsperf against Resellbox's DNS server as the product starts it (startDns, src/app/side-servers.ts:
// in the process's own thread, and in 2 worker threads sharing one port with SO_REUSEPORT — `npm start`'s default)
// and against Knot loaded with the same zones, in the same run, interleaved (each round: for each data set, knot,
// in-process, 2 threads), medians of ROUNDS runs. Two data sets: one zone of 1,000 records, and 10,000 small zones; 10% of the queries
// are for names that do not exist (NXDOMAIN). 127.0.0.1 only; every process started is stopped at the end.
//   npm run bench:dns            (env: BENCH_SECONDS=10 ROUNDS=5 CLIENTS=10; 5 rounds: single rounds swing 0.44–0.71× on this machine)
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import dgram from 'node:dgram';
import packet from 'dns-packet';
import { openStore } from '../../src/persistence/store.ts';
import { runFlow, type Services } from '../../src/core/runner.ts';
import { SandboxClock } from '../../src/core/clock.ts';
import { scryptHasher, cryptoRandom } from '../../src/app/security.ts';
import { createAccount } from '../../src/core/accounts/flows/create-account.ts';
import { createZone } from '../../src/core/dns/flows/create-zone.ts';
import { generatedRecords, type RecordInput } from '../../src/core/dns/model.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const CLIENTS = Number(process.env.CLIENTS ?? 10);
const HERE = fileURLToPath(new URL('.', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'rb-dnsbench-'));
const children = new Set<ChildProcess>();
const log = (s: string) => process.stderr.write(`${s}\n`);

for (const tool of ['dnsperf', 'knotd']) {
  try {
    execFileSync('which', [tool], { stdio: 'ignore' });
  } catch {
    log(`${tool} is not installed (Debian packages dnsperf and knot)`);
    process.exit(2);
  }
}

interface Scenario {
  id: string;
  zones: { name: string; records: RecordInput[] }[];
  queries: string[];
}

function shuffle<T>(a: T[]): T[] {
  let seed = 12345;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), seed / 2 ** 32);
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

function scenarios(): Scenario[] {
  // one zone, 1,000 records
  const one: RecordInput[] = [];
  for (let i = 0; i < 990; i++) one.push({ name: `host${i}`, type: 'A', value: `10.${(i >> 8) & 255}.${i & 255}.1`, ttl: 3600 });
  for (let i = 0; i < 10; i++) one.push({ name: `txt${i}`, type: 'TXT', value: `v=spf1 include:_spf${i}.example.net -all`, ttl: 3600 });
  const q1: string[] = [];
  for (let i = 0; i < 90_000; i++) q1.push(`host${i % 990}.bench-one.test A`);
  for (let i = 0; i < 10_000; i++) q1.push(`missing${i}.bench-one.test A`);
  // 10,000 small zones
  const many: Scenario['zones'] = [];
  for (let z = 0; z < 10_000; z++) {
    many.push({ name: `zone${z}.bench`, records: [
      { name: '', type: 'A', value: `10.1.${(z >> 8) & 255}.${z & 255}`, ttl: 3600 },
      { name: 'www', type: 'A', value: `10.2.${(z >> 8) & 255}.${z & 255}`, ttl: 3600 },
      { name: '', type: 'MX', value: `mail.zone${z}.bench`, prio: 10, ttl: 3600 },
      { name: 'mail', type: 'A', value: `10.3.${(z >> 8) & 255}.${z & 255}`, ttl: 3600 },
      { name: '', type: 'TXT', value: 'v=spf1 mx -all', ttl: 3600 },
    ] });
  }
  const q2: string[] = [];
  for (let i = 0; i < 90_000; i++) q2.push(i % 2 ? `www.zone${(i * 7919) % 10_000}.bench A` : `zone${(i * 104729) % 10_000}.bench A`);
  for (let i = 0; i < 10_000; i++) q2.push(`missing.zone${(i * 31) % 10_000}.bench A`);
  return [
    { id: 'one zone, 1,000 records', zones: [{ name: 'bench-one.test', records: one }], queries: shuffle(q1) },
    { id: '10,000 zones', zones: many, queries: shuffle(q2) },
  ];
}

/** the same zones into a Resellbox SQLite database (through the core flows) and into Knot zone files */
async function prepare(sc: Scenario, n: number): Promise<{ db: string; knotConf: string; queries: string; lastZone: string }> {
  const base = join(dir, `s${n}`);
  mkdirSync(join(base, 'zones'), { recursive: true });
  mkdirSync(join(base, 'knot'), { recursive: true });
  const db = join(base, 'resellbox.sqlite');
  const store = await openStore({ sqliteFile: db });
  const clock = new SandboxClock();
  const s: Services = { store, clock, hasher: scryptHasher({ cost: 1024 }), random: cryptoRandom, publicUrl: 'http://127.0.0.1' };
  const { account } = await runFlow(s, createAccount, { username: `bench${n}`, password: 'correct horse battery', email: `bench${n}@example.test`, balance: 0 });
  const t0 = Date.now();
  for (const z of sc.zones) await runFlow(s, createZone, { accountId: account.id, name: z.name, records: z.records });
  log(`  ${sc.zones.length} zones written through the core in ${Date.now() - t0} ms`);
  // zone files from what the store holds (generated SOA/NS included)
  const served = await store.read((uow) => uow.dns.servedZones());
  const rdata = (r: { type: string; value: string; prio: number }) => {
    switch (r.type) {
      case 'CNAME': case 'NS': case 'PTR': return `${r.value}.`;
      case 'MX': return `${r.prio} ${r.value === '.' ? '.' : `${r.value}.`}`;
      case 'SRV': { const p = r.value.split(' '); return `${p[0]} ${p[1]} ${p[2]} ${p[3] === '.' ? '.' : `${p[3]}.`}`; }
      case 'SOA': { const p = r.value.split(' '); return `${p[0]}. ${p[1]}. ${p.slice(2).join(' ')}`; }
      default: return r.value;
    }
  };
  const zoneConf: string[] = [];
  for (const { zone, records } of served) {
    const lines = [...generatedRecords(zone), ...records].map((r) => `${r.name ? `${r.name}.${zone.name}.` : `${zone.name}.`} ${r.ttl} IN ${r.type === 'SPF' ? 'TXT' : r.type} ${rdata(r)}`);
    writeFileSync(join(base, 'zones', `${zone.name}.zone`), `${lines.join('\n')}\n`);
    zoneConf.push(`  - domain: ${zone.name}`);
  }
  await store.close();
  const knotConf = join(base, 'knot.conf');
  writeFileSync(knotConf, [
    'server:', `    rundir: "${join(base, 'knot')}"`, '    listen: 127.0.0.1@PORT',
    'log:', '  - target: stderr', '    any: error',
    'database:', `    storage: "${join(base, 'knot')}"`,
    'template:', '  - id: default', `    storage: "${join(base, 'zones')}"`, '    file: "%s.zone"', '    semantic-checks: off', '    zonefile-sync: -1', '    zonefile-load: whole', '    journal-content: none',
    'zone:', ...zoneConf, '',
  ].join('\n'));
  const queries = join(base, 'queries.txt');
  writeFileSync(queries, `${sc.queries.join('\n')}\n`);
  return { db, knotConf, queries, lastZone: served.at(-1)!.zone.name };
}

function ask(port: number, name: string): Promise<string> {
  return new Promise((resolve) => {
    const s = dgram.createSocket('udp4');
    const t = setTimeout(() => { s.close(); resolve('timeout'); }, 300);
    s.on('message', (m) => { clearTimeout(t); s.close(); resolve((packet.decode(m) as unknown as { rcode: string }).rcode); });
    s.send(packet.encode({ id: 1, type: 'query', questions: [{ name, type: 'SOA' }] }), port, '127.0.0.1');
  });
}

async function waitFor(port: number, zone: string, what: string, ms = 120_000): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if ((await ask(port, zone)) === 'NOERROR') return Date.now() - t0;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not answer for ${zone} within ${ms} ms`);
}

function start(cmd: string, args: string[]): ChildProcess {
  const c = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  children.add(c);
  c.on('exit', () => children.delete(c));
  return c;
}

function peakRssMiB(pids: number[]): number {
  let kb = 0;
  for (const pid of pids) {
    try {
      kb += Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch { /* gone */ }
  }
  return Math.round(kb / 1024);
}

function descendants(pid: number): number[] {
  try {
    const kids = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
    return [pid, ...kids.flatMap(descendants)];
  } catch {
    return [pid];
  }
}

interface Run { qps: number; avgMs: number; maxMs: number; lost: number; nx: string }
function dnsperf(port: number, queries: string): Run {
  const out = execFileSync('dnsperf', ['-s', '127.0.0.1', '-p', String(port), '-d', queries, '-l', String(SECONDS), '-c', String(CLIENTS), '-q', '200', '-t', '2'], { encoding: 'utf8', timeout: (SECONDS + 30) * 1000 });
  const num = (re: RegExp) => Number(re.exec(out)?.[1] ?? NaN);
  return {
    qps: num(/Queries per second:\s+([\d.]+)/),
    avgMs: num(/Average Latency \(s\):\s+([\d.]+)/) * 1000,
    maxMs: num(/Average Latency \(s\):\s+[\d.]+ \(min [\d.]+, max ([\d.]+)\)/) * 1000,
    lost: num(/Queries lost:\s+(\d+)/),
    nx: /NXDOMAIN \d+ \(([\d.]+%)\)/.exec(out)?.[1] ?? '0%',
  };
}
const RATE = Number(process.env.CAPPED_QPS ?? 10_000);
/** CPU seconds (user + system) used so far by these processes */
function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch { /* gone */ }
  }
  return ticks / 100;
}
interface Capped { p50Ms: number; p99Ms: number; cpuUsPerQuery: number; completed: number }
/** a run at a fixed rate: latency percentiles (dnsperf -v) and the server's CPU time per query */
function capped(port: number, queries: string, pids: number[]): Capped {
  const before = cpuSeconds(pids);
  const out = execFileSync('dnsperf', ['-s', '127.0.0.1', '-p', String(port), '-d', queries, '-l', '5', '-Q', String(RATE), '-c', String(CLIENTS), '-t', '2', '-v'], { encoding: 'utf8', timeout: 40_000, maxBuffer: 1 << 28 });
  const cpu = cpuSeconds(pids) - before;
  const lat = [...out.matchAll(/^> \S+ \S+ \S+ ([\d.]+)$/gm)].map((m) => Number(m[1]) * 1000).sort((a, b) => a - b);
  const pct = (p: number) => lat[Math.min(lat.length - 1, Math.floor(lat.length * p))] ?? NaN;
  return { p50Ms: pct(0.5), p99Ms: pct(0.99), cpuUsPerQuery: (cpu * 1e6) / Math.max(1, lat.length), completed: lat.length };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const results: Record<string, Record<string, Run[] & { startMs?: number; rss?: number }>> = {};
  const only = process.env.SCENARIOS; // e.g. "1" or "2" to run one data set
  // every data set is written and every server started first: the servers run the same code as the writer
  const prepared: { sc: Scenario; p: Awaited<ReturnType<typeof prepare>>; ports: { knot: number; inproc: number; threads2: number }; servers: Record<string, ChildProcess> }[] = [];
  let n = 0;
  for (const sc of scenarios()) {
    n++;
    if (only && !only.split(',').includes(String(n))) continue;
    log(`== preparing ${sc.id}`);
    const p = await prepare(sc, n);
    const ports = { knot: 25300 + n * 10, inproc: 25301 + n * 10, threads2: 25302 + n * 10 };
    writeFileSync(p.knotConf, readFileSync(p.knotConf, 'utf8').replace('PORT', String(ports.knot)));
    prepared.push({ sc, p, ports, servers: {} });
  }
  for (const e of prepared) {
    e.servers = {
      knot: start('knotd', ['-c', e.p.knotConf]),
      inproc: start(process.execPath, ['--disable-warning=ExperimentalWarning', join(HERE, 'serve.ts'), e.p.db, String(e.ports.inproc), '0']),
      threads2: start(process.execPath, ['--disable-warning=ExperimentalWarning', join(HERE, 'serve.ts'), e.p.db, String(e.ports.threads2), '2']),
    };
  }
  // no measurement before every server of every data set answers (loading competes for the CPU)
  const started: Record<string, number>[] = [];
  for (const { sc, p, ports, servers } of prepared) {
    const startMs: Record<string, number> = {};
    for (const k of Object.keys(servers) as (keyof typeof ports)[]) {
      startMs[k] = await waitFor(ports[k], p.lastZone, k);
      log(`  ${sc.id}: ${k} answers after ${startMs[k]} ms (all servers were started together)`);
    }
    started.push(startMs);
  }
  for (const [i, { sc, servers }] of prepared.entries()) {
    results[sc.id] = {};
    for (const k of Object.keys(servers)) results[sc.id]![k] = Object.assign([], { startMs: started[i]![k] });
  }
  // each round runs every server on every data set, so the 10,000-zones-vs-one-zone comparison is interleaved too:
  // the machine changing speed between two blocks of rounds would otherwise show as a difference between data sets
  for (let r = 0; r < ROUNDS; r++) {
    for (const { sc, p, ports, servers } of prepared) {
      log(`\n== round ${r + 1}, ${sc.id}`);
      for (const k of Object.keys(servers) as (keyof typeof ports)[]) {
        const run = dnsperf(ports[k], p.queries);
        results[sc.id]![k]!.push(run);
        log(`  ${k.padEnd(8)} ${Math.round(run.qps)} qps, avg ${run.avgMs.toFixed(3)} ms, max ${run.maxMs.toFixed(1)} ms, lost ${run.lost}, NXDOMAIN ${run.nx}`);
      }
    }
  }
  for (const { sc, p, ports, servers } of prepared) {
    log(`\n== ${sc.id}, capped`);
    for (const k of Object.keys(servers) as (keyof typeof ports)[]) {
      const c = capped(ports[k], p.queries, descendants(servers[k]!.pid!));
      (results[sc.id]![k] as unknown as { capped: Capped }).capped = c;
      log(`  capped ${RATE} qps ${k.padEnd(8)} p50 ${c.p50Ms.toFixed(3)} ms, p99 ${c.p99Ms.toFixed(3)} ms, server CPU ${c.cpuUsPerQuery.toFixed(1)} µs/query (${c.completed} answers)`);
    }
    for (const k of Object.keys(servers)) results[sc.id]![k]!.rss = peakRssMiB(descendants(servers[k]!.pid!));
  }
  for (const { servers } of prepared) for (const c of Object.values(servers)) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));

  const lines = [`DNS benchmark: dnsperf -l ${SECONDS} -c ${CLIENTS}, ${ROUNDS} interleaved rounds, medians; load generator and servers share the machine's cores`, ''];
  lines.push(`| data set | server | qps | ratio to Knot | avg latency ms | lost | p50 / p99 ms at ${RATE} qps | server CPU µs/query | start-up ms (all together) | peak RSS MiB |`, '|---|---|---|---|---|---|---|---|---|---|');
  const med: Record<string, Record<string, number>> = {};
  for (const [sc, byServer] of Object.entries(results)) {
    med[sc] = {};
    const knot = median(byServer.knot!.map((x) => x.qps));
    for (const [k, runs] of Object.entries(byServer)) {
      const q = median(runs.map((x) => x.qps));
      med[sc]![k] = q;
      lines.push(`| ${sc} | ${k === 'knot' ? 'Knot' : k === 'inproc' ? 'Resellbox, in-process' : 'Resellbox, 2 worker threads'} | ${Math.round(q)} | ${(q / knot).toFixed(3)} | ${median(runs.map((x) => x.avgMs)).toFixed(3)} | ${median(runs.map((x) => x.lost))} | ${(runs as unknown as { capped: Capped }).capped.p50Ms.toFixed(3)} / ${(runs as unknown as { capped: Capped }).capped.p99Ms.toFixed(3)} | ${(runs as unknown as { capped: Capped }).capped.cpuUsPerQuery.toFixed(1)} | ${runs.startMs} | ${runs.rss} |`);
    }
  }
  const [one, many] = Object.keys(med);
  lines.push('');
  if (many)   for (const k of ['inproc', 'threads2']) lines.push(`${k}: 10,000 zones vs one zone: ${((med[many!]![k]! / med[one!]![k]! - 1) * 100).toFixed(1)}% (Knot: ${((med[many!]!.knot! / med[one!]!.knot! - 1) * 100).toFixed(1)}%)`);
  console.log(lines.join('\n'));
  writeFileSync(join(HERE, 'last-run.json'), JSON.stringify({ at: new Date().toISOString(), seconds: SECONDS, rounds: ROUNDS, clients: CLIENTS, results }, null, 1));
}

const cleanup = () => {
  for (const c of children) c.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
};
process.on('SIGINT', () => { cleanup(); process.exit(130); });
process.on('SIGTERM', () => { cleanup(); process.exit(143); });
main().then(cleanup, (e) => { log(String(e?.stack ?? e)); cleanup(); process.exit(1); });
