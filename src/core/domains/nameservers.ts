// Nameserver and host-object rules (registry practice, EPP host objects): a nameserver inside the domain itself
// (in-bailiwick, e.g. ns1.example.com for example.com) must exist as a host object of the domain with at least one
// address; one given with an address creates or updates that host object (Openprovider name_servers ip/ip6 = glue).
// Errors: request.invalid, domain.invalid_state
import { isIP } from 'node:net';
import { DomainError, invalid } from '../errors.ts';
import { isInBailiwick, parseHostName } from '../registry/names.ts';
import type { HostObject, Nameserver } from './model.ts';

export const MAX_NAMESERVERS = 13;

export function checkIp(v: string, version: 4 | 6, field: string): string {
  const s = String(v ?? '').trim();
  if (s && isIP(s) !== version) throw invalid(field, `${JSON.stringify(v)} is not an IPv${version} address`);
  return s;
}

/** normalises nameservers and returns the hosts after glue given with them; throws on duplicates or missing hosts */
export function checkNameservers(domain: string, nameservers: Nameserver[], hosts: HostObject[]): HostObject[] {
  if (nameservers.length > MAX_NAMESERVERS) throw invalid('name_servers', `at most ${MAX_NAMESERVERS} nameservers`);
  const seen = new Set<string>();
  const out = hosts.map((h) => ({ ...h }));
  for (const ns of nameservers) {
    ns.name = parseHostName(ns.name, 'name_servers');
    if (seen.has(ns.name)) throw invalid('name_servers', `${ns.name} is listed twice`);
    seen.add(ns.name);
    ns.ipv4 = checkIp(ns.ipv4, 4, 'name_servers.ip');
    ns.ipv6 = checkIp(ns.ipv6, 6, 'name_servers.ip6');
    if (!isInBailiwick(ns.name, domain)) continue;
    const h = out.find((x) => x.name === ns.name);
    if (ns.ipv4 || ns.ipv6) {
      const ipv4 = ns.ipv4 ? [ns.ipv4] : (h?.ipv4 ?? []);
      const ipv6 = ns.ipv6 ? [ns.ipv6] : (h?.ipv6 ?? []);
      if (h) Object.assign(h, { ipv4, ipv6 });
      else out.push({ name: ns.name, ipv4, ipv6 });
    } else if (!h) {
      throw new DomainError('request.invalid', `name_servers: ${ns.name} is inside ${domain}: create its host (glue) record with an IP address first`, { field: 'name_servers', reason: 'host object missing' });
    }
  }
  return out;
}
