import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import dgram from 'node:dgram';
import packet from 'dns-packet';
import { runFlow, runQuery } from '../../src/core/runner.ts';
import { createAccount } from '../../src/core/accounts/flows/create-account.ts';
import { createZone } from '../../src/core/dns/flows/create-zone.ts';
import { getZone } from '../../src/core/dns/flows/get-zone.ts';
import { updateZone } from '../../src/core/dns/flows/update-zone.ts';
import { deleteZone } from '../../src/core/dns/flows/delete-zone.ts';
import { storeZoneSource } from '../../src/core/dns/zone-source.ts';
import { txtStrings } from '../../src/core/dns/model.ts';
import { startDnsServer, type DnsServer } from '../../src/dns-server/server.ts';
import { testServices } from '../harness/services.ts';
import { udp, tcp, udpRaw, type Reply } from './client.ts';

type S = Awaited<ReturnType<typeof testServices>>;
let s: S;
let dns: DnsServer;
let acct: number;
const Z = 'example.test';
const FP = 'ab'.repeat(32);
const BIG = ['a', 'b', 'c'].map((c) => c.repeat(900));

const RECORDS = [
  { name: '', type: 'A', value: '192.0.2.1', ttl: 3600 },
  { name: '', type: 'AAAA', value: '2001:db8::1', ttl: 3600 },
  { name: '', type: 'MX', value: 'mx.example.test', prio: 10, ttl: 3600 },
  { name: '', type: 'TXT', value: 'v=spf1 -all', ttl: 3600 },
  { name: '', type: 'CAA', value: '0 issue "letsencrypt.org"', ttl: 3600 },
  { name: '', type: 'SSHFP', value: `4 2 ${FP}`, ttl: 3600 },
  { name: 'www', type: 'CNAME', value: 'example.test', ttl: 900 },
  { name: 'alias', type: 'CNAME', value: 'www.example.test', ttl: 900 },
  { name: 'out', type: 'CNAME', value: 'target.elsewhere.net', ttl: 900 },
  { name: 'dangling', type: 'CNAME', value: 'nowhere.example.test', ttl: 900 },
  { name: 'loop1', type: 'CNAME', value: 'loop2.example.test', ttl: 900 },
  { name: 'loop2', type: 'CNAME', value: 'loop1.example.test', ttl: 900 },
  { name: 'mx', type: 'A', value: '192.0.2.25', ttl: 3600 },
  { name: '_sip._tcp', type: 'SRV', value: '10 60 5060 sip.example.test', ttl: 3600 },
  { name: '_443._tcp.web', type: 'TLSA', value: `3 1 1 ${FP}`, ttl: 3600 },
  { name: '1', type: 'PTR', value: 'host.example.test', ttl: 3600 },
  { name: '*.wild', type: 'A', value: '192.0.2.50', ttl: 3600 },
  { name: '*.wild', type: 'TXT', value: 'wild', ttl: 3600 },
  { name: 'sub', type: 'NS', value: 'ns1.sub.example.test', ttl: 3600 },
  { name: 'sub', type: 'NS', value: 'ns.other.net', ttl: 3600 },
  { name: 'ns1.sub', type: 'A', value: '192.0.2.53', ttl: 3600 },
  ...BIG.map((v) => ({ name: 'big', type: 'TXT', value: v, ttl: 3600 })),
];

beforeAll(async () => {
  s = await testServices();
  acct = (await runFlow(s, createAccount, { username: 'dnsserver', password: 'correct horse battery', email: 'dnsserver@example.test', balance: 0 })).account.id;
  await runFlow(s, createZone, { accountId: acct, name: Z, records: RECORDS });
  dns = await startDnsServer({ host: '127.0.0.1', port: 0, source: storeZoneSource(s.store), pollMs: 50 });
});
afterAll(async () => {
  await dns?.close();
  await s?.drop();
});

const AA = packet.AUTHORITATIVE_ANSWER;
const str = (x: unknown) => (Buffer.isBuffer(x) ? x.toString() : x);

/** the record data the API stored, in dns-packet's decoded shape */
async function apiData(name: string, type: string): Promise<unknown[]> {
  const v = await runQuery(s, getZone, { accountId: acct, name: Z, withRecords: true });
  return v.records!.filter((r) => r.name === name && r.type === type).map((r) => {
    const p = r.value.split(' ');
    switch (type) {
      case 'MX': return { preference: r.prio, exchange: r.value };
      case 'TXT': return txtStrings(r.value);
      case 'SRV': return { priority: +p[0]!, weight: +p[1]!, port: +p[2]!, target: p[3] };
      case 'CAA': return { flags: +p[0]!, tag: p[1], value: txtStrings(p.slice(2).join(' '))[0] };
      case 'TLSA': return { usage: +p[0]!, selector: +p[1]!, matchingType: +p[2]!, certificate: p[3] };
      case 'SSHFP': return { algorithm: +p[0]!, hash: +p[1]!, fingerprint: p[2] };
      case 'SOA': return { mname: p[0], rname: p[1], serial: +p[2]! };
      default: return r.value;
    }
  });
}
function wireData(type: string, d: any): unknown {
  switch (type) {
    case 'TXT': return (d as Buffer[]).map(str);
    case 'CAA': return { flags: d.flags, tag: d.tag, value: d.value };
    case 'TLSA': return { usage: d.usage, selector: d.selector, matchingType: d.matchingType, certificate: (d.certificate as Buffer).toString('hex') };
    case 'SSHFP': return { algorithm: d.algorithm, hash: d.hash, fingerprint: String(d.fingerprint).toLowerCase() };
    case 'SOA': return { mname: d.mname, rname: d.rname, serial: d.serial };
    default: return d;
  }
}

describe('authoritative DNS server: records as the API wrote them', () => {
  const cases: [string, string][] = [['', 'A'], ['', 'AAAA'], ['', 'MX'], ['', 'TXT'], ['', 'CAA'], ['', 'SSHFP'], ['', 'NS'], ['', 'SOA'], ['www', 'CNAME'], ['_sip._tcp', 'SRV'], ['_443._tcp.web', 'TLSA'], ['1', 'PTR'], ['mx', 'A']];
  for (const transport of ['udp', 'tcp'] as const) {
    for (const [name, type] of cases) {
      it(`answers ${type} at ${name || '@'} over ${transport.toUpperCase()} with the API's data and the AA flag`, async () => {
        const fq = name ? `${name}.${Z}` : Z;
        const res = transport === 'udp' ? await udp(dns.port, { name: fq, type, edns: 1232 }) : (await tcp(dns.port, { name: fq, type }))[0]!;
        expect(res.rcode).toBe('NOERROR');
        expect(res.flags! & AA).toBe(AA);
        const got = res.answers!.filter((a) => a.type === type).map((a) => wireData(type, (a as { data: unknown }).data));
        expect(got.length).toBeGreaterThan(0);
        expect(got).toEqual(await apiData(name, type));
      });
    }
  }
});

describe('authoritative DNS server: behaviour', () => {
  it('answers NXDOMAIN for a missing name, with the SOA in the authority section', async () => {
    const r = await udp(dns.port, { name: `nope.${Z}`, type: 'A' });
    expect(r.rcode).toBe('NXDOMAIN');
    expect(r.flags! & AA).toBe(AA);
    expect(r.answers).toEqual([]);
    expect(r.authorities!.map((a) => a.type)).toEqual(['SOA']);
    expect((r.authorities![0] as { ttl: number }).ttl).toBe(3600);
  });

  it('answers NODATA (NOERROR, no answer, SOA in authority) for a name without that type and for an empty non-terminal', async () => {
    for (const q of [{ name: `mx.${Z}`, type: 'MX' }, { name: `_tcp.web.${Z}`, type: 'A' }, { name: `web.${Z}`, type: 'TXT' }]) {
      const r = await udp(dns.port, q);
      expect(r.rcode, q.name).toBe('NOERROR');
      expect(r.answers, q.name).toEqual([]);
      expect(r.authorities!.map((a) => a.type), q.name).toEqual(['SOA']);
    }
  });

  it('follows CNAME chains inside the zone and stops at names outside it', async () => {
    const r = await udp(dns.port, { name: `alias.${Z}`, type: 'A' });
    expect(r.answers!.map((a) => `${a.name} ${a.type} ${(a as { data: string }).data}`)).toEqual([`alias.${Z} CNAME www.${Z}`, `www.${Z} CNAME ${Z}`, `${Z} A 192.0.2.1`]);
    const out = await udp(dns.port, { name: `out.${Z}`, type: 'A' });
    expect(out.rcode).toBe('NOERROR');
    expect(out.answers!.map((a) => a.type)).toEqual(['CNAME']);
    const dangling = await udp(dns.port, { name: `dangling.${Z}`, type: 'A' });
    expect(dangling.rcode).toBe('NXDOMAIN');
    expect(dangling.answers!.map((a) => a.type)).toEqual(['CNAME']);
    const loop = await udp(dns.port, { name: `loop1.${Z}`, type: 'A' });
    expect(loop.rcode).toBe('NOERROR');
    expect(loop.answers!.map((a) => a.name)).toEqual([`loop1.${Z}`, `loop2.${Z}`]);
    const asked = await udp(dns.port, { name: `www.${Z}`, type: 'CNAME' });
    expect(asked.answers!.map((a) => a.type)).toEqual(['CNAME']);
  });

  it('synthesises wildcard answers with the query name, and NODATA for types the wildcard lacks', async () => {
    const r = await udp(dns.port, { name: `anything.wild.${Z}`, type: 'A' });
    expect(r.answers!.map((a) => `${a.name} ${(a as { data: string }).data}`)).toEqual([`anything.wild.${Z} 192.0.2.50`]);
    const deep = await udp(dns.port, { name: `a.b.wild.${Z}`, type: 'TXT' });
    expect(deep.answers!.map((a) => `${a.name} ${str((a as { data: Buffer[] }).data[0])}`)).toEqual([`a.b.wild.${Z} wild`]);
    const nodata = await udp(dns.port, { name: `x.wild.${Z}`, type: 'MX' });
    expect(nodata.rcode).toBe('NOERROR');
    expect(nodata.answers).toEqual([]);
    // the wildcard does not cover the parent itself (an empty non-terminal)
    expect((await udp(dns.port, { name: `wild.${Z}`, type: 'A' })).answers).toEqual([]);
  });

  it('refers queries below a delegation: no AA, the NS set in authority, glue in additional', async () => {
    for (const name of [`host.sub.${Z}`, `sub.${Z}`]) {
      const r = await udp(dns.port, { name, type: 'A' });
      expect(r.rcode).toBe('NOERROR');
      expect(r.flags! & AA).toBe(0);
      expect(r.answers).toEqual([]);
      expect(r.authorities!.map((a) => `${a.name} ${a.type} ${(a as { data: string }).data}`).sort()).toEqual([`sub.${Z} NS ns.other.net`, `sub.${Z} NS ns1.sub.${Z}`]);
      expect(r.additionals!.map((a) => `${a.name} ${(a as { data: string }).data}`)).toEqual([`ns1.sub.${Z} 192.0.2.53`]);
    }
  });

  it('gives a minimal answer to ANY: one RRset (RFC 8482)', async () => {
    const r = await udp(dns.port, { name: Z, type: 'ANY' });
    expect(r.rcode).toBe('NOERROR');
    expect(new Set(r.answers!.map((a) => a.type)).size).toBe(1);
  });

  it("honours EDNS0 and the client's UDP size; truncates without it and answers in full over TCP", async () => {
    const plain = await udp(dns.port, { name: `big.${Z}`, type: 'TXT' });
    expect(plain.flags! & packet.TRUNCATED_RESPONSE).toBe(packet.TRUNCATED_RESPONSE);
    expect(plain.answers).toEqual([]);
    expect(plain.raw.length).toBeLessThanOrEqual(512);
    const small = await udp(dns.port, { name: `big.${Z}`, type: 'TXT', edns: 1232 });
    expect(small.flags! & packet.TRUNCATED_RESPONSE).toBe(packet.TRUNCATED_RESPONSE);
    expect(small.additionals!.map((a) => a.type)).toEqual(['OPT']);
    const large = await udp(dns.port, { name: `big.${Z}`, type: 'TXT', edns: 4096 });
    expect(large.flags! & packet.TRUNCATED_RESPONSE).toBe(0);
    expect(large.answers).toHaveLength(3);
    expect(large.raw.length).toBeGreaterThan(1232);
    expect(large.additionals!.find((a) => a.type === 'OPT')).toMatchObject({ udpPayloadSize: 1232 });
    const [viaTcp] = await tcp(dns.port, { name: `big.${Z}`, type: 'TXT' });
    expect(viaTcp!.answers!.map((a) => (a as { data: Buffer[] }).data.map(str).join('')).sort()).toEqual(BIG);
  });

  it('answers BADVERS to an EDNS version it does not speak', async () => {
    const r = await udp(dns.port, { name: Z, type: 'A', edns: 1232, ednsVersion: 1 });
    const opt = r.additionals!.find((a) => a.type === 'OPT') as { extendedRcode: number };
    expect(opt.extendedRcode).toBe(1); // 1 << 4 | 0 = 16 = BADVERS
    expect(r.answers).toEqual([]);
  });

  it('echoes the question exactly as asked, mixed case included, also from its cache', async () => {
    for (let i = 0; i < 2; i++) {
      const r = await udp(dns.port, { name: 'WwW.ExAmPlE.TeSt', type: 'A' });
      expect(r.questions![0]!.name).toBe('WwW.ExAmPlE.TeSt');
      expect(r.answers!.at(-1)).toMatchObject({ type: 'A', data: '192.0.2.1' });
    }
  });

  it('answers each client at its own address when queries from several addresses interleave', async () => {
    // the server remembers the last address it answered (no address parsing per datagram): alternate between two
    const sockets = await Promise.all(['127.0.0.1', '127.0.0.2'].map((address) => new Promise<dgram.Socket>((res, rej) => {
      const sock = dgram.createSocket('udp4');
      sock.once('error', rej);
      sock.bind(0, address, () => res(sock));
    })));
    try {
      for (let i = 0; i < 6; i++) {
        const sock = sockets[i % 2]!;
        const got = new Promise<Buffer>((res, rej) => {
          const t = setTimeout(() => rej(new Error(`no answer at ${sock.address().address}`)), 2000);
          sock.once('message', (m) => (clearTimeout(t), res(m)));
        });
        sock.send(packet.encode({ id: 100 + i, type: 'query', questions: [{ name: Z, type: 'A' }] }), dns.port, '127.0.0.1');
        const r = packet.decode(await got);
        expect(r.id).toBe(100 + i);
        expect(r.answers![0]).toMatchObject({ type: 'A', data: '192.0.2.1' });
      }
    } finally {
      for (const sock of sockets) sock.close();
    }
  });

  it('refuses names it is not authoritative for (no AA)', async () => {
    for (const name of ['example.org', 'test', 'elsewhere.net']) {
      const r = await udp(dns.port, { name, type: 'A' });
      expect(r.rcode, name).toBe('REFUSED');
      expect(r.flags! & AA).toBe(0);
    }
  });

  it('answers FORMERR to a malformed query and NOTIMP to an opcode other than QUERY', async () => {
    const bad = Buffer.from([0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x3f]);
    const r = packet.decode(await udpRaw(dns.port, bad)) as unknown as Reply;
    expect(r.id).toBe(0x1234);
    expect(r.rcode).toBe('FORMERR');
    const notify = packet.encode({ id: 7, type: 'query', flags: 4 << 11, questions: [{ name: Z, type: 'SOA' }] });
    expect((packet.decode(await udpRaw(dns.port, notify)) as unknown as Reply).rcode).toBe('NOTIMP');
  });

  it('refuses classes other than IN and answers IXFR over UDP with the SOA', async () => {
    expect((await udp(dns.port, { name: Z, type: 'A', class: 'CH' })).rcode).toBe('REFUSED');
    const ixfr = await udp(dns.port, { name: Z, type: 'IXFR' });
    expect(ixfr.rcode).toBe('NOERROR');
    expect(ixfr.answers!.map((a) => a.type)).toEqual(['SOA']);
  });

  it('transfers the zone (AXFR) over TCP to an allowed address: SOA, every record, SOA', async () => {
    const msgs = await tcp(dns.port, { name: Z, type: 'AXFR' }, { transfer: true });
    const all = msgs.flatMap((m) => m.answers!);
    expect(all[0]!.type).toBe('SOA');
    expect(all.at(-1)!.type).toBe('SOA');
    const v = await runQuery(s, getZone, { accountId: acct, name: Z, withRecords: true });
    expect(all.length).toBe(v.records!.length + 1);
    expect(msgs.every((m) => m.rcode === 'NOERROR' && (m.flags! & AA) === AA)).toBe(true);
  });

  it('refuses AXFR over UDP, from an address not allowed, and for a name that is not a zone apex', async () => {
    expect((await udp(dns.port, { name: Z, type: 'AXFR' })).rcode).toBe('REFUSED');
    expect((await tcp(dns.port, { name: `www.${Z}`, type: 'AXFR' }, { transfer: true }))[0]!.rcode).toBe('NOTAUTH');
    const closed = await startDnsServer({ host: '127.0.0.1', port: 0, source: storeZoneSource(s.store), axfrAllow: [] });
    try {
      expect((await tcp(closed.port, { name: Z, type: 'AXFR' }, { transfer: true }))[0]!.rcode).toBe('REFUSED');
    } finally {
      await closed.close();
    }
  });
});

describe('authoritative DNS server: changes through the API', () => {
  async function within1s<T>(probe: () => Promise<T>, ok: (t: T) => boolean): Promise<{ value: T; ms: number }> {
    const start = Date.now();
    for (;;) {
      const value = await probe();
      if (ok(value)) return { value, ms: Date.now() - start };
      if (Date.now() - start > 1000) throw new Error(`not answered within 1s: ${JSON.stringify(value)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('answers a record added through the API within one second, with the SOA serial raised', async () => {
    const before = (await udp(dns.port, { name: Z, type: 'SOA' })).answers![0] as { data: { serial: number } };
    // prime the cache with the negative answer, so the test also proves the cache is emptied
    expect((await udp(dns.port, { name: `fresh.${Z}`, type: 'A' })).rcode).toBe('NXDOMAIN');
    await runFlow(s, updateZone, { accountId: acct, name: Z, records: { add: [{ name: 'fresh', type: 'A', value: '192.0.2.99' }] } });
    const { ms } = await within1s(() => udp(dns.port, { name: `fresh.${Z}`, type: 'A' }), (r) => r.rcode === 'NOERROR' && r.answers!.length === 1);
    expect(ms).toBeLessThanOrEqual(1000);
    const after = (await udp(dns.port, { name: Z, type: 'SOA' })).answers![0] as { data: { serial: number } };
    expect(after.data.serial).toBeGreaterThan(before.data.serial);
  });

  it('starts answering for a new zone and stops for a deleted one within one second', async () => {
    await runFlow(s, createZone, { accountId: acct, name: 'new.test', records: [{ name: '', type: 'A', value: '192.0.2.7' }] });
    await within1s(() => udp(dns.port, { name: 'new.test', type: 'A' }), (r) => r.rcode === 'NOERROR' && r.answers!.length === 1);
    await runFlow(s, deleteZone, { accountId: acct, name: 'new.test' });
    await within1s(() => udp(dns.port, { name: 'new.test', type: 'A' }), (r) => r.rcode === 'REFUSED');
  });

  it('serves a zone hosted below another zone from the more specific one (longest suffix)', async () => {
    await runFlow(s, createZone, { accountId: acct, name: `child.${Z}`, records: [{ name: 'www', type: 'A', value: '192.0.2.77' }] });
    const { value } = await within1s(() => udp(dns.port, { name: `www.child.${Z}`, type: 'A' }), (r) => r.answers!.length === 1);
    expect(value.answers![0]).toMatchObject({ data: '192.0.2.77' });
    expect((await udp(dns.port, { name: `nope.child.${Z}`, type: 'A' })).authorities![0]!.name).toBe(`child.${Z}`);
  });
});
