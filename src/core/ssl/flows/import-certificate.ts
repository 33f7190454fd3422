// Imports a certificate issued elsewhere (SSL247 `orders/certificates/import`): an order of origin `imported`, active
// from now until the certificate's notAfter, holding the PEM as its certificate. The names, serial, validity and
// issuer come from the certificate itself; a `commonName` sent with the import must be one of its names. Nothing is
// charged (no CA issues anything) and no DCV runs (someone else's CA did it). The order is listed and shown like any
// other; it cannot be renewed, reissued or revoked through our CA, and a cancel ends it at once (docs/ssl-states.md).
// An expired certificate is refused: there is nothing left to manage.
// Errors: request.invalid, account.not_found, ssl.product_not_found, contact.not_found
import type { Flow } from '../../runner.ts';
import { invalid } from '../../errors.ts';
import type { SslOrder } from '../model.ts';
import { normalizeHostname } from '../model.ts';
import { parseCertificate } from '../certificate.ts';
import type { ContactKeys } from '../order-ops.ts';
import { accountOf, productOf, resolveContacts } from '../order-ops.ts';

export interface ImportCertificateInput {
  accountId: number;
  /** the catalogue product the certificate is recorded as */
  productCode: string;
  certificatePem: string;
  /** when given, must be the certificate's common name or one of its SANs; it becomes the order's common name */
  commonName?: string;
  contacts?: ContactKeys;
  externalProduct?: string;
  /** DV, OV or EV as the client declares it */
  validation?: string;
}

export const importCertificate: Flow<ImportCertificateInput, SslOrder> = async (ctx, i) => {
  const account = await accountOf(ctx, i.accountId);
  const product = productOf(i.productCode);
  const cert = parseCertificate(i.certificatePem);
  const names = [cert.commonName, ...cert.sans];
  let commonName = cert.commonName;
  if (i.commonName?.trim()) {
    const want = normalizeHostname(i.commonName);
    if (!want || !names.includes(want)) throw invalid('common_name', `${i.commonName} is not a name of the certificate (${names.join(', ')})`);
    commonName = want;
  }
  if (cert.notAfter <= ctx.now) throw invalid('certificate', `expired on ${cert.notAfter.toISOString()}`);
  const contacts = await resolveContacts(ctx, account.id, i.contacts, { organization: null, admin: null, technical: null, billing: null });
  if (contacts.technical === null && contacts.admin !== null) contacts.technical = contacts.admin;
  const years = Math.max(1, Math.round((cert.notAfter.getTime() - cert.notBefore.getTime()) / (365.25 * 86_400_000)));
  const order: Omit<SslOrder, 'id' | 'version'> = {
    accountId: account.id, productCode: product.code, origin: 'imported',
    importInfo: { externalProduct: String(i.externalProduct ?? ''), validation: String(i.validation ?? '').toUpperCase(), subjectDn: cert.subjectDn },
    state: 'active', requestKind: 'new', period: years, domainAmount: names.length,
    commonName, sans: names.filter((n) => n !== commonName), csr: '', privateKey: '', software: 'linux', signatureHash: 'sha2', contacts,
    approverEmail: '', dcv: [], dcvSecret: ctx.random.hex(20), autorenew: false, enableDnsAutomation: false,
    orderedAt: ctx.now, requestedAt: null, validatedAt: null, orgCheckDoneAt: null, activatedAt: ctx.now, issuedAt: cert.notBefore,
    termEndsAt: cert.notAfter, termStartsAt: null,
    certificate: { serial: cert.serial, certPem: cert.leafPem, chainPem: cert.chainPem, notBefore: cert.notBefore, notAfter: cert.notAfter, issuerDn: cert.issuerDn },
    cancelRequestedAt: null, cancelAt: null, revokedAt: null, rejectedAt: null, rejectReason: '',
    chargedMinor: 0, refundedMinor: 0, currency: account.currency, renewalOf: null, reissueCount: 0, createdAt: ctx.now, updatedAt: ctx.now,
  };
  return ctx.uow.ssl.insert(order);
};
