// Turns a zone as the core serves it (records with relative names) into what the resolver walks: nodes keyed by
// the lower-case owner name, each a map of RRsets in dns-packet's shape, plus the set of every existing name
// (empty non-terminals included) and the delegation points below the apex.
import type { Answer } from 'dns-packet';
import type { ServedZone } from '../core/dns/ports.ts';
import type { DnsRecord } from '../core/dns/model.ts';
import { generatedRecords, txtStrings, SOA_TIMERS } from '../core/dns/model.ts';

export type RRset = Answer[];
export interface CompiledZone {
  apex: string;
  serial: number;
  nodes: Map<string, Map<string, RRset>>;
  /** owner names and all their ancestors down to the apex (empty non-terminals exist) */
  names: Set<string>;
  /** owner names below the apex that carry NS records */
  delegations: Set<string>;
  soa: Answer;
  /** the SOA of negative answers: TTL = min(SOA TTL, SOA minimum) (RFC 2308 §3) */
  negativeSoa: Answer;
  /** every record in zone-file order (SOA first) for AXFR */
  all: Answer[];
}

const fqdn = (name: string, apex: string) => (name ? `${name}.${apex}` : apex);

function data(r: DnsRecord): unknown {
  const parts = r.value.split(/\s+/);
  switch (r.type) {
    case 'A':
    case 'AAAA':
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return r.value;
    case 'MX':
      return { preference: r.prio, exchange: r.value === '.' ? '.' : r.value };
    case 'SRV':
      return { priority: Number(parts[0]), weight: Number(parts[1]), port: Number(parts[2]), target: parts[3] === '.' ? '.' : parts[3] };
    case 'TXT':
    case 'SPF':
      return txtStrings(r.value).map((s) => Buffer.from(s));
    case 'CAA': {
      const m = /^(\d+)\s+(\S+)\s+(.*)$/.exec(r.value)!;
      return { flags: Number(m[1]), tag: m[2], value: txtStrings(m[3]!)[0] ?? '' };
    }
    case 'TLSA':
      return { usage: Number(parts[0]), selector: Number(parts[1]), matchingType: Number(parts[2]), certificate: Buffer.from(parts[3]!, 'hex') };
    case 'SSHFP':
      return { algorithm: Number(parts[0]), hash: Number(parts[1]), fingerprint: parts[2] };
    case 'SOA': {
      const [mname, rname, serial, refresh, retry, expire, minimum] = parts;
      return { mname, rname, serial: Number(serial), refresh: Number(refresh), retry: Number(retry), expire: Number(expire), minimum: Number(minimum) };
    }
  }
}

export function toAnswer(r: DnsRecord, apex: string): Answer {
  // SPF records are served as TXT (RFC 7208 deprecates the SPF RR type; dns-packet does not encode it)
  const type = r.type === 'SPF' ? 'TXT' : r.type;
  return { name: fqdn(r.name, apex), type, class: 'IN', ttl: r.ttl, data: data(r) } as Answer;
}

export function compileZone(z: ServedZone): CompiledZone {
  const apex = z.zone.name;
  const nodes = new Map<string, Map<string, RRset>>();
  const names = new Set<string>([apex]);
  const delegations = new Set<string>();
  const all: Answer[] = [];
  const generated = generatedRecords(z.zone);
  for (const r of [...generated, ...z.records]) {
    const a = toAnswer(r, apex);
    all.push(a);
    const owner = a.name;
    let node = nodes.get(owner);
    if (!node) nodes.set(owner, (node = new Map()));
    let set = node.get(a.type);
    if (!set) node.set(a.type, (set = []));
    set.push(a);
    if (r.type === 'NS' && r.name) delegations.add(owner);
    // the owner and its ancestors exist
    let n = owner;
    while (n.length > apex.length && !names.has(n)) {
      names.add(n);
      n = n.slice(n.indexOf('.') + 1);
    }
  }
  // one TTL per RRset (RFC 2181 §5.2): the lowest
  for (const node of nodes.values()) for (const set of node.values()) {
    const ttl = Math.min(...set.map((a) => (a as { ttl: number }).ttl));
    for (const a of set) (a as { ttl: number }).ttl = ttl;
  }
  const soa = nodes.get(apex)!.get('SOA')![0]!;
  const negativeSoa = { ...soa, ttl: Math.min((soa as { ttl: number }).ttl, SOA_TIMERS.minimum) } as Answer;
  return { apex, serial: z.zone.serial, nodes, names, delegations, soa, negativeSoa, all };
}
