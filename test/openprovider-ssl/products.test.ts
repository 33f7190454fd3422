// SSL products and approver emails through the Openprovider face (seed 000:1574-1970, 000:9901-9947, 000:11020-11156).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../harness/app.ts';
import { call, expectError } from '../openprovider/client.ts';
import { reseller, sslApp, type Reseller } from './helpers.ts';

type Product = Record<string, unknown> & { id: number; name: string; prices: Array<{ period: number; price: { product: { currency: string; price: number }; reseller: { currency: string; price: number } } }>; supported_software: unknown[]; description: string };
type List = { results: Product[]; total: number };

let app: TestApp;
let r: Reseller;

beforeAll(async () => {
  ({ app } = await sslApp());
  r = await reseller(app);
});
afterAll(async () => app.close());

describe('GET /v1beta/ssl/products', () => {
  it('lists the catalogue with the seed products 5 (RapidSSL), 24 (EV SSL) and 33 (EVSSL multi-domain, 3 included, 210 max)', async () => {
    const res = await call<List>(app, 'GET', '/v1beta/ssl/products', { token: r.token });
    expect(res.status).toBe(200);
    const byId = new Map(res.body.data.results.map((p) => [p.id, p]));
    expect(res.body.data.total).toBe(res.body.data.results.length);
    expect(byId.get(5)).toMatchObject({ brand_name: 'RapidSSL', category: 'domain_validation', validation_method: 'domain', included_domains_count: 1, max_period: 2 });
    expect(byId.get(24)).toMatchObject({ name: 'EV SSL', brand_name: 'Comodo', category: 'extended_validation', validation_method: 'extended', is_extended_validation_supported: true });
    expect(byId.get(33)).toMatchObject({ name: 'EVSSL multi-domain', category: 'multi_domain', sub_category: 'extended_validation', included_domains_count: 3, max_domains: 210 });
    expect(byId.get(6)).toMatchObject({ category: 'wildcard', included_domains_count: -1, is_wildcard_supported: true });
  });

  it('shows prices only with with_price, but the warranty always (000:1589)', async () => {
    const plain = await call<List>(app, 'GET', '/v1beta/ssl/products', { token: r.token });
    const p5 = plain.body.data.results.find((p) => p.id === 5)!;
    expect(p5.prices).toEqual([]);
    expect(p5.warranty).toEqual({ product: { currency: 'USD', price: 10800 }, reseller: { currency: 'EUR', price: 10000 } });
    const priced = await call<List>(app, 'GET', '/v1beta/ssl/products?with_price=true&with_supported_software=1&with_description=true', { token: r.token });
    const q5 = priced.body.data.results.find((p) => p.id === 5)!;
    expect(q5.prices.map((x) => [x.period, x.price.reseller])).toEqual([[1, { currency: 'EUR', price: 7.53 }], [2, { currency: 'EUR', price: 13.55 }]]);
    expect(q5.supported_software).toEqual([{ id: 'linux', title: 'Linux' }, { id: 'windows', title: 'Windows' }]);
    expect(q5.description.length).toBeGreaterThan(0);
  });

  it('pages with limit/offset and sorts with order_by.<field>', async () => {
    const all = (await call<List>(app, 'GET', '/v1beta/ssl/products?order_by.name=asc', { token: r.token })).body.data;
    const names = all.results.map((p) => p.name);
    expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    const page = (await call<List>(app, 'GET', '/v1beta/ssl/products?order_by.name=asc&limit=2&offset=1', { token: r.token })).body.data;
    expect(page.results.map((p) => p.name)).toEqual(names.slice(1, 3));
    expect(page.total).toBe(all.total);
    const desc = (await call<List>(app, 'GET', '/v1beta/ssl/products?order_by.name=desc', { token: r.token })).body.data;
    expect(desc.results.map((p) => p.name)).toEqual([...names].reverse());
  });

  it('reads the parameters the seed\'s example sends as a JSON body on GET (000:1599-1609)', async () => {
    const res = await call<List>(app, 'GET', '/v1beta/ssl/products', { token: r.token, json: { limit: '2', offset: '1', with_price: 'true', with_supported_software: 'true', with_description: 'true' } });
    expect(res.body.data.results).toHaveLength(2);
    expect(res.body.data.results[0].prices.length).toBeGreaterThan(0);
    expect(res.body.data.results[0].supported_software.length).toBe(2);
    const all = await call<List>(app, 'GET', '/v1beta/ssl/products', { token: r.token });
    expect(res.body.data.results.map((p) => p.id)).toEqual(all.body.data.results.slice(1, 3).map((p) => p.id));
  });

  it('refuses an unknown sort field with code 101 and HTTP 400', async () => {
    expectError(await call(app, 'GET', '/v1beta/ssl/products?order_by.colour=asc', { token: r.token }), 101, 400);
  });

  it('gets one product with its prices', async () => {
    const res = await call<Product>(app, 'GET', '/v1beta/ssl/products/33', { token: r.token });
    expect(res.body.data).toMatchObject({ id: 33, name: 'EVSSL multi-domain' });
    expect(res.body.data.prices.length).toBe(2);
  });

  it('answers an unknown product with code 901 and HTTP 404', async () => {
    expectError(await call(app, 'GET', '/v1beta/ssl/products/9999', { token: r.token }), 901, 404);
    expectError(await call(app, 'GET', '/v1beta/ssl/products/abc', { token: r.token }), 901, 404);
  });

  it('refuses a call without a token with code 196 and HTTP 401', async () => {
    expectError(await call(app, 'GET', '/v1beta/ssl/products'), 196, 401);
  });
});

describe('GET /v1beta/ssl/approver-emails', () => {
  it('returns the five generic mailboxes of the domain as {results: [...]} (000:1916, inventory C1)', async () => {
    const res = await call<{ results: string[] }>(app, 'GET', '/v1beta/ssl/approver-emails?domain=shop.example.com&product_id=5', { token: r.token });
    expect(res.body.data.results.slice(0, 5)).toEqual(['admin@example.com', 'administrator@example.com', 'hostmaster@example.com', 'postmaster@example.com', 'webmaster@example.com']);
    expect(res.body.data.results).toContain('admin@shop.example.com');
  });

  it('refuses a missing domain with code 101 and an unknown product with code 901', async () => {
    expectError(await call(app, 'GET', '/v1beta/ssl/approver-emails', { token: r.token }), 101, 400);
    expectError(await call(app, 'GET', '/v1beta/ssl/approver-emails?domain=example.com&product_id=9999', { token: r.token }), 901, 404);
    expectError(await call(app, 'GET', '/v1beta/ssl/approver-emails?domain=not a domain', { token: r.token }), 101, 400);
  });
});
