// Reissues the certificate of an active order with a new CSR (and, for multi-domain products, new SANs): the order
// goes back to the CA (requested, kind reissue; Openprovider ACT → REQ → ACT, MrDomain `reissue`) and is active
// again when the new certificate is issued. Hostnames validated before with the same method stay validated (CAs
// reuse domain validation), so a reissue for the same names is issued at once; new names wait for their DCV.
// The term does not change; reissues are free while the product allows them.
// Errors: request.invalid, ssl.order_not_found, ssl.invalid_state, ssl.csr_invalid, ssl.csr_weak, ssl.too_many_domains,
//   ssl.approver_email_invalid
import type { Flow } from '../../runner.ts';
import { whoisEmailsFor } from '../whois.ts';
import { hostnamesOf } from '../model.ts';
import { DomainError, invalid } from '../../errors.ts';
import type { SslOrder } from '../model.ts';
import { checkHostnames, isImported, notInState } from '../model.ts';
import type { SslCa } from '../ports.ts';
import type { DcvChoice } from '../order-ops.ts';
import { accountOf, buildDcv, decodeCsr, loadOrder, productOf, submit } from '../order-ops.ts';

export interface ReissueOrderInput {
  accountId: number;
  orderId: number;
  ca: SslCa;
  csr: string;
  privateKey?: string;
  sans?: string[];
  dcv?: DcvChoice[];
  defaultMethod?: string;
  approverEmail?: string;
  software?: 'linux' | 'windows';
  signatureHash?: string;
  /** a reissue that is part of a renewal (MrDomain `renew` shows it) */
  kind?: 'reissue' | 'renew';
}

export const reissueOrder: Flow<ReissueOrderInput, SslOrder> = async (ctx, i) => {
  const o = await loadOrder(ctx, i.accountId, i.orderId);
  if (o.state !== 'active' || o.cancelAt) throw notInState(o, 'reissue');
  if (isImported(o)) throw notInState(o, 'reissue (the certificate was imported: its CA reissues it)');
  const product = productOf(o.productCode);
  if (product.reissues >= 0 && o.reissueCount >= product.reissues) throw new DomainError('ssl.invalid_state', `${product.name} allows no more reissues`, { state: o.state });
  if (!i.csr) throw new DomainError('ssl.csr_invalid', 'A new CSR is required', { field: 'csr', reason: 'is required' });
  const info = await decodeCsr(i.ca, i.csr);
  if (i.sans?.length && product.kind !== 'multi') throw invalid('host_names', 'only allowed with a multi-domain product');
  const names = checkHostnames(product, info.commonName, i.sans?.length ? i.sans : info.sans);
  if (product.kind === 'multi' && 1 + names.sans.length > o.domainAmount) {
    throw new DomainError('ssl.too_many_domains', `The order paid for ${o.domainAmount} domains, ${1 + names.sans.length} given`, { field: 'host_names', max: o.domainAmount });
  }
  let next: SslOrder = {
    ...o, csr: i.csr.trim(), privateKey: i.privateKey ?? o.privateKey, commonName: names.commonName, sans: names.sans, dcvSecret: ctx.random.hex(20),
    software: i.software ?? o.software, signatureHash: (i.signatureHash || o.signatureHash).toLowerCase(),
    approverEmail: i.approverEmail !== undefined ? i.approverEmail.trim().toLowerCase() : o.approverEmail, reissueCount: o.reissueCount + 1, updatedAt: ctx.now,
  };
  next.dcv = buildDcv(ctx, product, next, i.dcv, i.defaultMethod, await whoisEmailsFor(ctx, hostnamesOf(next)));
  next = await submit(ctx, next, i.ca, await accountOf(ctx, o.accountId), i.kind ?? 'reissue');
  return ctx.uow.ssl.update(next);
};
