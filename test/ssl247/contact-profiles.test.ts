// SSL247 contact profiles: view, add, edit (E08–E10); the profile is the core contact other faces show.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { runFlow, runQuery } from '../../src/core/runner.ts';
import { getContact } from '../../src/core/contacts/flows/get-contact.ts';
import { createContact } from '../../src/core/contacts/flows/create-contact.ts';
import { updateContact } from '../../src/core/contacts/flows/update-contact.ts';
import { deleteContact } from '../../src/core/contacts/flows/delete-contact.ts';
import { call, counts, data, error, expectSeedShape, profileBody, reseller, seedData, type Reseller } from './helpers.ts';

describe('SSL247 contact profiles', () => {
  let app: TestApp;
  let a: Reseller;
  let b: Reseller;
  beforeAll(async () => {
    app = await testApp();
    a = await reseller(app);
    b = await reseller(app);
  });
  afterAll(() => app?.close());

  it('contact-profile/add: takes all 19 documented fields and answers {contact_id}; the view answers all 25 documented fields with their types', async () => {
    const added = data(await call(app, '/account/contact-profile/add', { ...a.creds, ...profileBody() }));
    expectSeedShape(added, seedData('/account/contact-profile/add'));
    const view = data(await call(app, `/account/contact-profile/${added.contact_id}`, a.creds));
    expectSeedShape(view, seedData('/account/contact-profile/{id}'));
    expect(view.ContactProfile).toEqual({
      id: added.contact_id, email: 'jane.smith@example.co.uk', title: 'Ms', firstname: 'Jane', lastname: 'Smith', admin: true, tech: true, billing: false,
      company_name: '', assumed_name: '', address_1: '1 High Street', address_2: 'Floor 2', address_3: 'Suite 5', city: 'London', county: 'Greater London',
      postcode: 'EC1A 1BB', country: 'GB', phone: '+44.2071234567', fax: '+44.2071234568', registration_number: '', vat_number: '', business_category_code: '',
      duns: '', active: true, deleted: false,
    });
  });

  it('contact-profile/add: the profile is the same core contact, found by its id, its Openprovider handle and its MrDomain ref', async () => {
    const { contact_id } = data(await call(app, '/account/contact-profile/add', { ...a.creds, ...profileBody({ email: 'same@example.test' }) }));
    const byId = await runQuery(app.services, getContact, { accountId: a.accountId, key: contact_id });
    expect(byId.handle).toMatch(/^JS\d{6}-GB$/);
    expect(byId.ref).toMatch(/^[A-Z]{3}-\d{8}$/);
    const byHandle = await runQuery(app.services, getContact, { accountId: a.accountId, key: byId.handle });
    const byRef = await runQuery(app.services, getContact, { accountId: a.accountId, key: byId.ref });
    expect([byHandle.id, byRef.id]).toEqual([Number(contact_id), Number(contact_id)]);
    // state is kept as the address state; mobile, direct_line and skype are kept though the view omits them
    expect(byId.address.state).toBe('Greater London');
    expect(byId.mobile).toEqual({ countryCode: '+44', areaCode: '', subscriberNumber: '7700900123' });
    expect(byId.extra).toMatchObject({ direct_line: '+44 20 7123 4569', skype: 'jane.smith' });
    expect(byId.roles).toEqual({ admin: true, tech: true, billing: false });
  });

  it('contact-profile/{id}: shows a contact created and changed through the core (another face) with its company fields', async () => {
    const c = await runFlow(app.services, createContact, {
      accountId: a.accountId,
      input: { name: { title: '', firstName: 'Piet', lastName: 'Jansen', initials: 'PJ', prefix: '' }, companyName: 'Jansen BV', email: 'piet@jansen.test', phone: { countryCode: '+31', areaCode: '20', subscriberNumber: '1234567' }, address: { street: 'Damrak', number: '1', suffix: 'A', line2: '', line3: '', zipcode: '1012 LG', city: 'Amsterdam', state: '', country: 'NL' }, vat: 'NL001234567B01', registrationNumber: '12345678' },
    });
    const v = data(await call(app, `/account/contact-profile/${c.id}`, a.creds)).ContactProfile;
    expect([v.company_name, v.address_1, v.phone, v.vat_number, v.registration_number]).toEqual(['Jansen BV', 'Damrak 1 A', '+31.201234567', 'NL001234567B01', '12345678']);
    await runFlow(app.services, deleteContact, { accountId: a.accountId, key: c.handle });
    const deleted = data(await call(app, `/account/contact-profile/${c.id}`, a.creds)).ContactProfile;
    expect([deleted.active, deleted.deleted]).toEqual([false, true]);
    expect(data(await call(app, '/account/users', a.creds)).Users.ContactProfile.map((p: { id: string }) => p.id)).not.toContain(String(c.id));
    error(await call(app, `/account/contact-profile/${c.id}/edit`, { ...a.creds, city: 'Utrecht' }), 404);
  });

  it('contact-profile/{id}/edit: changes the fields sent, names included, keeps the others; the core contact changes with it', async () => {
    const { contact_id } = data(await call(app, '/account/contact-profile/add', { ...a.creds, ...profileBody({ email: 'edit@example.test' }) }));
    const r = data(await call(app, `/account/contact-profile/${contact_id}/edit`, { ...a.creds, lastname: 'Jones', state: 'Kent', tech: false, billing: true, phone: '+44 1632 960123' }));
    expectSeedShape(r, seedData('/account/contact-profile/{id}/edit'));
    expect(r.contact_id).toBe(contact_id);
    const v = data(await call(app, `/account/contact-profile/${contact_id}`, a.creds)).ContactProfile;
    expect([v.firstname, v.lastname, v.county, v.city, v.admin, v.tech, v.billing, v.phone]).toEqual(['Jane', 'Jones', 'Kent', 'London', true, false, true, '+44.1632960123']);
    const core = await runQuery(app.services, getContact, { accountId: a.accountId, key: contact_id });
    expect([core.name.lastName, core.address.state]).toEqual(['Jones', 'Kent']);
  });

  it('contact-profile/{id}/edit: takes all 19 documented fields', async () => {
    const { contact_id } = data(await call(app, '/account/contact-profile/add', { ...a.creds, ...profileBody({ email: 'all19@example.test' }) }));
    data(await call(app, `/account/contact-profile/${contact_id}/edit`, { ...a.creds, ...profileBody({ email: 'all19.new@example.test', firstname: 'Joan', country: 'ie', city: 'Dublin', state: 'Leinster', admin: false }) }));
    const v = data(await call(app, `/account/contact-profile/${contact_id}`, a.creds)).ContactProfile;
    expect([v.email, v.firstname, v.country, v.city, v.county, v.admin]).toEqual(['all19.new@example.test', 'Joan', 'IE', 'Dublin', 'Leinster', false]);
  });

  it('an edit made through the core (another face) is seen here', async () => {
    const { contact_id } = data(await call(app, '/account/contact-profile/add', { ...a.creds, ...profileBody({ email: 'cross@example.test' }) }));
    await runFlow(app.services, updateContact, { accountId: a.accountId, key: contact_id, changes: { address: { city: 'Bristol' } as never } });
    expect(data(await call(app, `/account/contact-profile/${contact_id}`, a.creds)).ContactProfile.city).toBe('Bristol');
  });

  it('contact-profile/add: refuses missing or invalid fields with HTTP 400 naming the field, and writes nothing', async () => {
    const before = await counts(app, a.accountId);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ firstname: undefined }, 'firstname'],
      [{ lastname: '' }, 'lastname'],
      [{ email: undefined }, 'email'],
      [{ email: 'jane@' }, 'email'],
      [{ phone: undefined }, 'phone'],
      [{ phone: '12345' }, 'phone'],
      [{ fax: 'fax me' }, 'fax'],
      [{ country: undefined }, 'country'],
      [{ country: 'England' }, 'country'],
      [{ admin: 'yes please' }, 'admin'],
      [{ tech: [] }, 'tech'],
      [{ postcode: { code: 1 } }, 'postcode'],
    ];
    for (const [over, field] of cases) {
      const body: Record<string, unknown> = { ...a.creds, ...profileBody(over) };
      for (const k of Object.keys(over)) if (over[k] === undefined) delete body[k];
      const msg = error(await call(app, '/account/contact-profile/add', body), 400);
      expect(msg.startsWith(`${field}:`), `${field} → ${msg}`).toBe(true);
    }
    expect(await counts(app, a.accountId)).toEqual(before);
  });

  it('contact-profile/{id}/edit: refuses an emptied required field or an invalid one with HTTP 400 naming the field, and changes nothing', async () => {
    const { contact_id } = data(await call(app, '/account/contact-profile/add', { ...a.creds, ...profileBody({ email: 'stay@example.test' }) }));
    const before = data(await call(app, `/account/contact-profile/${contact_id}`, a.creds));
    for (const [body, field] of [[{ phone: '' }, 'phone'], [{ email: '' }, 'email'], [{ country: '' }, 'country'], [{ city: 'Changed', firstname: '' }, 'firstname'], [{ city: 'Changed', billing: 2 }, 'billing']] as const) {
      expect(error(await call(app, `/account/contact-profile/${contact_id}/edit`, { ...a.creds, ...body }), 400).startsWith(`${field}:`)).toBe(true);
    }
    expect(data(await call(app, `/account/contact-profile/${contact_id}`, a.creds))).toEqual(before);
  });

  it('contact-profile/{id}: answers an unknown or non-numeric id, or a handle, with HTTP 404', async () => {
    const { contact_id } = data(await call(app, '/account/contact-profile/add', { ...a.creds, ...profileBody({ email: 'handle@example.test' }) }));
    const { handle } = await runQuery(app.services, getContact, { accountId: a.accountId, key: contact_id });
    for (const id of ['999999', 'nope', handle]) {
      error(await call(app, `/account/contact-profile/${id}`, a.creds), 404);
      error(await call(app, `/account/contact-profile/${id}/edit`, { ...a.creds, city: 'x' }), 404);
    }
  });

  it('isolation: account B can neither view nor edit a profile of account A (404), and A\'s profile is unchanged', async () => {
    const { contact_id } = data(await call(app, '/account/contact-profile/add', { ...a.creds, ...profileBody({ email: 'mine@example.test' }) }));
    error(await call(app, `/account/contact-profile/${contact_id}`, b.creds), 404);
    error(await call(app, `/account/contact-profile/${contact_id}/edit`, { ...b.creds, firstname: 'Hacked' }), 404);
    expect(data(await call(app, `/account/contact-profile/${contact_id}`, a.creds)).ContactProfile.firstname).toBe('Jane');
  });
});
