// Email verification through the Openprovider face, end to end: start → mail in the outbox → follow the link →
// the list and the customer show it verified.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { CUSTOMER, call, expectError, login } from './client.ts';

type Verification = { description: string; domain: string; email: string; expiration_date: string; handle: string; is_suspended: boolean; status: string };
type List = { results: Verification[]; total: number };

let app: TestApp;
let token: string;

beforeAll(async () => {
  app = await testApp();
  token = await login(app, await app.account());
});
afterAll(async () => app.close());

async function outboxFor(email: string): Promise<Array<{ links: string[]; subject: string }>> {
  const res = await app.http.inject({ method: 'GET', url: `/_sandbox/outbox?to=${encodeURIComponent(email)}` });
  return (res.json() as { results: Array<{ links: string[]; subject: string }> }).results;
}

describe('email verification', () => {
  it('start → the outbox has the mail → GET the link → the list says verified and the customer ACT', async () => {
    const email = 'verify.me@example.com';
    const { body } = await call<{ handle: string }>(app, 'POST', '/v1beta/customers', { token, json: { ...CUSTOMER, email } });
    const handle = body.data.handle;
    expect((await call<{ email_verification_status: string }>(app, 'GET', `/v1beta/customers/${handle}`, { token })).body.data.email_verification_status).toBe('');

    const started = await call<{ id: number }>(app, 'POST', '/v1beta/customers/verifications/emails/start', { token, json: { email, handle, language: 'en', tag: '' } });
    expect(started.status).toBe(200);
    expect(started.body.data.id).toBeGreaterThan(0);
    expect((await call<{ email_verification_status: string }>(app, 'GET', `/v1beta/customers/${handle}`, { token })).body.data.email_verification_status).toBe('REQ');

    const list = await call<List>(app, 'GET', `/v1beta/customers/verifications/emails/domains?email=${encodeURIComponent(email)}`, { token });
    expect(list.body.data.total).toBe(1);
    expect(list.body.data.results[0]).toMatchObject({ email, handle, status: 'in progress', is_suspended: false, domain: '', expiration_date: '2026-06-16 12:00:00' });

    const mails = await outboxFor(email);
    expect(mails).toHaveLength(1);
    const link = mails[0].links[0];
    const path = new URL(link).pathname;
    const followed = await app.http.inject({ method: 'GET', url: path });
    expect(followed.statusCode).toBe(200);

    const after = await call<List>(app, 'GET', `/v1beta/customers/verifications/emails/domains?handle=${handle}`, { token });
    expect(after.body.data.results[0].status).toBe('verified');
    expect((await call<List>(app, 'GET', '/v1beta/customers/verifications/emails/domains?status=verified', { token })).body.data.total).toBe(1);
    expect((await call<List>(app, 'GET', '/v1beta/customers/verifications/emails/domains?status=in%20progress', { token })).body.data.total).toBe(0);
    expect((await call<{ email_verification_status: string }>(app, 'GET', `/v1beta/customers/${handle}`, { token })).body.data.email_verification_status).toBe('ACT');
  });

  it('answers a second start while one is in progress with code 20001 and the running id as data', async () => {
    const email = 'twice@example.com';
    const first = await call<{ id: number }>(app, 'POST', '/v1beta/customers/verifications/emails/start', { token, json: { email } });
    const again = await call(app, 'POST', '/v1beta/customers/verifications/emails/start', { token, json: { email } });
    expectError(again, 20001, 400);
    expect(again.body.desc).toBe('Verification email in progress');
    expect(again.body.data).toBe(String(first.body.data.id));
    expect(await outboxFor(email)).toHaveLength(1);
  });

  it('restart sends a fresh mail with a new link', async () => {
    const email = 'restart@example.com';
    await call(app, 'POST', '/v1beta/customers/verifications/emails/start', { token, json: { email } });
    const res = await call(app, 'POST', '/v1beta/customers/verifications/emails/restart', { token, json: { email, language: 'en' } });
    expect(res.text).toBe('{"code":0,"data":{"success":true},"desc":""}');
    const mails = await outboxFor(email);
    expect(mails).toHaveLength(2);
    expect(mails[0].links[0]).not.toBe(mails[1].links[0]);
  });

  it('restart for an address never started is code 841, HTTP 404', async () => {
    expectError(await call(app, 'POST', '/v1beta/customers/verifications/emails/restart', { token, json: { email: 'never@example.com' } }), 841, 404);
  });

  it('start for an unknown handle is code 821, HTTP 404, and sends nothing', async () => {
    expectError(await call(app, 'POST', '/v1beta/customers/verifications/emails/start', { token, json: { email: 'h@example.com', handle: 'ZZ999999-ZZ' } }), 821, 404);
    expect(await outboxFor('h@example.com')).toHaveLength(0);
  });

  const bad: Array<[string, string, unknown, number]> = [
    ['start', 'a missing email', { handle: '' }, 101],
    ['start', 'an email that is not one', { email: 'nope' }, 101],
    ['start', 'an email that is a number', { email: 12 }, 101],
    ['start', 'an unknown field', { email: 'u@example.com', urgency: 'high' }, 101],
    ['restart', 'a missing email', {}, 101],
    ['restart', 'an unknown field', { email: 'u@example.com', handle: 'x' }, 101],
  ];
  for (const [op, what, json, code] of bad) {
    it(`${op} refuses ${what} with code ${code} and HTTP 400, sending nothing`, async () => {
      const before = await call<List>(app, 'GET', '/v1beta/customers/verifications/emails/domains', { token });
      expectError(await call(app, 'POST', `/v1beta/customers/verifications/emails/${op}`, { token, json }), code, 400);
      expect((await call<List>(app, 'GET', '/v1beta/customers/verifications/emails/domains', { token })).body.data.total).toBe(before.body.data.total);
      expect(await outboxFor('u@example.com')).toHaveLength(0);
    });
  }

  it('refuses malformed JSON with code 100 and an unknown status filter with code 101', async () => {
    expectError(await call(app, 'POST', '/v1beta/customers/verifications/emails/start', { token, body: '{"email"', headers: { 'content-type': 'application/json' } }), 100, 400);
    expectError(await call(app, 'GET', '/v1beta/customers/verifications/emails/domains?status=sleeping', { token }), 101, 400);
  });

  it('shows an unfollowed link as expired after 15 days', async () => {
    const local = await testApp();
    try {
      const w = await local.account();
      const t = await login(local, w);
      await call(local, 'POST', '/v1beta/customers/verifications/emails/start', { token: t, json: { email: 'slow@example.com' } });
      await local.advance('16d');
      const list = await call<List>(local, 'GET', '/v1beta/customers/verifications/emails/domains', { token: await login(local, w) });
      expect(list.body.data.results.map((v) => v.status)).toEqual(['expired']);
      // an expired verification can be started again
      expect((await call(local, 'POST', '/v1beta/customers/verifications/emails/start', { token: await login(local, w), json: { email: 'slow@example.com' } })).status).toBe(200);
    } finally {
      await local.close();
    }
  });
});
