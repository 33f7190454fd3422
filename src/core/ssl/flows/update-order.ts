// Changes an order. What may change depends on the state (Openprovider 000:2303-2315): a draft anything but its
// product; a requested order its DCV methods, approver email and autorenew; an active order autorenew only. A field
// the state does not allow is refused (nothing is written). With `startProvision` a draft then goes to the CA.
// Errors: request.invalid, ssl.order_not_found, ssl.invalid_state, ssl.csr_invalid, ssl.csr_weak, ssl.too_many_domains,
//   ssl.approver_email_invalid, contact.not_found, billing.insufficient_funds (more domains on a draft)
import type { Flow } from '../../runner.ts';
import { whoisEmailsFor } from '../whois.ts';
import { hostnamesOf } from '../model.ts';
import { DomainError, invalid } from '../../errors.ts';
import { currencyOf } from '../catalogue.ts';
import type { SslOrder } from '../model.ts';
import { UPDATABLE, checkHostnames, domainsToPay, isImported, isWildcard, notInState, orderPriceMinor } from '../model.ts';
import type { SslCa } from '../ports.ts';
import type { OrderFields } from '../order-ops.ts';
import { accountOf, buildDcv, charge, decodeCsr, loadOrder, mailApprovers, productOf, resolveContacts, submit } from '../order-ops.ts';

export interface OrderPatch extends OrderFields {
  period?: number;
}

export interface UpdateOrderInput {
  accountId: number;
  orderId: number;
  ca: SslCa;
  patch: OrderPatch;
  startProvision?: boolean;
}

const FIELD_OF: Record<keyof OrderPatch, string> = {
  csr: 'csr', privateKey: 'privateKey', commonName: 'commonName', sans: 'sans', domainAmount: 'domainAmount', dcv: 'dcv', defaultMethod: 'dcv',
  approverEmail: 'approverEmail', software: 'software', signatureHash: 'signatureHash', contacts: 'contacts', autorenew: 'autorenew',
  enableDnsAutomation: 'enableDnsAutomation', period: 'period',
};

export const updateOrder: Flow<UpdateOrderInput, SslOrder> = async (ctx, i) => {
  const o = await loadOrder(ctx, i.accountId, i.orderId);
  if (o.cancelAt) throw notInState(o, 'a change (a cancel was requested)');
  // an imported certificate has nothing our CA could act on, not even autorenew
  if (isImported(o)) throw notInState(o, 'a change (the certificate was imported)');
  if (o.state !== 'draft' && o.state !== 'requested' && o.state !== 'active') throw notInState(o, 'a change');
  const allowed = UPDATABLE[o.state];
  const patch = i.patch ?? {};
  // an unchanged value is not a change: clients resend whole objects (Openprovider PUT is partial but generous)
  const contactsNow = patch.contacts ? await resolveContacts(ctx, o.accountId, patch.contacts, o.contacts) : o.contacts;
  const same: Partial<Record<keyof OrderPatch, boolean>> = {
    csr: (patch.csr ?? '').trim() === o.csr,
    privateKey: patch.privateKey === o.privateKey,
    commonName: (patch.commonName ?? '').trim().toLowerCase() === o.commonName,
    sans: JSON.stringify([...(patch.sans ?? [])].map((x) => x.trim().toLowerCase()).sort()) === JSON.stringify([...o.sans].sort()),
    domainAmount: patch.domainAmount === o.domainAmount,
    approverEmail: (patch.approverEmail ?? '').trim().toLowerCase() === o.approverEmail,
    software: patch.software === o.software,
    signatureHash: (patch.signatureHash ?? '').toLowerCase() === o.signatureHash,
    contacts: JSON.stringify(contactsNow) === JSON.stringify(o.contacts),
    autorenew: patch.autorenew === o.autorenew,
    enableDnsAutomation: patch.enableDnsAutomation === o.enableDnsAutomation,
    period: Number(patch.period) === o.period,
  };
  for (const k of Object.keys(patch) as (keyof OrderPatch)[]) {
    if (patch[k] === undefined || same[k]) continue;
    if (!allowed.includes(FIELD_OF[k])) throw new DomainError('ssl.invalid_state', `The order is ${o.state}: ${k} cannot be changed`, { field: k, state: o.state });
  }
  if (i.startProvision && o.state !== 'draft') throw notInState(o, 'start provision');

  const account = await accountOf(ctx, o.accountId);
  const product = productOf(o.productCode);
  let next: SslOrder = { ...o, updatedAt: ctx.now };
  if (patch.autorenew !== undefined) next.autorenew = !!patch.autorenew;
  if (patch.enableDnsAutomation !== undefined) next.enableDnsAutomation = !!patch.enableDnsAutomation;
  if (patch.software !== undefined) {
    if (patch.software !== 'linux' && patch.software !== 'windows') throw invalid('software_id', 'must be linux or windows');
    next.software = patch.software;
  }
  if (patch.signatureHash) next.signatureHash = patch.signatureHash.toLowerCase();
  if (patch.privateKey !== undefined) next.privateKey = patch.privateKey;
  next.contacts = contactsNow;
  if (patch.approverEmail !== undefined) next.approverEmail = patch.approverEmail.trim().toLowerCase();

  let namesChanged = false;
  const namesTouched = (['csr', 'commonName', 'sans', 'domainAmount', 'period'] as const).some((k) => patch[k] !== undefined && !same[k]);
  if (o.state === 'draft' && namesTouched) {
    let cn = patch.commonName ?? o.commonName;
    let sans = o.sans;
    if (patch.csr) {
      const info = await decodeCsr(i.ca, patch.csr);
      cn = info.commonName;
      sans = info.sans;
      next.csr = patch.csr.trim();
      next.dcvSecret = ctx.random.hex(20);
    }
    if (patch.sans !== undefined) {
      if (patch.sans.length && product.kind !== 'multi') throw invalid('host_names', 'only allowed with a multi-domain product');
      sans = patch.sans;
    }
    if (cn) ({ commonName: next.commonName, sans: next.sans } = checkHostnames(product, cn, sans));
    if (patch.period !== undefined && !product.periods.includes(Number(patch.period))) throw invalid('period', `${product.name} is sold for ${product.periods.join(' or ')} year(s)`);
    next.period = patch.period !== undefined ? Number(patch.period) : o.period;
    const count = next.commonName ? 1 + next.sans.length : 0;
    next.domainAmount = domainsToPay(product, count, patch.domainAmount ?? o.domainAmount);
    // a draft that grows (more domains, a longer period) pays the difference now
    const price = orderPriceMinor(product, next.period, next.domainAmount, next.sans.filter(isWildcard).length, currencyOf(account.currency));
    const owed = price - (o.chargedMinor - o.refundedMinor);
    if (owed > 0) {
      await charge(ctx, account, owed, `ssl.update ${next.commonName || product.name}`, `ssl_order:${o.id}`);
      next.chargedMinor += owed;
    }
    namesChanged = true;
  }
  if (next.commonName && (namesChanged || patch.dcv || patch.defaultMethod || (patch.approverEmail !== undefined && !same.approverEmail))) {
    const before = next.dcv;
    next.dcv = buildDcv(ctx, product, next, patch.dcv, patch.defaultMethod ?? (patch.approverEmail ? 'email' : undefined), await whoisEmailsFor(ctx, hostnamesOf(next)));
    if (o.state === 'requested') {
      // a changed method or address gets a fresh approver mail
      const changed = next.dcv.filter((d) => d.method === 'email' && d.status === 'pending' && !before.some((b) => b.hostname === d.hostname && b.method === 'email' && b.approverEmail === d.approverEmail));
      if (changed.length) next = await mailApprovers(ctx, next, changed.map((d) => d.hostname));
    }
  }
  if (i.startProvision) next = await submit(ctx, next, i.ca, account);
  return ctx.uow.ssl.update(next);
};
