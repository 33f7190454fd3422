import { describe, it, expect } from 'vitest';
import type { DomainError } from '../../src/core/errors.ts';
import { normaliseRecord, ttlOf, quoteTxt, txtStrings, checkRecordSet, nextSerial, canonicalIPv6, relativeName, generatedRecords, type DnsRecord, type RecordInput, type Zone } from '../../src/core/dns/model.ts';

const now = new Date('2026-06-01T12:00:00Z');
const rec = (i: RecordInput) => normaliseRecord('example.com', i, now);
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as DomainError).code;
  }
  return 'no error';
};

describe('DNS record model', () => {
  it('keeps the TTLs the seed accepts and saves every other TTL (or none) as 86400', () => {
    for (const t of [900, 3600, 10800, 21600, 43200, 86400]) expect(ttlOf(t)).toBe(t);
    expect(ttlOf('900')).toBe(900);
    for (const t of [120, 600, 300, 1, 100000, undefined, '']) expect(ttlOf(t as number)).toBe(86400);
    expect(code(() => ttlOf('soon'))).toBe('dns.record_invalid');
  });

  it('stores TXT values quoted whether sent bare or quoted, and matches them as the same record', () => {
    expect(rec({ name: '_acme-challenge', type: 'TXT', value: 'token123', ttl: 120 }).value).toBe('"token123"');
    expect(rec({ name: '_acme-challenge', type: 'TXT', value: '"token123"', ttl: 120 }).value).toBe('"token123"');
    expect(rec({ name: '', type: 'TXT', value: 'say "hi"\\' }).value).toBe('"say \\"hi\\"\\\\"');
  });

  it('splits a TXT value longer than 255 bytes into strings of at most 255 bytes', () => {
    const long = 'k='.padEnd(600, 'A');
    const stored = quoteTxt(long);
    const parts = txtStrings(stored);
    expect(parts.map((p) => p.length)).toEqual([255, 255, 90]);
    expect(parts.join('')).toBe(long);
    // multi-byte characters are never cut in half
    const utf = 'é'.repeat(200);
    expect(txtStrings(quoteTxt(utf)).every((p) => Buffer.byteLength(p) <= 255)).toBe(true);
    expect(txtStrings(quoteTxt(utf)).join('')).toBe(utf);
  });

  it('requires prio for MX, keeps it there and stores 0 for every other type', () => {
    expect(code(() => rec({ name: '', type: 'MX', value: 'mx.example.com' }))).toBe('dns.record_invalid');
    expect(rec({ name: '', type: 'MX', value: 'MX.Example.com.', prio: '10' })).toMatchObject({ value: 'mx.example.com', prio: 10 });
    expect(rec({ name: 'www', type: 'A', value: '192.0.2.1', prio: 10 }).prio).toBe(0);
  });

  it('validates the data of every type with its own rules', () => {
    const good: RecordInput[] = [
      { type: 'A', value: '192.0.2.1' }, { type: 'AAAA', value: '2001:DB8:0:0:0:0:0:1' }, { type: 'CNAME', name: 'w', value: 'target.example.net' },
      { type: 'MX', value: 'mx.example.com', prio: 5 }, { type: 'TXT', value: 'v=spf1 -all' }, { type: 'SPF', value: 'v=spf1 -all' },
      { type: 'SRV', name: '_sip._tcp', value: '10 60 5060 sip.example.com' }, { type: 'CAA', value: '0 issue "letsencrypt.org"' },
      { type: 'NS', name: 'sub', value: 'ns1.sub.example.com' }, { type: 'PTR', name: '1', value: 'host.example.com' },
      { type: 'TLSA', name: '_443._tcp', value: `3 1 1 ${'ab'.repeat(32)}` }, { type: 'SSHFP', value: `4 2 ${'cd'.repeat(32)}` },
    ];
    for (const g of good) expect(() => rec({ name: '', ...g }), JSON.stringify(g)).not.toThrow();
    expect(rec({ type: 'AAAA', value: '2001:DB8:0:0:0:0:0:1' }).value).toBe('2001:db8::1');
    const bad: RecordInput[] = [
      { type: 'A', value: '256.1.1.1' }, { type: 'A', value: 'example.com' }, { type: 'AAAA', value: '192.0.2.1' }, { type: 'CNAME', name: 'w', value: 'bad name!' },
      { type: 'MX', value: '10 mx.example.com', prio: 5 }, { type: 'SRV', name: '_sip._tcp', value: 'sip.example.com' }, { type: 'SRV', value: '1 2 70000 x.example.com' },
      { type: 'CAA', value: '0 pickme "ca.example"' }, { type: 'CAA', value: '0 iodef "not a url"' }, { type: 'TLSA', value: '3 1 1 abc' },
      { type: 'SSHFP', value: '9 1 abcd' }, { type: 'SSHFP', value: `1 1 ${'ab'.repeat(5)}` }, { type: 'TXT', value: '' }, { type: 'HINFO', value: 'x' },
      { type: 'A', name: 'bad_label!', value: '192.0.2.1' },
    ];
    for (const b of bad) expect(code(() => rec({ name: '', ...b })), JSON.stringify(b)).toBe('dns.record_invalid');
  });

  it('keeps the SRV priority in the value, folding a separate prio into a three-field value', () => {
    expect(rec({ name: '_sip._tcp', type: 'SRV', value: '60 5060 sip.example.com.', prio: 10 })).toMatchObject({ value: '10 60 5060 sip.example.com', prio: 0 });
    expect(rec({ name: '_sip._tcp', type: 'SRV', value: '5 60 5060 sip.example.com', prio: 10 })).toMatchObject({ value: '5 60 5060 sip.example.com', prio: 0 });
  });

  it('refuses SOA and apex NS records as generated and not editable, and a CNAME at the apex', () => {
    expect(code(() => rec({ name: '', type: 'SOA', value: 'x' }))).toBe('dns.record_readonly');
    expect(code(() => rec({ name: '@', type: 'NS', value: 'ns.example.net' }))).toBe('dns.record_readonly');
    expect(code(() => rec({ name: '', type: 'CNAME', value: 'x.example.net' }))).toBe('dns.cname_conflict');
  });

  it('refuses a CNAME that shares its name with another record, and duplicates', () => {
    const a = rec({ name: 'www', type: 'A', value: '192.0.2.1' });
    const c = rec({ name: 'www', type: 'CNAME', value: 'x.example.net' });
    expect(code(() => checkRecordSet([a, c]))).toBe('dns.cname_conflict');
    expect(code(() => checkRecordSet([c, rec({ name: 'www', type: 'CNAME', value: 'y.example.net' })]))).toBe('dns.cname_conflict');
    expect(code(() => checkRecordSet([a, rec({ name: 'WWW', type: 'A', value: '192.0.2.1', ttl: 900 })]))).toBe('dns.record_duplicate');
    expect(() => checkRecordSet([a, rec({ name: 'www', type: 'A', value: '192.0.2.2' })])).not.toThrow();
  });

  it('takes record names relative, at the apex (empty or @) or fully qualified', () => {
    expect(relativeName('example.com', 'WWW')).toBe('www');
    expect(relativeName('example.com', '@')).toBe('');
    expect(relativeName('example.com', 'www.example.com.')).toBe('www');
    expect(relativeName('example.com', '*.app')).toBe('*.app');
  });

  it('raises the serial YYYYMMDDnn on every change, never going back', () => {
    expect(nextSerial(0, now)).toBe(2026060100);
    expect(nextSerial(2026060100, now)).toBe(2026060101);
    expect(nextSerial(2026053107, now)).toBe(2026060100);
    expect(nextSerial(2026060299, now)).toBe(2026060300);
  });

  it('generates the SOA and apex NS records from the zone', () => {
    const zone = { name: 'example.com', nameservers: ['ns1.resellbox.test', 'ns2.resellbox.test'], serial: 2026060103, createdAt: now, updatedAt: now } as Zone;
    const g: DnsRecord[] = generatedRecords(zone);
    expect(g.map((r) => `${r.type} ${r.value}`)).toEqual(['SOA ns1.resellbox.test hostmaster.example.com 2026060103 10800 3600 604800 3600', 'NS ns1.resellbox.test', 'NS ns2.resellbox.test']);
  });

  it('writes IPv6 addresses in their canonical form', () => {
    expect(canonicalIPv6('2001:0db8:0000:0000:0001:0000:0000:0001')).toBe('2001:db8::1:0:0:1');
    expect(canonicalIPv6('::ffff:192.0.2.1')).toBe('::ffff:c000:201');
    expect(canonicalIPv6('1::2::3')).toBeNull();
  });
});
