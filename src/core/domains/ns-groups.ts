// Nameserver groups: a named set of nameservers an account keeps, and that its domains may follow (Openprovider
// NS groups, 000:3420-3610). A domain following a group has the group's name in its additional data under
// `ns_group` and the group's nameservers; changing the group changes those domains' nameservers. The groups live in
// the account's settings (`nsGroups`), one small list per account, changed with the account's version check.
// Errors: request.invalid
import type { FlowContext } from '../runner.ts';
import type { Account } from '../accounts/model.ts';
import { DomainError, invalid } from '../errors.ts';
import type { Nameserver } from './model.ts';
import { checkIp } from './nameservers.ts';
import { parseHostName } from '../registry/names.ts';

export interface NsGroup {
  id: number;
  name: string;
  nameservers: Nameserver[];
}

interface Stored {
  nextId: number;
  groups: NsGroup[];
}

export const NS_GROUP_KEY = 'ns_group';
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function storedGroups(a: Account): Stored {
  const s = a.settings.nsGroups as Stored | undefined;
  return s && Array.isArray(s.groups) ? { nextId: s.nextId || 1, groups: s.groups } : { nextId: 1, groups: [] };
}

export async function writeGroups(ctx: FlowContext, a: Account, s: Stored): Promise<Account> {
  return ctx.uow.accounts.update({ ...a, settings: { ...a.settings, nsGroups: s }, updatedAt: ctx.now });
}

export function checkGroupName(name: string): string {
  const n = String(name ?? '').trim();
  if (!NAME.test(n)) throw invalid('ns_group', 'must be 1-64 letters, digits, dots, hyphens or underscores');
  return n;
}

/** nameservers of a group: host names, optional addresses, no duplicates, 1-13 */
export function checkGroupNameservers(list: Nameserver[]): Nameserver[] {
  if (!list.length) throw invalid('name_servers', 'a group needs at least one nameserver');
  if (list.length > 13) throw invalid('name_servers', 'at most 13 nameservers');
  const seen = new Set<string>();
  return list.map((ns, i) => {
    const name = parseHostName(ns.name, `name_servers[${i}].name`);
    if (seen.has(name)) throw invalid('name_servers', `${name} is listed twice`);
    seen.add(name);
    return { name, ipv4: checkIp(ns.ipv4, 4, `name_servers[${i}].ip`), ipv6: checkIp(ns.ipv6, 6, `name_servers[${i}].ip6`) };
  });
}

export function findGroup(s: Stored, name: string): NsGroup {
  const g = s.groups.find((x) => x.name.toLowerCase() === String(name).toLowerCase());
  if (!g) throw new DomainError('domain.not_found', `Nameserver group ${name} not found`, { field: 'ns_group' });
  return g;
}
