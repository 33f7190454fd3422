// Records the outcome of DCV checks (hostnames found validated) and moves the order on: once every hostname is
// validated the OV/EV organisation check starts, and the certificate is issued when that is done (DV at once).
// Used by validate-order.ts after its DNS/HTTP look-ups, which run outside the transaction.
// Errors: ssl.order_not_found, ssl.invalid_state
import type { Flow } from '../../runner.ts';
import type { SslOrder } from '../model.ts';
import { notInState } from '../model.ts';
import type { SslCa } from '../ports.ts';
import { accountOf, advance, loadOrder } from '../order-ops.ts';

export interface RecordValidationInput {
  accountId: number;
  orderId: number;
  ca: SslCa;
  /** hostnames whose check passed */
  validated: string[];
  /** the request the checks were made for (its secret); a stale check is ignored */
  dcvSecret?: string;
}

export const recordValidation: Flow<RecordValidationInput, SslOrder> = async (ctx, i) => {
  const o = await loadOrder(ctx, i.accountId, i.orderId);
  if (o.state !== 'requested' || o.cancelAt) throw notInState(o, 'validation');
  const fresh = !i.dcvSecret || i.dcvSecret === o.dcvSecret;
  const next: SslOrder = {
    ...o,
    dcv: o.dcv.map((d) => (fresh && d.status === 'pending' && i.validated.includes(d.hostname) ? { ...d, status: 'validated', validatedAt: ctx.now } : d)),
  };
  const advanced = await advance(ctx, next, i.ca, await accountOf(ctx, o.accountId));
  return JSON.stringify(advanced) === JSON.stringify(o) ? o : ctx.uow.ssl.update({ ...advanced, updatedAt: ctx.now });
};
