// DNS zones, their records, templates and zone history: entities and the pure rules of record data.
// Vendor-free: a record is {name, type, value, ttl, prio} with `name` relative to the zone ('' = the apex).
// The rules (seed 000:1147, 000:1463-1466; docs/adr/0007-dns-server.md):
//  - SOA and apex NS records are generated from the zone and cannot be added, changed or removed;
//  - TTLs other than 900/3600/10800/21600/43200/86400 are saved as 86400 (a missing TTL too);
//  - `prio` belongs to MX only (required there, 0-65535); SRV carries its priority in its value
//    ("priority weight port target"); every other type stores prio 0;
//  - TXT/SPF values are stored quoted, split into strings of at most 255 bytes: `"part1" "part2"`;
//  - a CNAME cannot share its name with any other record (nor sit at the apex);
//  - names and name-valued data are stored lower-case, without the trailing dot.

import { createHash } from 'node:crypto';
import { DomainError } from '../errors.ts';

export const RECORD_TYPES = ['A', 'AAAA', 'CAA', 'CNAME', 'MX', 'NS', 'PTR', 'SOA', 'SPF', 'SRV', 'SSHFP', 'TLSA', 'TXT'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];
export const ALLOWED_TTLS = [900, 3600, 10800, 21600, 43200, 86400] as const;
export const DEFAULT_TTL = 86400;
export const DEFAULT_NAMESERVERS = ['ns1.resellbox.test', 'ns2.resellbox.test'];
/** SOA timers: refresh, retry, expire, minimum (negative-caching TTL) */
export const SOA_TIMERS = { refresh: 10800, retry: 3600, expire: 604800, minimum: 3600 } as const;

export interface DnsRecord {
  /** relative to the zone, lower-case; '' is the apex */
  name: string;
  type: RecordType;
  value: string;
  ttl: number;
  prio: number;
  createdAt: Date;
  updatedAt: Date;
}

/** a record as a client sends it: loose types, to be validated and normalised */
export interface RecordInput {
  name?: string;
  type?: string;
  value?: string;
  ttl?: number | string;
  prio?: number | string;
}

export interface Zone {
  id: number;
  accountId: number;
  /** the apex, lower-case, no trailing dot */
  name: string;
  type: 'master' | 'slave';
  masterIp: string;
  active: boolean;
  secured: boolean;
  provider: string;
  isSpamexpertsEnabled: boolean;
  /** the authoritative nameservers of the zone (apex NS records and SOA MNAME) */
  nameservers: string[];
  /** YYYYMMDDnn, raised on every change */
  serial: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  version: number;
}

export interface ZoneHistoryEntry {
  id: number;
  zoneId: number;
  at: Date;
  /** who made the change, e.g. "api" or "template" */
  source: string;
  was: string;
  is: string;
}

export interface TemplateRecord {
  id: number;
  name: string;
  type: RecordType;
  value: string;
  ttl: number;
  prio: number;
}

export interface Template {
  id: number;
  accountId: number;
  name: string;
  isSpamexpertsEnabled: boolean;
  records: TemplateRecord[];
  createdAt: Date;
}

/** a zone with what a reader asked for */
export interface ZoneView {
  zone: Zone;
  /** generated SOA/NS first, then the stored records (when asked for) */
  records?: DnsRecord[];
  history?: ZoneHistoryEntry[];
  /** the zone's DNSKEY in presentation form when asked for ('' for an unsecured zone) */
  dnskey?: string;
}

// ---------- names ----------

const LABEL = /^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)$/;

/** a fully qualified domain name: lower-case, no trailing dot, 2+ labels; null when invalid */
export function normaliseDomainName(raw: string): string | null {
  const n = raw.trim().toLowerCase().replace(/\.$/, '');
  if (!n || n.length > 253) return null;
  const labels = n.split('.');
  if (labels.length < 2) return null;
  return labels.every((l) => LABEL.test(l) && !l.startsWith('-')) ? n : null;
}

export function zoneNameOf(raw: string): string {
  const n = normaliseDomainName(raw);
  if (!n) throw new DomainError('dns.zone_name_invalid', `Invalid zone name: ${raw}`, { field: 'name' });
  return n;
}

function bad(field: string, reason: string): DomainError {
  return new DomainError('dns.record_invalid', `Invalid record ${field}: ${reason}`, { field, reason });
}

/** the record name relative to the zone: accepts '', '@', 'www', 'WWW', 'www.example.com' and 'www.example.com.' */
export function relativeName(zone: string, raw: string | undefined): string {
  let n = (raw ?? '').trim().toLowerCase().replace(/\.$/, '');
  if (n === '@' || n === zone) return '';
  if (n.endsWith(`.${zone}`)) n = n.slice(0, -(zone.length + 1));
  if (!n) return '';
  const labels = n.split('.');
  for (const [i, l] of labels.entries()) {
    if (l === '*' && i === 0) continue;
    if (!LABEL.test(l)) throw bad('name', `"${raw}" is not a valid host name`);
  }
  if (n.length + zone.length + 1 > 253) throw bad('name', 'the name is too long');
  return n;
}

/** a host name in record data (CNAME, MX, NS, PTR, SRV targets): lower-case, no trailing dot */
function hostName(field: string, raw: string, allowRoot = false): string {
  const n = raw.trim().toLowerCase().replace(/\.$/, '');
  if (!n) {
    if (allowRoot) return '';
    throw bad(field, 'a host name is required');
  }
  if (n.length > 253 || !n.split('.').every((l) => LABEL.test(l))) throw bad(field, `"${raw}" is not a valid host name`);
  return n;
}

// ---------- values ----------

export function isIPv4(s: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  return !!m && m.slice(1).every((p) => Number(p) <= 255 && (p === '0' || !p.startsWith('0')));
}

/** an IPv6 address in its canonical text (RFC 5952), or null */
export function canonicalIPv6(s: string): string | null {
  let text = s.trim().toLowerCase();
  if (!text || /[^0-9a-f:.]/.test(text)) return null;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.')) {
    const v4 = text.slice(lastColon + 1);
    if (!isIPv4(v4)) return null;
    const b = v4.split('.').map(Number);
    tail = [(b[0]! << 8) | b[1]!, (b[2]! << 8) | b[3]!];
    text = text.slice(0, lastColon + 1) + (text[lastColon - 1] === ':' ? '' : '0');
    if (text.endsWith(':0')) text = text.slice(0, -2);
    else if (!text.endsWith('::')) text = text.slice(0, -1);
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (h: string) => (h === '' ? [] : h.split(':'));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  if ([...head, ...rest].some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  const want = 8 - tail.length;
  const given = head.length + rest.length;
  if (halves.length === 1 ? given !== want : given >= want) return null;
  const groups = [...head.map((g) => parseInt(g, 16)), ...new Array<number>(want - given).fill(0), ...rest.map((g) => parseInt(g, 16)), ...tail];
  // RFC 5952: compress the longest run (>= 2) of zero groups, the first one on a tie
  let best = -1, bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

/** the TTL rule of the seed: accepted values kept, anything else (or nothing) saved as 86400 */
export function ttlOf(raw: number | string | undefined): number {
  if (raw === undefined || raw === null || raw === '') return DEFAULT_TTL;
  const n = typeof raw === 'number' ? raw : /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n)) throw bad('ttl', `"${raw}" is not a number`);
  return (ALLOWED_TTLS as readonly number[]).includes(n) ? n : DEFAULT_TTL;
}

function intIn(field: string, raw: number | string | undefined, min: number, max: number): number {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw bad(field, `must be an integer from ${min} to ${max}`);
  return n;
}

/** the character-strings of a TXT-like value: a quoted list (`"a" "b"`) is parsed, anything else is one string */
export function txtStrings(raw: string): string[] {
  const t = raw.trim();
  if (t.startsWith('"') && t.endsWith('"') && t.length >= 2) {
    const out: string[] = [];
    let i = 0;
    while (i < t.length) {
      while (t[i] === ' ' || t[i] === '\t') i++;
      if (i >= t.length) break;
      if (t[i] !== '"') return [raw];
      i++;
      let s = '';
      while (i < t.length && t[i] !== '"') {
        if (t[i] === '\\' && i + 1 < t.length) i++;
        s += t[i];
        i++;
      }
      if (t[i] !== '"') return [raw];
      i++;
      out.push(s);
    }
    return out;
  }
  return [raw];
}

/** splits a string into pieces of at most 255 bytes without cutting a UTF-8 character */
function split255(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of s) {
    const b = Buffer.byteLength(ch);
    if (bytes + b > 255) { out.push(cur); cur = ''; bytes = 0; }
    cur += ch;
    bytes += b;
  }
  out.push(cur);
  return out;
}

const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** the stored form of a TXT value: quoted, split into strings of at most 255 bytes */
export function quoteTxt(raw: string): string {
  const parts = txtStrings(raw).flatMap(split255);
  return parts.map(quote).join(' ');
}

const CAA_TAGS = ['issue', 'issuewild', 'iodef', 'issuemail', 'issuevmc', 'contactemail', 'contactphone'];

/** validates and normalises the value (and prio) of a record of `type` */
function normaliseData(type: RecordType, rawValue: string, rawPrio: number | string | undefined): { value: string; prio: number } {
  const v = rawValue.trim();
  switch (type) {
    case 'A':
      if (!isIPv4(v)) throw bad('value', `"${rawValue}" is not an IPv4 address`);
      return { value: v, prio: 0 };
    case 'AAAA': {
      const c = canonicalIPv6(v);
      if (!c) throw bad('value', `"${rawValue}" is not an IPv6 address`);
      return { value: c, prio: 0 };
    }
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return { value: hostName('value', v), prio: 0 };
    case 'MX':
      if (rawPrio === undefined || rawPrio === '') throw bad('prio', 'prio is required for MX records');
      return { value: hostName('value', v, true) || '.', prio: intIn('prio', rawPrio, 0, 65535) };
    case 'SRV': {
      let parts = v.split(/\s+/);
      if (parts.length === 3 && rawPrio !== undefined && rawPrio !== '') parts = [String(rawPrio), ...parts];
      if (parts.length !== 4) throw bad('value', 'an SRV value is "priority weight port target"');
      const [p, w, port, target] = parts as [string, string, string, string];
      return { value: `${intIn('value', p, 0, 65535)} ${intIn('value', w, 0, 65535)} ${intIn('value', port, 0, 65535)} ${hostName('value', target, true) || '.'}`, prio: 0 };
    }
    case 'TXT':
    case 'SPF': {
      if (!v) throw bad('value', 'a value is required');
      const q = quoteTxt(rawValue);
      if (Buffer.byteLength(q) > 4000) throw bad('value', 'the value is too long');
      return { value: q, prio: 0 };
    }
    case 'CAA': {
      const m = /^(\d{1,3})\s+([A-Za-z0-9]+)\s+(.+)$/.exec(v);
      if (!m) throw bad('value', 'a CAA value is "flags tag value", e.g. 0 issue "letsencrypt.org"');
      const flags = intIn('value', m[1], 0, 255);
      const tag = m[2]!.toLowerCase();
      if (!CAA_TAGS.includes(tag)) throw bad('value', `unknown CAA tag "${m[2]}" (one of ${CAA_TAGS.join(', ')})`);
      const strings = txtStrings(m[3]!);
      if (strings.length !== 1) throw bad('value', 'a CAA value has one string');
      const text = strings[0]!;
      if ((tag === 'issue' || tag === 'issuewild') && text && !/^[a-z0-9.-]*(\s*;.*)?$/i.test(text)) throw bad('value', `"${text}" is not an issuer domain`);
      if (tag === 'iodef' && !/^(mailto:|https?:\/\/)/i.test(text)) throw bad('value', 'iodef needs a mailto: or http(s):// URL');
      return { value: `${flags} ${tag} ${quote(text)}`, prio: 0 };
    }
    case 'TLSA': {
      const m = /^(\d+)\s+(\d+)\s+(\d+)\s+([0-9a-fA-F\s]+)$/.exec(v);
      if (!m) throw bad('value', 'a TLSA value is "usage selector matching-type hex-data"');
      const hex = m[4]!.replace(/\s+/g, '').toLowerCase();
      const mt = intIn('value', m[3], 0, 2);
      if (hex.length % 2 || !hex.length || (mt === 1 && hex.length !== 64) || (mt === 2 && hex.length !== 128)) throw bad('value', 'the TLSA data does not fit its matching type');
      return { value: `${intIn('value', m[1], 0, 3)} ${intIn('value', m[2], 0, 1)} ${mt} ${hex}`, prio: 0 };
    }
    case 'SSHFP': {
      const m = /^(\d+)\s+(\d+)\s+([0-9a-fA-F]+)$/.exec(v);
      if (!m) throw bad('value', 'an SSHFP value is "algorithm fingerprint-type hex-fingerprint"');
      const alg = Number(m[1]);
      if (![1, 2, 3, 4, 6].includes(alg)) throw bad('value', 'SSHFP algorithm must be 1, 2, 3, 4 or 6');
      const fp = Number(m[2]);
      const hex = m[3]!.toLowerCase();
      if (!((fp === 1 && hex.length === 40) || (fp === 2 && hex.length === 64))) throw bad('value', 'SSHFP fingerprint type 1 needs 40 hex digits, type 2 needs 64');
      return { value: `${alg} ${fp} ${hex}`, prio: 0 };
    }
    case 'SOA':
      throw new DomainError('dns.record_readonly', 'SOA records are generated and cannot be edited', { field: 'type' });
  }
}

export function recordTypeOf(raw: string | undefined): RecordType {
  const t = (raw ?? '').trim().toUpperCase();
  if (!(RECORD_TYPES as readonly string[]).includes(t)) throw bad('type', `"${raw ?? ''}" is not a supported record type (${RECORD_TYPES.filter((x) => x !== 'SOA').join(', ')})`);
  return t as RecordType;
}

/** validates one record for `zone` and returns its stored form (no cross-record rules here) */
export function normaliseRecord(zone: string, input: RecordInput, now: Date): DnsRecord {
  if (!input || typeof input !== 'object') throw bad('record', 'a record is an object');
  const type = recordTypeOf(input.type);
  const name = relativeName(zone, input.name);
  if (type === 'NS' && name === '') throw new DomainError('dns.record_readonly', 'NS records of the zone apex are generated and cannot be edited', { field: 'type' });
  if (type === 'CNAME' && name === '') throw new DomainError('dns.cname_conflict', 'A CNAME record cannot be placed at the zone apex', { field: 'name' });
  if (typeof input.value !== 'string' && typeof input.value !== 'number') throw bad('value', 'a value is required');
  const { value, prio } = normaliseData(type, String(input.value), input.prio);
  return { name, type, value, ttl: ttlOf(input.ttl), prio, createdAt: now, updatedAt: now };
}

/** identity of a record for duplicates and matching: name, type, data (TTL not included) */
export function recordKey(r: Pick<DnsRecord, 'name' | 'type' | 'value' | 'prio'>): string {
  return `${r.name}\u0000${r.type}\u0000${r.type === 'MX' ? r.prio : ''}\u0000${r.value}`;
}

/** the cross-record rules of a zone's record set: CNAME exclusivity, NS delegations, no duplicates */
export function checkRecordSet(records: DnsRecord[]): void {
  const seen = new Set<string>();
  const byName = new Map<string, Set<RecordType>>();
  for (const r of records) {
    const k = recordKey(r);
    if (seen.has(k)) throw new DomainError('dns.record_duplicate', `Duplicate record: ${describeRecord(r)}`, { field: 'records' });
    seen.add(k);
    let types = byName.get(r.name);
    if (!types) byName.set(r.name, (types = new Set()));
    types.add(r.type);
  }
  for (const [name, types] of byName) {
    if (types.has('CNAME') && types.size > 1) throw new DomainError('dns.cname_conflict', `A CNAME record cannot share its name (${name || '@'}) with other records`, { field: 'records' });
    if (types.has('CNAME') && records.filter((r) => r.name === name).length > 1) throw new DomainError('dns.cname_conflict', `Only one CNAME record may exist for ${name || '@'}`, { field: 'records' });
  }
}

export function describeRecord(r: Pick<DnsRecord, 'name' | 'type' | 'value' | 'ttl' | 'prio'>): string {
  return `${r.name || '@'} ${r.ttl} ${r.type}${r.type === 'MX' ? ` ${r.prio}` : ''} ${r.value}`;
}

/** does a record sent by a client (normalised) match a stored one? TTL only when the client sent it */
export function sameRecord(stored: DnsRecord, wanted: DnsRecord, ttlGiven: boolean): boolean {
  return recordKey(stored) === recordKey(wanted) && (!ttlGiven || stored.ttl === wanted.ttl);
}

// ---------- generated records and the serial ----------

/** YYYYMMDDnn: at least today's 00, always above the previous serial */
export function nextSerial(previous: number, now: Date): number {
  const base = Number(`${now.getUTCFullYear()}${String(now.getUTCMonth() + 1).padStart(2, '0')}${String(now.getUTCDate()).padStart(2, '0')}00`);
  return Math.max(previous + 1, base);
}

export function soaValue(zone: Pick<Zone, 'name' | 'nameservers' | 'serial'>): string {
  const t = SOA_TIMERS;
  return `${zone.nameservers[0] ?? DEFAULT_NAMESERVERS[0]} hostmaster.${zone.name} ${zone.serial} ${t.refresh} ${t.retry} ${t.expire} ${t.minimum}`;
}

/** the SOA and apex NS records a zone always has (not stored, not editable) */
export function generatedRecords(zone: Zone): DnsRecord[] {
  const at = { createdAt: zone.createdAt, updatedAt: zone.updatedAt };
  return [
    { name: '', type: 'SOA', value: soaValue(zone), ttl: 86400, prio: 0, ...at },
    ...zone.nameservers.map((ns): DnsRecord => ({ name: '', type: 'NS', value: ns, ttl: 86400, prio: 0, ...at })),
  ];
}

export function normaliseNameservers(list: string[] | undefined): string[] {
  const ns = (list?.length ? list : DEFAULT_NAMESERVERS).map((n) => normaliseDomainName(n));
  if (ns.some((n) => !n)) throw bad('nameservers', 'a nameserver is not a valid host name');
  return [...new Set(ns as string[])];
}

/** `*` wildcard pattern to a case-insensitive RegExp (for in-memory filters) */
export function patternRegExp(pattern: string): RegExp {
  const esc = pattern.toLowerCase().split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${esc}$`, 'i');
}

/**
 * The DNSKEY shown for a secured zone: a stable, well-formed KSK (flags 257, protocol 3, algorithm 13) derived
 * from the zone, so `with_dnskey` has something faithful in shape to return. The sandbox does not sign zones:
 * the DNS server serves no DNSKEY/RRSIG (docs/adr/0007-dns-server.md).
 */
export function dnskeyOf(zone: Pick<Zone, 'name' | 'secured' | 'createdAt'>): string {
  if (!zone.secured) return '';
  const h = (s: string) => createHash('sha256').update(s).digest();
  const key = Buffer.concat([h(`ksk-x:${zone.name}:${zone.createdAt.toISOString()}`), h(`ksk-y:${zone.name}:${zone.createdAt.toISOString()}`)]);
  return `257 3 13 ${key.toString('base64')}`;
}
