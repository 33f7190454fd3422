// A raw DNS query to one server (our own authoritative server by default, see ssl-net.ts): UDP with EDNS0, and
// TCP when the UDP answer is truncated. The reply comes back with its header and every section, the records in
// presentation form (as dig prints them), for MrDomain `tool/dig` and `tool/zonecheck` (DnsLookup.query).
import dgram from 'node:dgram';
import net from 'node:net';
import { randomInt } from 'node:crypto';
import packet, { type Answer, type Packet } from 'dns-packet';
import type { DnsReply, DnsReplyRecord } from '../core/ports.ts';

const TIMEOUT_MS = 2000;
const fqdn = (n: string) => (n.endsWith('.') ? n : `${n}.`);
const text = (b: unknown) => (Buffer.isBuffer(b) ? b.toString('utf8') : String(b));
const quoted = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** the record data as dig prints it */
export function presentation(a: Answer): string {
  const d = (a as { data?: unknown }).data as Record<string, unknown> | unknown;
  switch (a.type) {
    case 'A': case 'AAAA': return String(d);
    case 'CNAME': case 'NS': case 'PTR': case 'DNAME': return fqdn(String(d));
    case 'MX': { const m = d as { preference: number; exchange: string }; return `${m.preference} ${fqdn(m.exchange)}`; }
    case 'SOA': {
      const s = d as { mname: string; rname: string; serial: number; refresh: number; retry: number; expire: number; minimum: number };
      return `${fqdn(s.mname)} ${fqdn(s.rname)} ${s.serial} ${s.refresh} ${s.retry} ${s.expire} ${s.minimum}`;
    }
    case 'TXT': return (Array.isArray(d) ? d : [d]).map((x) => quoted(text(x))).join(' ');
    case 'SRV': { const s = d as { priority: number; weight: number; port: number; target: string }; return `${s.priority} ${s.weight} ${s.port} ${fqdn(s.target)}`; }
    case 'CAA': { const c = d as { flags: number; tag: string; value: string }; return `${c.flags} ${c.tag} ${quoted(c.value)}`; }
    case 'TLSA': { const t = d as { usage: number; selector: number; matchingType: number; certificate: Buffer }; return `${t.usage} ${t.selector} ${t.matchingType} ${Buffer.from(t.certificate).toString('hex').toUpperCase()}`; }
    case 'SSHFP': { const s = d as { algorithm: number; hash: number; fingerprint: string }; return `${s.algorithm} ${s.hash} ${s.fingerprint.toUpperCase()}`; }
    default: return Buffer.isBuffer(d) ? `\\# ${d.length} ${d.toString('hex').toUpperCase()}` : JSON.stringify(d);
  }
}

function records(list: Answer[] | undefined): DnsReplyRecord[] {
  return (list ?? []).filter((a) => a.type !== 'OPT').map((a) => ({ name: fqdn(a.name), ttl: (a as { ttl?: number }).ttl ?? 0, class: (a as { class?: string }).class ?? 'IN', type: a.type, data: presentation(a) }));
}

function toReply(p: Packet & { rcode?: string }, server: string): DnsReply {
  const f = p as Record<string, unknown>;
  const flags = (['qr', 'aa', 'tc', 'rd', 'ra', 'ad', 'cd'] as const).filter((k) => f[`flag_${k}`] === true);
  const q = p.questions?.[0];
  return {
    id: p.id ?? 0, rcode: p.rcode ?? 'NOERROR', flags,
    question: { name: fqdn(q?.name ?? ''), type: q?.type ?? '', class: q?.class ?? 'IN' },
    answers: records(p.answers), authorities: records(p.authorities), additionals: records(p.additionals), server,
  };
}

function udp(server: { host: string; port: number }, buf: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket(net.isIPv6(server.host) ? 'udp6' : 'udp4');
    const t = setTimeout(() => { s.close(); reject(Object.assign(new Error('DNS query timed out'), { code: 'ETIMEOUT' })); }, TIMEOUT_MS);
    s.on('error', (e) => { clearTimeout(t); s.close(); reject(e); });
    s.on('message', (m) => { clearTimeout(t); s.close(); resolve(m); });
    s.send(buf, server.port, server.host);
  });
}

function tcp(server: { host: string; port: number }, buf: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const s = net.connect(server.port, server.host);
    let got = Buffer.alloc(0);
    const t = setTimeout(() => { s.destroy(); reject(Object.assign(new Error('DNS query timed out'), { code: 'ETIMEOUT' })); }, TIMEOUT_MS);
    s.on('connect', () => { const len = Buffer.alloc(2); len.writeUInt16BE(buf.length); s.write(Buffer.concat([len, buf])); });
    s.on('error', (e) => { clearTimeout(t); reject(e); });
    s.on('data', (d) => {
      got = Buffer.concat([got, d]);
      if (got.length >= 2 && got.length >= 2 + got.readUInt16BE(0)) { clearTimeout(t); s.destroy(); resolve(got.subarray(2, 2 + got.readUInt16BE(0))); }
    });
  });
}

/** asks `server` one question (recursion desired, as dig does) and returns the decoded reply */
export function dnsQuery(server: { host: string; port: number }): (name: string, type: string) => Promise<DnsReply> {
  const label = `${server.host}#${server.port}`;
  return async (name, type) => {
    const id = randomInt(1, 0xffff);
    const buf = packet.encode({
      id, type: 'query', flags: packet.RECURSION_DESIRED,
      questions: [{ name: name.replace(/\.$/, '') || '.', type: type as 'A', class: 'IN' }],
      additionals: [{ name: '.', type: 'OPT', udpPayloadSize: 4096, flags: 0, options: [] } as never],
    });
    let p = packet.decode(await udp(server, buf)) as Packet & { rcode?: string; flag_tc?: boolean };
    if (p.id !== id) throw new Error('DNS reply id mismatch');
    if (p.flag_tc) p = packet.decode(await tcp(server, buf)) as Packet & { rcode?: string };
    return toReply(p, label);
  };
}
