// Deletes a nameserver group no live domain follows.
// Errors: account.not_found, domain.not_found, domain.invalid_state (in use)
import type { Flow } from '../../runner.ts';
import { DomainError } from '../../errors.ts';
import { NS_GROUP_KEY, findGroup, storedGroups, writeGroups } from '../ns-groups.ts';
import { accountOf } from '../ops.ts';

export const deleteNsGroup: Flow<{ accountId: number; name: string }, void> = async (ctx, i) => {
  const account = await accountOf(ctx, i.accountId);
  const s = storedGroups(account);
  const g = findGroup(s, i.name);
  for (let offset = 0; ; offset += 1000) {
    const page = await ctx.uow.domains.search(i.accountId, { phases: ['requested', 'failed', 'active', 'grace', 'redemption', 'pending_delete'] }, { limit: 1000, offset });
    if (page.results.some((d) => d.additionalData[NS_GROUP_KEY] === g.name)) throw new DomainError('domain.invalid_state', `Nameserver group ${g.name} is used by domains`, { field: 'ns_group', reason: 'in use' });
    if (page.results.length < 1000) break;
  }
  await writeGroups(ctx, account, { nextId: s.nextId, groups: s.groups.filter((x) => x !== g) });
};
