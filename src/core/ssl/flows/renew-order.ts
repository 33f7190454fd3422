// Renews an order: a new term of `period` years (default: the order's) counted from the end of the current term,
// charged at the product's renewal price in the same transaction. Accepted from RENEW_WINDOW_DAYS (30) before the
// term ends; earlier → ssl.renew_too_early (Openprovider 25001). "You can't change any certificate data during the
// renew process" (Openprovider 000:2614).
//  - mode `extend` (Openprovider, MrDomain): the same order; its certificate is reissued through the CA for the new
//    term when the old one would end first. With a `csr` (MrDomain sends one) the renewal is a reissue request
//    with that CSR (requested, kind renew) instead.
//  - mode `new_order` (SSL247 renew): a new draft order copying product, names and contacts whose term starts at
//    the old term's end; the client completes it with a CSR. The old order is untouched.
// `allowExpired` lets a face renew an expired order (SSL247 allows Expired); the new term then counts from now.
// Errors: request.invalid, ssl.order_not_found, ssl.invalid_state, ssl.renew_too_early, ssl.csr_invalid, ssl.csr_weak,
//   billing.insufficient_funds
import type { Flow } from '../../runner.ts';
import { invalid } from '../../errors.ts';
import { currencyOf } from '../catalogue.ts';
import type { SslOrder } from '../model.ts';
import { addYears, isWildcard, orderPriceMinor, renewRefusal, validityFor } from '../model.ts';
import type { SslCa } from '../ports.ts';
import { accountOf, charge, issueProfile, loadOrder, productOf } from '../order-ops.ts';
import { createOrder } from './create-order.ts';
import { reissueOrder } from './reissue-order.ts';

export interface RenewOrderInput {
  accountId: number;
  orderId: number;
  ca: SslCa;
  period?: number;
  mode?: 'extend' | 'new_order';
  csr?: string;
  allowExpired?: boolean;
}

export const renewOrder: Flow<RenewOrderInput, SslOrder> = async (ctx, i) => {
  const o = await loadOrder(ctx, i.accountId, i.orderId);
  const refusal = renewRefusal(o, ctx.now, { allowExpired: i.allowExpired });
  if (refusal) throw refusal;
  const product = productOf(o.productCode);
  const period = Number(i.period ?? o.period);
  if (!product.periods.includes(period) || product.trialDays) throw invalid('period', product.trialDays ? `${product.name} is a trial and cannot be renewed` : `${product.name} is sold for ${product.periods.join(' or ')} year(s)`);
  const from = o.termEndsAt && o.termEndsAt > ctx.now ? o.termEndsAt : ctx.now;

  if (i.mode === 'new_order') {
    return createOrder(ctx, {
      accountId: o.accountId, ca: i.ca, productCode: o.productCode, period, commonName: o.commonName, sans: product.kind === 'multi' ? o.sans : [],
      domainAmount: o.domainAmount, approverEmail: o.approverEmail, software: o.software, signatureHash: o.signatureHash,
      contacts: { organization: o.contacts.organization, admin: o.contacts.admin, technical: o.contacts.technical, billing: o.contacts.billing },
      dcv: o.dcv.map((d) => ({ hostname: d.hostname, method: d.method, approverEmail: d.approverEmail || undefined })),
      autorenew: o.autorenew, termStartsAt: from, renewalOf: o.id, chargeKind: 'renew',
    });
  }

  const account = await accountOf(ctx, o.accountId);
  const price = orderPriceMinor(product, period, o.domainAmount, o.sans.filter(isWildcard).length, currencyOf(account.currency), 'renew');
  await charge(ctx, account, price, `ssl.renew ${o.commonName} (${period}y)`, `ssl_order:${o.id}`);
  let next: SslOrder = { ...o, state: o.state === 'expired' ? 'active' : o.state, termEndsAt: addYears(from, period), period, chargedMinor: o.chargedMinor + price, updatedAt: ctx.now };
  if (i.csr) {
    next = await ctx.uow.ssl.update(next);
    return reissueOrder(ctx, { accountId: o.accountId, orderId: o.id, ca: i.ca, csr: i.csr, sans: product.kind === 'multi' ? o.sans : undefined, kind: 'renew' });
  }
  if (next.state === 'active' && next.certificate && next.termEndsAt && next.certificate.notAfter < next.termEndsAt) {
    const { validFrom, validTo } = validityFor(ctx.now, next.termEndsAt);
    const cert = await i.ca.issue({ csrPem: next.csr, commonName: next.commonName, sans: [next.commonName, ...next.sans], validFrom, validTo, profile: await issueProfile(ctx, next, product) });
    next = { ...next, issuedAt: ctx.now, certificate: { serial: cert.serial, certPem: cert.certPem, chainPem: cert.chainPem, notBefore: new Date(cert.notBefore), notAfter: new Date(cert.notAfter) } };
  }
  return ctx.uow.ssl.update(next);
};
