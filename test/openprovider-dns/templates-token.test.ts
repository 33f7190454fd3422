// Openprovider TemplateService and DomainToken through the app (inject), every response validated against the Swagger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { call, expectError } from '../openprovider/client.ts';
import { createZone, recordLines, reseller, type Reseller } from './helpers.ts';

interface TemplateBody { id: number; is_spamexperts_enabled: boolean; name: string; records: { id: number; name: string; prio: number; ttl: number; type: string; value: string }[] }

let app: TestApp;
let r: Reseller;

beforeAll(async () => {
  app = await testApp();
  r = await reseller(app);
});
afterAll(async () => {
  await app.close();
});

const WEB = [
  { name: '', type: 'A', value: '192.0.2.80', ttl: 3600 },
  { name: 'www', type: 'CNAME', value: 'web.example.net', ttl: 3600 },
  { name: '', type: 'MX', value: 'mx.example.net', prio: 10, ttl: 3600 },
  { name: '', type: 'TXT', value: 'v=spf1 mx -all', ttl: 3600 },
];

describe('templates', () => {
  let id = 0;
  beforeAll(async () => {
    const res = await call<{ id: number }>(app, 'POST', '/v1beta/dns/templates', { token: r.token, json: { name: 'web', records: WEB, is_spamexperts_enabled: false } });
    expect(res.status).toBe(200);
    id = res.body.data.id;
    expect(res.text).toBe(`{"code":0,"data":{"id":${id}},"desc":""}`);
  });

  it('returns a template with its records (GetTemplate)', async () => {
    const res = await call<TemplateBody>(app, 'GET', `/v1beta/dns/templates/${id}`, { token: r.token });
    expect(res.body.data).toMatchObject({ id, name: 'web', is_spamexperts_enabled: false });
    expect(res.body.data.records.map((x) => `${x.name} ${x.type} ${x.prio} ${x.value}`)).toEqual(['@ A 0 192.0.2.80', 'www CNAME 0 web.example.net', '@ MX 10 mx.example.net', '@ TXT 0 "v=spf1 mx -all"'].map((s) => s.replace(/^@/, '')));
    expect(res.body.data.records.every((x) => Number.isInteger(x.id) && x.id > 0)).toBe(true);
  });

  it('lists templates with name_pattern, order and with_records', async () => {
    await call(app, 'POST', '/v1beta/dns/templates', { token: r.token, json: { name: 'mail-only', records: [WEB[2]] } });
    const all = await call<{ results: TemplateBody[]; total: number }>(app, 'GET', '/v1beta/dns/templates?order_by=name&order=desc', { token: r.token });
    expect(all.body.data.results.map((t) => t.name)).toEqual(['web', 'mail-only']);
    expect(all.body.data.results.every((t) => t.records.length === 0)).toBe(true);
    const some = await call<{ results: TemplateBody[]; total: number }>(app, 'GET', '/v1beta/dns/templates?name_pattern=mail*&with_records=true', { token: r.token });
    expect(some.body.data.total).toBe(1);
    expect(some.body.data.results[0]!.records.length).toBe(1);
    expectError(await call(app, 'GET', '/v1beta/dns/templates?order_by=size', { token: r.token }), 101, 400);
  });

  it('creates a zone from a template (template_name), adding the request\'s own records', async () => {
    expect((await createZone(app, r, 'from-template.com', [{ name: 'extra', type: 'A', value: '192.0.2.7', ttl: 900 }], { template_name: 'web' })).status).toBe(200);
    expect(await recordLines(app, r, 'from-template.com')).toEqual([
      'extra.from-template.com A 900 0 192.0.2.7', 'from-template.com A 3600 0 192.0.2.80', 'from-template.com MX 3600 10 mx.example.net',
      'from-template.com TXT 3600 0 "v=spf1 mx -all"', 'www.from-template.com CNAME 3600 0 web.example.net',
    ]);
    expectError(await createZone(app, r, 'no-template.com', [], { template_name: 'nope' }), 879, 404);
    expectError(await call(app, 'GET', '/v1beta/dns/zones/no-template.com', { token: r.token }), 871, 404);
  });

  it('refuses a template without a name (101), with a taken name (880) or a bad record (874), creating nothing', async () => {
    const before = (await call<{ total: number }>(app, 'GET', '/v1beta/dns/templates', { token: r.token })).body.data.total;
    expectError(await call(app, 'POST', '/v1beta/dns/templates', { token: r.token, json: { records: WEB } }), 101, 400);
    expectError(await call(app, 'POST', '/v1beta/dns/templates', { token: r.token, json: { name: 'web', records: [] } }), 880, 400);
    expectError(await call(app, 'POST', '/v1beta/dns/templates', { token: r.token, json: { name: 'broken', records: [{ name: 'x', type: 'A', value: 'nope' }] } }), 874, 400);
    expectError(await call(app, 'POST', '/v1beta/dns/templates', { token: r.token, json: { name: 'soa', records: [{ name: '', type: 'SOA', value: 'x' }] } }), 877, 400);
    expect((await call<{ total: number }>(app, 'GET', '/v1beta/dns/templates', { token: r.token })).body.data.total).toBe(before);
  });

  it('answers an unknown or non-numeric template id with 404 code 879', async () => {
    expectError(await call(app, 'GET', '/v1beta/dns/templates/999999', { token: r.token }), 879, 404);
    expectError(await call(app, 'GET', '/v1beta/dns/templates/abc', { token: r.token }), 879, 404);
    expectError(await call(app, 'DELETE', '/v1beta/dns/templates/999999', { token: r.token }), 879, 404);
  });

  it('hides templates from other resellers (get/delete 404, list without them, no zone from them)', async () => {
    const other = await reseller(app);
    expectError(await call(app, 'GET', `/v1beta/dns/templates/${id}`, { token: other.token }), 879, 404);
    expectError(await call(app, 'DELETE', `/v1beta/dns/templates/${id}`, { token: other.token }), 879, 404);
    expect((await call<{ total: number }>(app, 'GET', '/v1beta/dns/templates', { token: other.token })).body.data.total).toBe(0);
    expectError(await createZone(app, other, 'steal-template.com', [], { template_name: 'web' }), 879, 404);
    // the same name is free for the other reseller
    expect((await call(app, 'POST', '/v1beta/dns/templates', { token: other.token, json: { name: 'web' } })).status).toBe(200);
  });

  it('deletes a template (HTTP 200 {"success":true}); zones made from it keep their records', async () => {
    const res = await call(app, 'DELETE', `/v1beta/dns/templates/${id}`, { token: r.token });
    expect(res.text).toBe('{"code":0,"data":{"success":true},"desc":""}');
    expectError(await call(app, 'GET', `/v1beta/dns/templates/${id}`, { token: r.token }), 879, 404);
    expect((await recordLines(app, r, 'from-template.com')).length).toBe(5);
  });
});

describe('domain token', () => {
  it('returns a JWT-shaped token naming the domain, and a url embedding ?token= (seed 000:3137-3159)', async () => {
    const res = await call<{ token: string; url: string }>(app, 'POST', '/v1beta/dns/domain-token', { token: r.token, json: { domain: 'Example.com', zone_provider: 'sectigo' } });
    expect(res.status).toBe(200);
    const { token, url } = res.body.data;
    expect(token).toMatch(/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{43}$/);
    expect(/"token" *: *"([^"]+)"/.exec(res.text)![1]).toBe(token);
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toEqual({ domain: 'example.com', exp: Date.parse('2026-06-02T12:00:00Z') / 1000, iat: Date.parse('2026-06-01T12:00:00Z') / 1000, reseller_id: r.accountId });
    expect(url).toBe(`https://single-domain.example.com?token=${token}`);
    const again = await call<{ token: string }>(app, 'POST', '/v1beta/dns/domain-token', { token: r.token, json: { domain: 'example.com' } });
    expect(again.body.data.token).not.toBe(token);
  });

  it('refuses a missing domain (101) and a domain that is no name (873)', async () => {
    expectError(await call(app, 'POST', '/v1beta/dns/domain-token', { token: r.token, json: {} }), 101, 400);
    expectError(await call(app, 'POST', '/v1beta/dns/domain-token', { token: r.token, json: { domain: 'no spaces.com' } }), 873, 400);
    expectError(await call(app, 'POST', '/v1beta/dns/domain-token', { token: r.token, json: { domain: 42 } }), 101, 400);
  });
});
