// Reads one order of the account as it is now (projected on the sandbox clock), with the facts faces show.
// Errors: ssl.order_not_found
import type { Flow } from '../../runner.ts';
import type { OrderFacts, SslOrder } from '../model.ts';
import { factsOf } from '../model.ts';
import { loadOrder } from '../order-ops.ts';

export type OrderView = SslOrder & { facts: OrderFacts };

export const getOrder: Flow<{ accountId: number; orderId: number }, OrderView> = async (ctx, i) => {
  const o = await loadOrder(ctx, i.accountId, i.orderId);
  return { ...o, facts: factsOf(o, ctx.now) };
};
