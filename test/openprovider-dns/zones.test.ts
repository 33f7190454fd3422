// Openprovider ZoneService / ZoneRecordService through the app (inject), every response validated against the Swagger:
// create/get/list/update/delete zones, every record type round-tripping, the seed's record rules, refusals that
// change nothing, search and paging, 401/404/400 on every route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { call, expectError } from '../openprovider/client.ts';
import { createZone, edit, recordLines, reseller, zone, type RecordInfo, type Reseller, type ZoneBody } from './helpers.ts';

let app: TestApp;
let r: Reseller;
const FP = 'ab'.repeat(32);

beforeAll(async () => {
  app = await testApp();
  r = await reseller(app);
});
afterAll(async () => {
  await app.close();
});

const ROUTES: [string, string][] = [
  ['GET', '/v1beta/dns/zones'],
  ['POST', '/v1beta/dns/zones'],
  ['GET', '/v1beta/dns/zones/example.com'],
  ['PUT', '/v1beta/dns/zones/example.com'],
  ['DELETE', '/v1beta/dns/zones/example.com'],
  ['GET', '/v1beta/dns/zones/example.com/records'],
  ['GET', '/v1beta/dns/templates'],
  ['POST', '/v1beta/dns/templates'],
  ['GET', '/v1beta/dns/templates/1'],
  ['DELETE', '/v1beta/dns/templates/1'],
  ['POST', '/v1beta/dns/domain-token'],
];

describe('authentication', () => {
  it.each(ROUTES)('refuses %s %s without a token, or with a bad one, with code 196 and HTTP 401', async (method, url) => {
    expectError(await call(app, method, url, { json: method === 'GET' || method === 'DELETE' ? undefined : {} }), 196, 401);
    expectError(await call(app, method, url, { token: 'not-a-token', json: method === 'GET' || method === 'DELETE' ? undefined : {} }), 196, 401);
  });
});

describe('create and get a zone', () => {
  it('creates a zone (HTTP 200, {"success":true}) and returns it with generated SOA and NS first, its id the first "id" in the body', async () => {
    const res = await createZone(app, r, 'create-get.com', [{ name: 'WWW', ttl: '900', type: 'A', value: '1.2.3.4' }, { name: 'ftp', ttl: '900', type: 'CNAME', value: 'op-demozone.nl' }]);
    expect(res.status).toBe(200);
    expect(res.text).toBe('{"code":0,"data":{"success":true},"desc":""}');
    const got = await call<ZoneBody>(app, 'GET', '/v1beta/dns/zones/create-get.com?with_records=true', { token: r.token });
    const z = got.body.data;
    expect(got.text).toContain('"name":"create-get.com"');
    expect(Number(/"id":(\d+)/.exec(got.text)![1])).toBe(z.id);
    expect(z).toMatchObject({ name: 'create-get.com', type: 'master', active: true, is_deleted: false, is_shadow: false, reseller_id: r.accountId, dnskey: '', history: [] });
    expect(z.creation_date).toBe('2026-06-01 12:00:00');
    expect(z.records.map((x) => x.type).slice(0, 3)).toEqual(['SOA', 'NS', 'NS']);
    expect(z.records[0]!.value).toMatch(/^ns1\.resellbox\.test hostmaster\.create-get\.com 2026060100 /);
    expect(z.records.slice(3).map((x) => `${x.name} ${x.type} ${x.ttl} ${x.value}`)).toEqual(['www.create-get.com A 900 1.2.3.4', 'ftp.create-get.com CNAME 900 op-demozone.nl']);
  });

  it('accepts `domain` as {name, extension} and as a one-element array (seed 000:4089, 000:1356)', async () => {
    expect((await call(app, 'POST', '/v1beta/dns/zones', { token: r.token, json: { domain: { name: 'obj-domain', extension: 'com' }, type: 'master' } })).status).toBe(200);
    expect((await call(app, 'POST', '/v1beta/dns/zones', { token: r.token, json: { domain: [{ name: 'arr-domain', extension: 'com' }], type: 'master', is_spamexperts_enabled: 'on' } })).status).toBe(200);
    expect((await zone(app, r, 'obj-domain.com', '')).name).toBe('obj-domain.com');
    expect((await zone(app, r, 'arr-domain.com', '')).is_spamexperts_enabled).toBe(true);
  });

  it('omits records and history unless asked ([]), and shows them with with_records / with_history / with_dnskey', async () => {
    await createZone(app, r, 'flags.com', [{ name: 'www', type: 'A', value: '192.0.2.1', ttl: 900 }], { secured: true });
    const bare = await zone(app, r, 'flags.com', '');
    expect({ records: bare.records, history: bare.history, dnskey: bare.dnskey }).toEqual({ records: [], history: [], dnskey: '' });
    const full = await zone(app, r, 'flags.com', 'with_records=true&with_history=1&with_dnskey=true');
    expect(full.records.length).toBe(4);
    expect(full.history).toEqual([{ date: '2026-06-01 12:00:00', is: 'zone created with 1 records', source: 'api', was: '' }]);
    expect(full.dnskey).toMatch(/^257 3 13 [A-Za-z0-9+/=]+$/);
  });

  it('answers an unknown zone with 404 code 871 and a body that does not carry "name":"<that name>"', async () => {
    const res = await call(app, 'GET', '/v1beta/dns/zones/nowhere-at-all.com', { token: r.token });
    expectError(res, 871, 404);
    expect(res.text).not.toContain('"name":"nowhere-at-all.com"');
    expect(res.text).not.toContain('nowhere-at-all.com');
  });

  it('answers GET with a zone id that is not the zone\'s with 404, and a non-numeric id with 400', async () => {
    const z = await zone(app, r, 'create-get.com', '');
    expect((await call(app, 'GET', `/v1beta/dns/zones/create-get.com?id=${z.id}`, { token: r.token })).status).toBe(200);
    expectError(await call(app, 'GET', `/v1beta/dns/zones/create-get.com?id=${z.id + 1000}`, { token: r.token }), 871, 404);
    expectError(await call(app, 'GET', '/v1beta/dns/zones/create-get.com?id=abc', { token: r.token }), 101, 400);
    expectError(await call(app, 'GET', '/v1beta/dns/zones/create-get.com?with_records=maybe', { token: r.token }), 101, 400);
  });

  it('refuses a zone that exists (872), a bad name (873), a bad record (874), a missing domain (101), malformed JSON (100) — and creates nothing', async () => {
    expectError(await createZone(app, r, 'create-get.com'), 872, 400);
    expectError(await createZone(app, r, 'not a domain'), 873, 400);
    expectError(await createZone(app, r, 'badrec.com', [{ name: 'www', type: 'A', value: '300.1.1.1' }]), 874, 400);
    expectError(await call(app, 'POST', '/v1beta/dns/zones', { token: r.token, json: { type: 'master' } }), 101, 400);
    expectError(await call(app, 'POST', '/v1beta/dns/zones', { token: r.token, body: '{"domain":', headers: { 'content-type': 'application/json' } }), 100, 400);
    expectError(await call(app, 'POST', '/v1beta/dns/zones', { token: r.token, json: { domain: 'x.com', unknown_field: 1 } }), 101, 400);
    expectError(await call(app, 'GET', '/v1beta/dns/zones/badrec.com', { token: r.token }), 871, 404);
    expectError(await call(app, 'GET', '/v1beta/dns/zones/x.com', { token: r.token }), 871, 404);
  });
});

// every record type of the Swagger's table, as sent → as stored and returned
const TYPES: { send: Record<string, unknown>; line: string }[] = [
  { send: { name: 'a', type: 'A', value: '192.0.2.10', ttl: 3600 }, line: 'a.types.com A 3600 0 192.0.2.10' },
  { send: { name: 'aaaa', type: 'AAAA', value: '2001:DB8:0:0:0:0:0:1', ttl: 3600 }, line: 'aaaa.types.com AAAA 3600 0 2001:db8::1' },
  { send: { name: 'alias', type: 'CNAME', value: 'Target.Example.NET.', ttl: 900 }, line: 'alias.types.com CNAME 900 0 target.example.net' },
  { send: { name: '', type: 'MX', value: 'mail.types.com', prio: 10, ttl: 3600 }, line: 'types.com MX 3600 10 mail.types.com' },
  { send: { name: 'txt', type: 'TXT', value: 'hello world', ttl: 3600 }, line: 'txt.types.com TXT 3600 0 "hello world"' },
  { send: { name: '_sip._tcp', type: 'SRV', value: '10 60 5060 sip.types.com', ttl: 3600 }, line: '_sip._tcp.types.com SRV 3600 0 10 60 5060 sip.types.com' },
  { send: { name: '', type: 'CAA', value: '0 issue "letsencrypt.org"', ttl: 3600 }, line: 'types.com CAA 3600 0 0 issue "letsencrypt.org"' },
  { send: { name: 'sub', type: 'NS', value: 'ns1.other.net', ttl: 86400 }, line: 'sub.types.com NS 86400 0 ns1.other.net' },
  { send: { name: '1', type: 'PTR', value: 'host.types.com', ttl: 3600 }, line: '1.types.com PTR 3600 0 host.types.com' },
  { send: { name: '_443._tcp.www', type: 'TLSA', value: `3 1 1 ${FP.toUpperCase()}`, ttl: 3600 }, line: `_443._tcp.www.types.com TLSA 3600 0 3 1 1 ${FP}` },
  { send: { name: 'host', type: 'SSHFP', value: `4 2 ${FP}`, ttl: 3600 }, line: `host.types.com SSHFP 3600 0 4 2 ${FP}` },
];

describe('record types and rules', () => {
  beforeAll(async () => {
    expect((await createZone(app, r, 'types.com')).status).toBe(200);
  });

  it.each(TYPES)('adds, returns and removes a $send.type record', async ({ send, line }) => {
    expect((await edit(app, r, 'types.com', { add: [send] })).status).toBe(200);
    expect(await recordLines(app, r, 'types.com')).toContain(line);
    const listed = await call<{ results: RecordInfo[]; total: number }>(app, 'GET', `/v1beta/dns/zones/types.com/records?type=${String(send.type)}`, { token: r.token });
    expect(listed.body.data.results.map((x) => `${x.name} ${x.type} ${x.ttl} ${x.prio} ${x.value}`)).toContain(line);
    expect((await edit(app, r, 'types.com', { remove: [send] })).status).toBe(200);
    expect(await recordLines(app, r, 'types.com')).not.toContain(line);
  });

  it('saves TTLs outside 900/3600/10800/21600/43200/86400 as 86400 and accepts 120, 600 and numeric strings without error', async () => {
    await createZone(app, r, 'ttl.com');
    const res = await edit(app, r, 'ttl.com', { add: [
      { name: 'a120', type: 'A', value: '192.0.2.1', ttl: 120 }, { name: 'a600', type: 'A', value: '192.0.2.1', ttl: 600 },
      { name: 'a900', type: 'A', value: '192.0.2.1', ttl: '900' }, { name: 'a3600', type: 'A', value: '192.0.2.1', ttl: 3600 },
      { name: 'anone', type: 'A', value: '192.0.2.1' },
    ] });
    expect(res.status).toBe(200);
    expect(await recordLines(app, r, 'ttl.com')).toEqual([
      'a120.ttl.com A 86400 0 192.0.2.1', 'a3600.ttl.com A 3600 0 192.0.2.1', 'a600.ttl.com A 86400 0 192.0.2.1', 'a900.ttl.com A 900 0 192.0.2.1', 'anone.ttl.com A 86400 0 192.0.2.1',
    ]);
  });

  it('keeps prio for MX only (an A record sent with prio stores 0) and requires it for MX', async () => {
    await createZone(app, r, 'prio.com');
    expect((await edit(app, r, 'prio.com', { add: [{ name: 'www', type: 'A', value: '192.0.2.1', prio: 10, ttl: 900 }] })).status).toBe(200);
    expect(await recordLines(app, r, 'prio.com')).toEqual(['www.prio.com A 900 0 192.0.2.1']);
    expectError(await edit(app, r, 'prio.com', { add: [{ name: '', type: 'MX', value: 'mx.prio.com', ttl: 900 }] }), 874, 400);
  });

  it('stores TXT quoted and removes it whether the value is sent quoted or bare', async () => {
    await createZone(app, r, 'txt.com');
    await edit(app, r, 'txt.com', { add: [{ name: 'a', type: 'TXT', value: 'token-a', ttl: 900 }, { name: 'b', type: 'TXT', value: '"token-b"', ttl: 900 }] });
    expect(await recordLines(app, r, 'txt.com')).toEqual(['a.txt.com TXT 900 0 "token-a"', 'b.txt.com TXT 900 0 "token-b"']);
    expect((await edit(app, r, 'txt.com', { remove: [{ name: 'a', type: 'TXT', value: '"token-a"' }] })).status).toBe(200);
    expect((await edit(app, r, 'txt.com', { remove: [{ name: 'b.txt.com', type: 'TXT', value: 'token-b', ttl: 900 }] })).status).toBe(200);
    expect(await recordLines(app, r, 'txt.com')).toEqual([]);
  });

  it('answers a duplicate add with code 875 and a desc saying "Duplicate record", changing nothing', async () => {
    await createZone(app, r, 'dup.com', [{ name: 'www', type: 'A', value: '192.0.2.1', ttl: 900 }]);
    const before = await zone(app, r, 'dup.com');
    const res = await edit(app, r, 'dup.com', { add: [{ name: 'new', type: 'A', value: '192.0.2.2', ttl: 900 }, { name: 'WWW', type: 'A', value: '192.0.2.1', ttl: 3600 }] });
    expectError(res, 875, 400);
    expect(res.body.desc).toContain('Duplicate record');
    expect(await zone(app, r, 'dup.com')).toEqual(before);
  });

  const BAD: [string, Record<string, unknown>, number][] = [
    ['an A record with a bad address', { name: 'x', type: 'A', value: '999.1.1.1' }, 874],
    ['an AAAA record with a bad address', { name: 'x', type: 'AAAA', value: '2001:db8::g' }, 874],
    ['an unknown type', { name: 'x', type: 'BOGUS', value: 'x' }, 874],
    ['a record without a value', { name: 'x', type: 'A' }, 874],
    ['an empty TXT', { name: 'x', type: 'TXT', value: '' }, 874],
    ['a bad host name', { name: 'bad name', type: 'A', value: '192.0.2.1' }, 874],
    ['a CAA with an unknown tag', { name: '', type: 'CAA', value: '0 bogus "x"' }, 874],
    ['a TLSA with data that does not fit its matching type', { name: 'x', type: 'TLSA', value: '3 1 1 abcd' }, 874],
    ['an SOA record', { name: '', type: 'SOA', value: 'ns1.x.com. h.x.com. 1 2 3 4 5' }, 877],
    ['an apex NS record', { name: '', type: 'NS', value: 'ns9.other.net' }, 877],
    ['a CNAME at the apex', { name: '', type: 'CNAME', value: 'other.net' }, 878],
    ['a CNAME beside another record', { name: 'www', type: 'CNAME', value: 'other.net' }, 878],
    ['a non-numeric TTL', { name: 'x', type: 'A', value: '192.0.2.1', ttl: 'soon' }, 874],
  ];

  it.each(BAD)('refuses %s and changes nothing', async (_what, rec, code) => {
    if (!(await call(app, 'GET', '/v1beta/dns/zones/bad.com', { token: r.token })).status.toString().startsWith('2')) {
      await createZone(app, r, 'bad.com', [{ name: 'www', type: 'A', value: '192.0.2.1', ttl: 900 }]);
    }
    const before = await zone(app, r, 'bad.com', 'with_records=true&with_history=true');
    const res = await edit(app, r, 'bad.com', { add: [{ name: 'ok', type: 'A', value: '192.0.2.9', ttl: 900 }, rec] });
    expectError(res, code, 400);
    expect(await zone(app, r, 'bad.com', 'with_records=true&with_history=true')).toEqual(before);
  });

  it('refuses to remove or update a record that is not there (876, HTTP 404) and to edit the generated NS (877)', async () => {
    await createZone(app, r, 'missing.com', [{ name: 'www', type: 'A', value: '192.0.2.1', ttl: 900 }]);
    expectError(await edit(app, r, 'missing.com', { remove: [{ name: 'www', type: 'A', value: '192.0.2.99' }] }), 876, 404);
    expectError(await edit(app, r, 'missing.com', { update: [{ original_record: { name: 'ftp', type: 'A', value: '192.0.2.1' }, record: { name: 'ftp', type: 'A', value: '192.0.2.2' } }] }), 876, 404);
    expectError(await edit(app, r, 'missing.com', { remove: [{ name: '', type: 'NS', value: 'ns1.resellbox.test' }] }), 877, 400);
    expect(await recordLines(app, r, 'missing.com')).toEqual(['www.missing.com A 900 0 192.0.2.1']);
  });
});

describe('record edits', () => {
  it('updates one record with original_record + record (seed 000:1512-1530), raising the serial', async () => {
    await createZone(app, r, 'upd.com', [{ name: '', type: 'MX', value: 'test-mail.upd.com', prio: 10, ttl: 3600 }]);
    const serialBefore = (await zone(app, r, 'upd.com')).records[0]!.value.split(' ')[2];
    const res = await edit(app, r, 'upd.com', { update: [{ original_record: { prio: 10, ttl: 3600, type: 'MX', value: 'test-mail.upd.com' }, record: { prio: 20, ttl: 3600, type: 'MX', value: 'mail.upd.com' } }] });
    expect(res.status).toBe(200);
    const z = await zone(app, r, 'upd.com');
    expect(await recordLines(app, r, 'upd.com')).toEqual(['upd.com MX 3600 20 mail.upd.com']);
    expect(Number(z.records[0]!.value.split(' ')[2])).toBeGreaterThan(Number(serialBefore));
  });

  it('replaces the whole record set with `replace`, the generated SOA/NS staying', async () => {
    await createZone(app, r, 'repl.com', [{ name: 'a', type: 'A', value: '192.0.2.1', ttl: 900 }, { name: 'b', type: 'A', value: '192.0.2.2', ttl: 900 }]);
    expect((await edit(app, r, 'repl.com', { replace: [{ name: 'c', type: 'TXT', value: 'only', ttl: 3600 }] })).status).toBe(200);
    expect(await recordLines(app, r, 'repl.com')).toEqual(['c.repl.com TXT 3600 0 "only"']);
    expect((await zone(app, r, 'repl.com')).records.slice(0, 3).map((x) => x.type)).toEqual(['SOA', 'NS', 'NS']);
  });

  it('accepts the guide\'s array form `records: [{add: […]}]` and a body with the zone id (seed 000:1476-1491)', async () => {
    await createZone(app, r, 'arr.com');
    const z = await zone(app, r, 'arr.com', '');
    expect((await edit(app, r, 'arr.com', [{ add: [{ ttl: 900, type: 'A', value: '5.255.94.114' }] }], { id: z.id })).status).toBe(200);
    expect(await recordLines(app, r, 'arr.com')).toEqual(['arr.com A 900 0 5.255.94.114']);
    expectError(await edit(app, r, 'arr.com', { add: [{ name: 'x', type: 'A', value: '192.0.2.1' }] }, { id: z.id + 999 }), 871, 404);
  });

  it('toggles is_spamexperts_enabled and keeps records when `records` is left out (a partial PUT)', async () => {
    await createZone(app, r, 'spam.com', [{ name: 'www', type: 'A', value: '192.0.2.1', ttl: 900 }]);
    expect((await call(app, 'PUT', '/v1beta/dns/zones/spam.com', { token: r.token, json: { is_spamexperts_enabled: true } })).status).toBe(200);
    expect((await zone(app, r, 'spam.com', '')).is_spamexperts_enabled).toBe(true);
    expect(await recordLines(app, r, 'spam.com')).toEqual(['www.spam.com A 900 0 192.0.2.1']);
  });

  it('answers PUT on an unknown zone with 404 and a bad body with 400', async () => {
    expectError(await edit(app, r, 'nozone.com', { add: [{ name: 'x', type: 'A', value: '192.0.2.1' }] }), 871, 404);
    expectError(await call(app, 'PUT', '/v1beta/dns/zones/spam.com', { token: r.token, json: { records: { add: 'x' } } }), 101, 400);
    expectError(await call(app, 'PUT', '/v1beta/dns/zones/spam.com', { token: r.token, json: { records: { update: [{ record: { type: 'A' } }] } } }), 101, 400);
  });
});

describe('search zones and records', () => {
  let s: Reseller;
  beforeAll(async () => {
    s = await reseller(app);
    for (const n of ['alpha.com', 'beta.com', 'gamma.net', 'delta.com']) await createZone(app, s, n, [{ name: 'www', type: 'A', value: '192.0.2.1', ttl: 900 }]);
    await call(app, 'POST', '/v1beta/dns/zones', { token: s.token, json: { domain: 'slave.com', type: 'slave', master_ip: '192.0.2.53' } });
  });

  it('lists zones as {results, total}, with name_pattern wildcards, type filter, order_by and paging', async () => {
    const all = await call<{ results: ZoneBody[]; total: number }>(app, 'GET', '/v1beta/dns/zones', { token: s.token });
    expect(all.body.data.total).toBe(5);
    expect(all.body.data.results.every((z) => z.records.length === 0)).toBe(true);
    const com = await call<{ results: ZoneBody[]; total: number }>(app, 'GET', '/v1beta/dns/zones?name_pattern=*.com&order_by.name=desc', { token: s.token });
    expect(com.body.data.results.map((z) => z.name)).toEqual(['slave.com', 'delta.com', 'beta.com', 'alpha.com']);
    const slave = await call<{ results: ZoneBody[]; total: number }>(app, 'GET', '/v1beta/dns/zones?type=slave', { token: s.token });
    expect(slave.body.data.results.map((z) => [z.name, z.ip])).toEqual([['slave.com', '192.0.2.53']]);
    const page = await call<{ results: ZoneBody[]; total: number }>(app, 'GET', '/v1beta/dns/zones?limit=2&offset=1&order_by.name=asc&with_records=true', { token: s.token });
    expect(page.body.data.total).toBe(5);
    expect(page.body.data.results.map((z) => z.name)).toEqual(['beta.com', 'delta.com']);
    expect(page.body.data.results[0]!.records.length).toBe(4);
  });

  it('refuses bad list parameters with 400', async () => {
    expectError(await call(app, 'GET', '/v1beta/dns/zones?limit=-1', { token: s.token }), 101, 400);
    expectError(await call(app, 'GET', '/v1beta/dns/zones?type=primary', { token: s.token }), 101, 400);
    expectError(await call(app, 'GET', '/v1beta/dns/zones?order_by.color=asc', { token: s.token }), 101, 400);
  });

  it('lists a zone\'s records with filters, ordering and paging, and 404 for an unknown zone', async () => {
    await edit(app, s, 'alpha.com', { add: [{ name: 'mail', type: 'A', value: '192.0.2.2', ttl: 3600 }, { name: '', type: 'MX', value: 'mail.alpha.com', prio: 10, ttl: 3600 }] });
    type L = { results: RecordInfo[]; total: number };
    const all = await call<L>(app, 'GET', '/v1beta/dns/zones/alpha.com/records', { token: s.token });
    expect(all.body.data.total).toBe(6);
    const a = await call<L>(app, 'GET', '/v1beta/dns/zones/alpha.com/records?type=A&order_by.value=desc', { token: s.token });
    expect(a.body.data.results.map((x) => x.name)).toEqual(['mail.alpha.com', 'www.alpha.com']);
    const named = await call<L>(app, 'GET', '/v1beta/dns/zones/alpha.com/records?record_name_pattern=mail*', { token: s.token });
    expect(named.body.data.results.map((x) => x.type)).toEqual(['A']);
    const value = await call<L>(app, 'GET', '/v1beta/dns/zones/alpha.com/records?value_pattern=*.2', { token: s.token });
    expect(value.body.data.results.map((x) => x.name)).toEqual(['mail.alpha.com']);
    const ttl = await call<L>(app, 'GET', '/v1beta/dns/zones/alpha.com/records?ttl=3600&prio=10', { token: s.token });
    expect(ttl.body.data.results.map((x) => x.type)).toEqual(['MX']);
    const page = await call<L>(app, 'GET', '/v1beta/dns/zones/alpha.com/records?limit=2&offset=4', { token: s.token });
    expect({ n: page.body.data.results.length, total: page.body.data.total }).toEqual({ n: 2, total: 6 });
    expectError(await call(app, 'GET', '/v1beta/dns/zones/nozone.com/records', { token: s.token }), 871, 404);
    expectError(await call(app, 'GET', '/v1beta/dns/zones/alpha.com/records?order_by.size=asc', { token: s.token }), 101, 400);
    expectError(await call(app, 'GET', '/v1beta/dns/zones/alpha.com/records?ttl=long', { token: s.token }), 101, 400);
    const z = await zone(app, s, 'alpha.com', '');
    expectError(await call(app, 'GET', `/v1beta/dns/zones/alpha.com/records?zone_id=${z.id + 77}`, { token: s.token }), 871, 404);
    expect((await call(app, 'GET', `/v1beta/dns/zones/alpha.com/records?zone_id=${z.id}`, { token: s.token })).status).toBe(200);
  });
});

describe('delete a zone', () => {
  it('deletes a zone (HTTP 200 {"success":true}); it is gone, and a second delete is 404', async () => {
    await createZone(app, r, 'gone.com', [{ name: 'www', type: 'A', value: '192.0.2.1' }]);
    const res = await call(app, 'DELETE', '/v1beta/dns/zones/gone.com', { token: r.token, headers: { 'content-type': 'application/json' } });
    expect(res.text).toBe('{"code":0,"data":{"success":true},"desc":""}');
    expectError(await call(app, 'GET', '/v1beta/dns/zones/gone.com', { token: r.token }), 871, 404);
    expectError(await call(app, 'DELETE', '/v1beta/dns/zones/gone.com', { token: r.token }), 871, 404);
    // the name is free again
    expect((await createZone(app, r, 'gone.com')).status).toBe(200);
  });

  it('refuses a delete with another zone id (404) or a junk id (400)', async () => {
    await createZone(app, r, 'keep.com');
    const z = await zone(app, r, 'keep.com', '');
    expectError(await call(app, 'DELETE', `/v1beta/dns/zones/keep.com?id=${z.id + 5}`, { token: r.token }), 871, 404);
    expectError(await call(app, 'DELETE', '/v1beta/dns/zones/keep.com?id=x', { token: r.token }), 101, 400);
    expect((await call(app, 'DELETE', `/v1beta/dns/zones/keep.com?id=${z.id}`, { token: r.token })).status).toBe(200);
  });
});

describe('isolation between accounts', () => {
  it('hides one reseller\'s zones from another: get/put/delete/records 404, list empty; the zone stays intact', async () => {
    const owner = await reseller(app);
    const other = await reseller(app);
    await createZone(app, owner, 'mine.com', [{ name: 'www', type: 'A', value: '192.0.2.1', ttl: 900 }]);
    const before = await zone(app, owner, 'mine.com', 'with_records=true&with_history=true');
    expectError(await call(app, 'GET', '/v1beta/dns/zones/mine.com', { token: other.token }), 871, 404);
    expectError(await call(app, 'GET', '/v1beta/dns/zones/mine.com/records', { token: other.token }), 871, 404);
    expectError(await edit(app, other, 'mine.com', { add: [{ name: 'evil', type: 'A', value: '192.0.2.66' }] }), 871, 404);
    expectError(await call(app, 'DELETE', '/v1beta/dns/zones/mine.com', { token: other.token }), 871, 404);
    const list = await call<{ results: ZoneBody[]; total: number }>(app, 'GET', '/v1beta/dns/zones?name_pattern=mine*', { token: other.token });
    expect(list.body.data).toEqual({ results: [], total: 0 });
    expect(await zone(app, owner, 'mine.com', 'with_records=true&with_history=true')).toEqual(before);
  });
});
