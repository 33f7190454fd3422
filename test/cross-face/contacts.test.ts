// One contact, three vendor faces: a contact created through any one API is read back, and changed, through the
// other two. Every Openprovider response is validated against the Swagger by the client.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { call as op, login, CUSTOMER } from '../openprovider/client.ts';
import { call as md, creds, contactParams } from '../mrdomain/helpers.ts';
import { call as ssl } from '../ssl247/helpers.ts';

type Acct = Awaited<ReturnType<TestApp['account']>>;

describe('a contact is one object across Openprovider, MrDomain and SSL247', () => {
  let app: TestApp;
  let a: Acct;
  let token: string;
  const sslCreds = () => ({ u: a.email, p: a.password, k: a.apiKey });

  beforeAll(async () => {
    app = await testApp();
    a = await app.account();
    token = await login(app, a);
  });
  afterAll(() => app.close());

  it('created as an Openprovider customer, it is a MrDomain contact and an SSL247 contact profile', async () => {
    const created = await op<{ handle: string }>(app, 'POST', '/v1beta/customers', { token, json: { ...CUSTOMER, email: 'from-op@example.test' } });
    expect(created.status).toBe(200);
    const { handle } = created.body.data;
    const got = await op<{ id: number }>(app, 'GET', `/v1beta/customers/${handle}`, { token });

    const info = await md(app, '/contact/getinfo/', { ...creds(a), contactID: handle, 'output-format': 'json' });
    expect(info.body).toMatchObject({ success: true, responseData: { firstName: 'John', lastName: 'Doe', email: 'from-op@example.test', country: 'NL', phone: '+31.201234567' } });

    const profile = await ssl(app, `/account/contact-profile/${got.body.data.id}`, sslCreds());
    expect(profile.status).toBe(200);
    expect(profile.json.Data.ContactProfile).toMatchObject({ firstname: 'John', lastname: 'Doe', email: 'from-op@example.test', country: 'NL', city: 'Amsterdam', phone: '+31.201234567' });
  });

  it('created as a MrDomain contact, it is an Openprovider customer and an SSL247 contact profile', async () => {
    const created = await md(app, '/contact/create/', { ...creds(a), ...contactParams({ Email: 'from-md@example.test' }), 'output-format': 'json' });
    expect(created.body.success).toBe(true);
    const contactID: string = created.body.responseData.contactID;

    const list = await op<{ results: Array<{ handle: string; id: number; email: string }> }>(app, 'GET', '/v1beta/customers?email_pattern=from-md@example.test', { token });
    expect(list.body.data.results).toHaveLength(1);
    const { handle, id } = list.body.data.results[0];
    const got = await op<{ name: { first_name: string; last_name: string }; address: { city: string; country: string } }>(app, 'GET', `/v1beta/customers/${handle}`, { token });
    expect(got.body.data).toMatchObject({ name: { first_name: 'Will', last_name: 'Ford' }, address: { city: 'Gotham City', country: 'US' } });

    const profile = await ssl(app, `/account/contact-profile/${id}`, sslCreds());
    expect(profile.json.Data.ContactProfile).toMatchObject({ firstname: 'Will', lastname: 'Ford', email: 'from-md@example.test', city: 'Gotham City', country: 'US' });
    // and MrDomain finds it again by the Openprovider handle as well as its own id
    for (const key of [contactID, handle]) expect((await md(app, '/contact/getinfo/', { ...creds(a), contactID: key })).body.responseData.contactID).toBe(contactID);
  });

  it('created as an SSL247 contact profile, it is an Openprovider customer and a MrDomain contact; a change through one shows in the others', async () => {
    const body = { title: 'Ms', firstname: 'Jane', lastname: 'Smith', email: 'from-ssl@example.test', phone: '+44.2071234567', address_1: '1 High Street', city: 'London', state: 'Greater London', postcode: 'EC1A 1BB', country: 'GB', admin: true, tech: false, billing: false };
    const added = await ssl(app, '/account/contact-profile/add', { ...sslCreds(), ...body });
    expect(added.status).toBe(200);
    const id = added.json.Data.contact_id;

    const got = await op<{ handle: string; email: string; name: { first_name: string } }>(app, 'GET', `/v1beta/customers/${id}`, { token });
    expect(got.status).toBe(200);
    expect(got.body.data).toMatchObject({ email: 'from-ssl@example.test', name: { first_name: 'Jane' } });
    const handle = got.body.data.handle;
    expect(handle).toMatch(/^JS\d{6}-GB$/);

    const info = await md(app, '/contact/getinfo/', { ...creds(a), contactID: handle });
    expect(info.body.responseData).toMatchObject({ firstName: 'Jane', lastName: 'Smith', city: 'London', country: 'GB' });

    // change the city through Openprovider; MrDomain and SSL247 see it
    expect((await op(app, 'PUT', `/v1beta/customers/${handle}`, { token, json: { address: { ...CUSTOMER.address, city: 'Leeds', country: 'GB' } } })).status).toBe(200);
    expect((await md(app, '/contact/getinfo/', { ...creds(a), contactID: handle })).body.responseData.city).toBe('Leeds');
    expect((await ssl(app, `/account/contact-profile/${id}`, sslCreds())).json.Data.ContactProfile.city).toBe('Leeds');
  });

  it('is out of reach of another account on all three faces', async () => {
    const created = await op<{ handle: string }>(app, 'POST', '/v1beta/customers', { token, json: { ...CUSTOMER, email: 'private@example.test' } });
    const handle = created.body.data.handle;
    const id = (await op<{ id: number }>(app, 'GET', `/v1beta/customers/${handle}`, { token })).body.data.id;
    const b = await app.account();
    const tokenB = await login(app, b);
    expect((await op(app, 'GET', `/v1beta/customers/${handle}`, { token: tokenB })).status).toBe(404);
    expect((await md(app, '/contact/getinfo/', { ...creds(b), contactID: handle })).body.errorCode).toBe(3001);
    expect((await ssl(app, `/account/contact-profile/${id}`, { u: b.email, p: b.password, k: b.apiKey })).status).toBe(404);
  });
});
