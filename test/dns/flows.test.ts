import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { runFlow, runQuery } from '../../src/core/runner.ts';
import { createAccount } from '../../src/core/accounts/flows/create-account.ts';
import { createZone } from '../../src/core/dns/flows/create-zone.ts';
import { getZone } from '../../src/core/dns/flows/get-zone.ts';
import { searchZones } from '../../src/core/dns/flows/search-zones.ts';
import { updateZone } from '../../src/core/dns/flows/update-zone.ts';
import { deleteZone } from '../../src/core/dns/flows/delete-zone.ts';
import { listZoneRecords } from '../../src/core/dns/flows/list-zone-records.ts';
import { listZoneHistory } from '../../src/core/dns/flows/list-zone-history.ts';
import { createTemplate } from '../../src/core/dns/flows/create-template.ts';
import { getTemplate } from '../../src/core/dns/flows/get-template.ts';
import { searchTemplates } from '../../src/core/dns/flows/search-templates.ts';
import { deleteTemplate } from '../../src/core/dns/flows/delete-template.ts';
import { DomainError } from '../../src/core/errors.ts';
import type { RecordInput } from '../../src/core/dns/model.ts';
import { testServices } from '../harness/services.ts';

type S = Awaited<ReturnType<typeof testServices>>;
let s: S;
let acct: number;
let other: number;
let n = 0;

async function fails(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as DomainError).code;
  }
  return 'no error';
}
const stored = async (name: string) => (await runQuery(s, getZone, { accountId: acct, name, withRecords: true })).records!.filter((r) => r.type !== 'SOA' && r.type !== 'NS' || r.name !== '');
const newZone = async (records: RecordInput[] = [{ name: 'www', type: 'A', value: '192.0.2.1', ttl: 900 }]) => {
  const name = `zone${++n}.example`;
  await runFlow(s, createZone, { accountId: acct, name, records });
  return name;
};

beforeAll(async () => {
  s = await testServices();
  acct = (await runFlow(s, createAccount, { username: 'dnsflows', password: 'correct horse battery', email: 'dns@example.test', balance: 0 })).account.id;
  other = (await runFlow(s, createAccount, { username: 'dnsother', password: 'correct horse battery', email: 'other@example.test', balance: 0 })).account.id;
});
afterAll(async () => s.drop());

describe('DNS zone flows', () => {
  it('creates a zone with generated SOA and NS records, a first serial and the records given', async () => {
    const zone = await runFlow(s, createZone, { accountId: acct, name: 'Example-Create.COM.', records: [{ name: 'WWW', type: 'A', value: '192.0.2.1', ttl: '900' }, { name: 'ftp', type: 'CNAME', value: 'example-create.com' }] });
    expect(zone).toMatchObject({ name: 'example-create.com', type: 'master', serial: 2026060100, nameservers: ['ns1.resellbox.test', 'ns2.resellbox.test'] });
    const v = await runQuery(s, getZone, { accountId: acct, name: 'example-create.com', withRecords: true, withHistory: true });
    expect(v.records!.map((r) => `${r.name}|${r.type}|${r.value}|${r.ttl}`)).toEqual([
      '|SOA|ns1.resellbox.test hostmaster.example-create.com 2026060100 10800 3600 604800 3600|86400', '|NS|ns1.resellbox.test|86400', '|NS|ns2.resellbox.test|86400',
      'www|A|192.0.2.1|900', 'ftp|CNAME|example-create.com|86400',
    ]);
    expect(v.history).toHaveLength(1);
  });

  it('refuses a second zone of the same name (any account) and a bad zone name, writing nothing', async () => {
    const name = await newZone();
    expect(await fails(runFlow(s, createZone, { accountId: other, name }))).toBe('dns.zone_exists');
    expect(await fails(runFlow(s, createZone, { accountId: acct, name: 'no_dots' }))).toBe('dns.zone_name_invalid');
    expect(await fails(runFlow(s, createZone, { accountId: acct, name: 'bad.example', records: [{ name: 'www', type: 'A', value: '192.0.2.1' }, { name: 'www', type: 'CNAME', value: 'x.example' }] }))).toBe('dns.cname_conflict');
    expect(await fails(runQuery(s, getZone, { accountId: acct, name: 'bad.example' }))).toBe('dns.zone_not_found');
  });

  it('hides a zone from other accounts', async () => {
    const name = await newZone();
    expect(await fails(runQuery(s, getZone, { accountId: other, name }))).toBe('dns.zone_not_found');
    expect(await fails(runFlow(s, updateZone, { accountId: other, name, records: { add: [{ name: 'x', type: 'A', value: '192.0.2.9' }] } }))).toBe('dns.zone_not_found');
  });

  it('adds a record, raises the serial, and refuses the same record again with "Duplicate record"', async () => {
    const name = await newZone();
    const z = await runFlow(s, updateZone, { accountId: acct, name, records: { add: [{ name: '_acme-challenge', type: 'TXT', value: 'tok', ttl: 120 }] } });
    expect(z.serial).toBe(2026060101);
    const err = await runFlow(s, updateZone, { accountId: acct, name, records: { add: [{ name: '_acme-challenge', type: 'TXT', value: '"tok"', ttl: 600 }] } }).catch((e: DomainError) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('dns.record_duplicate');
    expect((err as DomainError).publicMessage).toMatch(/^Duplicate record/);
    expect((await stored(name)).filter((r) => r.type === 'TXT')).toMatchObject([{ name: '_acme-challenge', value: '"tok"', ttl: 86400 }]);
    expect((await runQuery(s, getZone, { accountId: acct, name })).zone.serial).toBe(2026060101);
  });

  it('removes a TXT record sent quoted or bare', async () => {
    const name = await newZone([{ name: 'a', type: 'TXT', value: 'one', ttl: 900 }, { name: 'b', type: 'TXT', value: 'two', ttl: 900 }]);
    await runFlow(s, updateZone, { accountId: acct, name, records: { remove: [{ name: 'a', type: 'TXT', value: '"one"' }] } });
    await runFlow(s, updateZone, { accountId: acct, name, records: { remove: [{ name: 'b', type: 'TXT', value: 'two', ttl: 900 }] } });
    expect((await stored(name)).filter((r) => r.type === 'TXT')).toEqual([]);
  });

  it('refuses to remove a record that is not there, changing nothing', async () => {
    const name = await newZone();
    const before = (await runQuery(s, getZone, { accountId: acct, name })).zone;
    expect(await fails(runFlow(s, updateZone, { accountId: acct, name, records: { add: [{ name: 'new', type: 'A', value: '192.0.2.7' }], remove: [{ name: 'nope', type: 'A', value: '192.0.2.1' }] } }))).toBe('dns.record_not_found');
    expect((await stored(name)).map((r) => r.name)).toEqual(['www']);
    expect((await runQuery(s, getZone, { accountId: acct, name })).zone.serial).toBe(before.serial);
  });

  it('updates a record through original_record and record, and replaces the whole set', async () => {
    const name = await newZone();
    await runFlow(s, updateZone, { accountId: acct, name, records: { update: [{ original: { name: 'www', type: 'A', value: '192.0.2.1' }, record: { name: 'www', type: 'A', value: '192.0.2.2', ttl: 3600 } }] } });
    expect((await stored(name)).map((r) => `${r.name} ${r.value} ${r.ttl}`)).toEqual(['www 192.0.2.2 3600']);
    await runFlow(s, updateZone, { accountId: acct, name, records: { replace: [{ name: '', type: 'MX', value: 'mx.example.net', prio: 10 }, { name: 'api', type: 'AAAA', value: '2001:db8::5' }] } });
    expect((await stored(name)).map((r) => `${r.name} ${r.type} ${r.prio} ${r.value}`)).toEqual([' MX 10 mx.example.net', 'api AAAA 0 2001:db8::5']);
    const history = await runQuery(s, listZoneHistory, { accountId: acct, name, page: { limit: 100, offset: 0 } });
    expect(history.results.some((h) => h.was === 'www 900 A 192.0.2.1' && h.is === '')).toBe(true);
    expect(history.results.some((h) => h.is === 'api 86400 AAAA 2001:db8::5')).toBe(true);
  });

  it('refuses edits of SOA/apex NS and bad records with the record error, changing nothing', async () => {
    const name = await newZone();
    expect(await fails(runFlow(s, updateZone, { accountId: acct, name, records: { add: [{ name: '', type: 'NS', value: 'ns.evil.example' }] } }))).toBe('dns.record_readonly');
    expect(await fails(runFlow(s, updateZone, { accountId: acct, name, records: { add: [{ name: 'x', type: 'A', value: '192.0.2.5' }, { name: 'y', type: 'A', value: 'nope' }] } }))).toBe('dns.record_invalid');
    expect(await fails(runFlow(s, updateZone, { accountId: acct, name, records: { add: [{ name: 'www', type: 'CNAME', value: 'elsewhere.example' }] } }))).toBe('dns.cname_conflict');
    expect((await stored(name)).map((r) => r.name)).toEqual(['www']);
  });

  it('searches zones with * patterns and pages them, total counting every match', async () => {
    for (let i = 0; i < 5; i++) await runFlow(s, createZone, { accountId: acct, name: `page${i}.search.test` });
    const p1 = await runQuery(s, searchZones, { accountId: acct, filter: { namePattern: 'page*.search.test', orderBy: { field: 'name', desc: false } }, page: { limit: 2, offset: 0 } });
    const p3 = await runQuery(s, searchZones, { accountId: acct, filter: { namePattern: 'page*.search.test', orderBy: { field: 'name', desc: false } }, page: { limit: 2, offset: 4 }, withRecords: true });
    expect(p1.total).toBe(5);
    expect(p1.results.map((v) => v.zone.name)).toEqual(['page0.search.test', 'page1.search.test']);
    expect(p3.results.map((v) => v.zone.name)).toEqual(['page4.search.test']);
    expect(p3.results[0]!.records!.map((r) => r.type)).toEqual(['SOA', 'NS', 'NS']);
    expect((await runQuery(s, searchZones, { accountId: other, filter: { namePattern: 'page*' }, page: { limit: 10, offset: 0 } })).total).toBe(0);
  });

  it('lists zone records with filters and paging', async () => {
    const name = await newZone([{ name: 'a', type: 'A', value: '192.0.2.1' }, { name: 'b', type: 'A', value: '192.0.2.2' }, { name: 'c', type: 'TXT', value: 'hello' }]);
    const page = await runQuery(s, listZoneRecords, { accountId: acct, zoneName: name, filter: { type: 'A', orderBy: { field: 'name', desc: true } }, page: { limit: 1, offset: 0 } });
    expect(page.total).toBe(2);
    expect(page.results.map((r) => r.name)).toEqual(['b']);
    expect((await runQuery(s, listZoneRecords, { accountId: acct, zoneName: name, filter: { valuePattern: '*hell*' }, page: { limit: 10, offset: 0 } })).results.map((r) => r.value)).toEqual(['"hello"']);
  });

  it('returns a DNSKEY only for a secured zone when asked with_dnskey', async () => {
    await runFlow(s, createZone, { accountId: acct, name: 'secured.example', secured: true });
    const sec = await runQuery(s, getZone, { accountId: acct, name: 'secured.example', withDnskey: true });
    expect(sec.dnskey).toMatch(/^257 3 13 [A-Za-z0-9+/]{86}==$/);
    expect((await runQuery(s, getZone, { accountId: acct, name: 'secured.example' })).dnskey).toBeUndefined();
    const plain = await newZone();
    expect((await runQuery(s, getZone, { accountId: acct, name: plain, withDnskey: true })).dnskey).toBe('');
  });

  it('deletes a zone: gone for readers, the name free again', async () => {
    const name = await newZone();
    await runFlow(s, deleteZone, { accountId: acct, name });
    expect(await fails(runQuery(s, getZone, { accountId: acct, name }))).toBe('dns.zone_not_found');
    await runFlow(s, createZone, { accountId: other, name });
    expect((await runQuery(s, getZone, { accountId: other, name, withRecords: true })).records).toHaveLength(3);
  });
});

describe('DNS template flows', () => {
  it('creates, reads, lists and deletes templates; a zone created from one gets its records', async () => {
    const t = await runFlow(s, createTemplate, { accountId: acct, name: 'Web', records: [{ name: '', type: 'A', value: '192.0.2.10', ttl: 3600 }, { name: 'www', type: 'CNAME', value: 'web.example.net' }, { name: '', type: 'MX', value: 'mx.example.net', prio: 5 }] });
    expect(t.records.map((r) => r.id)).toEqual([1, 2, 3]);
    expect(await fails(runFlow(s, createTemplate, { accountId: acct, name: 'web' }))).toBe('dns.template_exists');
    expect((await runQuery(s, getTemplate, { accountId: acct, id: t.id })).name).toBe('Web');
    expect(await fails(runQuery(s, getTemplate, { accountId: other, id: t.id }))).toBe('dns.template_not_found');
    expect((await runQuery(s, searchTemplates, { accountId: acct, namePattern: 'w*', page: { limit: 10, offset: 0 } })).total).toBe(1);

    await runFlow(s, createZone, { accountId: acct, name: 'fromtemplate.example', templateName: 'Web', records: [{ name: 'extra', type: 'A', value: '192.0.2.11' }] });
    expect((await stored('fromtemplate.example')).map((r) => `${r.name} ${r.type} ${r.value}`)).toEqual(['@ A 192.0.2.10', 'www CNAME web.example.net', '@ MX mx.example.net', 'extra A 192.0.2.11'].map((l) => l.replace(/^@/, '')));
    expect(await fails(runFlow(s, createZone, { accountId: acct, name: 'fromnothing.example', templateName: 'Nope' }))).toBe('dns.template_not_found');

    await runFlow(s, deleteTemplate, { accountId: acct, id: t.id });
    expect(await fails(runFlow(s, deleteTemplate, { accountId: acct, id: t.id }))).toBe('dns.template_not_found');
  });
});
