// tool/dig (seed L403-446) and tool/zonecheck (seed L447-494; inventory §2.1, §3.21, A-52, A-53), answered from REAL
// DNS queries (DnsLookup.query, src/app/dns-query.ts) to the sandbox's own authoritative server (DNS_HOST:DNS_PORT).
//
// tool/dig: `query`, `type` (A, AAAA, ANY, CNAME, MX, NS, SOA, TXT, CAA), `nameserver` (a name or an IP address, as
// the seed says; inventory A-53) → {query, nameserver, type, result}, `result` the text dig prints for the reply
// (header, flags, QUESTION/ANSWER/AUTHORITY/ADDITIONAL sections, in the seed's layout). Choice: the sandbox never
// sends queries to the outside world, so whatever `nameserver` names, the question goes to our own server (which
// answers for every zone hosted here and REFUSED for the rest); `nameserver` is echoed as given. A server that does
// not answer gives dig's own ";; connection timed out; no servers could be reached" as the result, not an error.
//
// tool/zonecheck: `domain`, `nameservers` (comma-separated, at least 2; A-52) → {domain, nameservers[], result:
// {zonepass, report}}. The report (the seed's ZoneCheck layout: ZONE/NS lines, warning/fatal boxes, a verdict) comes
// from queries to our server: fatal when the zone is not served with authority (no SOA), when the zone's NS set and
// the given nameservers differ; warnings when a nameserver's address cannot be resolved here, or when the SOA primary
// (MNAME) is not one of the nameservers. `zonepass` is true when there is no fatal error.
// Errors: 101 missing parameter, 105 invalid parameter (type, nameserver, fewer than 2 nameservers), 2001 invalid
// domain name. Not yet: 2002 "TLD not supported" (the seed lists it; it needs the TLD catalogue, which the core does
// not have yet — and without one, every zone the sandbox hosts, `.test` included, is checked).
import { domainToASCII } from 'node:url';
import type { ActionHandler } from './types.ts';
import type { DnsReply, DnsReplyRecord } from '../../../core/ports.ts';
import type { Services } from '../../../core/runner.ts';
import { DomainError } from '../../../core/errors.ts';
import { canonicalIPv6, isIPv4, normaliseDomainName } from '../../../core/dns/model.ts';
import { invalidParam, oneOf, req } from '../params.ts';

export const DIG_TYPES = ['A', 'AAAA', 'ANY', 'CNAME', 'MX', 'NS', 'SOA', 'TXT', 'CAA'] as const;

const LABEL = /^(?:\*|[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)$/;

/** a DNS name as typed (IDN converted to punycode), lower-case, no trailing dot; null when it is none */
function dnsName(raw: string): string | null {
  let n = raw.trim().replace(/\.$/, '');
  if (/[^ -~]/.test(n)) n = domainToASCII(n);
  n = n.toLowerCase();
  if (!n || n.length > 253) return null;
  return n.split('.').every((l) => LABEL.test(l)) ? n : null;
}

function query(services: Services): (name: string, type: string) => Promise<DnsReply> {
  const q = services.dnsLookup?.query;
  if (!q) throw new DomainError('internal', 'No DNS server is configured for queries');
  return q;
}

// ------------------------------------------------------------------------------------------------------- dig text

/** `text` followed by tabs up to column `col` (tab stops every 8), at least one tab, as dig aligns its columns */
function tabTo(text: string, col: number): string {
  let out = `${text}\t`;
  let at = (Math.floor(text.length / 8) + 1) * 8;
  while (at < col) {
    out += '\t';
    at += 8;
  }
  return out;
}

const row = (r: DnsReplyRecord) => `${tabTo(r.name, 24)}${tabTo(String(r.ttl), 8)}${r.class}\t${r.type}\t${r.data}`;

export function digText(reply: DnsReply): string {
  const q = reply.question;
  let out = ';; Got answer:\n';
  out += `;; ->>HEADER<<- opcode: QUERY, status: ${reply.rcode}, id: ${reply.id}\n`;
  out += `;; flags: ${reply.flags.join(' ')}; QUERY: 1, ANSWER: ${reply.answers.length}, AUTHORITY: ${reply.authorities.length}, ADDITIONAL: ${reply.additionals.length}\n\n`;
  out += `;; QUESTION SECTION:\n${tabTo(`;${q.name}`, 32)}${q.class}\t${q.type}\n\n`;
  const sections: [string, DnsReplyRecord[]][] = [['ANSWER', reply.answers], ['AUTHORITY', reply.authorities], ['ADDITIONAL', reply.additionals]];
  for (const [title, rs] of sections) if (rs.length) out += `;; ${title} SECTION:\n${rs.map((r) => `${row(r)}\n`).join('')}\n`;
  return out;
}

const TIMED_OUT = ';; connection timed out; no servers could be reached\n';

export const toolDig: ActionHandler = async ({ params, services }) => {
  const rawQuery = req(params, 'query');
  const type = oneOf(params, 'type', DIG_TYPES, true)!;
  const nameserver = req(params, 'nameserver');
  const name = dnsName(rawQuery);
  if (!name) throw invalidParam('query', 'must be a domain name');
  if (!isIPv4(nameserver) && !canonicalIPv6(nameserver) && !normaliseDomainName(nameserver)) throw invalidParam('nameserver', 'must be a DNS server name or IP address');
  const ask = query(services);
  let result: string;
  try {
    result = digText(await ask(name, type));
  } catch {
    result = TIMED_OUT;
  }
  return { responseData: { query: rawQuery, nameserver, type, result } };
};

// ------------------------------------------------------------------------------------------------------ zonecheck

const BOX = (word: string) => {
  const w = ` ${word.padStart(Math.ceil((13 + word.length) / 2)).padEnd(13)} `;
  return `       _______________\n     ,---------------.|\n~~~~ |${w}|| ${'~'.repeat(53)}\n     \`---------------'\n`;
};

async function safely(ask: (n: string, t: string) => Promise<DnsReply>, name: string, type: string): Promise<DnsReply | null> {
  try {
    return await ask(name, type);
  } catch {
    return null;
  }
}

export const toolZonecheck: ActionHandler = async ({ params, services }) => {
  const rawDomain = req(params, 'domain');
  const rawNs = req(params, 'nameservers');
  const domain = normaliseDomainName(/[^ -~]/.test(rawDomain) ? domainToASCII(rawDomain.trim()) : rawDomain);
  if (!domain) throw new DomainError('dns.zone_name_invalid', `Invalid domain name: ${rawDomain}`, { field: 'domain' });
  const given = rawNs.split(/[\s,;]+/).map((n) => n.trim()).filter(Boolean);
  const nameservers = [...new Set(given.map((n) => n.toLowerCase().replace(/\.$/, '')))];
  if (nameservers.length < 2) throw invalidParam('nameservers', 'at least 2 DNS servers are required');
  for (const ns of nameservers) if (!normaliseDomainName(ns)) throw invalidParam('nameservers', `"${ns}" is not a host name`);

  const ask = query(services);
  const fatal: string[] = [];
  const warnings: string[] = [];
  const soa = await safely(ask, domain, 'SOA');
  const soaRecord = soa?.answers.find((r) => r.type === 'SOA');
  let primary = '';
  if (!soa) fatal.push(`f> [TEST zone is served]: no answer from the DNS server`);
  else if (soa.rcode !== 'NOERROR' || !soa.flags.includes('aa') || !soaRecord) fatal.push(`f> [TEST SOA answer is authoritative]: ${domain} has no SOA record here (status ${soa.rcode})`);
  else primary = soaRecord.data.split(' ')[0]!.replace(/\.$/, '');

  if (soaRecord) {
    const nsReply = await safely(ask, domain, 'NS');
    const listed = new Set((nsReply?.answers ?? []).filter((r) => r.type === 'NS').map((r) => r.data.replace(/\.$/, '').toLowerCase()));
    for (const ns of nameservers) if (!listed.has(ns)) fatal.push(`f> [TEST nameserver is listed in the zone]: ${ns} is not an NS record of ${domain}`);
    for (const ns of listed) if (!nameservers.includes(ns)) fatal.push(`f> [TEST NS records match the given nameservers]: the zone also lists ${ns}`);
    if (primary && !nameservers.includes(primary)) warnings.push(`w> [TEST SOA master is one of the nameservers]: ${primary} is not among the given nameservers`);
  }

  const lines = [`ZONE  : ${domain}`];
  for (const ns of nameservers) {
    const a = await safely(ask, ns, 'A');
    const ips = (a?.answers ?? []).filter((r) => r.type === 'A').map((r) => r.data);
    if (!ips.length) warnings.push(`w> [TEST nameserver address can be resolved]: no address found for ${ns}`);
    lines.push(`${ns === primary ? 'NS <=' : 'NS   '} : ${ns} [${ips.join(', ') || 'unresolved'}]`);
  }
  let report = `${lines.join('\n')}\n\n`;
  if (fatal.length) report += `${BOX('fatal')}${fatal.join('\n')}\n=> generic\n\n`;
  if (warnings.length) report += `${BOX('warning')}${warnings.join('\n')}\n=> generic\n\n`;
  report += fatal.length
    ? `==> FAILURE (${fatal.length} fatal error(s)${warnings.length ? `, ${warnings.length} warning(s)` : ''})\n`
    : warnings.length ? `==> SUCCESS (but ${warnings.length} warning(s))\n` : '==> SUCCESS\n';
  return { responseData: { domain: rawDomain.trim(), nameservers: given, result: { zonepass: fatal.length === 0, report } } };
};
