// Revokes the certificate of an active order (SSL247 revoke): the CA revokes it and the order is revoked at once,
// a final state. No refund (a refund comes with cancel).
// Errors: ssl.order_not_found, ssl.invalid_state
import type { Flow } from '../../runner.ts';
import type { SslOrder } from '../model.ts';
import { isImported, notInState } from '../model.ts';
import type { SslCa } from '../ports.ts';
import { loadOrder } from '../order-ops.ts';
import { REVOCATION_REASONS } from '../ca-port.ts';

export const revokeOrder: Flow<{ accountId: number; orderId: number; ca: SslCa; reason?: string }, SslOrder> = async (ctx, i) => {
  const o = await loadOrder(ctx, i.accountId, i.orderId);
  if (isImported(o)) throw notInState(o, 'revoke (the certificate was imported: only its CA can revoke it)');
  if (!o.certificate || o.cancelAt || !(o.state === 'active' || (o.state === 'requested' && o.activatedAt))) throw notInState(o, 'revoke');
  const reason = REVOCATION_REASONS.includes(i.reason as (typeof REVOCATION_REASONS)[number]) ? (i.reason as string) : 'unspecified';
  await i.ca.revoke(o.certificate.serial, reason, ctx.now);
  return ctx.uow.ssl.update({ ...o, state: 'revoked', revokedAt: ctx.now, updatedAt: ctx.now });
};
