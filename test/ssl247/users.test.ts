// SSL247 account users: view, add, edit (E05–E07).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { runQuery } from '../../src/core/runner.ts';
import { getUser } from '../../src/core/users/flows/get-user.ts';
import { call, counts, data, error, expectSeedShape, reseller, seedData, userBody, type Reseller } from './helpers.ts';

describe('SSL247 users', () => {
  let app: TestApp;
  let a: Reseller;
  let b: Reseller;
  beforeAll(async () => {
    app = await testApp();
    a = await reseller(app);
    b = await reseller(app);
  });
  afterAll(() => app?.close());

  it('users/add: takes all 22 documented fields, answers {user_id} as a string, and the view shows each field back', async () => {
    const body = userBody({ email: 'john.doe@example.co.uk' });
    const added = data(await call(app, '/account/users/add', { ...a.creds, ...body }));
    expectSeedShape(added, seedData('/account/users/add'));
    const view = data(await call(app, `/account/user/${added.user_id}`, a.creds));
    expectSeedShape(view, seedData('/account/user/{id}'));
    expect(view).toEqual({
      full_name: 'John Doe', account_id: String(a.accountId), email: 'john.doe@example.co.uk', title: 'Mr', firstname: 'John', lastname: 'Doe',
      phone: '+44.2071234500', second_factor_mobile: '', mobile: '+44.7700900456', fax: '', direct_line: '+44 20 7123 4501', skype: 'john.doe',
      address_1: '2 Low Road', address_2: '', address_3: '', admin_contact: true, billing_contact: false, technical_contact: true, mailing_contact: false,
      city: 'Leeds', state: 'West Yorkshire', postcode: 'LS1 1AA', country: 'GB', subscribed: true,
    });
  });

  it('users/add: the new user is a core user of the account, a standard user, with the email as its username and no password returned', async () => {
    const added = data(await call(app, '/account/users/add', { ...a.creds, ...userBody({ email: 'core.check@example.test' }) }));
    const u = await runQuery(app.services, getUser, { accountId: a.accountId, id: Number(added.user_id) });
    expect([u.kind, u.username, u.email]).toEqual(['standard', 'core.check@example.test', 'core.check@example.test']);
    const view = data(await call(app, `/account/user/${added.user_id}`, a.creds));
    expect(JSON.stringify(view)).not.toMatch(/password|secret/);
  });

  it('users/add: when the email is already another user\'s username, the new user gets a derived username and still logs in by email', async () => {
    const taken = await app.account({ username: 'shared.name@example.test', email: 'someone.else@example.test' });
    expect(taken.username).toBe('shared.name@example.test');
    const added = data(await call(app, '/account/users/add', { ...a.creds, ...userBody({ email: 'shared.name@example.test', password: 'derived name pass' }) }));
    const u = await runQuery(app.services, getUser, { accountId: a.accountId, id: Number(added.user_id) });
    expect(u.username).toMatch(/^shared\.name-\d{6}$/);
    data(await call(app, '/account', { u: 'shared.name@example.test', p: 'derived name pass', k: a.apiKey }));
  });

  it('users/add: keeps the password exactly as sent (spaces included), so the user logs in with it', async () => {
    data(await call(app, '/account/users/add', { ...a.creds, ...userBody({ email: 'spaces@example.test', password: '  padded secret  ' }) }));
    data(await call(app, '/account/deposit', { u: 'spaces@example.test', p: '  padded secret  ', k: a.apiKey }));
    error(await call(app, '/account/deposit', { u: 'spaces@example.test', p: 'padded secret', k: a.apiKey }), 401);
  });

  it('users/add: accepts booleans as 1/0 and "true"/"false", and numbers where strings are typed', async () => {
    const added = data(await call(app, '/account/users/add', { ...a.creds, ...userBody({ admin_contact: 0, billing_contact: '1', subscribed: 'false', postcode: 12345 }) }));
    const v = data(await call(app, `/account/user/${added.user_id}`, a.creds));
    expect([v.admin_contact, v.billing_contact, v.subscribed, v.postcode]).toEqual([false, true, false, '12345']);
  });

  it('users/add: refuses missing or invalid fields with HTTP 400 naming the field, and writes nothing', async () => {
    const before = await counts(app, a.accountId);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ email: undefined }, 'email'],
      [{ email: 'not-an-email' }, 'email'],
      [{ firstname: '' }, 'firstname'],
      [{ lastname: undefined }, 'lastname'],
      [{ password: undefined }, 'password'],
      [{ password: 'short' }, 'password'],
      [{ country: 'Narnia' }, 'country'],
      [{ country: 'XX' }, 'country'],
      [{ phone: '0207 123 4567' }, 'phone'],
      [{ admin_contact: 'maybe' }, 'admin_contact'],
      [{ subscribed: {} }, 'subscribed'],
      [{ city: ['Leeds'] }, 'city'],
      [{ skype: 'x'.repeat(300) }, 'skype'],
    ];
    for (const [over, field] of cases) {
      const body: Record<string, unknown> = { ...a.creds, ...userBody(over) };
      for (const k of Object.keys(over)) if (over[k] === undefined) delete body[k];
      const msg = error(await call(app, '/account/users/add', body), 400);
      expect(msg.startsWith(`${field}:`), `${field} → ${msg}`).toBe(true);
    }
    expect(await counts(app, a.accountId)).toEqual(before);
  });

  it('users/add: refuses an email another user already has (any account) with HTTP 409', async () => {
    error(await call(app, '/account/users/add', { ...a.creds, ...userBody({ email: b.email }) }), 409);
  });

  it('user/{id}/edit: changes the fields sent (vat_number included), keeps the others, answers {user_id}', async () => {
    const { user_id } = data(await call(app, '/account/users/add', { ...a.creds, ...userBody({ email: 'edit.me@example.test' }) }));
    const edited = data(await call(app, `/account/user/${user_id}/edit`, { ...a.creds, firstname: 'Johnny', city: 'York', billing_contact: true, phone: '+1 212 555 0100', vat_number: 'GB123456789' }));
    expectSeedShape(edited, seedData('/account/user/{id}/edit'));
    expect(edited.user_id).toBe(user_id);
    const v = data(await call(app, `/account/user/${user_id}`, a.creds));
    expect([v.full_name, v.firstname, v.lastname, v.city, v.postcode, v.billing_contact, v.admin_contact, v.phone]).toEqual(['Johnny Doe', 'Johnny', 'Doe', 'York', 'LS1 1AA', true, true, '+1.2125550100']);
    const u = await runQuery(app.services, getUser, { accountId: a.accountId, id: Number(user_id) });
    expect(u.vat).toBe('GB123456789');
  });

  it('user/{id}/edit: takes all 22 documented fields', async () => {
    const { user_id } = data(await call(app, '/account/users/add', { ...a.creds, ...userBody({ email: 'full.edit@example.test' }) }));
    const body: Record<string, unknown> = { ...userBody({ email: 'full.edited@example.test', firstname: 'Ann', lastname: 'Other', country: 'FR', address_2: 'Bât. B' }), vat_number: 'FR12345678901' };
    delete body.password;
    data(await call(app, `/account/user/${user_id}/edit`, { ...a.creds, ...body }));
    const v = data(await call(app, `/account/user/${user_id}`, a.creds));
    expect([v.email, v.full_name, v.country, v.address_2]).toEqual(['full.edited@example.test', 'Ann Other', 'FR', 'Bât. B']);
  });

  it('user/{id}/edit: refuses an emptied required field or an invalid one with HTTP 400 naming the field, and changes nothing', async () => {
    const { user_id } = data(await call(app, '/account/users/add', { ...a.creds, ...userBody({ email: 'keep.me@example.test' }) }));
    const before = data(await call(app, `/account/user/${user_id}`, a.creds));
    for (const [body, field] of [[{ firstname: '' }, 'firstname'], [{ email: 'nope' }, 'email'], [{ country: 'ZZ', city: 'Changed' }, 'country'], [{ city: 'Changed', mailing_contact: 'perhaps' }, 'mailing_contact']] as const) {
      expect(error(await call(app, `/account/user/${user_id}/edit`, { ...a.creds, ...body }), 400).startsWith(`${field}:`)).toBe(true);
    }
    expect(data(await call(app, `/account/user/${user_id}`, a.creds))).toEqual(before);
  });

  it('user/{id}: answers an unknown or non-numeric id with HTTP 404', async () => {
    for (const id of ['999999', 'abc', '0', '12345678901234']) {
      error(await call(app, `/account/user/${id}`, a.creds), 404);
      error(await call(app, `/account/user/${id}/edit`, { ...a.creds, city: 'x' }), 404);
    }
  });

  it('isolation: account B can neither view nor edit a user of account A (404), and A\'s user is unchanged', async () => {
    const { user_id } = data(await call(app, '/account/users/add', { ...a.creds, ...userBody({ email: 'private@example.test' }) }));
    error(await call(app, `/account/user/${user_id}`, b.creds), 404);
    error(await call(app, `/account/user/${user_id}/edit`, { ...b.creds, firstname: 'Hacked' }), 404);
    expect(data(await call(app, `/account/user/${user_id}`, a.creds)).firstname).toBe('John');
  });

  it('a user added here can log in as a standard user; its account key is the account\'s, its password its own', async () => {
    const body = userBody({ email: 'logs.in@example.test', password: 'my own password' });
    data(await call(app, '/account/users/add', { ...a.creds, ...body }));
    const d = data(await call(app, '/account', { u: 'logs.in@example.test', p: 'my own password', k: a.apiKey }));
    expect(d.Account.account_code).toBe(`RB${a.accountId}`);
    error(await call(app, '/account', { u: 'logs.in@example.test', p: 'my own password', k: b.apiKey }), 401);
  });
});
