// The account's nameserver groups with how many live domains follow each.
// Errors: account.not_found
import type { Flow } from '../../runner.ts';
import type { NsGroup } from '../ns-groups.ts';
import { NS_GROUP_KEY, storedGroups } from '../ns-groups.ts';
import { accountOf } from '../ops.ts';

export const listNsGroups: Flow<{ accountId: number }, (NsGroup & { domainCount: number })[]> = async (ctx, i) => {
  const s = storedGroups(await accountOf(ctx, i.accountId));
  const counts = new Map<string, number>();
  for (let offset = 0; ; offset += 1000) {
    const page = await ctx.uow.domains.search(i.accountId, { phases: ['requested', 'active', 'grace', 'redemption', 'pending_delete'] }, { limit: 1000, offset });
    for (const d of page.results) {
      const g = d.additionalData[NS_GROUP_KEY];
      if (g) counts.set(g, (counts.get(g) ?? 0) + 1);
    }
    if (page.results.length < 1000) break;
  }
  return s.groups.map((g) => ({ ...g, domainCount: counts.get(g.name) ?? 0 }));
};
