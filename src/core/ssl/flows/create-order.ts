// Places an SSL order and debits its price in the same transaction. Without `startProvision` the order is a draft
// (Openprovider PAI, SSL247 Incomplete): anything may still change and a CSR is optional. With it the order goes to
// the CA at once (Openprovider REQ, MrDomain process, SSL247 Pending): CSR and required contacts are checked, the
// approver mails go out. Hostnames come from the CSR; `sans` (multi-domain only) override the CSR's SANs, never its
// common name (Openprovider 002:48). `domainAmount` defaults to the included domains for a draft and to the
// number of names sent otherwise (002:40).
// Errors: request.invalid, account.not_found, ssl.product_not_found, ssl.csr_invalid, ssl.csr_weak, ssl.too_many_domains,
//   ssl.approver_email_invalid, contact.not_found, billing.insufficient_funds
import type { Flow } from '../../runner.ts';
import { whoisEmailsFor } from '../whois.ts';
import { hostnamesOf } from '../model.ts';
import { invalid } from '../../errors.ts';
import { currencyOf } from '../catalogue.ts';
import type { SslOrder } from '../model.ts';
import { checkHostnames, domainsToPay, isWildcard, orderPriceMinor } from '../model.ts';
import type { SslCa } from '../ports.ts';
import type { OrderFields } from '../order-ops.ts';
import { accountOf, buildDcv, charge, decodeCsr, productOf, resolveContacts, submit } from '../order-ops.ts';

export interface CreateOrderInput extends OrderFields {
  accountId: number;
  ca: SslCa;
  productCode: string;
  /** years */
  period: number;
  startProvision?: boolean;
  /** a renewal placed as a new order: the term starts here when the order activates */
  termStartsAt?: Date | null;
  renewalOf?: number | null;
  /** the ledger text, e.g. "ssl.renew" (default "ssl.create") */
  chargeKind?: 'create' | 'renew';
}

export const createOrder: Flow<CreateOrderInput, SslOrder> = async (ctx, i) => {
  const account = await accountOf(ctx, i.accountId);
  const product = productOf(i.productCode);
  const period = Number(i.period ?? product.periods[0]);
  if (!product.periods.includes(period)) throw invalid('period', `${product.name} is sold for ${product.periods.join(' or ')} year(s)`);

  let commonName = String(i.commonName ?? '').trim();
  let csrSans: string[] = [];
  if (i.csr) {
    const info = await decodeCsr(i.ca, i.csr);
    commonName = info.commonName;
    csrSans = info.sans;
  }
  if (i.sans?.length && product.kind !== 'multi') throw invalid('host_names', 'only allowed with a multi-domain product');
  let names = { commonName: '', sans: [] as string[] };
  if (commonName) names = checkHostnames(product, commonName, i.sans?.length ? i.sans : csrSans);
  else if (i.startProvision) throw invalid('csr', 'is required');
  if (i.domainAmount !== undefined && (!Number.isInteger(i.domainAmount) || i.domainAmount < 1)) throw invalid('domain_amount', 'must be a positive whole number');
  const count = names.commonName ? 1 + names.sans.length : 0;
  const domainAmount = domainsToPay(product, i.startProvision ? count : Math.max(count, product.includedDomains), i.domainAmount);
  if (product.kind === 'multi' && count > domainAmount) throw invalid('domain_amount', `is ${domainAmount} but ${count} domains were sent`);
  const software = i.software ?? 'linux';
  if (software !== 'linux' && software !== 'windows') throw invalid('software_id', 'must be linux or windows');
  const signatureHash = (i.signatureHash || 'sha2').toLowerCase();
  const contacts = await resolveContacts(ctx, account.id, i.contacts, { organization: null, admin: null, technical: null, billing: null });
  if (contacts.technical === null && contacts.admin !== null) contacts.technical = contacts.admin;

  const draft: Omit<SslOrder, 'id' | 'version'> = {
    accountId: account.id, productCode: product.code, state: 'draft', requestKind: 'new', period, domainAmount,
    commonName: names.commonName, sans: names.sans, csr: i.csr?.trim() ?? '', privateKey: i.privateKey ?? '', software, signatureHash, contacts,
    approverEmail: (i.approverEmail ?? '').trim().toLowerCase(), dcv: [], dcvSecret: ctx.random.hex(20),
    autorenew: !!i.autorenew, enableDnsAutomation: !!i.enableDnsAutomation,
    orderedAt: ctx.now, requestedAt: null, validatedAt: null, orgCheckDoneAt: null, activatedAt: null, issuedAt: null, termEndsAt: null,
    termStartsAt: i.termStartsAt ?? null, certificate: null, cancelRequestedAt: null, cancelAt: null, revokedAt: null, rejectedAt: null, rejectReason: '',
    chargedMinor: 0, refundedMinor: 0, currency: account.currency, renewalOf: i.renewalOf ?? null, reissueCount: 0, createdAt: ctx.now, updatedAt: ctx.now,
  };
  draft.dcv = names.commonName ? buildDcv(ctx, product, draft, i.dcv, i.defaultMethod, await whoisEmailsFor(ctx, hostnamesOf(draft))) : [];
  const price = orderPriceMinor(product, period, domainAmount, names.sans.filter(isWildcard).length, currencyOf(account.currency), i.chargeKind ?? 'create');

  let order = await ctx.uow.ssl.insert(draft);
  await charge(ctx, account, price, `ssl.${i.chargeKind ?? 'create'} ${order.commonName || product.name} (${period}y)`, `ssl_order:${order.id}`);
  order = { ...order, chargedMinor: price };
  if (i.startProvision) order = await submit(ctx, order, i.ca, account);
  return ctx.uow.ssl.update(order);
};
