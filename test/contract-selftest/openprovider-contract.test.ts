// Self-tests of the Openprovider contract validator (test/contract/openprovider.ts): the spec's own examples pass once
// its four typos are corrected, hand-made mutations fail, operations are matched the way the vendor routes them.
import { describe, expect, it } from 'vitest';
import {
  contractViolations,
  dateFields,
  documentedFieldCount,
  documentedFields,
  expectOpenproviderContract,
  formatErrors,
  houseRuleViolations,
  missingDocumentedFields,
  operationFor,
  successValidator,
  validatedOperations,
} from '../contract/openprovider.ts';
import { operations, swagger } from '../contract/swagger.ts';
import { correct, example, specExamples, TYPOS, type Typo } from './examples.ts';

type Json = Record<string, any>;

/** schema violations of a body judged against the operation's 200 schema (whatever its code; no house rules) */
function violations(operationId: string, body: unknown): string[] {
  const validate = successValidator(operationId);
  return validate(body) ? [] : formatErrors(validate.errors);
}

/** a success body that passes everything, house rules included */
const login = (): Json => ({ code: 0, data: { reseller_id: 12345, token: 'abc' }, desc: '' });
const zoneRecords = (): Json => ({
  code: 0,
  data: { results: [{ creation_date: '2026-06-01 12:00:00', ip: '127.0.0.1', modification_date: '', name: 'example.com', prio: 0, ttl: 3600, type: 'A', value: '192.0.2.1' }], total: 1 },
  desc: '',
});

describe('the spec as the oracle', () => {
  it('knows all 111 operations of the spec, each with a 200 schema', () => {
    expect(operations()).toHaveLength(111);
    expect(new Set(operations().map((e) => e.operationId)).size).toBe(111);
  });

  it('compiles a validator for every operation (the self-referencing licenseExtendedLicense included)', () => {
    for (const e of operations()) expect(typeof successValidator(e.operationId)).toBe('function');
  });

  it('accepts every example of the spec (106 operations) once its four typos are corrected', () => {
    const all = specExamples();
    expect(all).toHaveLength(106);
    const failures = all.map((e) => ({ id: e.operationId, v: violations(e.operationId, correct(e.example)) })).filter((f) => f.v.length);
    expect(failures).toEqual([]);
  });

  it('rejects exactly the examples carrying one of the four typos when they are left uncorrected', () => {
    const failing = specExamples().filter((e) => violations(e.operationId, e.example).length).map((e) => e.operationId).sort();
    // StartEmailVerification's example has code 20001 with data: still valid against its 200 schema, judged alone
    expect(failing).toEqual(['GetReseller', 'GetSettings', 'GetStatistics', 'GetZone', 'ListItems', 'ListZones']);
  });

  it.each(TYPOS)('needs the correction "%s" (leaving it out fails an example)', (typo) => {
    const others = TYPOS.filter((t) => t !== typo) as Typo[];
    const failing = specExamples().filter((e) => violations(e.operationId, correct(e.example, others)).length);
    expect(failing.length).toBeGreaterThan(0);
  });

  it('judges a 200 with a non-zero code as an error (the StartEmailVerification example, code 20001 with data, fails)', () => {
    const body = example('StartEmailVerification');
    expect(() => expectOpenproviderContract('POST', '/v1beta/customers/verifications/emails/start', 200, body)).toThrow(/errorError schema[\s\S]*\/data: must be string/);
  });
});

describe('success bodies: what fails', () => {
  it('passes a correct body and records the operation as validated', () => {
    expectOpenproviderContract('POST', '/v1beta/auth/login', 200, login());
    expectOpenproviderContract('GET', '/v1beta/dns/zones/example.com/records?limit=10', 200, zoneRecords());
    expect(validatedOperations().has('Login')).toBe(true);
    expect(validatedOperations().has('ListZoneRecords')).toBe(true);
  });

  it('fails a wrong type at data level and names the pointer and the operation', () => {
    const body = login();
    body.data.reseller_id = '12345';
    expect(() => expectOpenproviderContract('POST', '/v1beta/auth/login', 200, body)).toThrow(/operation Login[\s\S]*\/data\/reseller_id: must be integer/);
  });

  it('fails an unknown key in the envelope, in data, in a list item and deep inside a domain', () => {
    const env = login();
    env.extra = 1;
    expect(violations('Login', env)).toContain('/: unexpected property "extra" (closed object)');
    const data = login();
    data.data.expires = 1;
    expect(violations('Login', data)).toContain('/data: unexpected property "expires" (closed object)');
    const item = zoneRecords();
    item.data.results[0].id = 7;
    expect(violations('ListZoneRecords', item)).toContain('/data/results/0: unexpected property "id" (closed object)');
    const domain = example('GetDomain') as Json;
    domain.data.abuse_details.extra = true;
    expect(violations('GetDomain', domain)).toContain('/data/abuse_details: unexpected property "extra" (closed object)');
  });

  it('keeps the spec names in responses: spamExperts-style alternative spellings fail a closed schema', () => {
    const body = example('GetStatistics') as Json;
    expect(violations('GetStatistics', body)).toEqual([]);
    const key = Object.keys(body.data).find((k) => k === 'spam_experts' || k === 'spamExperts')!;
    const other = key === 'spam_experts' ? 'spamExperts' : 'spam_experts';
    body.data[other] = body.data[key];
    delete body.data[key];
    const v = violations('GetStatistics', body);
    expect(v).toContain(`/data: unexpected property "${other}" (closed object)`);
    expect(v).toContain(`/data: missing required property "${key}"`);
  });

  it('requires code, data and desc in the envelope; allows maintenance and warnings only where documented', () => {
    for (const k of ['code', 'data', 'desc']) {
      const body = login();
      delete body[k];
      expect(violations('Login', body), k).toContain(`/: missing required property "${k}"`);
    }
    expect(violations('Login', { ...login(), maintenance: false, warnings: [{ code: 1, desc: 'note', data: '' }] })).toEqual([]);
    // the two EasyDMARC envelopes that do not document maintenance
    for (const id of ['CreateEasyDmarc', 'RetryEasyDmarc']) {
      const dmarc = example(id) as Json;
      expect(violations(id, dmarc)).toEqual([]);
      expect(violations(id, { ...dmarc, maintenance: false })).toContain('/: unexpected property "maintenance" (closed object)');
    }
  });

  it('requires every documented field of data (GetDomain: all 79), and of each {results,total} item', () => {
    const domain = example('GetDomain') as Json;
    expect(Object.keys(domain.data)).toHaveLength(79);
    delete domain.data.renewal_date;
    expect(violations('GetDomain', domain)).toEqual(['/data: missing required property "renewal_date"']);
    const list = zoneRecords();
    delete list.data.results[0].type; // a field named like a keyword is a field
    expect(violations('ListZoneRecords', list)).toEqual(['/data/results/0: missing required property "type"']);
    const noTotal = zoneRecords();
    delete noTotal.data.total;
    expect(violations('ListZoneRecords', noTotal)).toEqual(['/data: missing required property "total"']);
  });

  it('leaves fields below data (and below list items) optional but typed and closed', () => {
    const domain = example('GetDomain') as Json;
    delete domain.data.abuse_details.message;
    expect(violations('GetDomain', domain)).toEqual([]);
    domain.data.abuse_details.abuse_id = 'x';
    expect(violations('GetDomain', domain)).toContain('/data/abuse_details/abuse_id: must be integer');
  });

  it('does not require items of a list without total (CheckDomain results below data are optional)', () => {
    expect(violations('CheckDomain', { code: 0, data: { results: [{ domain: 'example.com' }] }, desc: '' })).toEqual([]);
    expect(violations('CheckDomain', { code: 0, data: {}, desc: '' })).toEqual(['/data: missing required property "results"']);
  });

  it('rejects null at every depth', () => {
    const top = login();
    top.data.token = null;
    expect(violations('Login', top)).toContain('/data/token: must be string');
    const deep = example('GetDomain') as Json;
    deep.data.abuse_details.message = null;
    expect(violations('GetDomain', deep)).toContain('/data/abuse_details/message: must be string');
    const data = login();
    data.data = null;
    expect(violations('Login', data)).toContain('/data: must be object');
    const arr = zoneRecords();
    arr.data.results = [null];
    expect(violations('ListZoneRecords', arr)).toContain('/data/results/0: must be object');
  });

  it('rejects "true" where the spec says boolean and "1" where it says integer', () => {
    const domain = example('GetDomain') as Json;
    domain.data.is_locked = 'true';
    domain.data.id = '1';
    const v = violations('GetDomain', domain);
    expect(v).toContain('/data/is_locked: must be boolean');
    expect(v).toContain('/data/id: must be integer');
  });

  it('rejects ids beyond int32 and fractions in integers, accepts fractions in doubles', () => {
    const body = login();
    body.data.reseller_id = 2_147_483_648;
    expect(violations('Login', body)).toContain('/data/reseller_id: must match format "int32"');
    body.data.reseller_id = 1.5;
    expect(violations('Login', body)).toContain('/data/reseller_id: must be integer');
    const domain = example('GetDomain') as Json;
    expect(violations('GetDomain', domain)).toEqual([]);
    domain.data.id = 2_147_483_647;
    expect(violations('GetDomain', domain)).toEqual([]);
    const prices = example('GetPrice') as Json;
    expect(violations('GetPrice', prices)).toEqual([]);
    const [group] = Object.keys(prices.data.price);
    prices.data.price[group].price = 12.345;
    expect(violations('GetPrice', prices)).toEqual([]);
    prices.data.price[group].price = '12.34';
    expect(violations('GetPrice', prices)).toContain(`/data/price/${group}/price: must be number`);
  });

  it('keeps string-typed look-alikes strings (autorenew "on", zone history "is")', () => {
    const domain = example('GetDomain') as Json;
    domain.data.autorenew = true;
    expect(violations('GetDomain', domain)).toContain('/data/autorenew: must be string');
    const zone = example('GetZone') as Json;
    zone.data.history[0].is = true;
    expect(violations('GetZone', zone)).toContain('/data/history/0/is: must be string');
  });

  it('accepts the declared sku_values map (booleans, any key), leaves it optional, and rejects non-boolean values', () => {
    const items = example('ListItems') as Json;
    expect(violations('ListItems', items)).toEqual([]);
    items.data.results[0].sku_values = { 'FT-PLESK-X': true, anything: false };
    expect(violations('ListItems', items)).toEqual([]);
    items.data.results[0].sku_values = { 'FT-PLESK-X': 'yes' };
    expect(violations('ListItems', items)).toContain('/data/results/0/sku_values/FT-PLESK-X: must be boolean');
  });

  it('accepts upper-case map keys where the spec generated them and rejects lower-case ones', () => {
    const stats = example('GetStatistics') as Json;
    expect(Object.keys(stats.data.domain.by_status)).toEqual(['ACT', 'FAI', 'NSR', 'PEN', 'REJ', 'REQ']);
    stats.data.domain.by_status = { act: 1 };
    expect(violations('GetStatistics', stats)).toContain('/data/domain/by_status: unexpected property "act" (closed object)');
  });

  it('validates the self-referencing license extensions at any depth', () => {
    const license = (extensions: unknown[]): Json => ({ key_id: 1, extensions });
    const body: Json = { code: 0, data: {}, desc: '' };
    const fields = Object.entries(swagger().definitions.licenseExtendedLicense.properties!);
    const sample: Record<string, unknown> = { string: '', integer: 0, number: 0, boolean: false, array: [], object: {} };
    body.data = Object.fromEntries(fields.filter(([n]) => n !== 'sku_values').map(([n, s]) => [n, s.$ref ? {} : sample[s.type!]]));
    body.data.extensions = [license([license([])])];
    expect(violations('GetPleskLicense', body)).toEqual([]);
    body.data.extensions = [license([license([{ key_id: 'x' }])])];
    expect(violations('GetPleskLicense', body)).toContain('/data/extensions/0/extensions/0/extensions/0/key_id: must be integer');
  });

  it('fails a success answered with another 2xx status (every success is HTTP 200)', () => {
    expect(() => expectOpenproviderContract('POST', '/v1beta/auth/login', 201, login())).toThrow(/HTTP 201/);
  });

  it('parses a raw response text (res.body) before validating, and fails a body that is not JSON', () => {
    expect(() => expectOpenproviderContract('POST', '/v1beta/auth/login', 200, JSON.stringify(login()))).not.toThrow();
    expect(() => expectOpenproviderContract('POST', '/v1beta/auth/login', 200, '{"code":0,"data":{"reseller_id":1,"token":"t"},"desc":"","x":1}')).toThrow(/unexpected property "x"/);
    expect(() => expectOpenproviderContract('POST', '/v1beta/auth/login', 500, '<html>Internal Server Error</html>')).toThrow(/the body is not JSON/);
  });

  it('lists every violation, not just the first', () => {
    const body = login();
    body.data.reseller_id = 'x';
    body.data.token = 1;
    body.extra = true;
    expect(violations('Login', body)).toHaveLength(3);
  });
});

describe('error bodies', () => {
  it('accepts {code, desc} and {code, desc, data: string} with a non-2xx status', () => {
    expect(() => expectOpenproviderContract('POST', '/v1beta/auth/login', 401, { code: 196, desc: 'Authentication/Authorization Failed' })).not.toThrow();
    expect(() => expectOpenproviderContract('GET', '/v1beta/domains/1', 404, { code: 320, desc: 'Domain not found', data: '' })).not.toThrow();
  });

  it('does not count an error as a validated success', () => {
    expectOpenproviderContract('DELETE', '/v1beta/tags', 400, { code: 10, desc: 'bad' });
    expect(validatedOperations().has('DeleteTag')).toBe(false);
  });

  it('fails code 0 on an error body', () => {
    expect(() => expectOpenproviderContract('POST', '/v1beta/auth/login', 401, { code: 0, desc: 'x' })).toThrow(/\/code: an error body needs a non-zero code/);
  });

  it('fails a missing code or desc, an extra key, data that is not a string, a string code', () => {
    const v = (body: unknown) => contractViolations('POST', '/v1beta/auth/login', 400, body).violations;
    expect(v({ desc: 'x' })).toContain('/: missing required property "code"');
    expect(v({ code: 1 })).toContain('/: missing required property "desc"');
    expect(v({ code: 1, desc: 'x', error: 'y' })).toContain('/: unexpected property "error" (closed object)');
    expect(v({ code: 1, desc: 'x', data: { id: 1 } })).toContain('/data: must be string');
    expect(v({ code: 1, desc: 'x', data: null })).toContain('/data: must be string');
    expect(v({ code: '196', desc: 'x' })).toContain('/code: must be integer');
  });

  it('fails an error answered with HTTP 200 (errors take a non-2xx status)', () => {
    expect(() => expectOpenproviderContract('POST', '/v1beta/auth/login', 200, { code: 196, desc: 'Authentication/Authorization Failed' })).toThrow(/HTTP 200 with a body that is not a success/);
  });
});

describe('house rules (reported apart, enforced by expectOpenproviderContract too)', () => {
  it('classifies date and date-time fields from the spec', () => {
    const { dates, dateTimes } = dateFields();
    for (const f of ['creation_date', 'expiration_date', 'renewal_date', 'deleted_at', 'comments_last_changed_at', 'modification_date', 'date', 'modified', 'restorable_until', 'activated_at']) expect(dateTimes.has(f), f).toBe(true);
    for (const f of ['birth_date', 'company_registration_subscription_date', 'passport_issue_date']) expect(dates.has(f), f).toBe(true);
    for (const f of ['start_date', 'end_date', 'timestamp']) expect(dates.has(f) || dateTimes.has(f), f).toBe(false);
  });

  it('accepts "YYYY-MM-DD HH:MM:SS", "0000-00-00 00:00:00" and "" for date-times, "YYYY-MM-DD" and "" for dates', () => {
    expect(houseRuleViolations({ data: { creation_date: '2026-06-01 12:00:00', deleted_at: '0000-00-00 00:00:00', modification_date: '', scheduled_at: '', additional_data: { birth_date: '1970-01-01' } } })).toEqual([]);
  });

  it('rejects ISO date-times, single-digit hours, impossible dates and date-times in date fields', () => {
    const v = houseRuleViolations({
      data: { results: [{ creation_date: '2026-06-01T12:00:00Z' }, { creation_date: '2019-01-27 0:55:17' }, { creation_date: '2026-02-30 10:00:00' }], additional_data: { birth_date: '1970-01-01 00:00:00' } },
    });
    expect(v).toHaveLength(4);
    expect(v[0]).toMatch(/^\/data\/results\/0\/creation_date: date-time must be/);
    expect(v[3]).toMatch(/^\/data\/additional_data\/birth_date: date must be "YYYY-MM-DD"/);
    expect(houseRuleViolations({ data: { birth_date: '0000-00-00' } })).toHaveLength(1);
  });

  it('leaves promotion start_date/end_date (epoch seconds as a string) alone', () => {
    expect(houseRuleViolations({ data: { promotion: { start_date: '1577836800', end_date: '1609459199' } } })).toEqual([]);
  });

  it('makes expectOpenproviderContract throw on a bad date even when the schema passes', () => {
    const body = zoneRecords();
    body.data.results[0].creation_date = '2026-06-01T12:00:00.000Z';
    expect(violations('ListZoneRecords', body)).toEqual([]);
    expect(() => expectOpenproviderContract('GET', '/v1beta/dns/zones/example.com/records', 200, body)).toThrow(/house rules \(1\):\n {2}\/data\/results\/0\/creation_date/);
  });
});

describe('operation matching', () => {
  it.each([
    ['GET', '/v1beta/dns/zones/example.com', 'GetZone'],
    ['GET', '/v1beta/dns/zones/example.com/records', 'ListZoneRecords'],
    ['GET', '/v1beta/dns/zones/example.com/records?limit=500&offset=0', 'ListZoneRecords'],
    ['PUT', '/v1beta/dns/zones/example.com/', 'UpdateZone'],
    ['POST', '/v1beta/customers/verifications/emails/start', 'StartEmailVerification'],
    ['POST', '/v1beta/customers/verifications/emails/restart', 'RestartEmailVerification'],
    ['GET', '/v1beta/customers/verifications/emails/domains', 'ListDomainEmailVerifications'],
    ['GET', '/v1beta/customers/JD123456-US', 'GetCustomer'],
    ['get', '/v1beta/customers/JD123456-US?with_additional_data=true', 'GetCustomer'],
    ['GET', '/v1beta/customers/{handle}', 'GetCustomer'],
    ['GET', '/v1beta/customers/{id}', 'GetCustomer'],
    ['GET', '/v1beta/domains/additional-data', 'GetAdditionalData'],
    ['GET', '/v1beta/domains/123', 'GetDomain'],
    ['POST', '/v1beta/domains/check', 'CheckDomain'],
    ['POST', '/v1beta/domains/123/renew', 'RenewDomain'],
    ['GET', '/v1beta/licenses/plesk/key/77', 'GetPleskKey'],
    ['GET', '/v1beta/licenses/plesk/77', 'GetPleskLicense'],
    ['GET', '/v1beta/dns/nameservers/groups', 'ListGroups'],
    ['GET', '/v1beta/dns/nameservers/ns1.example.com', 'GetNameserver'],
  ])('%s %s → %s', (method, path, id) => {
    expect(operationFor(method, path)?.operationId).toBe(id);
  });

  it('matches nothing for unknown paths or methods; there only an error body is acceptable', () => {
    expect(operationFor('GET', '/v1beta/nothing')).toBeNull();
    expect(operationFor('PATCH', '/v1beta/domains/1')).toBeNull();
    expect(operationFor('GET', '/v1beta/dns/zones/example.com/records/extra')).toBeNull();
    expect(() => expectOpenproviderContract('GET', '/v1beta/nothing', 200, login())).toThrow(/no operation of the spec matches GET \/v1beta\/nothing, yet it answered a success/);
    expect(() => expectOpenproviderContract('PATCH', '/v1beta/domains/1', 404, { code: 404, desc: 'Not found', data: '' })).not.toThrow();
    expect(() => expectOpenproviderContract('GET', '/v1beta/nothing', 404, { statusCode: 404, error: 'Not Found', message: 'Route GET:/v1beta/nothing not found' })).toThrow(/\(no operation of the spec\)[\s\S]*unexpected property "statusCode"/);
  });

  it('returns the template of the matched operation', () => {
    expect(operationFor('GET', '/v1beta/dns/zones/example.com/records')).toEqual({ operationId: 'ListZoneRecords', template: '/v1beta/dns/zones/{name}/records' });
  });
});

describe('missing documented fields (report only)', () => {
  it('counts documented fields as the guide does: GetDomain 155, GetReseller 205', () => {
    expect(documentedFieldCount('GetDomain')).toBe(155);
    expect(documentedFieldCount('GetReseller')).toBe(205);
  });

  it('reports every documented field below data for an empty data, and what a thin body leaves out', () => {
    const all = documentedFields('GetDomain');
    expect(all).toHaveLength(155 - 3); // the guide's count includes warnings[].code/data/desc
    expect(missingDocumentedFields('GET', '/v1beta/domains/1', { code: 0, data: {}, desc: '' })).toEqual(all);
    const full = example('GetDomain') as Json;
    const missingFromFull = missingDocumentedFields('GET', '/v1beta/domains/1', full);
    delete full.data.abuse_details;
    const thin = missingDocumentedFields('GET', '/v1beta/domains/1', full);
    expect(thin).toEqual(expect.arrayContaining(['/data/abuse_details', '/data/abuse_details/abuse_id', '/data/abuse_details/is_domain_held', '/data/abuse_details/message']));
    expect(thin).toHaveLength(missingFromFull.length + 4);
  });

  it('looks into list items and says nothing below an empty list', () => {
    expect(missingDocumentedFields('GET', '/v1beta/dns/zones/x/records', zoneRecords())).toEqual([]);
    const partial = zoneRecords();
    delete partial.data.results[0].prio;
    expect(missingDocumentedFields('GET', '/v1beta/dns/zones/x/records', partial)).toEqual(['/data/results/*/prio']);
    expect(missingDocumentedFields('GET', '/v1beta/dns/zones/x/records', { code: 0, data: { results: [], total: 0 }, desc: '' })).toEqual([]);
  });

  it('counts a field of a definition as carried when any object of that definition carries it', () => {
    const reseller = example('GetReseller') as Json;
    // PaymentMethodLimit documents the currencies once, used under payment_methods and recurring_payment_methods
    const limits = [...reseller.data.settings.payment_methods, ...reseller.data.settings.recurring_payment_methods].map((m: Json) => m.settings.limit);
    expect(limits).toHaveLength(2);
    for (const limit of limits) delete limit.maximum.AUD;
    expect(missingDocumentedFields('GET', '/v1beta/resellers', reseller)).not.toContain('/data/settings/payment_methods/*/settings/limit/maximum/AUD');
    for (const limit of limits) delete limit.minimum.AUD;
    expect(missingDocumentedFields('GET', '/v1beta/resellers', reseller)).toContain('/data/settings/payment_methods/*/settings/limit/maximum/AUD');
  });
});
