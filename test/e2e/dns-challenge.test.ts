// The DNS server as `npm start` runs it: the real `resellbox serve` process (embedded database, DNS in worker
// threads sharing one port), written to over HTTP through the Openprovider API and read over real UDP and TCP.
// A zone created through the API is answered within one second; the DNS-01 challenge flow as certificate tools run
// it (find the zone by trying each label suffix, add the TXT with PUT, see it served, remove it sent quoted, see it
// gone); the SOA serial raised on each change; AXFR from loopback; a deleted zone refused.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startServer, opLogin, opCall, type Served } from './server.ts';
import { udp, tcp, type Reply } from '../dns/client.ts';

let served: Served;
let dnsPort: number;
let token: string;
const url = (path: string) => `${served.base}${path}`;

beforeAll(async () => {
  served = await startServer('rb-e2e-dns-');
  const m = /Authoritative DNS\s+127\.0\.0\.1:(\d+) \(UDP and TCP, \d+ zones, ([^)]+)\)/.exec(served.banner);
  expect(m, served.banner).not.toBeNull();
  expect(m![2]).toMatch(/worker threads?$/); // the default: DNS off the HTTP thread
  dnsPort = Number(m![1]);
  const username = `e2e-dns-${Math.random().toString(36).slice(2, 8)}`;
  const made = await fetch(url('/_sandbox/accounts'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'e2e-password-1', balance: 0 }) });
  expect(made.status).toBe(200);
  token = await opLogin(served.base, username, 'e2e-password-1');
}, 90_000);
afterAll(async () => {
  await served?.stop();
});

const op = (method: string, path: string, json?: unknown) => opCall(served.base, token, method, path, json);

/**
 * asks from fresh sockets, which the kernel spreads over the DNS threads (each reads the change log on its own),
 * until `ok` has held for 10 answers in a row; fails when that has not happened within one second of the change
 */
async function within1s(probe: () => Promise<Reply>, ok: (r: Reply) => boolean): Promise<Reply> {
  const start = Date.now();
  for (let inRow = 0; ; ) {
    const r = await probe();
    inRow = ok(r) ? inRow + 1 : 0;
    if (inRow >= 10) return r;
    if (Date.now() - start > 1000) throw new Error(`not answered by every thread within one second: ${r.rcode} ${JSON.stringify(r.answers)}`);
    if (!inRow) await new Promise((res) => setTimeout(res, 20));
  }
}
const viaUdp = (name: string, type: string) => () => udp(dnsPort, { name, type });
const viaTcp = (name: string, type: string) => async () => (await tcp(dnsPort, { name, type }))[0]!;
const txt = (r: Reply) => (r.answers ?? []).filter((a) => a.type === 'TXT').flatMap((a) => (a as { data: Buffer[] }).data.map((b) => b.toString()));
const serial = async (zone: string) => ((await udp(dnsPort, { name: zone, type: 'SOA' })).answers![0] as { data: { serial: number } }).data.serial;

describe('DNS through the real server process (`resellbox serve`)', () => {
  it('answers a zone created through the API within one second, over UDP and TCP', async () => {
    const created = await op('POST', '/dns/zones', { domain: { name: 'e2e-dns', extension: 'com' }, type: 'master', records: [{ name: 'www', type: 'A', value: '192.0.2.10', ttl: 900 }] });
    expect(created.status, created.text).toBe(200);
    const served = (x: Reply) => x.rcode === 'NOERROR' && x.answers!.length === 1;
    const r = await within1s(viaUdp('www.e2e-dns.com', 'A'), served);
    expect(r.answers![0]).toMatchObject({ type: 'A', data: '192.0.2.10', ttl: 900 });
    expect(r.flags! & 0x0400).toBe(0x0400); // AA
    expect((await within1s(viaTcp('www.e2e-dns.com', 'A'), served)).answers![0]).toMatchObject({ type: 'A', data: '192.0.2.10' });
  });

  it('runs the DNS-01 challenge as certificate tools do: the TXT served within a second of the PUT, gone within a second of its removal', async () => {
    // find the zone by trying each label suffix, as acme.sh's dns_openprovider does
    const fqdn = '_acme-challenge.www.e2e-dns.com';
    const labels = fqdn.split('.');
    let zone: { name: string; id: number } | null = null;
    for (let i = 0; i < labels.length - 1 && !zone; i++) {
      const candidate = labels.slice(i).join('.');
      const res = await op('GET', `/dns/zones/${candidate}`);
      if (res.text.includes(`"name":"${candidate}"`)) zone = { name: candidate, id: res.body.data.id };
      else expect(res.status).toBe(404);
    }
    expect(zone?.name).toBe('e2e-dns.com');
    const before = await serial(zone!.name);

    const value = 'LHDhK3oGRvkiefQnx7OOczTY5Tic_xZ6HcMOc_gmtoM';
    const add = await op('PUT', `/dns/zones/${zone!.name}`, { id: zone!.id, name: zone!.name, records: { add: [{ name: '_acme-challenge.www', type: 'TXT', value, ttl: 600 }] } });
    expect(add.text).toContain('"success":true');
    const seen = await within1s(viaUdp(fqdn, 'TXT'), (r) => txt(r).length === 1);
    expect(txt(seen)).toEqual([value]);
    expect(txt(await within1s(viaTcp(fqdn, 'TXT'), (r) => txt(r).length === 1))).toEqual([value]);
    const afterAdd = await serial(zone!.name);
    expect(afterAdd).toBeGreaterThan(before);

    const dup = await op('PUT', `/dns/zones/${zone!.name}`, { id: zone!.id, name: zone!.name, records: { add: [{ name: '_acme-challenge.www', type: 'TXT', value, ttl: 600 }] } });
    expect(dup.status).toBe(400);
    expect(dup.body.desc).toContain('Duplicate record');

    const remove = await op('PUT', `/dns/zones/${zone!.name}`, { id: zone!.id, name: zone!.name, records: { remove: [{ name: '_acme-challenge.www', type: 'TXT', value: `"${value}"`, ttl: 600 }] } });
    expect(remove.text).toContain('"success":true');
    const gone = await within1s(viaUdp(fqdn, 'TXT'), (r) => r.rcode === 'NXDOMAIN');
    expect(gone.authorities![0]).toMatchObject({ type: 'SOA', name: 'e2e-dns.com' });
    await within1s(viaTcp(fqdn, 'TXT'), (r) => r.rcode === 'NXDOMAIN');
    expect(await serial(zone!.name)).toBeGreaterThan(afterAdd);
  });

  it('transfers the zone (AXFR) over TCP to loopback, and refuses a deleted zone within one second', async () => {
    const msgs = await tcp(dnsPort, { name: 'e2e-dns.com', type: 'AXFR' }, { transfer: true });
    const all = msgs.flatMap((m) => m.answers!);
    expect(all[0]!.type).toBe('SOA');
    expect(all.at(-1)!.type).toBe('SOA');
    expect(all).toContainEqual(expect.objectContaining({ name: 'www.e2e-dns.com', type: 'A', data: '192.0.2.10' }));

    const del = await op('DELETE', '/dns/zones/e2e-dns.com');
    expect(del.text).toContain('"success":true');
    await within1s(viaUdp('www.e2e-dns.com', 'A'), (r) => r.rcode === 'REFUSED');
    await within1s(viaTcp('www.e2e-dns.com', 'A'), (r) => r.rcode === 'REFUSED');
  });
});
