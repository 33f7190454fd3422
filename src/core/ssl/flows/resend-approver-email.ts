// Resends the approver mail "to the current list of approver email addresses" (Openprovider 000:2467): one mail per
// pending hostname validated by email (all, or `hostname` only), with the same approval link.
// Errors: ssl.order_not_found, ssl.invalid_state, request.invalid
import type { Flow } from '../../runner.ts';
import { DomainError, invalid } from '../../errors.ts';
import type { SslOrder } from '../model.ts';
import { notInState } from '../model.ts';
import { loadOrder, mailApprovers } from '../order-ops.ts';

export const resendApproverEmail: Flow<{ accountId: number; orderId: number; hostname?: string }, SslOrder> = async (ctx, i) => {
  const o = await loadOrder(ctx, i.accountId, i.orderId);
  if (o.state !== 'requested' || o.cancelAt) throw notInState(o, 'resending the approver email');
  const host = i.hostname?.trim().toLowerCase();
  if (host && !o.dcv.some((d) => d.hostname === host)) throw invalid('hostname', `${i.hostname} is not a hostname of the order`);
  const names = o.dcv.filter((d) => d.method === 'email' && d.status === 'pending' && (!host || d.hostname === host)).map((d) => d.hostname);
  if (!names.length) throw new DomainError('ssl.invalid_state', 'No hostname of the order is waiting for email validation', { state: o.state });
  return ctx.uow.ssl.update({ ...(await mailApprovers(ctx, o, names)), updatedAt: ctx.now });
};
