// Approver addresses include the WHOIS contacts of a domain held on this instance (the seeds' list: the generic
// mailboxes and the WHOIS contacts), and an order may be approved by them; WHOIS privacy hides them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { call } from '../openprovider/client.ts';
import { createBody, reseller } from '../openprovider-domains/helpers.ts';
import { makeCsr } from './helpers.ts';

describe('SSL approver addresses from WHOIS', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await testApp();
  });
  afterAll(() => app.close());

  it('lists the owner address of a domain held here, accepts it for an order, and hides it under WHOIS privacy', async () => {
    const r = await reseller(app, 5000);
    expect((await call(app, 'POST', '/v1beta/domains', { token: r.token, json: createBody(r, 'whois-shop', 'com') })).status).toBe(200);
    const list = await call<{ results: string[] }>(app, 'GET', '/v1beta/ssl/approver-emails?domain=www.whois-shop.com', { token: r.token });
    expect(list.body.data.results).toEqual(expect.arrayContaining(['admin@whois-shop.com', 'webmaster@whois-shop.com', r.email]));

    const order = await call<{ id: number }>(app, 'POST', '/v1beta/ssl/orders', {
      token: r.token,
      json: { product_id: 5, period: 1, csr: await makeCsr('whois-shop.com', ['whois-shop.com']), software_id: 'linux', organization_handle: r.handle, approver_email: r.email, start_provision: true },
    });
    expect(order.body.code).toBe(0);
    const mails = (await app.http.inject({ method: 'GET', url: `/_sandbox/outbox?to=${encodeURIComponent(r.email)}` })).json();
    expect(mails.results.some((m: { kind: string; subject: string }) => /ssl|certificate|approv/i.test(`${m.kind} ${m.subject}`))).toBe(true);

    const other = await call<{ results: string[] }>(app, 'GET', '/v1beta/ssl/approver-emails?domain=not-held-here.com', { token: r.token });
    expect(other.body.data.results).toHaveLength(5);

    const id = (await call<{ results: Array<{ id: number }> }>(app, 'GET', '/v1beta/domains?domain_name_pattern=whois-shop', { token: r.token })).body.data.results[0].id;
    expect((await call(app, 'PUT', `/v1beta/domains/${id}`, { token: r.token, json: { is_private_whois_enabled: true } })).status).toBe(200);
    const hidden = await call<{ results: string[] }>(app, 'GET', '/v1beta/ssl/approver-emails?domain=whois-shop.com', { token: r.token });
    expect(hidden.body.data.results).not.toContain(r.email);
  });
});
