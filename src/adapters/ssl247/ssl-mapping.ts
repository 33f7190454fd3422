// SSL247 certificates, orders, products and invoices ↔ core SSL orders and the catalogue (inventory §3.5-§3.15, §4,
// docs/ssl-states.md). Vendor names stop here. Choices where the seed is silent (each also in the report):
//  - one certificate = one core order: `certificate_id`, `order_id` and `Certificate.id` are the core order id;
//    `order_ref`, the invoice id and `invoice_ref` are the id of the first order a request placed (place-order with
//    several lines answers that one ref; a look-up by ref finds the order with that id: the grouping is not stored);
//  - money: the seed types prices "integer" (A5); we answer JSON numbers in the account currency's major units
//    (7.53), never minor units, so a number means what it says; VAT is 0 (the sandbox charges net prices);
//  - status words: docs/ssl-states.md (draft Incomplete, requested Pending, active Issued/Expiring (External when
//    imported, E24), expired Expired,
//    cancelled/rejected Cancelled, revoked Deactivated in E21 lists and Cancelled "Revoked" in E11/E12 lists);
//  - `dv_auth_method` email | dns | file = core email | dns | http;
//  - SAN slots (`Addons.Addon[]`): one per paid domain beyond the common name, `id` "1", "2", … in order.
import type { Services } from '../../core/runner.ts';
import { DomainError, invalid } from '../../core/errors.ts';
import type { SslCa } from '../../core/ssl/ports.ts';
import type { CertificateAuthority } from '../../core/ssl/ca-port.ts';
import type { Currency, SslProduct } from '../../core/ssl/catalogue.ts';
import { SSL_PRODUCTS, priceFor } from '../../core/ssl/catalogue.ts';
import type { OrderView } from '../../core/ssl/flows/get-order.ts';
import type { Contact } from '../../core/contacts/model.ts';
import { dcvChallenge, isImported, isWildcard } from '../../core/ssl/model.ts';
import { phoneToDotted } from '../../core/people.ts';
import { wireDate } from './wire.ts';
import 'reflect-metadata';
import { X509Certificate, X509Certificates } from '@peculiar/x509';

/** the certificate authority the app wires into `services.ca` */
export function caOf(s: Services): CertificateAuthority {
  const ca = (s as Services & { ca?: CertificateAuthority }).ca;
  if (!ca) throw new DomainError('internal', undefined, { reason: 'no certificate authority is configured' });
  return ca;
}

// ---- statuses --------------------------------------------------------------------------------------------------

/** E12 `/certificates/{status}` and E11 items */
export const CERT_STATUSES = ['Incomplete', 'Expiring', 'External', 'Issued', 'Stock', 'Pending', 'ReadyToReview', 'Expired', 'Subscription', 'Cancelled', 'Archived', 'TemporaryCertificate'] as const;
/** E21 `/orders/certificates/{status}` */
export const ORDER_STATUSES = ['Stock', 'Expiring', 'Subscription', 'Issued', 'Pending', 'Expired', 'Deactivated', 'External', 'Cancelled', 'Archived', 'Incomplete'] as const;

const DESCRIPTION: Record<string, string> = {
  Incomplete: 'Order placed, certificate details not filled in yet',
  Pending: 'Waiting for validation',
  Issued: 'Issued',
  Expiring: 'Issued, expiring soon',
  Expired: 'Expired',
  Cancelled: 'Cancelled',
  Deactivated: 'Revoked',
  External: 'Imported certificate issued elsewhere',
};

/** the status token of an order; `list` says which of the seed's two vocabularies the caller shows */
export function statusOf(o: OrderView, list: 'certificates' | 'orders' = 'orders'): string {
  switch (o.state) {
    case 'draft': return 'Incomplete';
    case 'requested': return 'Pending';
    case 'active': return isImported(o) ? 'External' : o.facts.expiring ? 'Expiring' : 'Issued';
    case 'expired': return 'Expired';
    case 'revoked': return list === 'orders' ? 'Deactivated' : 'Cancelled';
    default: return 'Cancelled';
  }
}

export function statusObj(o: OrderView, list: 'certificates' | 'orders' = 'orders') {
  const code = statusOf(o, list);
  const description = o.state === 'revoked' ? 'Revoked' : o.state === 'rejected' ? `Rejected: ${o.rejectReason}` : o.facts.cancelPending ? 'Cancellation requested' : DESCRIPTION[code] ?? code;
  return { code, description };
}

function statusMinor(o: OrderView) {
  if (o.facts.cancelPending) return { code: 'CancelPending', description: 'Cancellation takes effect within 24 hours' };
  if (o.state === 'requested') {
    const pending = o.facts.pendingHostnames;
    if (pending.length) return { code: 'AwaitingDCV', description: `Awaiting domain control validation of ${pending.join(', ')}` };
    if (o.orgCheckDoneAt) return { code: 'AwaitingOrganisationCheck', description: `Organisation check until ${wireDate(o.orgCheckDoneAt)}` };
    return { code: o.requestKind === 'reissue' ? 'ReissuePending' : 'Processing', description: o.requestKind === 'reissue' ? 'Reissue pending' : 'Processing' };
  }
  return { code: '', description: '' };
}

// ---- DCV methods -------------------------------------------------------------------------------------------------

export const DV_AUTH_METHODS = ['email', 'dns', 'file'] as const;
export function dvMethodIn(v: string | undefined, field = 'dv_auth_method'): 'email' | 'dns' | 'http' | undefined {
  if (v === undefined || v === '') return undefined;
  const m = v.trim().toLowerCase();
  if (m === 'email') return 'email';
  if (m === 'dns') return 'dns';
  if (m === 'file') return 'http';
  throw invalid(field, 'must be one of email, dns, file');
}
export const dvMethodOut = (m: string): string => (m === 'http' || m === 'https' ? 'file' : m);

// ---- money -------------------------------------------------------------------------------------------------------

/** minor units → a JSON number in major units */
export const amount = (minor: number): number => Math.round(minor) / 100;

export function currencyOfCode(c: string): Currency {
  return c === 'USD' || c === 'GBP' ? c : 'EUR';
}

// ---- products ----------------------------------------------------------------------------------------------------

export const PRODUCT_TYPES: ReadonlyArray<{ code: string; name: string; has: (p: SslProduct) => boolean }> = [
  { code: 'dv', name: 'Domain Validated SSL', has: (p) => p.validation === 'dv' },
  { code: 'ov', name: 'Organisation Validated SSL', has: (p) => p.validation === 'ov' },
  { code: 'ev', name: 'Extended Validation SSL', has: (p) => p.validation === 'ev' },
  { code: 'wildcard', name: 'Wildcard SSL', has: (p) => p.kind === 'wildcard' || (p.kind === 'multi' && p.wildcardSans) },
  { code: 'multi-domain', name: 'Multi-Domain (SAN) SSL', has: (p) => p.kind === 'multi' },
  { code: 'trial', name: 'Trial SSL', has: (p) => !!p.trialDays },
];

export function productOfCode(code: string | undefined): SslProduct {
  const want = String(code ?? '').trim().toLowerCase();
  const p = SSL_PRODUCTS.find((x) => x.faceIds.ssl247.toLowerCase() === want);
  if (!p) throw new DomainError('ssl.product_not_found', `Product ${code ?? ''} not found`, { field: 'product_code' });
  return p;
}

export function productTypeOf(code: string) {
  const t = PRODUCT_TYPES.find((x) => x.code === code.trim().toLowerCase());
  if (!t) throw new DomainError('ssl.product_not_found', `Product type ${code} not found (see product-types)`, { field: 'product-type' });
  return t;
}

const SAN_ADDON = 'Additional SAN';
const WILDCARD_SAN_ADDON = 'Additional Wildcard SAN';

/** the product addon ids: the SAN slots a multi-domain product sells */
export function addonsOf(p: SslProduct) {
  if (p.kind !== 'multi') return [];
  const out = [{ id: `${p.faceIds.ssl247}-san`, code: 'san', name: SAN_ADDON, type: 'san' }];
  if (p.wildcardSans) out.push({ id: `${p.faceIds.ssl247}-wildcard-san`, code: 'wildcard-san', name: WILDCARD_SAN_ADDON, type: 'wildcard_san' });
  return out;
}

export function requirementsOf(p: SslProduct) {
  return {
    csr: true,
    organisation: p.validation !== 'dv',
    validation_type: p.validation.toUpperCase(),
    dv_auth_methods: [...new Set(p.dcvMethods.map(dvMethodOut))],
    contacts: ['billing', ...p.requiredContacts.map((r) => (r === 'organization' ? 'company' : r === 'admin' ? 'administrative' : r))],
    wildcard: p.kind === 'wildcard',
    multi_domain: p.kind === 'multi',
    included_domains: Math.max(p.includedDomains, 1),
    max_sans: p.kind === 'multi' ? p.maxDomains - 1 : 0,
    years: p.periods,
    key_length: p.keyLength,
  };
}

export function pricesOf(p: SslProduct, cur: Currency) {
  return p.prices.map((x) => ({ price: amount(x.price[cur]), years: x.period, currency: cur }));
}

export function addonPricesOf(p: SslProduct, cur: Currency): Record<string, { prices: Array<{ price: number; years: number; currency: string }> }> {
  const out: Record<string, { prices: Array<{ price: number; years: number; currency: string }> }> = {};
  if (p.kind !== 'multi') return out;
  out[SAN_ADDON] = { prices: p.prices.map((x) => ({ price: amount(x.extraDomain[cur]), years: x.period, currency: cur })) };
  if (p.wildcardSans) out[WILDCARD_SAN_ADDON] = { prices: p.prices.map((x) => ({ price: amount(x.extraWildcardDomain[cur]), years: x.period, currency: cur })) };
  return out;
}

export function productDetail(p: SslProduct, cur: Currency) {
  return {
    name: p.name,
    Code: p.faceIds.ssl247,
    url: `https://www.ssl247.co.uk/ssl-certificates/${p.faceIds.ssl247}`,
    brand: p.brand,
    brand_id: String(p.brandSeqno),
    sub_brand_id: String(p.productSeqno),
    ProductRequirements: requirementsOf(p),
    ProductAddons: addonsOf(p),
    ProductPrices: pricesOf(p, cur),
    ProductDetail: { description: p.description },
    ProductAddonPrices: addonPricesOf(p, cur),
  };
}

/** the price of one SSL247 order line, in minor units (what the core charges) */
export function linePriceMinor(p: SslProduct, years: number, sanSlots: number, wildcardSans: number, cur: Currency): number {
  const price = priceFor(p, years);
  if (!price) throw invalid('years', `${p.name} is sold for ${p.periods.join(' or ')} year(s)`);
  if (p.kind !== 'multi') return price.price[cur];
  const extra = Math.max(0, 1 + sanSlots - p.includedDomains);
  const wild = Math.min(extra, wildcardSans);
  return price.price[cur] + (extra - wild) * price.extraDomain[cur] + wild * price.extraWildcardDomain[cur];
}

// ---- certificates ------------------------------------------------------------------------------------------------

const d = (x: Date | null | undefined): string => (x ? wireDate(x) : '');

export function datesOf(o: OrderView) {
  return { order: d(o.orderedAt), issuance: d(o.issuedAt), created: d(o.createdAt), expiry: d(o.certificate?.notAfter ?? o.termEndsAt) };
}

/** the SAN slots of an order: one per paid domain beyond the common name, filled with the SANs in order */
export function sanSlots(o: OrderView): Array<{ id: string; type: string; value: string; approver_email: string }> {
  const product = SSL_PRODUCTS.find((p) => p.code === o.productCode);
  const slots = product?.kind === 'multi' ? Math.max(o.domainAmount - 1, o.sans.length) : o.sans.length;
  return Array.from({ length: slots }, (_, i) => {
    const value = o.sans[i] ?? '';
    const dcv = o.dcv.find((x) => x.hostname === value);
    return { id: String(i + 1), type: isWildcard(value) ? 'wildcard_san' : 'san', value, approver_email: dcv?.method === 'email' ? dcv.approverEmail : '' };
  });
}

function remainingReissues(o: OrderView): number {
  if (isImported(o)) return 0;
  const product = SSL_PRODUCTS.find((p) => p.code === o.productCode);
  if (!product) return 0;
  // "unlimited" shown as 99: the seed types the count as a number (E37) or a numeric string
  return product.reissues < 0 ? 99 : Math.max(0, product.reissues - o.reissueCount);
}

const EMPTY_PERSON = { organisation: '', title: '', firstname: '', lastname: '', email: '', phone: '', address_1: '', address_2: '', city: '', postcode: '', region: '', country: '' };

function personOut(c: Contact | undefined) {
  if (!c) return { ...EMPTY_PERSON };
  return {
    organisation: c.companyName,
    title: c.name.title,
    firstname: c.name.firstName,
    lastname: c.name.lastName,
    email: c.email,
    phone: phoneToDotted(c.phone),
    address_1: [c.address.street, c.address.number, c.address.suffix].filter((s) => s && s.trim()).join(' '),
    address_2: c.address.line2,
    city: c.address.city,
    postcode: c.address.zipcode,
    region: c.address.state,
    country: c.address.country,
  };
}

export type ContactsById = Map<number, Contact>;

export function contactsOut(o: OrderView, byId: ContactsById) {
  const org = o.contacts.organization !== null ? byId.get(o.contacts.organization) : undefined;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    Company: {
      category: str(org?.extra.organisation_category),
      organisation_legal_name: org?.companyName ?? '',
      registration_number: org?.registrationNumber ?? '',
      duns: str(org?.extra.duns),
    },
    Administrative: personOut(o.contacts.admin !== null ? byId.get(o.contacts.admin) : undefined),
    Technical: personOut(o.contacts.technical !== null ? byId.get(o.contacts.technical) : undefined),
  };
}

function mainDcv(o: OrderView) {
  return o.dcv.find((x) => x.hostname === o.commonName);
}

/** E16 `/certificate/{id}` */
export function certificateFull(o: OrderView, byId: ContactsById) {
  const main = mainDcv(o);
  const method = main?.method ?? '';
  const ch = o.commonName && !isImported(o) ? dcvChallenge(o.dcvSecret, o.commonName, main?.method) : null;
  const status = statusObj(o, 'certificates');
  const notes = [{ note: `Order placed for ${o.commonName || 'a certificate to be completed'}`, user: 'api', date: d(o.orderedAt) }];
  if (isImported(o)) notes.push({ note: `Certificate imported, issued by ${o.certificate?.issuerDn ?? ''}, serial ${o.certificate?.serial ?? ''}`, user: 'api', date: d(o.orderedAt) });
  else if (o.issuedAt) notes.push({ note: `Certificate issued, serial ${o.certificate?.serial ?? ''}`, user: 'system', date: d(o.issuedAt) });
  if (o.revokedAt) notes.push({ note: 'Certificate revoked', user: 'api', date: d(o.revokedAt) });
  if (o.cancelRequestedAt) notes.push({ note: 'Cancellation requested', user: 'api', date: d(o.cancelRequestedAt) });
  const vetting = o.dcv.map((x) => ({ status_type: `DCV ${x.hostname}`, status_text: x.status === 'validated' ? `Validated by ${dvMethodOut(x.method)}` : `Awaiting ${dvMethodOut(x.method)} validation`, created: d(x.validatedAt ?? o.requestedAt ?? o.orderedAt) }));
  const product = SSL_PRODUCTS.find((p) => p.code === o.productCode);
  if (product && product.validation !== 'dv' && o.state === 'requested') vetting.push({ status_type: 'Organisation', status_text: o.orgCheckDoneAt ? `Organisation check until ${d(o.orgCheckDoneAt)}` : 'Waiting for domain validation', created: d(o.requestedAt) });
  return {
    order_id: String(o.id),
    certificate_id: String(o.id),
    product_addon_id: '',
    CertificateDetails: {
      product_code: product?.faceIds.ssl247 ?? o.productCode,
      common_name: o.commonName,
      approver_email: main?.method === 'email' ? main.approverEmail : o.approverEmail,
      dv_auth_method: method ? dvMethodOut(method) : '',
      dns_auth_string: ch && method === 'dns' ? `${ch.dnsName} CNAME ${ch.dnsValue}` : '',
      file_auth_filename: ch && (method === 'http' || method === 'https') ? ch.fileName : '',
      file_auth_contents: ch && (method === 'http' || method === 'https') ? ch.fileContents : '',
      general_auth_string: ch ? ch.sha256 : '',
      licenses: '1',
      hash: o.signatureHash,
      serial_number: o.certificate?.serial ?? '',
      years: String(o.period),
      remaining_reissues: String(remainingReissues(o)),
      csr: o.csr,
      email_subscription: '0',
      VettingData: vetting.map((v) => `${v.status_type}: ${v.status_text}`).join('; '),
      Addons: { Addon: sanSlots(o) },
      Status: status,
      StatusMinor: statusMinor(o),
    },
    Contacts: contactsOut(o, byId),
    Dates: datesOf(o),
    Notes: { Note: notes },
    VettingData: vetting,
    Status: status,
    Product: { name: product?.name ?? o.productCode, code: product?.faceIds.ssl247 ?? o.productCode, Brand: { name: product?.brand ?? '' } },
  };
}

/** E21 / E35 list item; `withAddonIds` for E35's `{id, type, value, approver_email}` addons */
export function certificateSummary(o: OrderView, byId: ContactsById, withAddonIds: boolean) {
  const product = SSL_PRODUCTS.find((p) => p.code === o.productCode);
  const main = mainDcv(o);
  const slots = sanSlots(o);
  return {
    order_id: String(o.id),
    order_ref: String(orderRefOf(o)),
    email_subscription: '0',
    CertificateDetails: {
      id: String(o.id),
      product_code: product?.faceIds.ssl247 ?? o.productCode,
      product_name: product?.name ?? o.productCode,
      common_name: o.commonName,
      approver_email: main?.method === 'email' ? main.approverEmail : o.approverEmail,
      licenses: '1',
      years: String(o.period),
      remaining_reissues: String(remainingReissues(o)),
      Addons: { Addon: withAddonIds ? slots : slots.map((s) => ({ type: s.type, value: s.value })) },
      Status: statusObj(o, 'orders'),
    },
    Dates: datesOf(o),
    Contacts: contactsOut(o, byId),
  };
}

/** the ref of the request that placed the order (see the header) */
export function orderRefOf(o: Pick<OrderView, 'id'>): number {
  return o.id;
}

/** E37 `/orders/{order-id}` item */
export function orderDetail(o: OrderView, chain: { intermediate: string; root: string; pkcs7: string }) {
  const product = SSL_PRODUCTS.find((p) => p.code === o.productCode);
  const cur = currencyOfCode(o.currency);
  const price = product ? priceFor(product, o.period) : null;
  return {
    Certificate: {
      id: String(o.id),
      order_id: String(o.id),
      label: `${product?.name ?? o.productCode}${o.commonName ? ` for ${o.commonName}` : ''} (${o.period} year${o.period === 1 ? '' : 's'})`,
      CertificateDetails: {
        total: amount(o.chargedMinor - o.refundedMinor),
        quantity: 1,
        product_code: product?.faceIds.ssl247 ?? o.productCode,
        product_name: product?.name ?? o.productCode,
        common_name: o.commonName,
        approver_email: mainDcv(o)?.approverEmail || o.approverEmail,
        licenses: 1,
        years: o.period,
        original_order_id: o.renewalOf !== null ? String(o.renewalOf) : '',
        csr: o.csr,
        x509: o.certificate?.certPem ?? '',
        pkcs7: chain.pkcs7,
        intermediate: chain.intermediate,
        root: chain.root,
        remaining_reissues: remainingReissues(o),
        Addons: sanSlots(o).map((s, i) => ({
          id: s.id, type: s.type, value: s.value,
          total: product && price && i + 2 > product.includedDomains ? String(amount(s.type === 'wildcard_san' ? price.extraWildcardDomain[cur] : price.extraDomain[cur])) : '0',
        })),
        Status: statusObj(o, 'orders'),
      },
    },
    placed_with_api: '1',
    email_subscription: '0',
    payment_ref: `ssl_order:${o.id}`,
    invoice_id: String(orderRefOf(o)),
  };
}

/** the PEM blocks of a chain, in order */
export function pemBlocks(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)?.map((b) => `${b}\n`) ?? [];
}

/** the root of the CA, when the CA port gives it (the real CA does; `rootPem()`) */
export async function rootPemOf(ca: SslCa): Promise<string> {
  const f = (ca as SslCa & { rootPem?: () => string | Promise<string> }).rootPem;
  try {
    return f ? await f.call(ca) : '';
  } catch {
    return '';
  }
}

/** a PKCS#7 (certs-only SignedData, PEM label "PKCS7" as openssl writes it) of the given certificates; "" when they cannot be parsed */
export function pkcs7Of(pems: string[]): string {
  try {
    const der = Buffer.from(new X509Certificates(pems.map((p) => new X509Certificate(p))).export('raw'));
    return `-----BEGIN PKCS7-----\n${der.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END PKCS7-----\n`;
  } catch {
    return '';
  }
}

/** the certificate material of an issued order: leaf, intermediate(s), root, bundle, PKCS#7 */
export async function materialOf(o: OrderView, ca: SslCa): Promise<{ x509: string; intermediate: string; root: string; bundle: string; pkcs7: string }> {
  if (!o.certificate) return { x509: '', intermediate: '', root: '', bundle: '', pkcs7: '' };
  // an imported certificate's chain is the one imported with it; our CA's root is not its root
  const root = isImported(o) ? '' : await rootPemOf(ca);
  const rootBody = root.replace(/\s+/g, '');
  const chain = pemBlocks(o.certificate.chainPem).filter((b) => b.replace(/\s+/g, '') !== rootBody);
  const intermediate = chain.join('');
  const x509 = o.certificate.certPem.endsWith('\n') ? o.certificate.certPem : `${o.certificate.certPem}\n`;
  const bundle = [x509, intermediate, root].filter(Boolean).map((b) => (b.endsWith('\n') ? b : `${b}\n`)).join('');
  return { x509, intermediate, root, bundle, pkcs7: pkcs7Of(pemBlocks(`${x509}${intermediate}`)) };
}
