// account/zones, account/promos, tool/idnconverter, tool/domainsuggests, tool/gettable: seed fields, JSON and XML.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { ENCODINGS, call, contactParams, creds } from '../mrdomain/helpers.ts';
import { expectShape, xmlOf, QUERY_INFO_SHAPE } from '../mrdomain/shape.ts';

let app: TestApp;
let acct: Awaited<ReturnType<TestApp['account']>>;

beforeAll(async () => {
  app = await testApp();
  acct = await app.account();
});
afterAll(async () => app.close());

describe('account/zones and account/promos', () => {
  it('zones: 100 per page by default, blocks with a float price and a comma string of years', async () => {
    const r = await call(app, '/account/zones', { ...creds(acct) });
    expectShape(r.body.responseData.queryInfo, QUERY_INFO_SHAPE);
    expect(r.body.responseData.queryInfo).toMatchObject({ page: 1, pageLength: 100, results: 100 });
    expect(r.body.responseData.queryInfo.total).toBeGreaterThan(1000);
    const com = await call(app, '/account/zones/', { ...creds(acct), tld: 'com' });
    expect(com.body.responseData.zones).toHaveLength(1);
    expectShape(com.body.responseData.zones[0], { tld: 'string', tldtop: 'string', authcodereq: 'boolean', create: 'object', renew: 'object', transfer: 'object' });
    expect(com.body.responseData.zones[0].create).toEqual({ price: 8.53, years: '1,2,3,4,5,6,7,8,9,10' });
    expect(com.raw).toContain('"price":8.53');
  });

  it('zones: requirements only where the TLD has some', async () => {
    const cat = await call(app, '/account/zones/', { ...creds(acct), tld: 'cat' });
    expect(cat.body.responseData.zones[0].requirements).toBe('domainIntendedUse');
    const free = await call(app, '/account/zones/', { ...creds(acct), tld: 'com' });
    expect('requirements' in free.body.responseData.zones[0]).toBe(false);
  });

  it('promos: responseData is a top-level array', async () => {
    const r = await call(app, '/account/promos', { ...creds(acct) });
    expect(r.body).toMatchObject({ success: true, action: 'account/promos', responseData: [] });
    expect(r.raw).toContain('"responseData":[]');
  });
});

describe('tool/idnconverter, domainsuggests, gettable', () => {
  it('idnconverter gives the seed example for españa.com', async () => {
    const r = await call(app, '/tool/idnconverter/', { ...creds(acct), query: 'españa.com' });
    expect(r.body.responseData).toEqual({ query: 'españa.com', unicode: 'españa.com', punycode: 'xn--espaa-rta.com' });
    const back = await call(app, '/tool/idnconverter/', { ...creds(acct), query: 'xn--espaa-rta.com' });
    expect(back.body.responseData.unicode).toBe('españa.com');
    expect((await call(app, '/tool/idnconverter/', { ...creds(acct) })).body.errorCode).toBe(101);
  });

  it('domainsuggests answers {word: {tld: bool}} with the registry availability', async () => {
    const owner = (await call(app, '/contact/create/', { ...creds(acct), ...contactParams() })).body.responseData.contactID;
    await call(app, '/domain/create/', { ...creds(acct), domain: 'coches.com', ownerContactID: owner });
    const r = await call(app, '/tool/domainsuggests/', { ...creds(acct), query: 'coches', tlds: 'com,net' });
    expect(r.body.responseData.query).toBe('coches');
    expect(r.body.responseData.suggests.coches).toEqual({ com: false, net: true });
    expect(Object.keys(r.body.responseData.suggests).length).toBeGreaterThan(2);
    expect((await call(app, '/tool/domainsuggests/', { ...creds(acct), query: 'coches', language: 'xx' })).body.errorCode).toBe(105);
    expect((await call(app, '/tool/domainsuggests/', { ...creds(acct), query: 'coches', tlds: 'notatld' })).body.errorCode).toBe(105);
  });

  it('gettable countries and es_juridic as the seed shows them; an unknown table is 105', async () => {
    const c = await call(app, '/tool/gettable/', { ...creds(acct), tableType: 'countries' });
    expect(c.body.responseData.items.slice(0, 3)).toEqual([{ code: 'AD', name: 'Andorra' }, { code: 'AE', name: 'United Arab Emirates' }, { code: 'AF', name: 'Afghanistan' }]);
    expect(c.body.responseData.items.find((i: { code: string }) => i.code === 'ES').name).toBe('Spain');
    const j = await call(app, '/tool/gettable/', { ...creds(acct), tableType: 'es_juridic' });
    expect(j.body.responseData.items).toContainEqual({ code: '39', name: 'Agrupación de Interés Económico' });
    expect(j.body.responseData.items).toContainEqual({ code: '612', name: 'Sociedad de Responsabilidad Limitada' });
    expect((await call(app, '/tool/gettable/', { ...creds(acct), tableType: 'nope' })).body.errorCode).toBe(105);
  });

  for (const encoding of ENCODINGS) {
    it(`answers the same data in XML as in JSON (${encoding})`, async () => {
      for (const [path, p] of [
        ['/account/zones/', { tld: 'es' }],
        ['/account/promos/', {}],
        ['/tool/idnconverter/', { query: 'españa.com' }],
        ['/tool/domainsuggests/', { query: 'ejemplo' }],
        ['/tool/gettable/', { tableType: 'es_juridic' }],
      ] as const) {
        const json = await call(app, path, { ...creds(acct), ...p }, { encoding });
        const xml = await call(app, path, { ...creds(acct), ...p, 'output-format': 'xml' }, { encoding });
        expect(json.body.success, path).toBe(true);
        expect(xml.body.responseData, path).toEqual(xmlOf(json.body.responseData));
      }
    });
  }
});
