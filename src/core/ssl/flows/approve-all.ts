// The sandbox's "approve everything" for one order: every hostname validated and the organisation check done, so
// a requested order is issued now. (The account-wide switch is set-ssl-sandbox.ts.)
// Errors: ssl.order_not_found, ssl.invalid_state
import type { Flow } from '../../runner.ts';
import type { SslOrder } from '../model.ts';
import { notInState } from '../model.ts';
import type { SslCa } from '../ports.ts';
import { accountOf, advance, approveEverything, loadOrder } from '../order-ops.ts';

export const approveAll: Flow<{ accountId: number; orderId: number; ca: SslCa }, SslOrder> = async (ctx, i) => {
  const o = await loadOrder(ctx, i.accountId, i.orderId);
  if (o.state !== 'requested' || o.cancelAt) throw notInState(o, 'approval');
  return ctx.uow.ssl.update(await advance(ctx, { ...approveEverything(ctx, o, true), updatedAt: ctx.now }, i.ca, await accountOf(ctx, o.accountId)));
};
