// Cancels an order "no matter whether it's active or not" (Openprovider 000:2744). A draft or requested order is
// cancelled at once; an active one 24 hours after the request ("changes status from Active to Canceled within 24
// hrs", 000:2796), its certificate revoked at the CA now. The refund goes to the ledger in the same transaction:
// everything charged when the order never became active or is cancelled within the product's free refund period
// (30 days) after activation, nothing later. A cancelled order "cannot be reactivated": every later change is
// refused. `onlyBeforeIssuance` lets a face refuse active orders (SSL247 cancels only before issuance). An imported
// order (issued by another CA) is cancelled at once, with no revocation and nothing to refund, under either rule.
// Errors: ssl.order_not_found, ssl.invalid_state
import type { Flow } from '../../runner.ts';
import type { SslOrder } from '../model.ts';
import { CANCEL_DELAY_MS, addMs, isImported, notInState, refundOnCancel } from '../model.ts';
import type { SslCa } from '../ports.ts';
import { loadOrder, productOf, refund } from '../order-ops.ts';

export const cancelOrder: Flow<{ accountId: number; orderId: number; ca: SslCa; onlyBeforeIssuance?: boolean }, SslOrder & { refundedNowMinor: number }> = async (ctx, i) => {
  const o = await loadOrder(ctx, i.accountId, i.orderId);
  if (o.cancelAt) throw notInState(o, 'cancel (already requested)');
  // an imported certificate was issued by another CA: cancelling stops managing it, at once, revoking nothing
  const issued = !isImported(o) && (o.state === 'active' || (o.state === 'requested' && o.activatedAt !== null));
  if (!(o.state === 'draft' || o.state === 'requested' || o.state === 'active') || (i.onlyBeforeIssuance && issued)) throw notInState(o, 'cancel');
  const amount = refundOnCancel(o, productOf(o.productCode), ctx.now);
  await refund(ctx, o, amount, `ssl.cancel ${o.commonName || o.productCode}`);
  if (o.certificate && issued) await i.ca.revoke(o.certificate.serial, 'cessationOfOperation', ctx.now);
  const next: SslOrder = {
    ...o,
    cancelRequestedAt: ctx.now,
    cancelAt: issued ? addMs(ctx.now, CANCEL_DELAY_MS) : ctx.now,
    state: issued ? o.state : 'cancelled',
    refundedMinor: o.refundedMinor + amount,
    updatedAt: ctx.now,
  };
  return { ...(await ctx.uow.ssl.update(next)), refundedNowMinor: amount };
};
