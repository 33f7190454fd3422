// Sends a draft order to the CA (Openprovider `start_provision = true` on update, SSL247 complete): the order
// becomes requested, approver mails go out, and with the sandbox switch on it is issued at once.
// Errors: ssl.order_not_found, ssl.invalid_state, ssl.csr_invalid, contact.not_found, request.invalid
import type { Flow } from '../../runner.ts';
import type { SslOrder } from '../model.ts';
import { notInState } from '../model.ts';
import type { SslCa } from '../ports.ts';
import { accountOf, loadOrder, submit } from '../order-ops.ts';

export const startProvision: Flow<{ accountId: number; orderId: number; ca: SslCa }, SslOrder> = async (ctx, i) => {
  const o = await loadOrder(ctx, i.accountId, i.orderId);
  if (o.state !== 'draft' || o.cancelAt) throw notInState(o, 'start provision');
  const account = await accountOf(ctx, o.accountId);
  return ctx.uow.ssl.update(await submit(ctx, o, i.ca, account));
};
