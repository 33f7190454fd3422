// The DNS server in worker threads, as `serve` runs it (startDns): two threads over the same database (a SQLite FILE,
// or the test file's PostgreSQL schema when DATABASE_URL is set), each with its own store connection, index and
// polling, sharing one port (SO_REUSEPORT). Real sockets on 127.0.0.1.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { fileURLToPath } from 'node:url';
import { openStore, type OpenedStore } from '../../src/persistence/store.ts';
import { SandboxClock } from '../../src/core/clock.ts';
import { runFlow, type Services } from '../../src/core/runner.ts';
import { createAccount } from '../../src/core/accounts/flows/create-account.ts';
import { createZone } from '../../src/core/dns/flows/create-zone.ts';
import { updateZone } from '../../src/core/dns/flows/update-zone.ts';
import { scryptHasher } from '../../src/app/security.ts';
import { startDns, type StartedDns } from '../../src/app/side-servers.ts';
import { startDnsWorkers, type DnsWorkerServer } from '../../src/dns-server/workers.ts';
import { testStore, onPostgres } from '../harness/store.ts';
import { seededRandom } from '../harness/services.ts';
import { udp, tcp } from './client.ts';

const Z = 'workers.test';
let dir: string;
let store: OpenedStore & { drop?: () => Promise<void> };
let s: Services;
let acct: number;
let started: StartedDns;
let dns: DnsWorkerServer;
const databaseUrl = process.env.DATABASE_URL || undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rb-dnsworkers-'));
  // a file, not :memory: (threads cannot share an in-memory database); on PostgreSQL the file's own schema
  store = onPostgres ? await testStore() : await openStore({ sqliteFile: join(dir, 'resellbox.sqlite') });
  s = { store, clock: new SandboxClock({ offsetMs: 0, frozenAt: new Date('2026-06-01T12:00:00Z') }), hasher: scryptHasher({ cost: 1024 }), random: seededRandom(), publicUrl: 'http://127.0.0.1:8080' };
  acct = (await runFlow(s, createAccount, { username: 'dnsworkers', password: 'correct horse battery', email: 'dnsworkers@example.test', balance: 0 })).account.id;
  await runFlow(s, createZone, { accountId: acct, name: Z, records: [{ name: 'www', type: 'A', value: '192.0.2.10', ttl: 3600 }] });
  started = await startDns({ host: '127.0.0.1', port: 0, workers: 2, store, databaseUrl, pollMs: 50 });
  dns = started.server as DnsWorkerServer;
}, 60_000);

afterAll(async () => {
  await dns?.close();
  if (store?.drop) await store.drop();
  else await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** one query from a fresh socket (a new source port, so the kernel's hash may pick either thread) */
function freshUdp(port: number, name: string): Promise<{ rcode: string; data: string[] }> {
  return udp(port, { name, type: 'A' }).then((r) => ({ rcode: r.rcode, data: (r.answers ?? []).map((a) => String((a as { data?: unknown }).data)) }));
}
const many = (n: number, name: string) => Promise.all(Array.from({ length: n }, () => freshUdp(dns.port, name)));
const answeredUdp = async () => (await dns.stats()).map((w) => w.answered.udp);

describe('authoritative DNS server in worker threads', () => {
  it('starts two threads on one port that answer over UDP and TCP for a zone written through the core', async () => {
    expect(started.workers).toBe(2);
    expect(started.mode).toBe('2 worker threads');
    expect(dns.workers).toBe(2);
    expect(dns.port).toBeGreaterThan(0);
    expect(dns.zoneCount()).toBe(1);
    const stats = await dns.stats();
    expect(stats.map((w) => w.zones)).toEqual([1, 1]);

    const u = await udp(dns.port, { name: `www.${Z}`, type: 'A' });
    expect(u.rcode).toBe('NOERROR');
    expect(u.answers!.map((a) => (a as { data?: unknown }).data)).toEqual(['192.0.2.10']);
    const [t] = await tcp(dns.port, { name: `www.${Z}`, type: 'A' });
    expect(t!.rcode).toBe('NOERROR');
    expect(t!.answers!.map((a) => (a as { data?: unknown }).data)).toEqual(['192.0.2.10']);
    expect((await udp(dns.port, { name: `nope.${Z}`, type: 'A' })).rcode).toBe('NXDOMAIN');

    // the kernel spreads queries from many source ports over both threads
    const before = await answeredUdp();
    const rs = await many(40, `www.${Z}`);
    expect(rs.every((r) => r.rcode === 'NOERROR' && r.data[0] === '192.0.2.10')).toBe(true);
    const after = await answeredUdp();
    expect(after.map((x, i) => x - before[i]!).every((d) => d > 0)).toBe(true);
    expect((await dns.stats()).reduce((n, w) => n + w.answered.tcp, 0)).toBe(1);
  });

  it('answers a record added through the core afterwards from every thread within one second', async () => {
    // prime both threads' caches with the negative answer
    expect((await many(20, `fresh.${Z}`)).every((r) => r.rcode === 'NXDOMAIN')).toBe(true);
    await runFlow(s, updateZone, { accountId: acct, name: Z, records: { add: [{ name: 'fresh', type: 'A', value: '192.0.2.99' }] } });
    const t0 = Date.now();
    for (;;) {
      const before = await answeredUdp();
      const rs = await many(32, `fresh.${Z}`);
      const after = await answeredUdp();
      const allNew = rs.every((r) => r.rcode === 'NOERROR' && r.data[0] === '192.0.2.99');
      // this batch was answered by both threads, every answer with the new record
      if (allNew && after.every((x, i) => x > before[i]!)) break;
      if (Date.now() - t0 > 1000) throw new Error(`not answered by every thread within 1s: ${JSON.stringify(rs)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(Date.now() - t0).toBeLessThanOrEqual(1000);
  });

  it('refresh() has every thread poll the change log now and waits for all', async () => {
    await runFlow(s, createZone, { accountId: acct, name: 'second.test', records: [{ name: '', type: 'A', value: '192.0.2.20' }] });
    await dns.refresh();
    expect(dns.zoneCount()).toBe(2);
    expect((await dns.stats()).map((w) => w.zones)).toEqual([2, 2]);
    const rs = await many(20, 'second.test');
    expect(rs.every((r) => r.rcode === 'NOERROR' && r.data[0] === '192.0.2.20')).toBe(true);
  });

  it('fails the start with a clear error when the port is taken (even by a server sharing it with SO_REUSEPORT) or a thread cannot start', async () => {
    // the port is held by a socket without SO_REUSEPORT: the first thread cannot bind it
    const holder = dgram.createSocket('udp4');
    await new Promise<void>((r) => holder.bind(0, '127.0.0.1', () => r()));
    try {
      const port = holder.address().port;
      await expect(startDns({ host: '127.0.0.1', port, workers: 2, store, databaseUrl })).rejects.toThrow(/DNS port 127\.0\.0\.1:\d+ is taken \(EADDRINUSE\)/);
    } finally {
      holder.close();
    }
    // held by another server that also asked for SO_REUSEPORT (a second Resellbox): refused too, not shared silently
    const other = dgram.createSocket({ type: 'udp4', reusePort: true });
    await new Promise<void>((r) => other.bind(0, '127.0.0.1', () => r()));
    try {
      await expect(startDns({ host: '127.0.0.1', port: other.address().port, workers: 2, store, databaseUrl })).rejects.toThrow(/is taken \(EADDRINUSE\)/);
    } finally {
      other.close();
    }
    await expect(startDnsWorkers({ host: '127.0.0.1', port: 0, workers: 1, source: { module: new URL('../../src/app/side-servers.ts', import.meta.url).href, name: 'nothing', options: {} } })).rejects.toThrow(/failed to start.*has no export nothing/s);
  });

  it('runs in-process when the database cannot be shared (in-memory SQLite) or no thread is wanted', async () => {
    const mem = await openStore({ sqliteFile: ':memory:' });
    try {
      const a = await startDns({ host: '127.0.0.1', port: 0, workers: 2, store: mem });
      expect([a.workers, a.mode]).toEqual([0, 'in-process: in-memory database']);
      await a.server.close();
      const b = await startDns({ host: '127.0.0.1', port: 0, workers: 0, store });
      expect([b.workers, b.mode]).toEqual([0, 'in-process']);
      expect(b.server.zoneCount()).toBe(2);
      await b.server.close();
    } finally {
      await mem.close();
    }
  });

  it('close() stops every thread: a process that started two threads exits by itself after closing them', async () => {
    const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', fileURLToPath(new URL('./workers-child.ts', import.meta.url)), join(dir, 'child.sqlite')], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: '' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const code = await new Promise<number | null>((resolve) => {
      const t = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(-1);
      }, 25_000);
      child.on('exit', (c) => {
        clearTimeout(t);
        resolve(c);
      });
    });
    expect(out).toContain('answered NOERROR by 2 threads');
    expect(out).toContain('closed');
    expect(code).toBe(0);
  }, 30_000);
});
