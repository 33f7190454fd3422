// Deletes a domain. Inside the add grace period the registration is refunded and the name is free at once;
// after it, the domain enters redemption (restorable with the restore fee, Openprovider soft quarantine), then
// pending delete, then the name is free. `immediate` skips redemption (Openprovider skip_soft_quarantine).
// A domain whose host objects serve as nameservers of other domains is refused unless `force`.
// Errors: domain.not_found, domain.invalid_state, domain.update_blocked, account.not_found
import type { Flow } from '../../runner.ts';
import { DomainError } from '../../errors.ts';
import type { Registry } from '../../registry/registry.ts';
import { projectAt } from '../model.ts';
import type { Actor, DomainKey, DomainResult } from '../ops.ts';
import { accountOf, assertNotBlocked, assertPhase, currencyOf, history, loadDomain, reference, refund, result, save } from '../ops.ts';

export interface DeleteDomainInput {
  registry: Registry;
  accountId: number;
  domain: DomainKey;
  immediate?: boolean;
  force?: boolean;
  actor?: Actor;
}

export const deleteDomain: Flow<DeleteDomainInput, DomainResult> = async (ctx, i) => {
  const account = await accountOf(ctx, i.accountId);
  const d = await loadDomain(ctx, i.registry, i.accountId, i.domain);
  const policy = i.registry.policy(d.tld);
  const pr = projectAt(d, policy, ctx.now);
  assertPhase(d, pr, ['active', 'grace', 'failed'], 'Deleting');
  assertNotBlocked(d);
  if (!i.force) {
    for (const h of d.hosts) if (await ctx.uow.domains.hostInUse(h.name, d.id)) throw new DomainError('domain.invalid_state', `${h.name} is a nameserver of another domain: delete with force`, { reason: 'glue in use' });
  }
  if (pr.phase === 'failed') {
    const gone = await save(ctx, i.registry, { ...d, phase: 'deleted', holdsName: false, pending: null, deletedAt: ctx.now, deleteReason: 'deleted' });
    await history(ctx, gone, 'delete', 'Domain deleted', 'Failed transfer removed', i.actor);
    return result(ctx, i.registry, gone, 0, currencyOf(account));
  }
  const inAddGrace = !!d.addGraceUntil && ctx.now < d.addGraceUntil && d.addGraceRefundMinor > 0;
  let refunded = 0;
  let next;
  if (inAddGrace || i.immediate) {
    if (inAddGrace) refunded = await refund(ctx, d.accountId, d.addGraceRefundMinor, currencyOf(account), `domain.delete ${d.name} (add grace refund)`, reference(d));
    next = await save(ctx, i.registry, { ...d, phase: 'deleted', holdsName: false, transferOut: null, deletedAt: ctx.now, deleteReason: inAddGrace ? 'add_grace' : 'deleted', addGraceRefundMinor: 0 });
  } else {
    next = await save(ctx, i.registry, { ...d, deletedAt: ctx.now, deleteReason: 'deleted', transferOut: null });
  }
  await history(ctx, next, 'delete', 'Domain deleted', inAddGrace ? `Deleted inside the add grace period; ${refunded / 100} ${currencyOf(account)} refunded` : next.holdsName ? 'Deleted; restorable until the end of the redemption period' : 'Deleted', i.actor);
  return result(ctx, i.registry, next, -refunded, currencyOf(account));
};
