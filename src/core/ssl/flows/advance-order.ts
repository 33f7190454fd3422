// What time alone does to an order, written down (the lifecycle job calls this for every open order):
// a requested cancel takes effect after 24 h, a term runs out (or renews itself when autorenew is on and the money
// is there: a new term of the same period from the old end, charged at the renewal price), and an OV/EV order whose
// organisation-check delay has passed is issued. Nothing is written when nothing is due.
// Errors: ssl.order_not_found (the order vanished); a failed autorenew (billing.insufficient_funds) lets it expire
import type { Flow } from '../../runner.ts';
import { DomainError } from '../../errors.ts';
import { currencyOf } from '../catalogue.ts';
import type { SslOrder } from '../model.ts';
import { addYears, isWildcard, orderPriceMinor, projectOrder } from '../model.ts';
import type { SslCa } from '../ports.ts';
import { accountOf, advance, charge, productOf } from '../order-ops.ts';

export const advanceOrder: Flow<{ orderId: number; ca: SslCa }, SslOrder> = async (ctx, i) => {
  const stored = await ctx.uow.ssl.byId(i.orderId);
  if (!stored) throw new DomainError('ssl.order_not_found');
  let o = stored;
  const account = await accountOf(ctx, o.accountId);
  // autorenew: at the end of the term, before it is projected as expired
  if (o.autorenew && !o.cancelAt && o.termEndsAt && ctx.now >= o.termEndsAt && (o.state === 'active' || o.state === 'requested')) {
    const product = productOf(o.productCode);
    if (!product.trialDays) {
      const price = orderPriceMinor(product, o.period, o.domainAmount, o.sans.filter(isWildcard).length, currencyOf(account.currency), 'renew');
      try {
        await charge(ctx, account, price, `ssl.autorenew ${o.commonName} (${o.period}y)`, `ssl_order:${o.id}`);
        o = { ...o, termEndsAt: addYears(o.termEndsAt, o.period), chargedMinor: o.chargedMinor + price };
      } catch (e) {
        if (!(e instanceof DomainError) || e.code !== 'billing.insufficient_funds') throw e;
      }
    }
  }
  o = projectOrder(o, ctx.now);
  if (o.state === 'requested' && !o.cancelAt) o = await advance(ctx, o, i.ca, account);
  if (JSON.stringify(o) === JSON.stringify(stored)) return stored;
  return ctx.uow.ssl.update({ ...o, updatedAt: ctx.now });
};
