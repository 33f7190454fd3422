// Creates a nameserver group, or replaces an existing group's name and nameservers; the live domains that follow
// the group get its new nameservers (and its new name) in the same transaction.
// Errors: account.not_found, domain.not_found (update of an unknown group), domain.invalid_state (name taken),
//   request.invalid
import type { Flow } from '../../runner.ts';
import { DomainError } from '../../errors.ts';
import type { Registry } from '../../registry/registry.ts';
import type { Nameserver } from '../model.ts';
import type { NsGroup } from '../ns-groups.ts';
import { NS_GROUP_KEY, checkGroupName, checkGroupNameservers, findGroup, storedGroups, writeGroups } from '../ns-groups.ts';
import { accountOf, history, save } from '../ops.ts';
import { checkNameservers } from '../nameservers.ts';

export interface SaveNsGroupInput {
  registry: Registry;
  accountId: number;
  /** the group to change; absent = create */
  existing?: string;
  name?: string;
  nameservers?: Nameserver[];
}

export const saveNsGroup: Flow<SaveNsGroupInput, NsGroup> = async (ctx, i) => {
  const account = await accountOf(ctx, i.accountId);
  const s = storedGroups(account);
  const old = i.existing !== undefined ? findGroup(s, i.existing) : null;
  const name = i.name !== undefined ? checkGroupName(i.name) : old?.name;
  if (!name) throw new DomainError('request.invalid', 'ns_group: is required', { field: 'ns_group', reason: 'required' });
  if (s.groups.some((g) => g !== old && g.name.toLowerCase() === name.toLowerCase())) throw new DomainError('domain.invalid_state', `Nameserver group ${name} already exists`, { field: 'ns_group', reason: 'duplicate' });
  const nameservers = i.nameservers ? checkGroupNameservers(i.nameservers) : old?.nameservers;
  if (!nameservers) throw new DomainError('request.invalid', 'name_servers: are required', { field: 'name_servers', reason: 'required' });
  const group: NsGroup = { id: old?.id ?? s.nextId, name, nameservers };
  const groups = old ? s.groups.map((g) => (g === old ? group : g)) : [...s.groups, group];
  await writeGroups(ctx, account, { nextId: old ? s.nextId : s.nextId + 1, groups });
  if (old) {
    for (let offset = 0; ; offset += 1000) {
      const page = await ctx.uow.domains.search(i.accountId, { phases: ['active', 'grace'] }, { limit: 1000, offset });
      for (const d of page.results) {
        if (d.additionalData[NS_GROUP_KEY] !== old.name) continue;
        const ns = nameservers.map((n) => ({ ...n }));
        const hosts = checkNameservers(d.name, ns, d.hosts);
        const next = await save(ctx, i.registry, { ...d, nameservers: ns, hosts, additionalData: { ...d.additionalData, [NS_GROUP_KEY]: name } });
        await history(ctx, next, 'nameservers', 'Nameservers updated', `Nameserver group ${name} changed: ${ns.map((n) => n.name).join(', ')}`);
      }
      if (page.results.length < 1000) break;
    }
  }
  return group;
};
