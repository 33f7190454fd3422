// The request journal written by a thread of its own (src/app/journal-thread.ts) when the database can be opened
// there: every call is still recorded, in order, flushed on demand and on close, and writes of the main thread wait
// for the writer's lock instead of failing.
import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type App } from '../../src/app/build-app.ts';
import { loadConfig } from '../../src/app/config.ts';
import { scryptHasher } from '../../src/app/security.ts';
import { openStore } from '../../src/persistence/store.ts';
import { runFlow } from '../../src/core/runner.ts';
import { createAccount } from '../../src/core/accounts/flows/create-account.ts';
import { testStore, onPostgres } from '../harness/store.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** an app over a database another thread can open: a SQLite file, or (CI's PostgreSQL run) a schema and its URL */
async function sharedApp(over: Record<string, unknown> = {}): Promise<App> {
  if (onPostgres) {
    const store = await testStore();
    const app = await buildApp(loadConfig({}, { logLevel: 'silent', databaseUrl: process.env.DATABASE_URL, ...over }), { store, hasher: scryptHasher({ cost: 1024 }), clockPollMs: 0 });
    cleanups.push(() => store.drop(), () => app.close());
    return app;
  }
  const dir = mkdtempSync(join(tmpdir(), 'rb-journal-'));
  const app = await buildApp(loadConfig({}, { logLevel: 'silent', dataDir: dir, ...over }), { hasher: scryptHasher({ cost: 1024 }), clockPollMs: 0 });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }), () => app.close());
  return app;
}

const tokens = new WeakMap<App, string>();
async function ping(app: App, i: number) {
  let token = tokens.get(app);
  if (!token) {
    const username = `journal${Math.random().toString(36).slice(2, 8)}`;
    await runFlow(app.services, createAccount, { username, password: 'password-1' });
    token = (await app.http.inject({ method: 'POST', url: '/v1beta/auth/login', payload: { username, password: 'password-1' } })).json().data.token as string;
    tokens.set(app, token);
  }
  return app.http.inject({ method: 'POST', url: '/v1beta/domains/check', headers: { authorization: `Bearer ${token}` }, payload: { domains: [{ name: `journal${i}`, extension: 'com' }] } });
}

describe('the journal writer thread', () => {
  it('records every call from its own thread when the database can be shared, listed in order after a flush', async () => {
    const app = await sharedApp();
    expect(app.journalMode).toBe('writer thread');
    for (let i = 0; i < 120; i++) expect((await ping(app, i)).statusCode).toBe(200);
    await app.flushJournal();
    const got = await app.store.read((uow) => uow.journal.list({ path: '/v1beta/domains/check' }, { limit: 500, offset: 0 }));
    expect(got.total).toBe(120);
    expect(got.results.map((e) => JSON.parse(e.requestBody).domains[0].name)).toEqual(Array.from({ length: 120 }, (_, i) => `journal${119 - i}`));
    expect(got.results[0]).toMatchObject({ face: 'openprovider', method: 'POST', status: 200 });
  });

  it('takes the batches of another HTTP thread’s journal through a port of its own (one writer for all threads)', async () => {
    const app = await sharedApp();
    expect(app.journalConnect).not.toBeNull();
    // a peer as src/app/http-thread.ts builds it: the main app's shared state, and a port into its writer thread
    const peer = await buildApp(app.config, { store: app.store, hasher: scryptHasher({ cost: 1024 }), shared: app.shared, journalPort: app.journalConnect!() });
    expect(peer.journalMode).toBe('writer thread (the main thread’s)');
    for (let i = 0; i < 30; i++) expect((await ping(i % 2 ? peer : app, i)).statusCode).toBe(200);
    await peer.flushJournal();
    await app.flushJournal();
    const got = await app.store.read((uow) => uow.journal.list({ path: '/v1beta/domains/check' }, { limit: 500, offset: 0 }));
    expect(got.results.map((e) => JSON.parse(e.requestBody).domains[0].name)).toEqual(Array.from({ length: 30 }, (_, i) => `journal${29 - i}`));
    // the peer closing (its port with it) leaves the writer serving the main thread
    await peer.close();
    expect((await ping(app, 30)).statusCode).toBe(200);
    await app.flushJournal();
    expect((await app.store.read((uow) => uow.journal.list({ path: '/v1beta/domains/check' }, { limit: 1, offset: 0 }))).results[0]!.requestBody).toContain('journal30');
  });

  it('masks secrets, cuts long bodies and keeps the path without its query, as the in-process journal does', async () => {
    for (const journalThread of [true, false]) {
      const app = await sharedApp({ journalThread });
      expect(app.journalMode).toBe(journalThread ? 'writer thread' : 'in-process');
      const username = `mask${Math.random().toString(36).slice(2, 8)}`;
      await runFlow(app.services, createAccount, { username, password: 'password-1' });
      const login = await app.http.inject({ method: 'POST', url: '/v1beta/auth/login?x=1', payload: { username, password: 'password-1' } });
      const token = login.json().data.token as string;
      const long = 'x'.repeat(20_000);
      await app.http.inject({ method: 'POST', url: '/v1beta/domains/check', headers: { authorization: `Bearer ${token}` }, payload: { domains: [{ name: long, extension: 'com' }] } });
      await app.flushJournal();
      const [entry] = (await app.store.read((uow) => uow.journal.list({ path: '/v1beta/auth/login' }, { limit: 5, offset: 0 }))).results;
      expect(entry.path).toBe('/v1beta/auth/login');
      expect(JSON.parse(entry.requestBody)).toEqual({ username, password: '***' });
      expect(JSON.parse(entry.responseBody).data.token).toBe('***');
      expect(entry.responseBody).not.toContain(token);
      const [check] = (await app.store.read((uow) => uow.journal.list({ path: '/v1beta/domains/check' }, { limit: 5, offset: 0 }))).results;
      expect(check.requestBody.length).toBeLessThanOrEqual(16 * 1024 + 1);
      expect(check.requestBody.startsWith('{"domains":[{"name":"xxx')).toBe(true);
      expect(check.durationMs).toBeGreaterThan(0);
      expect(check.createdAt.getTime()).toBeLessThanOrEqual(app.clock.now().getTime());
    }
  });

  it('writes what is still buffered when the app closes', async () => {
    if (onPostgres) return; // the rows are read back through a second store on the same file
    const dir = mkdtempSync(join(tmpdir(), 'rb-journal-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const app = await buildApp(loadConfig({}, { logLevel: 'silent', dataDir: dir }), { hasher: scryptHasher({ cost: 1024 }), clockPollMs: 0 });
    for (let i = 0; i < 7; i++) await ping(app, i);
    await app.close();
    const store = await openStore({ sqliteFile: join(dir, 'resellbox.sqlite') });
    cleanups.push(() => store.close());
    expect((await store.read((uow) => uow.journal.list({ path: '/v1beta/domains/check' }, { limit: 50, offset: 0 }))).total).toBe(7);
  });

  it('writes of the main thread wait for the writer thread instead of failing while it commits', async () => {
    const app = await sharedApp();
    await ping(app, -1);
    const writes = Array.from({ length: 40 }, (_, i) => runFlow(app.services, createAccount, { username: `busy${i}x${Date.now() % 100000}`, password: 'password-1' }));
    const calls = Array.from({ length: 400 }, (_, i) => ping(app, i));
    const flushes = Array.from({ length: 20 }, () => app.flushJournal());
    const results = await Promise.allSettled([...writes, ...calls, ...flushes]);
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    await app.flushJournal();
    expect((await app.store.read((uow) => uow.journal.list({ path: '/v1beta/domains/check' }, { limit: 1, offset: 0 }))).total).toBe(401);
  });

  it('stays in this thread for an in-memory database, or when JOURNAL_THREAD=off', async () => {
    const store = await testStore();
    const app = await buildApp(loadConfig({}, { logLevel: 'silent' }), { store, hasher: scryptHasher({ cost: 1024 }), clockPollMs: 0 });
    cleanups.push(() => store.drop(), () => app.close());
    expect(app.journalMode).toBe('in-process');
    const off = await sharedApp({ journalThread: false });
    expect(off.journalMode).toBe('in-process');
    expect(loadConfig({ JOURNAL_THREAD: 'off' }).journalThread).toBe(false);
    expect(loadConfig({}).journalThread).toBe(true);
  });
});
