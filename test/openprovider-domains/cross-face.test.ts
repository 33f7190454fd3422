// The same domain on both faces: registered through Openprovider, listed and renewed through MrDomain, and the
// renewal seen back through Openprovider (GET /domains/{id} and GET /transactions).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { call } from '../openprovider/client.ts';
import { call as mrd, creds } from '../mrdomain/helpers.ts';
import { createBody, reseller } from './helpers.ts';

let app: TestApp;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

describe('one domain, two faces', () => {
  it('lists an Openprovider registration in MrDomain domain/list, renews it there, and Openprovider sees the new expiry and the debit', async () => {
    const r = await reseller(app);
    const created = await call<{ id: number; expiration_date: string }>(app, 'POST', '/v1beta/domains', { token: r.token, json: createBody(r, 'both-faces', 'com') });
    const id = created.body.data.id;
    const list = await mrd(app, '/domain/list/', { ...creds(r.user), 'output-format': 'json', domain: 'both-faces.com' });
    expect(list.body.success, list.raw).toBe(true);
    expect(JSON.stringify(list.body.responseData)).toContain('both-faces.com');
    const expiry = created.body.data.expiration_date.slice(0, 10);
    const renew = await mrd(app, '/domain/renew/', { ...creds(r.user), 'output-format': 'json', domain: 'both-faces.com', curExpDate: expiry, period: '2' });
    expect(renew.body.success, renew.raw).toBe(true);
    const after = await call<{ expiration_date: string }>(app, 'GET', `/v1beta/domains/${id}`, { token: r.token });
    expect(after.body.data.expiration_date.slice(0, 4)).toBe(String(Number(expiry.slice(0, 4)) + 2));
    const tx = await call<{ results: { action: string; subject: string; price: { reseller: { price: number } } }[] }>(app, 'GET', '/v1beta/transactions?filter_for_subject=both-faces.com', { token: r.token });
    expect(tx.body.data.results.map((t) => [t.action, t.price.reseller.price])).toEqual([['renew', -17.06], ['create', -8.53]]);
  });
});
