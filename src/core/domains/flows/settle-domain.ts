// The lifecycle step for one domain: writes down what the clock implies (registration or transfer completed,
// transfer out acknowledged, auto-renewal at expiry, grace → redemption → pending delete, the name freed).
// Run by the lifecycle job (src/jobs/domain-lifecycle.ts) for every domain whose next event is due.
// Errors: (none of its own; a lost race gives conflict.concurrent_update)
import type { Flow } from '../../runner.ts';
import type { Registry } from '../../registry/registry.ts';
import type { Domain } from '../model.ts';
import { settle } from '../ops.ts';

export const settleDomain: Flow<{ registry: Registry; domainId: number }, Domain | null> = async (ctx, i) => {
  const d = await ctx.uow.domains.byId(i.domainId);
  return d ? settle(ctx, i.registry, d) : null;
};
