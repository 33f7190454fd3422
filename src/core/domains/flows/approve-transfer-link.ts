// The approval link of a transfer mail: completes the transfer in now (the current registrant approved).
// Errors: domain.link_invalid
import type { Flow } from '../../runner.ts';
import { DomainError } from '../../errors.ts';
import type { Registry } from '../../registry/registry.ts';
import type { DomainResult } from '../ops.ts';
import { completePending, result, settle } from '../ops.ts';

export const approveTransferLink: Flow<{ registry: Registry; token: string }, DomainResult> = async (ctx, i) => {
  const t = i.token ? await ctx.uow.domains.token(String(i.token)) : null;
  if (!t || t.kind !== 'transfer_approval') throw new DomainError('domain.link_invalid');
  let d = await ctx.uow.domains.byId(t.domainId);
  if (!d) throw new DomainError('domain.link_invalid');
  d = await settle(ctx, i.registry, d);
  if (d.phase !== 'requested' || d.pending?.kind !== 'transfer' || d.pending.approvalToken !== t.token) throw new DomainError('domain.link_invalid', 'This transfer is no longer waiting for approval');
  return result(ctx, i.registry, await completePending(ctx, i.registry, d));
};
