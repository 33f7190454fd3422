// The holder of a domain answers a transfer out another account of this instance asked for: approve (the
// transfer completes now) or reject (the incoming transfer fails and is refunded). Without an answer it is
// acknowledged automatically after the TLD's period (settle / the lifecycle job).
// Errors: domain.not_found, domain.invalid_state
import type { Flow } from '../../runner.ts';
import { DomainError } from '../../errors.ts';
import type { Registry } from '../../registry/registry.ts';
import type { Actor, DomainKey, DomainResult } from '../ops.ts';
import { completePending, failPending, history, loadDomain, result } from '../ops.ts';

export interface RespondTransferOutInput {
  registry: Registry;
  accountId: number;
  domain: DomainKey;
  approve: boolean;
  actor?: Actor;
}

export const respondTransferOut: Flow<RespondTransferOutInput, DomainResult> = async (ctx, i) => {
  const d = await loadDomain(ctx, i.registry, i.accountId, i.domain);
  if (!d.transferOut) throw new DomainError('domain.invalid_state', `No transfer out of ${d.unicodeName} is waiting for an answer`, { reason: 'no transfer out' });
  const incoming = await ctx.uow.domains.byId(d.transferOut.toDomainId);
  if (!incoming || incoming.phase !== 'requested') throw new DomainError('domain.invalid_state', 'The transfer is no longer pending');
  if (i.approve) {
    await completePending(ctx, i.registry, incoming);
  } else {
    await failPending(ctx, i.registry, incoming, 'Transfer rejected by the current registrar', i.actor);
    const after = (await ctx.uow.domains.byId(d.id))!;
    await history(ctx, after, 'transfer_out', 'Transfer out rejected', `The transfer of ${d.unicodeName} was rejected`, i.actor);
  }
  return result(ctx, i.registry, (await ctx.uow.domains.byId(d.id))!);
};
