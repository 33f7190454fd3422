// The CA refuses a requested order (a sandbox fault to inject: Openprovider REJ). The order is rejected, a final
// state, and what was charged is refunded in the same transaction, because the certificate never came. An order
// that was already active (a refused reissue) keeps its certificate and goes back to active instead.
// Errors: ssl.order_not_found, ssl.invalid_state
import type { Flow } from '../../runner.ts';
import type { SslOrder } from '../model.ts';
import { notInState } from '../model.ts';
import { loadOrder, refund } from '../order-ops.ts';

export const rejectOrder: Flow<{ accountId: number; orderId: number; reason?: string }, SslOrder> = async (ctx, i) => {
  const o = await loadOrder(ctx, i.accountId, i.orderId);
  if (o.state !== 'requested' || o.cancelAt) throw notInState(o, 'rejection');
  const reason = (i.reason ?? '').trim() || 'Rejected by the certificate authority';
  if (o.activatedAt) return ctx.uow.ssl.update({ ...o, state: 'active', rejectReason: reason, updatedAt: ctx.now });
  const amount = Math.max(0, o.chargedMinor - o.refundedMinor);
  await refund(ctx, o, amount, `ssl.reject ${o.commonName}`);
  return ctx.uow.ssl.update({ ...o, state: 'rejected', rejectedAt: ctx.now, rejectReason: reason, refundedMinor: o.refundedMinor + amount, updatedAt: ctx.now });
};
