// The authoritative DNS server: UDP and TCP on one port, every zone hosted on the instance, read through the
// core's ZoneSource (never written). An in-memory index (a Map by apex, longest-suffix lookup) is loaded from a
// snapshot and kept current by polling the change log (docs/adr/0007-dns-server.md). Wire format: dns-packet.
// A response cache keyed by the raw question (answer-cache.ts: name lower-cased, type, class, transport, EDNS size
// and DO bit) skips decoding, resolving and encoding for repeated questions; it is emptied whenever any zone changes.
import dgram from 'node:dgram';
import net from 'node:net';
import dns from 'node:dns';
import packet, { type Answer, type Packet, type Question } from 'dns-packet';
import type { ZoneSource, ZoneChange } from '../core/dns/zone-source.ts';
import type { ServedZone } from '../core/dns/ports.ts';
import { compileZone, type CompiledZone } from './compile.ts';
import { resolve } from './resolve.ts';
import { AnswerCache, readQuestion } from './answer-cache.ts';

export interface DnsServerOptions {
  host: string;
  /** 0 = an ephemeral port (the same number for UDP and TCP) */
  port: number;
  source: ZoneSource;
  /** how often the change log is polled; default 200 ms (a change is answered within one second) */
  pollMs?: number;
  /** addresses allowed to transfer zones (AXFR over TCP); default loopback only */
  axfrAllow?: string[];
  log?: { warn(obj: unknown, msg?: string): void };
  /** SO_REUSEPORT on both sockets, so several processes can serve one port (the kernel spreads the load) */
  reusePort?: boolean;
}

export interface DnsServer {
  host: string;
  port: number;
  /** polls the change log now (a poll already under way is awaited, then another one runs) */
  refresh(): Promise<void>;
  zoneCount(): number;
  close(): Promise<void>;
}

/** queries answered so far, by transport (TCP counts messages, not connections) */
export interface DnsCounters {
  udp: number;
  tcp: number;
}

const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5, NOTAUTH: 9 } as const;
const QR = 0x8000, AA = 0x0400, TC = 0x0200, RD = 0x0100, DO = 0x8000;
const OUR_UDP_SIZE = 1232;
const MAX_UDP = 4096;
const CACHE_MAX = 200_000;
const LOOPBACK = ['127.0.0.1', '::1', '::ffff:127.0.0.1'];

/** the zones, by apex; lookup walks the query name's suffixes (no scan over zones) */
export class ZoneIndex {
  private zones = new Map<string, CompiledZone>();
  load(zs: ServedZone[]): void {
    this.zones.clear();
    for (const z of zs) this.zones.set(z.zone.name, compileZone(z));
  }
  apply(changes: ZoneChange[]): void {
    for (const c of changes) {
      if (c.zone) this.zones.set(c.name, compileZone(c.zone));
      else this.zones.delete(c.name);
    }
  }
  find(qname: string): CompiledZone | undefined {
    let n = qname;
    for (;;) {
      const z = this.zones.get(n);
      if (z) return z;
      const dot = n.indexOf('.');
      if (dot < 0) return undefined;
      n = n.slice(dot + 1);
    }
  }
  get size(): number {
    return this.zones.size;
  }
}

export class DnsResponder {
  readonly index = new ZoneIndex();
  private cache = new AnswerCache(CACHE_MAX);
  private readonly axfrAllow: Set<string>;
  constructor(axfrAllow: string[] = LOOPBACK) {
    this.axfrAllow = new Set(axfrAllow);
  }
  clearCache(): void {
    this.cache.clear();
  }

  /** one UDP datagram in, at most one out */
  udp(msg: Buffer): Buffer | null {
    return this.answer(msg, 'udp', '')?.[0] ?? null;
  }

  /** one TCP message in, one or more out (zone transfers) */
  tcp(msg: Buffer, remote: string): Buffer[] | null {
    return this.answer(msg, 'tcp', remote);
  }

  /** from the cache when the question was answered before, else resolved (and a one-message answer kept) */
  private answer(msg: Buffer, transport: 'udp' | 'tcp', remote: string): Buffer[] | null {
    const key = readQuestion(msg, transport);
    const hit = key && this.cache.answer(msg, key);
    if (hit) return [hit];
    const out = this.handle(msg, transport, remote);
    if (key && out?.length === 1) this.cache.remember(msg, key, out[0]!);
    return out;
  }

  handle(msg: Buffer, transport: 'udp' | 'tcp', remote: string): Buffer[] | null {
    let q: Packet;
    try {
      q = packet.decode(msg);
    } catch {
      if (msg.length < 12 || msg[2]! & 0x80) return null;
      const h = Buffer.alloc(12);
      msg.copy(h, 0, 0, 2);
      h.writeUInt16BE(QR | (msg.readUInt16BE(2) & (0x7800 | RD)) | RCODE.FORMERR, 2);
      return [h];
    }
    if (q.type === 'response') return null;
    const flagsIn = q.flags ?? 0;
    const opt = (q.additionals ?? []).find((a) => a.type === 'OPT') as (Answer & { udpPayloadSize?: number; ednsVersion?: number; flags?: number }) | undefined;
    const base = { id: q.id ?? 0, flags: flagsIn & (0x7800 | RD), questions: q.questions ?? [] };
    const optOut = opt ? [{ name: '.', type: 'OPT', udpPayloadSize: OUR_UDP_SIZE, extendedRcode: 0, ednsVersion: 0, flags: (opt.flags ?? 0) & DO, options: [] } as unknown as Answer] : [];
    const reply = (rcode: number, aa = false, answers: Answer[] = [], authorities: Answer[] = [], additionals: Answer[] = []): Buffer[] => [this.encode({ ...base, rcode, aa, answers, authorities, additionals: [...additionals, ...optOut] }, transport, opt)];

    if ((flagsIn & 0x7800) !== 0) return reply(RCODE.NOTIMP);
    if (base.questions.length !== 1) return reply(RCODE.FORMERR);
    if (opt && (opt.ednsVersion ?? 0) > 0) {
      // BADVERS (16): the upper bits go in the OPT record (RFC 6891 §6.1.3)
      const bad = [{ name: '.', type: 'OPT', udpPayloadSize: OUR_UDP_SIZE, extendedRcode: 1, ednsVersion: 0, flags: 0, options: [] } as unknown as Answer];
      return [this.encode({ ...base, rcode: 0, aa: false, answers: [], authorities: [], additionals: bad }, transport, opt)];
    }
    const question = base.questions[0] as Question & { class?: string };
    const qname = question.name.toLowerCase().replace(/\.$/, '');
    const qclass = question.class ?? 'IN';
    if (qclass !== 'IN' && qclass !== 'ANY') return reply(RCODE.REFUSED);
    const zone = this.index.find(qname);
    if (!zone) return reply(RCODE.REFUSED);

    const qtype = question.type as string;
    if (qtype === 'AXFR' || qtype === 'IXFR') {
      if (transport === 'udp') return qtype === 'IXFR' && qname === zone.apex ? reply(RCODE.NOERROR, true, [zone.soa]) : reply(RCODE.REFUSED);
      if (!this.axfrAllow.has(remote)) return reply(RCODE.REFUSED);
      if (qname !== zone.apex) return reply(RCODE.NOTAUTH);
      return this.transfer(base, zone);
    }
    const r = resolve(zone, qname, qtype);
    return reply(r.rcode === 'NXDOMAIN' ? RCODE.NXDOMAIN : RCODE.NOERROR, r.aa, r.answers, r.authorities, r.additionals);
  }

  private encode(m: { id: number; flags: number; questions: Question[]; rcode: number; aa: boolean; answers: Answer[]; authorities: Answer[]; additionals: Answer[] }, transport: 'udp' | 'tcp', opt?: { udpPayloadSize?: number }): Buffer {
    const flags = m.flags | (m.aa ? AA : 0) | m.rcode;
    const p = { id: m.id, type: 'response' as const, flags, questions: m.questions, answers: m.answers, authorities: m.authorities, additionals: m.additionals };
    const buf = packet.encode(p);
    const limit = transport === 'tcp' ? 65535 : opt ? Math.max(512, Math.min(opt.udpPayloadSize ?? 512, MAX_UDP)) : 512;
    if (buf.length <= limit) return buf;
    // too big: truncated, empty sections but the OPT; the client asks again over TCP (RFC 1035 §4.2.1, RFC 7766)
    return packet.encode({ ...p, flags: flags | TC, answers: [], authorities: [], additionals: m.additionals.filter((a) => a.type === 'OPT') });
  }

  /** AXFR (RFC 5936): SOA, every record, SOA, in messages of at most ~16 KB */
  private transfer(base: { id: number; flags: number; questions: Question[] }, zone: CompiledZone): Buffer[] {
    const rrs = [...zone.all, zone.soa];
    const out: Buffer[] = [];
    let chunk: Answer[] = [];
    let size = 0;
    const flush = () => {
      out.push(packet.encode({ id: base.id, type: 'response', flags: base.flags | AA, questions: base.questions, answers: chunk }));
      chunk = [];
      size = 0;
    };
    for (const a of rrs) {
      const len = (packet as unknown as { answer: { encodingLength(a: Answer): number } }).answer.encodingLength(a);
      if (size + len > 16000 && chunk.length) flush();
      chunk.push(a);
      size += len;
    }
    flush();
    return out;
  }
}

export async function startDnsServer(o: DnsServerOptions): Promise<DnsServer & { answered(): DnsCounters }> {
  const counters: DnsCounters = { udp: 0, tcp: 0 };
  const responder = new DnsResponder(o.axfrAllow);
  responder.index.load(await o.source.snapshot());

  let polling: Promise<void> | null = null;
  const poll = (): Promise<void> => {
    polling ??= (async () => {
      try {
        const { changes, reload } = await o.source.changes();
        if (reload) responder.index.load(reload);
        else if (changes.length) responder.index.apply(changes);
        if (reload || changes.length) responder.clearCache();
      } catch (e) {
        o.log?.warn({ err: e }, 'dns: reading zone changes failed');
      } finally {
        polling = null;
      }
    })();
    return polling;
  };
  const timer = setInterval(() => void poll(), o.pollMs ?? 200);
  timer.unref();

  const { udp, tcp, port } = await bindBoth(o.host, o.port, !!o.reusePort);
  udp.on('message', (msg, rinfo) => {
    let res: Buffer | null;
    try {
      res = responder.udp(msg);
    } catch (e) {
      o.log?.warn({ err: e }, 'dns: query failed');
      return;
    }
    if (res) {
      counters.udp++;
      udp.send(res, rinfo.port, rinfo.address);
    }
  });
  udp.on('error', (e) => o.log?.warn({ err: e }, 'dns: udp error'));
  try {
    // bursts of queries must not overflow the socket (the kernel caps this at net.core.rmem_max)
    udp.setRecvBufferSize(4 << 20);
    udp.setSendBufferSize(4 << 20);
  } catch {
    /* keep the system default */
  }

  const sockets = new Set<net.Socket>();
  tcp.on('connection', (s) => {
    sockets.add(s);
    s.setTimeout(10_000, () => s.destroy());
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
    let buf = Buffer.alloc(0);
    s.on('data', (d) => {
      buf = buf.length ? Buffer.concat([buf, d]) : d;
      while (buf.length >= 2) {
        const len = buf.readUInt16BE(0);
        if (buf.length < 2 + len) break;
        const msg = buf.subarray(2, 2 + len);
        buf = buf.subarray(2 + len);
        let res: Buffer[] | null = null;
        try {
          res = responder.tcp(Buffer.from(msg), (s.remoteAddress ?? '').replace(/^::ffff:(?=\d)/, ''));
        } catch (e) {
          o.log?.warn({ err: e }, 'dns: query failed');
        }
        if (res?.length) counters.tcp++;
        for (const r of res ?? []) {
          const framed = Buffer.allocUnsafe(2 + r.length);
          framed.writeUInt16BE(r.length, 0);
          r.copy(framed, 2);
          s.write(framed);
        }
      }
    });
  });

  return {
    host: o.host,
    port,
    async refresh() {
      // a poll that started before this call may have read the log before the caller's change committed
      await polling;
      await poll();
    },
    zoneCount: () => responder.index.size,
    answered: () => ({ ...counters }),
    async close() {
      clearInterval(timer);
      for (const s of sockets) s.destroy();
      await Promise.all([new Promise<void>((r) => udp.close(() => r())), new Promise<void>((r) => tcp.close(() => r()))]);
      await polling;
    },
  };
}

/** dgram's `lookup`: an IP literal (the source address of a query) is used as it is */
function literalLookup(address: string, options: dns.LookupOneOptions, callback: (err: NodeJS.ErrnoException | null, address: string, family: number) => void): void {
  // most answers go to the address the previous one went to (a resolver, a load generator): no regular expression
  if (address === lastLiteral.address) return callback(null, address, lastLiteral.family);
  const family = net.isIP(address);
  if (!family) return dns.lookup(address, options, callback); // a host name (DNS_HOST=localhost): resolved as usual
  lastLiteral = { address, family };
  callback(null, address, family);
}
let lastLiteral = { address: '', family: 0 };

/**
 * UDP and TCP on the same port; with port 0 the UDP port is chosen first and TCP takes the same number (chosen again,
 * up to 10 times, when that number is taken for TCP). Also the probe of workers.ts, without SO_REUSEPORT.
 */
export async function bindBoth(host: string, port: number, reusePort: boolean): Promise<{ udp: dgram.Socket; tcp: net.Server; port: number }> {
  const family = net.isIPv6(host) ? 'udp6' : 'udp4';
  for (let attempt = 0; ; attempt++) {
    // answers go back to the address the query came from, always an IP literal: no resolver call (dns.lookup and a
    // tick) per datagram sent
    const udp = dgram.createSocket({ type: family, reuseAddr: false, reusePort, lookup: literalLookup });
    try {
      await new Promise<void>((res, rej) => {
        udp.once('error', rej);
        udp.bind(port, host, () => {
          udp.off('error', rej);
          res();
        });
      });
    } catch (e) {
      try {
        udp.close();
      } catch {
        /* already closed */
      }
      throw e;
    }
    const p = udp.address().port;
    const tcp = net.createServer();
    try {
      await new Promise<void>((res, rej) => {
        tcp.once('error', rej);
        tcp.listen({ port: p, host, reusePort }, () => {
          tcp.off('error', rej);
          res();
        });
      });
      return { udp, tcp, port: p };
    } catch (e) {
      udp.close();
      if (port !== 0 || attempt >= 10) throw e;
    }
  }
}
