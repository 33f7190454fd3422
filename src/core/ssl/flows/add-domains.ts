// Buys and adds names to a multi-domain order (MrDomain ssl/multidomainaddsan): each name beyond the domains
// already paid for is charged at the product's extra-domain price for the order's period, in the same
// transaction. A draft just grows; an active order goes back to the CA for a certificate with the new names
// (requested, kind reissue: the names already validated stay validated, the new ones wait for their DCV).
// Errors: request.invalid, ssl.order_not_found, ssl.invalid_state, ssl.too_many_domains, ssl.approver_email_invalid,
//   billing.insufficient_funds
import type { Flow } from '../../runner.ts';
import { whoisEmailsFor } from '../whois.ts';
import { hostnamesOf } from '../model.ts';
import { invalid } from '../../errors.ts';
import { currencyOf, priceFor } from '../catalogue.ts';
import type { SslOrder } from '../model.ts';
import { checkHostnames, isImported, isWildcard, notInState } from '../model.ts';
import type { SslCa } from '../ports.ts';
import type { DcvChoice } from '../order-ops.ts';
import { accountOf, buildDcv, charge, loadOrder, productOf, submit } from '../order-ops.ts';

export const addDomains: Flow<{ accountId: number; orderId: number; ca: SslCa; names: string[]; dcv?: DcvChoice[]; defaultMethod?: string }, SslOrder> = async (ctx, i) => {
  const o = await loadOrder(ctx, i.accountId, i.orderId);
  if (o.cancelAt || !(o.state === 'draft' || o.state === 'active')) throw notInState(o, 'adding domains');
  if (isImported(o)) throw notInState(o, 'adding domains (the certificate was imported)');
  const product = productOf(o.productCode);
  if (product.kind !== 'multi') throw invalid('extra_san', `${product.name} is not a multi-domain product`);
  if (!o.commonName) throw invalid('common_name', 'the order has no names yet');
  if (!i.names?.length) throw invalid('extra_san', 'is required');
  const names = checkHostnames(product, o.commonName, [...o.sans, ...i.names]);
  const added = names.sans.filter((s) => !o.sans.includes(s));
  if (!added.length) throw invalid('extra_san', 'the names are already on the order');
  const count = 1 + names.sans.length;
  const extra = Math.max(0, count - o.domainAmount);
  const account = await accountOf(ctx, o.accountId);
  const price = priceFor(product, o.period);
  const cur = currencyOf(account.currency);
  const wild = Math.min(extra, added.filter(isWildcard).length);
  const cost = price ? (extra - wild) * price.extraDomain[cur] + wild * price.extraWildcardDomain[cur] : 0;
  await charge(ctx, account, cost, `ssl.add_domains ${o.commonName} +${added.length}`, `ssl_order:${o.id}`);
  let next: SslOrder = { ...o, sans: names.sans, domainAmount: Math.max(o.domainAmount, count), chargedMinor: o.chargedMinor + cost, updatedAt: ctx.now };
  next.dcv = buildDcv(ctx, product, next, i.dcv, i.defaultMethod, await whoisEmailsFor(ctx, hostnamesOf(next)));
  if (o.state === 'active') next = await submit(ctx, next, i.ca, account, 'reissue');
  return ctx.uow.ssl.update(next);
};
