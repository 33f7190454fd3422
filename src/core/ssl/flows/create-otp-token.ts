// A one-time link for the end user to see the order (Openprovider OTP tokens: "the link will expire after a short
// time"): `${publicUrl}/_sandbox/ssl/panel/<token>`, valid for one hour. Any order but a deleted one has a panel.
// Errors: ssl.order_not_found
import type { Flow } from '../../runner.ts';
import { OTP_TTL_MS, addMs } from '../model.ts';
import { loadOrder } from '../order-ops.ts';

export const createOtpToken: Flow<{ accountId: number; orderId: number }, { token: string; uri: string; expiresAt: Date }> = async (ctx, i) => {
  const o = await loadOrder(ctx, i.accountId, i.orderId);
  const token = ctx.random.hex(20);
  const expiresAt = addMs(ctx.now, OTP_TTL_MS);
  await ctx.uow.ssl.insertToken({ token, kind: 'otp', orderId: o.id, hostname: '', createdAt: ctx.now, expiresAt });
  return { token, uri: `${ctx.publicUrl}/_sandbox/ssl/panel/${token}`, expiresAt };
};
