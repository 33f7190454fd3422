// GET /v1beta/domains on the wire: the route hands its JSON text to the socket as UTF-8 bytes (routes/domains.ts
// asUtf8), so the bytes, headers and the journal's copy must be what a plain JSON reply gives: compact JSON,
// `application/json; charset=utf-8`, a Content-Length in bytes, letters beyond ASCII intact, and the journal keeping
// the text (not "<N bytes>").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { call } from '../openprovider/client.ts';
import { expectOpenproviderContract } from '../contract/openprovider.ts';
import { createBody, reseller, type Reseller } from './helpers.ts';

let app: TestApp;
let r: Reseller;
beforeAll(async () => {
  app = await testApp();
  r = await reseller(app, 1000, { name: { first_name: 'José', last_name: 'Müller', initials: 'J.', prefix: '' }, company_name: 'Ñandú Straße BV' });
  for (const [name, ext] of [['wire-one', 'com'], ['wire-two', 'nl']]) {
    const res = await call(app, 'POST', '/v1beta/domains', { token: r.token, json: createBody(r, name, ext) });
    expect(res.status, res.text).toBe(200);
  }
});
afterAll(async () => {
  await app.close();
});

describe('GET /v1beta/domains bytes', () => {
  it('answers compact UTF-8 JSON with its byte length, the owner named beyond ASCII, and the journal keeps the text', async () => {
    const res = await app.http.inject({ method: 'GET', url: '/v1beta/domains?order_by.domain_name=asc', headers: { authorization: `Bearer ${r.token}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
    expect(res.rawPayload.equals(Buffer.from(res.body, 'utf8'))).toBe(true);
    const body = JSON.parse(res.body) as { code: number; data: { results: { owner: { full_name: string; company_name: string }; domain: { name: string } }[]; total: number }; desc: string };
    expectOpenproviderContract('GET', '/v1beta/domains', res.statusCode, body);
    // the text JSON.stringify gives for what it says: nothing re-encoded, no whitespace
    expect(res.body).toBe(JSON.stringify(body));
    expect(body.data.total).toBe(2);
    expect(body.data.results.map((d) => d.domain.name)).toEqual(['wire-one', 'wire-two']);
    expect(body.data.results[0].owner).toEqual({ company_name: 'Ñandú Straße BV', full_name: 'José Müller' });

    await app.flushJournal();
    const journal = await app.http.inject({ method: 'GET', url: '/_sandbox/requests?face=openprovider&path=/v1beta/domains' });
    const entries = (journal.json() as { results: { method: string; path: string; response: unknown }[] }).results.filter((e) => e.method === 'GET' && e.path === '/v1beta/domains');
    expect(entries.length).toBeGreaterThan(0);
    expect(entries[0].response).toEqual(body);
  });

  it('answers an error of the list (a bad filter) as JSON too', async () => {
    const res = await app.http.inject({ method: 'GET', url: '/v1beta/domains?status=NOPE', headers: { authorization: `Bearer ${r.token}` } });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
    expect((JSON.parse(res.body) as { code: number }).code).not.toBe(0);
  });
});
