// Host objects (glue records) under a domain: create, update (replace addresses) or delete. The host must be
// inside the domain; a host still used as a nameserver (by this domain or another) cannot be deleted.
// MrDomain gluerecordcreate/update/delete; Openprovider name_servers with ip/ip6.
// Errors: domain.not_found, domain.invalid_state, domain.update_blocked, request.invalid
import type { Flow } from '../../runner.ts';
import { DomainError, invalid } from '../../errors.ts';
import type { Registry } from '../../registry/registry.ts';
import { isInBailiwick, parseHostName } from '../../registry/names.ts';
import { projectAt } from '../model.ts';
import type { Actor, DomainKey, DomainResult } from '../ops.ts';
import { assertNotBlocked, assertPhase, history, loadDomain, result, save } from '../ops.ts';
import { checkIp } from '../nameservers.ts';

export interface HostRecordInput {
  registry: Registry;
  accountId: number;
  domain: DomainKey;
  action: 'create' | 'update' | 'delete';
  name: string;
  ipv4?: string[];
  ipv6?: string[];
  actor?: Actor;
}

export const changeHostRecord: Flow<HostRecordInput, DomainResult> = async (ctx, i) => {
  const d = await loadDomain(ctx, i.registry, i.accountId, i.domain);
  assertPhase(d, projectAt(d, i.registry.policy(d.tld), ctx.now), ['active', 'grace'], 'Changing host records');
  assertNotBlocked(d);
  const name = parseHostName(i.name, 'name');
  if (!isInBailiwick(name, d.name) || name === d.name) throw invalid('name', `${name} is not a host under ${d.name}`);
  const existing = d.hosts.find((h) => h.name === name);
  let hosts = d.hosts;
  if (i.action === 'delete') {
    if (!existing) throw new DomainError('domain.invalid_state', `No host record ${name}`, { reason: 'not found' });
    if (d.nameservers.some((ns) => ns.name === name) || (await ctx.uow.domains.hostInUse(name, d.id))) throw new DomainError('domain.invalid_state', `${name} is in use as a nameserver`, { reason: 'in use' });
    hosts = d.hosts.filter((h) => h.name !== name);
  } else {
    const ipv4 = (i.ipv4 ?? []).filter(Boolean).map((v) => checkIp(v, 4, 'ipv4'));
    const ipv6 = (i.ipv6 ?? []).filter(Boolean).map((v) => checkIp(v, 6, 'ipv6'));
    if (!ipv4.length && !ipv6.length) throw invalid('ipv4', 'a host record needs an IP address');
    if (i.action === 'create' && existing) throw new DomainError('domain.invalid_state', `Host record ${name} already exists`, { reason: 'duplicate' });
    if (i.action === 'update' && !existing) throw new DomainError('domain.invalid_state', `No host record ${name}`, { reason: 'not found' });
    hosts = i.action === 'create' ? [...d.hosts, { name, ipv4, ipv6 }] : d.hosts.map((h) => (h.name === name ? { name, ipv4, ipv6 } : h));
  }
  const next = await save(ctx, i.registry, { ...d, hosts });
  await history(ctx, next, 'glue', `Glue record ${i.action}d`, name, i.actor);
  return result(ctx, i.registry, next);
};
