// MrDomain tool/dig and tool/zonecheck answered from real DNS queries to the real authoritative server (started as
// src/app/side-servers.ts starts it, here on 127.0.0.1:0), through the app's DnsLookup (src/app/ssl-net.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { call, creds, ENCODINGS, ENVELOPE_KEYS } from '../mrdomain/helpers.ts';
import { xmlOf } from '../mrdomain/shape.ts';
import { startDnsServer, type DnsServer } from '../../src/dns-server/server.ts';
import { storeZoneSource } from '../../src/core/dns/zone-source.ts';
import { dnsLookup } from '../../src/app/ssl-net.ts';
import { runFlow } from '../../src/core/runner.ts';
import { createZone } from '../../src/core/dns/flows/create-zone.ts';
import { updateZone } from '../../src/core/dns/flows/update-zone.ts';

let app: TestApp;
let dns: DnsServer;
let who: { username: string; password: string; accountId: number };
const FP = 'ab'.repeat(32);

beforeAll(async () => {
  app = await testApp();
  dns = await startDnsServer({ host: '127.0.0.1', port: 0, source: storeZoneSource(app.store), pollMs: 50 });
  app.services.dnsLookup = dnsLookup({ host: '127.0.0.1', port: dns.port });
  who = await app.account();
  await runFlow(app.services, createZone, { accountId: who.accountId, name: 'dig-example.com', records: [
    { name: 'www', type: 'A', value: '192.0.2.1', ttl: 3600 },
    { name: 'www', type: 'AAAA', value: '2001:db8::1', ttl: 3600 },
    { name: '', type: 'MX', value: 'mail.dig-example.com', prio: 10, ttl: 3600 },
    { name: '', type: 'TXT', value: 'v=spf1 -all', ttl: 900 },
    { name: '', type: 'CAA', value: '0 issue "letsencrypt.org"', ttl: 3600 },
    { name: 'alias', type: 'CNAME', value: 'www.dig-example.com', ttl: 900 },
    { name: 'host', type: 'SSHFP', value: `4 2 ${FP}`, ttl: 3600 },
    { name: '_443._tcp.www', type: 'TLSA', value: `3 1 1 ${FP}`, ttl: 3600 },
    { name: '_sip._tcp', type: 'SRV', value: '10 60 5060 sip.dig-example.com', ttl: 3600 },
    { name: '1', type: 'PTR', value: 'host.dig-example.com', ttl: 3600 },
  ] });
  await runFlow(app.services, createZone, { accountId: who.accountId, name: 'zc-pass.com', nameservers: ['ns1.zc-pass.com', 'ns2.zc-pass.com'], records: [
    { name: 'ns1', type: 'A', value: '192.0.2.53', ttl: 3600 },
    { name: 'ns2', type: 'A', value: '192.0.2.54', ttl: 3600 },
  ] });
  await settle();
});
afterAll(async () => {
  await dns.close();
  await app.close();
});

/**
 * Lets the DNS server catch up with what has committed: `refresh()` may hand back a poll already in flight (started
 * by its timer before the change committed), so the second call is a poll that starts after the commit.
 */
async function settle(): Promise<void> {
  await dns.refresh();
  await dns.refresh();
}

const dig = (params: Record<string, string>, encoding: 'urlencoded' | 'multipart' = 'urlencoded') => call(app, '/tool/dig/', { ...creds(who), 'output-format': 'json', 'output-pretty': '', ...params }, { encoding });
const zonecheck = (params: Record<string, string>) => call(app, '/tool/zonecheck/', { ...creds(who), ...params });

describe.each(ENCODINGS)('tool/dig (%s)', (encoding) => {
  it('answers an SOA query with {query, nameserver, type, result}, the result laid out as the seed\'s dig text', async () => {
    const r = await dig({ query: 'dig-example.com', type: 'SOA', nameserver: '8.8.8.8' }, encoding);
    expect(Object.keys(r.body)).toEqual(ENVELOPE_KEYS);
    expect(r.body).toMatchObject({ success: true, errorCode: 0, action: 'tool/dig', version: '1.0.20' });
    expect(r.raw).toContain('"action":"tool\\/dig"');
    expect(Object.keys(r.body.responseData)).toEqual(['query', 'nameserver', 'type', 'result']);
    expect(r.body.responseData).toMatchObject({ query: 'dig-example.com', nameserver: '8.8.8.8', type: 'SOA' });
    expect(r.body.responseData.result).toMatch(new RegExp([
      '^;; Got answer:\\n',
      ';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: \\d+\\n',
      ';; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 0\\n\\n',
      ';; QUESTION SECTION:\\n;dig-example\\.com\\.\\t\\tIN\\tSOA\\n\\n',
      ';; ANSWER SECTION:\\ndig-example\\.com\\.\\t86400\\tIN\\tSOA\\tns1\\.resellbox\\.test\\. hostmaster\\.dig-example\\.com\\. 20260601\\d\\d 10800 3600 604800 3600\\n\\n$',
    ].join('')));
  });
});

describe('tool/dig answers', () => {
  const CASES: [string, string, RegExp][] = [
    ['www.dig-example.com', 'A', /\nwww\.dig-example\.com\.\t3600\tIN\tA\t192\.0\.2\.1\n/],
    ['www.dig-example.com', 'AAAA', /\tIN\tAAAA\t2001:db8::1\n/],
    ['dig-example.com', 'MX', /\ndig-example\.com\.\t3600\tIN\tMX\t10 mail\.dig-example\.com\.\n/],
    ['dig-example.com', 'TXT', /\tIN\tTXT\t"v=spf1 -all"\n/],
    ['dig-example.com', 'CAA', /\tIN\tCAA\t0 issue "letsencrypt\.org"\n/],
    ['dig-example.com', 'NS', /\tIN\tNS\tns1\.resellbox\.test\.\n.*\tIN\tNS\tns2\.resellbox\.test\.\n/],
    ['alias.dig-example.com', 'CNAME', /\nalias\.dig-example\.com\.\t900\tIN\tCNAME\twww\.dig-example\.com\.\n/],
    ['host.dig-example.com', 'ANY', new RegExp(`\\tIN\\tSSHFP\\t4 2 ${FP.toUpperCase()}\\n`)],
    ['_443._tcp.www.dig-example.com', 'ANY', new RegExp(`\\tIN\\tTLSA\\t3 1 1 ${FP.toUpperCase()}\\n`)],
    ['_sip._tcp.dig-example.com', 'ANY', /\tIN\tSRV\t10 60 5060 sip\.dig-example\.com\.\n/],
    ['1.dig-example.com', 'ANY', /\n1\.dig-example\.com\.\t3600\tIN\tPTR\thost\.dig-example\.com\.\n/],
  ];
  it.each(CASES)('answers %s %s from the real server', async (query, type, line) => {
    const r = await dig({ query, type, nameserver: 'ns1.resellbox.test' });
    expect(r.body.errorCode).toBe(0);
    expect(r.body.responseData.result).toContain('status: NOERROR');
    expect(r.body.responseData.result).toMatch(line);
  });

  it('shows NXDOMAIN with the SOA in the authority section for a name that does not exist', async () => {
    const r = await dig({ query: 'nothing.dig-example.com', type: 'A', nameserver: '8.8.8.8' });
    expect(r.body.responseData.result).toContain('status: NXDOMAIN');
    expect(r.body.responseData.result).toContain('ANSWER: 0, AUTHORITY: 1');
    expect(r.body.responseData.result).toMatch(/;; AUTHORITY SECTION:\ndig-example\.com\.\t+3600\tIN\tSOA\t/);
  });

  it('shows REFUSED for a zone the sandbox does not host', async () => {
    const r = await dig({ query: 'not-hosted-here.org', type: 'A', nameserver: '8.8.8.8' });
    expect(r.body.errorCode).toBe(0);
    expect(r.body.responseData.result).toContain('status: REFUSED');
  });

  it('sees a record as soon as it is added through the API (a real query, not a copy of the database)', async () => {
    const before = await dig({ query: 'new.dig-example.com', type: 'TXT', nameserver: '8.8.8.8' });
    expect(before.body.responseData.result).toContain('status: NXDOMAIN');
    await runFlow(app.services, updateZone, { accountId: who.accountId, name: 'dig-example.com', records: { add: [{ name: 'new', type: 'TXT', value: 'fresh', ttl: 900 }] } });
    await settle();
    const after = await dig({ query: 'new.dig-example.com', type: 'TXT', nameserver: '8.8.8.8' });
    expect(after.body.responseData.result).toMatch(/\nnew\.dig-example\.com\.\t900\tIN\tTXT\t"fresh"\n/);
  });

  it('answers dig\'s "connection timed out" text (not an error) when the server does not answer', async () => {
    const real = app.services.dnsLookup;
    app.services.dnsLookup = { txt: async () => [], cname: async () => [], query: () => Promise.reject(Object.assign(new Error('timeout'), { code: 'ETIMEOUT' })) };
    try {
      const r = await dig({ query: 'dig-example.com', type: 'A', nameserver: '8.8.8.8' });
      expect(r.body.errorCode).toBe(0);
      expect(r.body.responseData.result).toBe(';; connection timed out; no servers could be reached\n');
    } finally {
      app.services.dnsLookup = real;
    }
  });

  const BAD: [string, Record<string, string>, number, string][] = [
    ['a missing query', { type: 'A', nameserver: '8.8.8.8' }, 101, 'query'],
    ['a missing type', { query: 'dig-example.com', nameserver: '8.8.8.8' }, 101, 'type'],
    ['a missing nameserver', { query: 'dig-example.com', type: 'A' }, 101, 'nameserver'],
    ['a type outside the list', { query: 'dig-example.com', type: 'SRV', nameserver: '8.8.8.8' }, 105, 'type'],
    ['a lower-case type', { query: 'dig-example.com', type: 'a', nameserver: '8.8.8.8' }, 105, 'type'],
    ['a query that is no name', { query: 'not a name', type: 'A', nameserver: '8.8.8.8' }, 105, 'query'],
    ['a nameserver that is no name or address', { query: 'dig-example.com', type: 'A', nameserver: 'bad server!' }, 105, 'nameserver'],
  ];
  it.each(BAD)('refuses %s with errorCode %i', async (_what, params, code, field) => {
    const r = await dig(params);
    expect(r.body).toMatchObject({ success: false, errorCode: code, responseData: [] });
    expect(r.body.messages.join(' ')).toContain(field);
  });

  it('requires credentials (200) and valid ones (201)', async () => {
    const none = await call(app, '/tool/dig/', { query: 'dig-example.com', type: 'A', nameserver: '8.8.8.8' });
    expect(none.body.errorCode).toBe(200);
    const bad = await call(app, '/tool/dig/', { apiuser: who.username, apipasswd: 'wrong', query: 'dig-example.com', type: 'A', nameserver: '8.8.8.8' });
    expect(bad.body.errorCode).toBe(201);
  });
});

describe('tool/zonecheck', () => {
  it('passes a zone served with authority whose NS set is the given nameservers, with their addresses (seed layout)', async () => {
    const r = await zonecheck({ domain: 'zc-pass.com', nameservers: 'ns1.zc-pass.com,ns2.zc-pass.com' });
    expect(Object.keys(r.body)).toEqual(ENVELOPE_KEYS);
    expect(r.body.action).toBe('tool/zonecheck');
    expect(r.body.responseData).toEqual({
      domain: 'zc-pass.com', nameservers: ['ns1.zc-pass.com', 'ns2.zc-pass.com'],
      result: { zonepass: true, report: 'ZONE  : zc-pass.com\nNS <= : ns1.zc-pass.com [192.0.2.53]\nNS    : ns2.zc-pass.com [192.0.2.54]\n\n==> SUCCESS\n' },
    });
  });

  it('passes with warnings when the nameservers\' addresses cannot be resolved here', async () => {
    const r = await zonecheck({ domain: 'dig-example.com', nameservers: 'ns1.resellbox.test, ns2.resellbox.test' });
    expect(r.body.responseData.result.zonepass).toBe(true);
    expect(r.body.responseData.result.report).toContain('NS <= : ns1.resellbox.test [unresolved]');
    expect(r.body.responseData.result.report).toContain('|    warning    ||');
    expect(r.body.responseData.result.report).toMatch(/==> SUCCESS \(but 2 warning\(s\)\)\n$/);
  });

  it('fails a zone whose NS set differs from the given nameservers', async () => {
    const r = await zonecheck({ domain: 'zc-pass.com', nameservers: 'ns1.zc-pass.com,ns9.elsewhere.net' });
    expect(r.body.errorCode).toBe(0);
    expect(r.body.responseData.result.zonepass).toBe(false);
    expect(r.body.responseData.result.report).toContain('ns9.elsewhere.net is not an NS record of zc-pass.com');
    expect(r.body.responseData.result.report).toContain('the zone also lists ns2.zc-pass.com');
    expect(r.body.responseData.result.report).toMatch(/==> FAILURE/);
  });

  it('fails a zone the server does not serve', async () => {
    const r = await zonecheck({ domain: 'not-hosted-here.org', nameservers: 'ns1.zc-pass.com,ns2.zc-pass.com' });
    expect(r.body.responseData.result.zonepass).toBe(false);
    expect(r.body.responseData.result.report).toContain('has no SOA record here (status REFUSED)');
  });

  it('gives the same fields in XML (output-format=xml)', async () => {
    const params = { domain: 'zc-pass.com', nameservers: 'ns1.zc-pass.com,ns2.zc-pass.com' };
    const json = await zonecheck(params);
    const x = await zonecheck({ ...params, 'output-format': 'xml' });
    // the test's XML parser trims text, so the report's last newline is compared trimmed
    const trimmed = { ...json.body, responseData: { ...json.body.responseData, result: { ...json.body.responseData.result, report: json.body.responseData.result.report.trim() } } };
    expect(x.body).toEqual(xmlOf(trimmed));
    expect(x.raw).toContain('<item>ns2.zc-pass.com</item>');
    const digJson = await dig({ query: 'zc-pass.com', type: 'NS', nameserver: '8.8.8.8' });
    const digXml = await dig({ query: 'zc-pass.com', type: 'NS', nameserver: '8.8.8.8', 'output-format': 'xml' });
    expect(digXml.body.responseData.result.replace(/id: \d+/, '')).toBe(digJson.body.responseData.result.replace(/id: \d+/, '').trim());
  });

  it('refuses fewer than 2 nameservers (105), missing parameters (101) and an invalid domain (2001)', async () => {
    expect((await zonecheck({ domain: 'zc-pass.com', nameservers: 'ns1.zc-pass.com' })).body.errorCode).toBe(105);
    expect((await zonecheck({ domain: 'zc-pass.com', nameservers: 'ns1.zc-pass.com,bad name!' })).body.errorCode).toBe(105);
    expect((await zonecheck({ domain: 'zc-pass.com' })).body.errorCode).toBe(101);
    expect((await zonecheck({ nameservers: 'a.com,b.com' })).body.errorCode).toBe(101);
    const bad = await zonecheck({ domain: 'not a domain', nameservers: 'ns1.zc-pass.com,ns2.zc-pass.com' });
    expect(bad.body).toMatchObject({ success: false, errorCode: 2001, errorCodeMsg: 'Invalid domain name', responseData: [] });
  });
});
