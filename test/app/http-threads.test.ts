// HTTP served from two threads on one port (src/app/http-threads.ts): a call sees the same state whichever thread
// answers it. Real sockets; each "connection" below is a keep-alive agent holding one socket, so every call made
// through it is answered by the same thread (the kernel picks the thread per connection).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { Agent, request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp, type App } from '../../src/app/build-app.ts';
import { loadConfig } from '../../src/app/config.ts';
import { scryptHasher } from '../../src/app/security.ts';
import { startHttpThreads, reusePortListen, listenMain, reusePortUnsupported, type HttpThreads } from '../../src/app/http-threads.ts';
import type { FastifyListenOptions } from 'fastify';
import Fastify from 'fastify';
import { createServer } from 'node:net';
import { sharedLocation } from '../../src/persistence/location.ts';
import { openStore, type OpenedStore } from '../../src/persistence/store.ts';
import { runFlow } from '../../src/core/runner.ts';
import { createAccount } from '../../src/core/accounts/flows/create-account.ts';
import { testStore } from '../harness/store.ts';
import { CUSTOMER } from '../openprovider/client.ts';

interface Res {
  status: number;
  body: any;
}

/** one kept-alive connection, and the thread that answers on it */
interface Conn {
  agent: Agent;
  thread: number;
}

let app: App;
let threads: HttpThreads;
let store: OpenedStore & { drop?(): Promise<void> };
let dir = '';
let port = 0;
const conns: Conn[] = [];

function call(c: Conn, method: string, path: string, o: { json?: unknown; token?: string } = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const body = o.json === undefined ? undefined : JSON.stringify(o.json);
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    const req = request({ host: '127.0.0.1', port, method, path, agent: c.agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** a new connection, and which thread answers on it */
async function connect(): Promise<Conn> {
  const c: Conn = { agent: new Agent({ keepAlive: true, maxSockets: 1 }), thread: -1 };
  c.thread = (await call(c, 'GET', '/_sandbox/health')).body.thread;
  return c;
}

/** a connection answered by each of the two threads */
async function oneOnEach(): Promise<[Conn, Conn]> {
  const byThread = new Map<number, Conn>();
  for (let i = 0; i < 64 && byThread.size < 2; i++) {
    const c = await connect();
    conns.push(c);
    if (!byThread.has(c.thread)) byThread.set(c.thread, c);
  }
  expect([...byThread.keys()].sort()).toEqual([0, 1]);
  return [byThread.get(0)!, byThread.get(1)!];
}

beforeAll(async () => {
  if (process.env.DATABASE_URL) store = await testStore();
  else {
    dir = mkdtempSync(join(tmpdir(), 'resellbox-threads-'));
    store = await openStore({ sqliteFile: join(dir, 'resellbox.sqlite') });
  }
  const where = await sharedLocation(store, process.env.DATABASE_URL);
  if (!('db' in where)) throw new Error(where.why);
  const config = loadConfig({}, { logLevel: 'silent', journalEnabled: true, port: 0, databaseUrl: process.env.DATABASE_URL, dataDir: dir || tmpdir(), publicUrl: 'http://127.0.0.1:8080' });
  const channel = `test-threads-${process.pid}-${Math.random().toString(36).slice(2)}`;
  app = await buildApp(config, { store, hasher: scryptHasher({ cost: 1024 }), clockPollMs: 0, thread: { index: 0, channel } });
  await app.http.listen(reusePortListen('127.0.0.1', 0, true));
  port = (app.http.server.address() as AddressInfo).port;
  threads = await startHttpThreads({ count: 1, config, port, db: where.db, shared: app.shared, channel, journalConnect: app.journalConnect, log: app.http.log });
}, 120_000);

afterAll(async () => {
  for (const c of conns) c.agent.destroy();
  await threads?.close();
  await app?.close();
  if (store?.drop) await store.drop();
  else await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('HTTP served from two threads', () => {
  it('spreads connections over both threads, on one port', async () => {
    const [a, b] = await oneOnEach();
    expect(a.thread).toBe(0);
    expect(b.thread).toBe(1);
  });

  it('moves the sandbox clock for both threads at once', async () => {
    const [a, b] = await oneOnEach();
    const set = await call(a, 'POST', '/_sandbox/clock', { json: { set: '2031-02-03T04:05:06.000Z', freeze: true } });
    expect(set.status).toBe(200);
    expect((await call(b, 'GET', '/_sandbox/health')).body.now).toBe('2031-02-03T04:05:06.000Z');
    await call(b, 'POST', '/_sandbox/clock', { json: { advance: '1d' } });
    expect((await call(a, 'GET', '/_sandbox/health')).body.now).toBe('2031-02-04T04:05:06.000Z');
  });

  it('sees at once on one thread a domain registered through the other (no stale cached availability)', async () => {
    const [a, b] = await oneOnEach();
    await runFlow(app.services, createAccount, { username: 'threads-reseller', password: 'threads-password-1', email: 'threads@example.test', balance: 1000 });
    const login = await call(a, 'POST', '/v1beta/auth/login', { json: { username: 'threads-reseller', password: 'threads-password-1', ip: '0.0.0.0' } });
    const token = login.body.data.token as string;
    // the token made on thread 0 works on thread 1
    const customer = await call(b, 'POST', '/v1beta/customers', { token, json: { ...CUSTOMER, email: 'owner@example.com' } });
    expect(customer.status).toBe(200);
    const handle = customer.body.data.handle as string;
    const check = (c: Conn) => call(c, 'POST', '/v1beta/domains/check', { token, json: { domains: [{ name: 'two-threads-one-truth', extension: 'com' }] } });
    // thread 1 reads (and caches) the name as free, then thread 0 registers it
    expect((await check(b)).body.data.results[0].status).toBe('free');
    expect((await check(b)).body.data.results[0].status).toBe('free');
    const created = await call(a, 'POST', '/v1beta/domains', { token, json: { domain: { name: 'two-threads-one-truth', extension: 'com' }, owner_handle: handle, admin_handle: handle, tech_handle: handle, period: 1, autorenew: 'off' } });
    expect(created.status).toBe(200);
    expect((await check(b)).body.data.results[0].status).toBe('active');
    expect((await check(a)).body.data.results[0].status).toBe('active');
  });

  it('lists in the journal the calls both threads answered, in the order they were answered, at once', async () => {
    const [a, b] = await oneOnEach();
    const paths: string[] = [];
    for (let i = 0; i < 8; i++) {
      const path = `/v1beta/domains/${987_650 + i}`;
      paths.push(path);
      expect((await call(i % 2 ? b : a, 'GET', path)).status).toBe(401);
    }
    // asked on either thread, right after the calls (no wait for a timed flush): every call, newest first
    for (const c of [b, a]) {
      const list = await call(c, 'GET', '/_sandbox/requests?path=/v1beta/domains/98765&limit=100');
      expect(list.status).toBe(200);
      expect(list.body.results.map((e: { path: string }) => e.path)).toEqual([...paths].reverse());
    }
  });

  it('refuses to start on a port another server holds, even one that shares it with SO_REUSEPORT', async () => {
    const other = createServer();
    await new Promise<void>((r) => other.listen(reusePortListen('127.0.0.1', 0, true) as { host: string; port: number }, () => r()));
    const taken = (other.address() as AddressInfo).port;
    const second = Fastify();
    try {
      await expect(listenMain(second, '127.0.0.1', taken, true)).rejects.toThrow(`HTTP port 127.0.0.1:${taken} is taken (EADDRINUSE)`);
      expect(second.server.listening).toBe(false);
    } finally {
      await second.close();
      await new Promise<void>((r) => other.close(() => r()));
    }
  });

  it('serves from one thread, without failing the start, where the platform has no SO_REUSEPORT', async () => {
    const one = Fastify();
    const asked: boolean[] = [];
    // the platform's answer on macOS or Windows: ENOTSUP for a listen with reusePort
    const listen = (o: FastifyListenOptions) => {
      const reuse = !!(o as { reusePort?: boolean }).reusePort;
      asked.push(reuse);
      if (reuse) return Promise.reject(Object.assign(new Error('listen ENOTSUP: operation not supported on socket'), { code: 'ENOTSUP' }));
      return one.listen(o);
    };
    try {
      const r = await listenMain(one, '127.0.0.1', 0, true, listen);
      expect(r.shared).toBe(false);
      expect(asked).toEqual([true, false]);
      expect(one.server.listening).toBe(true);
    } finally {
      await one.close();
    }
    // the DNS threads report a failed bind as text from their thread: recognised the same way
    expect(reusePortUnsupported(new Error('DNS thread 1 failed to start: Error: bind ENOTSUP 127.0.0.1:5353'))).toBe(true);
    expect(reusePortUnsupported(Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' }))).toBe(false);
  });

  it('listens with SO_REUSEPORT where the platform has it (this one)', async () => {
    const one = Fastify();
    try {
      expect((await listenMain(one, '127.0.0.1', 0, true)).shared).toBe(true);
    } finally {
      await one.close();
    }
  });
});
