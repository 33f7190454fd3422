// The sandbox domain routes through the whole app (inject): completing and failing pending operations on demand,
// and the auth codes of names registered elsewhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { runFlow, runQuery } from '../../src/core/runner.ts';
import { registryOf } from '../../src/core/registry/registry.ts';
import { registerDomain } from '../../src/core/domains/flows/register-domain.ts';
import { transferDomain } from '../../src/core/domains/flows/transfer-domain.ts';
import { getDomain } from '../../src/core/domains/flows/get-domain.ts';

let app: TestApp;
let registry: ReturnType<typeof registryOf>;

const reseller = () => app.reseller(1000);
const balance = (accountId: number) => runQuery(app.services, (ctx) => ctx.uow.ledger.balanceMinor(accountId), {});
const phaseOf = async (accountId: number, id: number) => (await runFlow(app.services, getDomain, { registry, accountId, domain: id })).state.phase;
const post = (url: string, body?: unknown) => app.http.inject({ method: 'POST', url, ...(body === undefined ? {} : { payload: body as object }) });
const codes = async (query = '') => (await app.http.inject({ method: 'GET', url: `/_sandbox/registry/auth-codes${query}` })).json() as { total: number; results: { name: string; unicode: string; registered_elsewhere: boolean; auth_code: string }[] };
const transferIn = (accountId: number, owner: string, name: string, authCode: string) => runFlow(app.services, transferDomain, { registry, accountId, name, authCode, contacts: { owner } });

beforeAll(async () => {
  app = await testApp();
  registry = registryOf(app.services);
});
afterAll(async () => {
  await app.close();
});

describe('POST /_sandbox/domains/{name}/complete and /fail', () => {
  it('completes a pending .es registration at once (REQ → active with an expiry) and then answers 409 domain.invalid_state', async () => {
    const a = await reseller();
    const r = await runFlow(app.services, registerDomain, { registry, accountId: a.accountId, name: 'sandbox-done.es', contacts: { owner: a.owner }, additionalData: { id_number: 'X1234567L' } });
    expect(r.state.phase).toBe('requested');
    const res = await post('/_sandbox/domains/sandbox-done.es/complete');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: r.domain.id, account_id: a.accountId, name: 'sandbox-done.es', phase: 'active', holds_name: true, expires_at: '2027-06-01T12:00:00.000Z', last_operation: { kind: 'register', ok: true } });
    expect(await phaseOf(a.accountId, r.domain.id)).toBe('active');
    const again = await post('/_sandbox/domains/sandbox-done.es/complete');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('domain.invalid_state');
  });

  it('fails a pending transfer in with the given reason, refunds its charge, and accepts the domain id instead of the name', async () => {
    const a = await reseller();
    const [c] = (await codes('?names=linkedin.com')).results;
    const t = await transferIn(a.accountId, a.owner, 'linkedin.com', c.auth_code);
    expect(t.state.phase).toBe('requested');
    const before = await balance(a.accountId);
    const res = await post(`/_sandbox/domains/${t.domain.id}/fail`, { reason: 'Registrant said no' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: t.domain.id, phase: 'failed', last_operation: { kind: 'transfer', ok: false, reason: 'Registrant said no' } });
    expect(await balance(a.accountId)).toBe(before + t.chargedMinor);
    expect(t.chargedMinor).toBeGreaterThan(0);
  });

  it('finds a pending registration by its Unicode name and completes it', async () => {
    const a = await reseller();
    const r = await runFlow(app.services, registerDomain, { registry, accountId: a.accountId, name: 'müller-sandbox.es', contacts: { owner: a.owner }, additionalData: { id_number: 'X1234567L' } });
    expect(r.domain.name).toBe('xn--mller-sandbox-wob.es');
    const res = await post(`/_sandbox/domains/${encodeURIComponent('müller-sandbox.es')}/complete`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: r.domain.id, name: 'xn--mller-sandbox-wob.es', unicode: 'müller-sandbox.es', phase: 'active', holds_name: true });
  });

  it('asks which account when two have a pending transfer of the same name (400 request.invalid, nothing written), and obeys ?account=', async () => {
    const a = await reseller();
    const b = await reseller();
    const [c] = (await codes('?names=taken-twice.org')).results;
    const ta = await transferIn(a.accountId, a.owner, c.name, c.auth_code);
    const tb = await transferIn(b.accountId, b.owner, c.name, c.auth_code);
    const res = await post('/_sandbox/domains/taken-twice.org/complete');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'request.invalid', field: 'account', reason: 'ambiguous' });
    expect(await phaseOf(a.accountId, ta.domain.id)).toBe('requested');
    expect(await phaseOf(b.accountId, tb.domain.id)).toBe('requested');
    const ok = await post(`/_sandbox/domains/taken-twice.org/fail?account=${b.accountId}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id: tb.domain.id, phase: 'failed' });
    expect(await phaseOf(a.accountId, ta.domain.id)).toBe('requested');
  });

  it('answers 404 domain.not_found for an unknown name or id, 400 for a malformed name, unsupported TLD or non-string reason', async () => {
    const unknown = await post('/_sandbox/domains/never-registered-here.com/complete');
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'domain.not_found']);
    const noId = await post('/_sandbox/domains/99999999/fail');
    expect([noId.statusCode, noId.json().error.code]).toEqual([404, 'domain.not_found']);
    const bad = await post('/_sandbox/domains/bad_name!.com/complete');
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'domain.name_invalid']);
    const tld = await post('/_sandbox/domains/name.notatld/complete');
    expect([tld.statusCode, tld.json().error.code]).toEqual([400, 'domain.tld_not_supported']);
    const reason = await post('/_sandbox/domains/never-registered-here.com/fail', { reason: 42 });
    expect([reason.statusCode, reason.json().error.code]).toEqual([400, 'request.invalid']);
  });
});

describe('GET /_sandbox/registry/auth-codes', () => {
  it('lists the well-known names under the default TLDs with auth codes a transfer in accepts', async () => {
    const body = await codes();
    expect(body.total).toBe(body.results.length);
    const google = body.results.find((r) => r.name === 'google.com');
    expect(google).toMatchObject({ unicode: 'google.com', registered_elsewhere: true });
    expect(google!.auth_code).toMatch(/^[\w-]{4}-[\w-]{4}-[\w-]{4}$/);
    expect(body.results.map((r) => r.name)).toEqual(expect.arrayContaining(['amazon.net', 'wikipedia.org', 'github.eu', 'paypal.es']));
    const a = await reseller();
    const t = await transferIn(a.accountId, a.owner, 'facebook.org', body.results.find((r) => r.name === 'facebook.org')!.auth_code);
    expect(t.state.phase).toBe('requested');
  });

  it('answers for the names asked (empty code when not registered elsewhere) and the TLDs asked', async () => {
    const body = await codes('?names=brand-new-name-7.com,taken-thing.io&names=microsoft.be');
    expect(body.results).toEqual([
      { name: 'brand-new-name-7.com', unicode: 'brand-new-name-7.com', registered_elsewhere: false, auth_code: '' },
      { name: 'taken-thing.io', unicode: 'taken-thing.io', registered_elsewhere: true, auth_code: registry.elsewhereAuthCode('taken-thing.io') },
      { name: 'microsoft.be', unicode: 'microsoft.be', registered_elsewhere: true, auth_code: registry.elsewhereAuthCode('microsoft.be') },
    ]);
    const nl = await codes('?tlds=nl');
    expect(nl.results.every((r) => r.name.endsWith('.nl'))).toBe(true);
    expect(nl.results.length).toBeGreaterThanOrEqual(20);
  });

  it('no longer reports a name as registered elsewhere once it was transferred in here', async () => {
    const a = await reseller();
    const [c] = (await codes('?names=netflix.eu')).results;
    await transferIn(a.accountId, a.owner, c.name, c.auth_code);
    expect((await post('/_sandbox/domains/netflix.eu/complete')).statusCode).toBe(200);
    expect((await codes('?names=netflix.eu')).results[0]).toMatchObject({ registered_elsewhere: false, auth_code: '' });
  });

  it('refuses an unsupported TLD or a malformed name with 400 and the domain code', async () => {
    const tld = await app.http.inject({ method: 'GET', url: '/_sandbox/registry/auth-codes?tlds=notatld' });
    expect([tld.statusCode, tld.json().error.code]).toEqual([400, 'domain.tld_not_supported']);
    const name = await app.http.inject({ method: 'GET', url: '/_sandbox/registry/auth-codes?names=no%20spaces.com' });
    expect([name.statusCode, name.json().error.code]).toEqual([400, 'domain.name_invalid']);
  });
});
