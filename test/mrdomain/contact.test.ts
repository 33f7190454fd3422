// The contact module: create, list, getinfo, resendverificationmail — fields and types as the seed documents them,
// in JSON and XML, urlencoded and multipart; validation that names the parameter and writes nothing; isolation
// between accounts; the contact is the core contact (and the Openprovider customer handle).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { call, contactParams, creds, ENCODINGS, type Encoding } from './helpers.ts';
import { CONTACT_INFO_SHAPE, CONTACT_SHAPE, LIST_ITEM_SHAPE, QUERY_INFO_SHAPE, RESEND_SHAPE, expectShape, xmlOf } from './shape.ts';
import { runFlow, runQuery } from '../../src/core/runner.ts';
import { getContact } from '../../src/core/contacts/flows/get-contact.ts';
import { searchContacts } from '../../src/core/contacts/flows/search-contacts.ts';
import { createContact } from '../../src/core/contacts/flows/create-contact.ts';
import { listMails } from '../../src/core/outbox/flows/list-mails.ts';
import { verifyEmail } from '../../src/core/verifications/flows/verify-email.ts';

type Acct = Awaited<ReturnType<TestApp['account']>>;
let app: TestApp;

beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

const SUCCESS_KEYS = ['success', 'errorCode', 'errorCodeMsg', 'action', 'version', 'messages', 'responseData'];

async function create(a: Acct, over: Record<string, string> = {}, encoding: Encoding = 'urlencoded') {
  const r = await call(app, '/contact/create/', { ...creds(a), ...contactParams(over) }, { encoding });
  expect(r.body.success, JSON.stringify(r.body)).toBe(true);
  return r.body.responseData as Record<string, any>;
}

async function contactCount(accountId: number): Promise<number> {
  return (await runQuery(app.services, searchContacts, { accountId, filter: {}, page: { limit: 1, offset: 0 } })).total;
}

async function mailsTo(email: string) {
  return (await runQuery(app.services, listMails, { to: email, page: { limit: 100, offset: 0 } })).results;
}

describe.each(ENCODINGS)('contact/create (%s)', (encoding) => {
  it('creates a contact and returns every documented field with its type, plus "Operation done correctly."', async () => {
    const a = await app.account();
    const r = await call(app, '/contact/create/', { ...creds(a), ...contactParams() }, { encoding });
    expect(Object.keys(r.body)).toEqual(SUCCESS_KEYS);
    expect(r.body).toMatchObject({ success: true, errorCode: 0, errorCodeMsg: '', action: 'contact/create', version: '1.0.20', messages: ['Operation done correctly.'] });
    expect(r.raw).toContain('"action":"contact\\/create"');
    expectShape(r.body.responseData, CONTACT_SHAPE);
    const { contactID, ...rest } = r.body.responseData;
    expect(contactID).toMatch(/^[A-Z]+-[0-9]+$/);
    expect(rest).toEqual({
      contactType: 'individual', firstName: 'Will', lastName: 'Ford', orgName: '', orgType: '', identNumber: 'AAAAAA', email: 'testtest@test.com', phone: '+1.123456789', fax: '',
      address: 'Street 1', postalCode: '12345', city: 'Gotham City', state: 'Gotham', country: 'US', verificationstatus: 'notapplicable', daaccepted: false,
    });
  });

  it('answers in XML with the same fields', async () => {
    const a = await app.account();
    const r = await call(app, '/contact/create/', { ...creds(a), ...contactParams({ Fax: '+1.987654321' }), 'output-format': 'xml' }, { encoding });
    expect(Object.keys(r.body)).toEqual(SUCCESS_KEYS);
    expect(r.body).toMatchObject({ success: '1', errorCode: '0', action: 'contact/create', messages: { item: ['Operation done correctly.'] } });
    expect(Object.keys(r.body.responseData)).toEqual(Object.keys(CONTACT_SHAPE));
    expect(r.body.responseData).toMatchObject({ firstName: 'Will', fax: '+1.987654321', daaccepted: '', verificationstatus: 'notapplicable' });
  });

  it('creates an organisation with OrgName and, for Spain, OrgType (returned as a string code)', async () => {
    const a = await app.account();
    const c = await create(a, { Type: 'organization', OrgName: 'Gotham S.L', OrgType: '612', Country: 'es', Phone: '+34.90234232', Address: 'Calle García, 25' }, encoding);
    expect(c).toMatchObject({ contactType: 'organization', orgName: 'Gotham S.L', orgType: '612', country: 'ES', phone: '+34.90234232', address: 'Calle García, 25' });
  });
});

describe('contact/create validation', () => {
  const REQUIRED = ['Type', 'FirstName', 'LastName', 'IdentNumber', 'Email', 'Phone', 'Address', 'PostalCode', 'City', 'State', 'Country'];

  it.each(ENCODINGS)('answers each missing required parameter with 101 naming it, and writes nothing (%s)', async (encoding) => {
    const a = await app.account();
    for (const field of REQUIRED) {
      const p = contactParams();
      delete p[field];
      const r = await call(app, '/contact/create/', { ...creds(a), ...p }, { encoding });
      expect(r.body, field).toMatchObject({ success: false, errorCode: 101, errorCodeMsg: 'Syntax error: parameter fault', responseData: [] });
      expect(r.body.messages[0]).toContain(field);
      const blank = await call(app, '/contact/create/', { ...creds(a), ...contactParams({ [field]: '' }) }, { encoding });
      expect(blank.body.errorCode, `${field} empty`).toBe(101);
    }
    expect(await contactCount(a.accountId)).toBe(0);
  });

  it('answers invalid values with 105 naming the parameter, and writes nothing', async () => {
    const a = await app.account();
    const cases: Array<[string, string]> = [['Type', 'company'], ['Email', 'not-an-email'], ['Phone', '0034626891524'], ['Phone', '+34 626891524'], ['Fax', '12345'], ['Country', 'Spain'], ['OrgType', 'abc']];
    for (const [field, value] of cases) {
      const r = await call(app, '/contact/create/', { ...creds(a), ...contactParams({ [field]: value }) });
      expect(r.body, `${field}=${value}`).toMatchObject({ success: false, errorCode: 105, errorCodeMsg: 'Syntax error: invalid parameter', responseData: [] });
      expect(r.body.messages[0]).toContain(field);
    }
    expect(await contactCount(a.accountId)).toBe(0);
  });

  it('answers an organisation without OrgName, or a Spanish one without OrgType, with 3002 naming it', async () => {
    const a = await app.account();
    const noName = await call(app, '/contact/create/', { ...creds(a), ...contactParams({ Type: 'organization' }) });
    expect(noName.body).toMatchObject({ success: false, errorCode: 3002, errorCodeMsg: 'Contact data error' });
    expect(noName.body.messages[0]).toContain('OrgName');
    const noType = await call(app, '/contact/create/', { ...creds(a), ...contactParams({ Type: 'organization', OrgName: 'Acme SL', Country: 'ES' }) });
    expect(noType.body).toMatchObject({ errorCode: 3002 });
    expect(noType.body.messages[0]).toContain('OrgType');
    expect(await contactCount(a.accountId)).toBe(0);
  });

  it('answers validation errors in XML when asked', async () => {
    const a = await app.account();
    const r = await call(app, '/contact/create/', { ...creds(a), ...contactParams({ Email: '' }), 'output-format': 'xml' });
    expect(r.body).toMatchObject({ success: '', errorCode: '101', responseData: '' });
    expect(r.body.messages.item[0]).toContain('Email');
  });

  it('ignores unknown parameters', async () => {
    const a = await app.account();
    await create(a, { foacontact: 'owner', Whatever: 'x' });
  });
});

describe.each(ENCODINGS)('contact/list (%s)', (encoding) => {
  let a: Acct;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    a = await app.account();
    ids.will = (await create(a)).contactID;
    ids.john = (await create(a, { FirstName: 'John', LastName: 'Smith', Email: 'john@example.com', Country: 'GB', IdentNumber: 'X-1' })).contactID;
    ids.org = (await create(a, { Type: 'organization', OrgName: 'Clark Tech S.L', OrgType: '612', Country: 'ES', Email: 'tech@example.com', IdentNumber: 'B336789224' })).contactID;
  });

  it('lists the contacts with queryInfo and the documented item fields and types', async () => {
    const r = await call(app, '/contact/list/', creds(a), { encoding });
    expect(Object.keys(r.body)).toEqual(['success', 'errorCode', 'errorCodeMsg', 'action', 'version', 'responseData']);
    expect(Object.keys(r.body.responseData)).toEqual(['queryInfo', 'contacts']);
    expectShape(r.body.responseData.queryInfo, QUERY_INFO_SHAPE);
    expect(r.body.responseData.queryInfo).toEqual({ page: 1, pageLength: 1000, results: 3, total: 3 });
    for (const item of r.body.responseData.contacts) expectShape(item, LIST_ITEM_SHAPE);
    expect(r.body.responseData.contacts.map((c: any) => c.contactID)).toEqual([ids.will, ids.john, ids.org]);
    expect(r.body.responseData.contacts[2]).toEqual({ contactID: ids.org, contactType: 'organization', contactName: 'Clark Tech S.L', identNumber: 'B336789224', email: 'tech@example.com', country: 'ES', verificationstatus: 'notapplicable', daaccepted: false });
    expect(r.body.responseData.contacts[1].contactName).toBe('John Smith');
  });

  it('returns the same list in XML', async () => {
    const json = await call(app, '/contact/list/', creds(a), { encoding });
    const x = await call(app, '/contact/list/', { ...creds(a), 'output-format': 'xml', 'output-pretty': 'true' }, { encoding });
    expect(x.body).toEqual(xmlOf(json.body));
  });

  it('pages with pageLength and page', async () => {
    const r = await call(app, '/contact/list/', { ...creds(a), pageLength: '2', page: '2' }, { encoding });
    expect(r.body.responseData.queryInfo).toEqual({ page: 2, pageLength: 2, results: 1, total: 3 });
    expect(r.body.responseData.contacts.map((c: any) => c.contactID)).toEqual([ids.org]);
    const beyond = await call(app, '/contact/list/', { ...creds(a), pageLength: '2', page: '5' }, { encoding });
    expect(beyond.body.responseData).toEqual({ queryInfo: { page: 5, pageLength: 2, results: 0, total: 3 }, contacts: [] });
  });

  it('filters by name, email, country, identNumber, verificationstatus and daaccepted', async () => {
    const ids_ = async (p: Record<string, string>) => (await call(app, '/contact/list/', { ...creds(a), ...p }, { encoding })).body.responseData.contacts.map((c: any) => c.contactID);
    expect(await ids_({ name: 'smi' })).toEqual([ids.john]);
    expect(await ids_({ name: 'clark' })).toEqual([ids.org]);
    expect(await ids_({ email: 'JOHN@example.com' })).toEqual([ids.john]);
    expect(await ids_({ country: 'es' })).toEqual([ids.org]);
    expect(await ids_({ identNumber: 'X-1' })).toEqual([ids.john]);
    expect(await ids_({ verificationstatus: 'notapplicable' })).toEqual([ids.will, ids.john, ids.org]);
    expect(await ids_({ verificationstatus: 'verified' })).toEqual([]);
    expect(await ids_({ daaccepted: '1' })).toEqual([]);
    expect(await ids_({ daaccepted: 'false' })).toEqual([ids.will, ids.john, ids.org]);
    expect(await ids_({ daaccepted: '' })).toEqual([ids.will, ids.john, ids.org]);
  });

  it('answers bad paging and filter values with 105 naming the parameter', async () => {
    for (const [k, v] of [['pageLength', '0'], ['page', '-1'], ['pageLength', 'ten'], ['verificationstatus', 'pending'], ['daaccepted', 'maybe'], ['country', 'Spain'], ['email', 'x']]) {
      const r = await call(app, '/contact/list/', { ...creds(a), [k]: v }, { encoding });
      expect(r.body, `${k}=${v}`).toMatchObject({ success: false, errorCode: 105, responseData: [] });
      expect(r.body.messages[0]).toContain(k);
    }
  });
});

describe.each(ENCODINGS)('contact/getinfo (%s)', (encoding) => {
  it('returns the Contact Response fields with their types, esNicHandle included', async () => {
    const a = await app.account();
    const made = await create(a, { Type: 'organization', OrgName: 'Gotham S.L', OrgType: '612', Country: 'ES', Fax: '+34.911111111' });
    const r = await call(app, '/contact/getinfo/', { ...creds(a), contactID: made.contactID }, { encoding });
    expect(Object.keys(r.body)).toEqual(['success', 'errorCode', 'errorCodeMsg', 'action', 'version', 'responseData']);
    expect(r.body).toMatchObject({ success: true, action: 'contact/getinfo' });
    expectShape(r.body.responseData, CONTACT_INFO_SHAPE);
    expect(r.body.responseData).toEqual({ ...made, esNicHandle: '' });
    const withType = await call(app, '/contact/getinfo/', { ...creds(a), contactID: made.contactID, infoType: 'data' }, { encoding });
    expect(withType.body.responseData).toEqual(r.body.responseData);
  });

  it('returns the same fields in XML', async () => {
    const a = await app.account();
    const made = await create(a);
    const json = await call(app, '/contact/getinfo/', { ...creds(a), contactID: made.contactID }, { encoding });
    const x = await call(app, '/contact/getinfo/', { ...creds(a), contactID: made.contactID, 'output-format': 'xml' }, { encoding });
    expect(x.body).toEqual(xmlOf(json.body));
  });

  it('escapes markup characters and keeps non-ASCII text in XML (and writes \\u escapes in JSON)', async () => {
    const a = await app.account();
    const made = await create(a, { Type: 'organization', OrgName: 'Tom & Jerry <Ltd> "Ñ"', Address: 'Vía grande, 25' }, encoding);
    const json = await call(app, '/contact/getinfo/', { ...creds(a), contactID: made.contactID }, { encoding });
    expect(json.raw).toContain('"orgName":"Tom & Jerry <Ltd> \\"\\u00d1\\""');
    const x = await call(app, '/contact/getinfo/', { ...creds(a), contactID: made.contactID, 'output-format': 'xml' }, { encoding });
    expect(x.raw).toContain('<orgName>Tom &amp; Jerry &lt;Ltd&gt; &quot;Ñ&quot;</orgName>');
    expect(x.body).toEqual(xmlOf(json.body));
  });

  it('accepts the Openprovider handle and the numeric id of the same contact', async () => {
    const a = await app.account();
    const made = await create(a);
    const core = await runQuery(app.services, getContact, { accountId: a.accountId, key: made.contactID });
    for (const key of [core.handle, String(core.id), made.contactID.toLowerCase()]) {
      const r = await call(app, '/contact/getinfo/', { ...creds(a), contactID: key }, { encoding });
      expect(r.body.responseData?.contactID, key).toBe(made.contactID);
    }
  });

  it('answers an unknown contactID with 3001 "Contact not exists", a missing one with 101, a bad infoType with 105', async () => {
    const a = await app.account();
    expect((await call(app, '/contact/getinfo/', { ...creds(a), contactID: 'XXX-00000001' }, { encoding })).body).toMatchObject({ success: false, errorCode: 3001, errorCodeMsg: 'Contact not exists', responseData: [] });
    const noId = await call(app, '/contact/getinfo/', creds(a), { encoding });
    expect(noId.body).toMatchObject({ errorCode: 101 });
    expect(noId.body.messages[0]).toContain('contactID');
    const made = await create(a);
    const badType = await call(app, '/contact/getinfo/', { ...creds(a), contactID: made.contactID, infoType: 'status' }, { encoding });
    expect(badType.body).toMatchObject({ errorCode: 105 });
    expect(badType.body.messages[0]).toContain('infoType');
  });
});

describe('isolation between accounts', () => {
  it('account B can neither read, list nor resend the verification of account A\'s contact (3001, no mail)', async () => {
    const a = await app.account();
    const b = await app.account();
    const made = await create(a, { Email: 'isolated@example.com' });
    const core = await runQuery(app.services, getContact, { accountId: a.accountId, key: made.contactID });
    for (const key of [made.contactID, core.handle, String(core.id)]) {
      expect((await call(app, '/contact/getinfo/', { ...creds(b), contactID: key })).body.errorCode, key).toBe(3001);
    }
    expect((await call(app, '/contact/resendverificationmail/', { ...creds(b), contactID: made.contactID })).body.errorCode).toBe(3001);
    expect(await mailsTo('isolated@example.com')).toHaveLength(0);
    expect((await call(app, '/contact/list/', creds(b))).body.responseData.queryInfo.total).toBe(0);
  });
});

describe.each(ENCODINGS)('contact/resendverificationmail (%s)', (encoding) => {
  it('sends the verification mail with a link to the outbox and answers the documented fields', async () => {
    const a = await app.account();
    const email = `verify-${encoding}@example.com`;
    const made = await create(a, { Email: email });
    const r = await call(app, '/contact/resendverificationmail/', { ...creds(a), contactID: made.contactID }, { encoding });
    expect(Object.keys(r.body)).toEqual(SUCCESS_KEYS);
    expect(r.body).toMatchObject({ success: true, action: 'contact/resendverificationmail', messages: ['Operation done correctly.'] });
    expectShape(r.body.responseData, RESEND_SHAPE);
    expect(r.body.responseData).toEqual({ contactID: made.contactID, contactType: 'individual', contactName: 'Will Ford', identNumber: 'AAAAAA', email, country: 'US', verificationstatus: 'inprocess' });
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0].links[0]).toMatch(/\/_sandbox\/verify-email\/[0-9a-f]+$/);
  });

  it('sends a fresh link when called again while the verification runs, and nothing once verified', async () => {
    const a = await app.account();
    const email = `again-${encoding}@example.com`;
    const made = await create(a, { Email: email });
    await call(app, '/contact/resendverificationmail/', { ...creds(a), contactID: made.contactID }, { encoding });
    await call(app, '/contact/resendverificationmail/', { ...creds(a), contactID: made.contactID }, { encoding });
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(2);
    expect(mails[0].links[0]).not.toBe(mails[1].links[0]);
    const token = mails[0].links[0].split('/').pop()!;
    await runFlow(app.services, verifyEmail, { token });
    const info = await call(app, '/contact/getinfo/', { ...creds(a), contactID: made.contactID }, { encoding });
    expect(info.body.responseData.verificationstatus).toBe('verified');
    const third = await call(app, '/contact/resendverificationmail/', { ...creds(a), contactID: made.contactID }, { encoding });
    expect(third.body).toMatchObject({ success: true, responseData: { verificationstatus: 'verified' } });
    expect(await mailsTo(email)).toHaveLength(2);
  });

  it('answers in XML with the same fields', async () => {
    const a = await app.account();
    const made = await create(a, { Email: `xml-${encoding}@example.com` });
    const x = await call(app, '/contact/resendverificationmail/', { ...creds(a), contactID: made.contactID, 'output-format': 'xml' }, { encoding });
    expect(Object.keys(x.body)).toEqual(SUCCESS_KEYS);
    expect(Object.keys(x.body.responseData)).toEqual(Object.keys(RESEND_SHAPE));
    expect(x.body.responseData).toMatchObject({ contactID: made.contactID, verificationstatus: 'inprocess' });
  });

  it('answers an unknown contact with 3001 and a missing contactID with 101, sending nothing', async () => {
    const a = await app.account();
    expect((await call(app, '/contact/resendverificationmail/', { ...creds(a), contactID: 'NOP-12345678' }, { encoding })).body.errorCode).toBe(3001);
    const r = await call(app, '/contact/resendverificationmail/', creds(a), { encoding });
    expect(r.body.errorCode).toBe(101);
    expect(r.body.messages[0]).toContain('contactID');
  });
});

describe('one contact, every face', () => {
  it('reads a contact created here back through the core with the same data', async () => {
    const a = await app.account();
    const made = await create(a, { Type: 'organization', OrgName: 'Gotham S.L', OrgType: '612', Country: 'ES', Fax: '+34.911111111' });
    const c = await runQuery(app.services, getContact, { accountId: a.accountId, key: made.contactID });
    expect(c.ref).toBe(made.contactID);
    expect(c).toMatchObject({
      kind: 'organization', companyName: 'Gotham S.L', orgType: '612', identNumber: 'AAAAAA', email: 'testtest@test.com',
      phone: { countryCode: '+1', subscriberNumber: '123456789' }, fax: { countryCode: '+34', subscriberNumber: '911111111' },
      address: { street: 'Street 1', zipcode: '12345', city: 'Gotham City', state: 'Gotham', country: 'ES' }, name: { firstName: 'Will', lastName: 'Ford' },
    });
    expect(c.handle).toMatch(/^[A-Z]{2}\d{6}-ES$/);
  });

  it('shows a contact created in the core (as another face would) in getinfo and list', async () => {
    const a = await app.account();
    const c = await runFlow(app.services, createContact, {
      accountId: a.accountId,
      input: { name: { title: '', firstName: 'Jan', lastName: 'Jansen', initials: '', prefix: '' }, email: 'jan@example.nl', phone: { countryCode: '+31', areaCode: '20', subscriberNumber: '1234567' }, address: { street: 'Damrak', number: '1', suffix: 'A', line2: '', line3: '', zipcode: '1012 LG', city: 'Amsterdam', state: 'NH', country: 'NL' } },
    });
    const r = await call(app, '/contact/getinfo/', { ...creds(a), contactID: c.handle });
    expect(r.body.responseData).toMatchObject({ contactID: c.ref, firstName: 'Jan', phone: '+31.201234567', address: 'Damrak 1 A', postalCode: '1012 LG', country: 'NL' });
    expect((await call(app, '/contact/list/', creds(a))).body.responseData.contacts[0]).toMatchObject({ contactID: c.ref, contactName: 'Jan Jansen' });
  });

  it('shows a contact created here as the same Openprovider customer (GET /v1beta/customers/{handle})', async () => {
    const a = await app.account();
    const made = await create(a);
    const c = await runQuery(app.services, getContact, { accountId: a.accountId, key: made.contactID });
    const login = await app.http.inject({ method: 'POST', url: '/v1beta/auth/login', payload: { username: a.username, password: a.password, ip: '0.0.0.0' } });
    const token = JSON.parse(login.body).data.token;
    const res = await app.http.inject({ method: 'GET', url: `/v1beta/customers/${c.handle}`, headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body).data).toMatchObject({
      handle: c.handle, email: 'testtest@test.com', name: { first_name: 'Will', last_name: 'Ford' }, phone: { country_code: '+1', subscriber_number: '123456789' },
      address: { street: 'Street 1', zipcode: '12345', city: 'Gotham City', state: 'Gotham', country: 'US' },
    });
  });
});
