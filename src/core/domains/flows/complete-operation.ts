// Sandbox: completes or fails a domain's pending operation on demand (registration or transfer in), as the
// registry would. Any account's domain (the sandbox API is the operator's).
// Errors: domain.not_found, domain.invalid_state
import type { Flow } from '../../runner.ts';
import { DomainError } from '../../errors.ts';
import type { Registry } from '../../registry/registry.ts';
import type { DomainResult } from '../ops.ts';
import { completePending, failPending, result, settle } from '../ops.ts';

export interface CompleteOperationInput {
  registry: Registry;
  domainId: number;
  outcome: 'complete' | 'fail';
  reason?: string;
}

export const completeOperation: Flow<CompleteOperationInput, DomainResult> = async (ctx, i) => {
  let d = Number.isInteger(i.domainId) ? await ctx.uow.domains.byId(i.domainId) : null;
  if (!d) throw new DomainError('domain.not_found', `Domain ${i.domainId} not found`);
  d = await settle(ctx, i.registry, d);
  if (d.phase !== 'requested' || !d.pending) throw new DomainError('domain.invalid_state', `Domain ${d.name} has no pending operation`, { reason: d.phase });
  d = i.outcome === 'fail' ? await failPending(ctx, i.registry, d, i.reason || 'Failed by the sandbox') : await completePending(ctx, i.registry, d);
  return result(ctx, i.registry, d);
};
