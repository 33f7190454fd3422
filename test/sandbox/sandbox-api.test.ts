import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testApp, type TestApp, START } from '../harness/app.ts';
import { runFlow } from '../../src/core/runner.ts';
import { startVerification } from '../../src/core/verifications/flows/start-verification.ts';

describe('sandbox control API', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await testApp();
  });
  afterAll(() => app.close());
  const call = async (method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const r = await app.http.inject({ method, url, payload: payload as object });
    return { status: r.statusCode, body: r.json() };
  };

  it('answers 200 on /_sandbox/health when ready', async () => {
    expect(await call('GET', '/_sandbox/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('reads, advances, sets and freezes the clock', async () => {
    expect((await call('GET', '/_sandbox/clock')).body).toMatchObject({ now: START, frozen: true });
    expect((await call('POST', '/_sandbox/clock', { advance: '5d' })).body.now).toBe('2026-06-06T12:00:00.000Z');
    expect((await call('POST', '/_sandbox/clock', { set: '2027-01-01T00:00:00Z' })).body.now).toBe('2027-01-01T00:00:00.000Z');
    expect(app.clock.now().toISOString()).toBe('2027-01-01T00:00:00.000Z');
    const stored = await app.store.read((uow) => uow.clock.load());
    expect(stored?.frozenAt?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    await call('POST', '/_sandbox/clock', { set: START });
  });

  it('refuses a bad clock change with a 400 and a clear message, changing nothing', async () => {
    for (const body of [{ advance: 'later' }, { set: 'tomorrow' }, { when: 1 }, {}]) {
      const r = await call('POST', '/_sandbox/clock', body);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('sandbox.invalid_clock_change');
    }
    const r = await app.http.inject({ method: 'POST', url: '/_sandbox/clock', headers: { 'content-type': 'application/json' }, payload: '{"advance":' });
    expect(r.statusCode).toBe(400);
    expect(app.clock.now().toISOString()).toBe(START);
  });

  it('lists the outbox newest first, filtered by recipient, and the link in a mail verifies', async () => {
    const a = await app.account();
    await runFlow(app.services, startVerification, { accountId: a.accountId, email: 'one@x.test' });
    await runFlow(app.services, startVerification, { accountId: a.accountId, email: 'two@x.test' });
    const all = (await call('GET', '/_sandbox/outbox')).body;
    expect(all.results[0].to).toBe('two@x.test');
    const one = (await call('GET', '/_sandbox/outbox?to=ONE@x.test')).body;
    expect(one.total).toBe(1);
    const link: string = one.results[0].links[0];
    const path = new URL(link).pathname;
    expect((await call('GET', path)).body).toEqual({ email: 'one@x.test', status: 'verified' });
    expect((await call('GET', '/_sandbox/verify-email/not-a-token')).status).toBe(410);
  });

  it('journals API calls with secrets masked, listed at /_sandbox/requests', async () => {
    await app.http.inject({ method: 'POST', url: '/v1beta/auth/login', payload: { username: 'x', password: 'super-secret-pw' } });
    await app.flushJournal();
    const list = (await call('GET', '/_sandbox/requests?face=openprovider')).body;
    const entry = list.results.find((e: { path: string }) => e.path === '/v1beta/auth/login');
    expect(entry).toBeTruthy();
    expect(JSON.stringify(entry)).not.toContain('super-secret-pw');
    expect(entry.request.password).toBe('***');
    expect(typeof entry.status).toBe('number');
    expect((await call('GET', '/_sandbox/requests')).body.results.every((e: { path: string }) => !e.path.startsWith('/_sandbox'))).toBe(true);
  });

  it('creates accounts and deposits, refusing bad amounts', async () => {
    const created = (await call('POST', '/_sandbox/accounts', { username: 'sbx-user', password: 'password-x', balance: 10 })).body;
    expect(created.id).toBeGreaterThanOrEqual(100001);
    expect((await call('POST', `/_sandbox/accounts/${created.id}/deposit`, { amount: 5.25 })).body.balance).toBe(15.25);
    expect((await call('POST', `/_sandbox/accounts/${created.id}/deposit`, { amount: -1 })).status).toBe(400);
    expect((await call('POST', `/_sandbox/accounts/999/deposit`, { amount: 1 })).status).toBe(404);
    expect((await call('POST', '/_sandbox/accounts', { username: 'sbx-user', password: 'password-x' })).status).toBe(409);
  });
});
