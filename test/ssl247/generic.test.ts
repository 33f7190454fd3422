// SSL247 generic lookups (E38–E43): authenticated, real data, `Data` an id → label object.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { call, data, error, reseller, type Reseller } from './helpers.ts';

const ROUTES = ['get-country-list', 'get-user-titles', 'get-us-state-list', 'get-internal-product-list', 'get-external-product-list', 'get-websites-list'];

describe('SSL247 generic lookups', () => {
  let app: TestApp;
  let a: Reseller;
  beforeAll(async () => {
    app = await testApp();
    a = await reseller(app);
  });
  afterAll(() => app?.close());

  it('every lookup answers the success envelope with Data an object of string → non-empty string', async () => {
    for (const r of ROUTES) {
      const d = data(await call(app, `/generic/${r}`, a.creds));
      expect(typeof d === 'object' && d !== null && !Array.isArray(d), r).toBe(true);
      expect(Object.keys(d).length, r).toBeGreaterThan(0);
      for (const [k, v] of Object.entries(d)) expect([typeof k, typeof v, (v as string).length > 0], `${r} ${k}`).toEqual(['string', 'string', true]);
    }
  });

  it('every lookup requires credentials (401 without them)', async () => {
    for (const r of ROUTES) error(await call(app, `/generic/${r}`, {}), 401);
  });

  it('get-country-list: the full ISO 3166-1 alpha-2 list, 249 codes', async () => {
    const d = data(await call(app, '/generic/get-country-list', a.creds));
    expect(Object.keys(d)).toHaveLength(249);
    for (const k of Object.keys(d)) expect(k).toMatch(/^[A-Z]{2}$/);
    expect([d.GB, d.US, d.DE, d.NL, d.ES, d.FR, d.AX, d.SS]).toEqual(['United Kingdom of Great Britain and Northern Ireland', 'United States of America', 'Germany', 'Netherlands, Kingdom of the', 'Spain', 'France', 'Åland Islands', 'South Sudan']);
    expect(d.UK).toBeUndefined();
  });

  it('get-country-list: every code in it is accepted as a contact profile country, and only those', async () => {
    const d = data(await call(app, '/generic/get-country-list', a.creds));
    const r = await call(app, '/account/contact-profile/add', { ...a.creds, firstname: 'A', lastname: 'B', email: 'ab@example.test', phone: '+358.401234567', country: 'AX' });
    expect(r.status).toBe(200);
    expect(Object.keys(d)).toContain('AX');
    error(await call(app, '/account/contact-profile/add', { ...a.creds, firstname: 'A', lastname: 'B', email: 'ab@example.test', phone: '+44.2071234567', country: 'UK' }), 400);
  });

  it('get-us-state-list: the 50 states, DC and the territories by USPS code', async () => {
    const d = data(await call(app, '/generic/get-us-state-list', a.creds));
    expect(Object.keys(d)).toHaveLength(57);
    expect([d.CA, d.NY, d.TX, d.DC, d.PR, d.WY]).toEqual(['California', 'New York', 'Texas', 'District of Columbia', 'Puerto Rico', 'Wyoming']);
  });

  it('get-user-titles, get-websites-list and the product lists answer their data', async () => {
    expect(data(await call(app, '/generic/get-user-titles', a.creds))).toMatchObject({ Mr: 'Mr', Mrs: 'Mrs', Ms: 'Ms', Dr: 'Dr' });
    expect(Object.values(data(await call(app, '/generic/get-websites-list', a.creds)))).toContain('ssl247.co.uk');
    const internal = data(await call(app, '/generic/get-internal-product-list', a.creds));
    const external = data(await call(app, '/generic/get-external-product-list', a.creds));
    for (const k of [...Object.keys(internal), ...Object.keys(external)]) expect(k).toMatch(/^\d+$/);
    expect(Object.keys(internal).filter((k) => k in external)).toEqual([]);
  });
});
