// Ordering (E25-E28) and orders (E21, E35, E37). validate prices the lines and changes nothing; place-order creates one
// Incomplete certificate (a core draft order) per unit, charged in one transaction; complete fills a certificate in
// and sends it to the CA (Pending); place-quick-order does all of that for one certificate. Contacts given inline are
// created as contact profiles in the same transaction as the order; missing ones default to the account's profiles
// flagged admin / tech / billing (seed L2385, L2418, L2435; inventory A15). The organisation (core `organization`
// role) is a profile made from `Contacts.Company` with the administrative person, or the admin profile.
import type { FastifyInstance } from 'fastify';
import type { FaceOptions } from '../../shared/http.ts';
import { clientIp } from '../../shared/http.ts';
import type { Services, FlowContext } from '../../../core/runner.ts';
import { runFlow, runQuery } from '../../../core/runner.ts';
import { DomainError, invalid, isDomainError } from '../../../core/errors.ts';
import type { Contact } from '../../../core/contacts/model.ts';
import { createContact } from '../../../core/contacts/flows/create-contact.ts';
import type { SslProduct } from '../../../core/ssl/catalogue.ts';
import type { SslOrder } from '../../../core/ssl/model.ts';
import { checkHostnames, isWildcard, normalizeHostname } from '../../../core/ssl/model.ts';
import { createOrder } from '../../../core/ssl/flows/create-order.ts';
import { updateOrder } from '../../../core/ssl/flows/update-order.ts';
import { getOrder } from '../../../core/ssl/flows/get-order.ts';
import type { ContactKeys, DcvChoice } from '../../../core/ssl/order-ops.ts';
import { decodeCsr } from '../../../core/ssl/order-ops.ts';
import { importCertificate } from '../../../core/ssl/flows/import-certificate.ts';
import { EXTERNAL_PRODUCTS, internalProductCode } from '../reference/lookups.ts';
import { post } from '../route.ts';
import { type Body, money, text, wireDate } from '../wire.ts';
import { contactIn } from '../mapping.ts';
import { allContacts } from './account.ts';
import { allOrders, contactsById, orderOf } from './certificates.ts';
import { currencyOfAccount } from './products.ts';
import {
  ORDER_STATUSES, addonsOf, amount, caOf, certificateSummary, dvMethodIn, linePriceMinor, materialOf, orderDetail, orderRefOf, productOfCode, statusOf,
} from '../ssl-mapping.ts';

// ---- parsing -----------------------------------------------------------------------------------------------------

const isObject = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v);

function intField(b: Body, field: string, dflt: number, min: number, max: number): number {
  const v = b[field];
  if (v === undefined || v === null || v === '') return dflt;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw invalid(field, `must be a whole number from ${min} to ${max}`);
  return n;
}

function yearsOf(b: Body, product: SslProduct, field = 'years'): number {
  const years = intField(b, field, product.periods[0], 1, 10);
  if (!product.periods.includes(years)) throw invalid(field, `${product.name} is sold for ${product.periods.join(' or ')} year(s)`);
  return years;
}

interface Line {
  product: SslProduct;
  years: number;
  commonName: string;
  sans: string[];
  /** SAN slots bought */
  slots: number;
  quantity: number;
  licenses: string;
}

/** one `order[]` line of validate / place-order; business rules (names, SAN maximum) are checked too */
function lineOf(v: unknown, i: number): Line {
  const at = `order[${i}]`;
  if (!isObject(v)) throw invalid(at, 'must be an object');
  const code = text(v, 'product_code');
  if (!code) throw invalid(`${at}.product_code`, 'is required');
  const product = productOfCode(code);
  const years = yearsOf(v, product, 'years');
  const sansText = text(v, 'sans', 20_000) ?? '';
  const sans = sansText.split(/[\s,;]+/).filter(Boolean);
  const san = intField(v, 'san', sans.length, 0, 1000);
  if (san < sans.length) throw invalid(`${at}.san`, `is ${san} but ${sans.length} names were sent in sans`);
  const quantity = intField(v, 'quantity', 1, 1, 100);
  const licenses = text(v, 'licenses', 8) || '1';
  const commonName = text(v, 'common_name') ?? '';
  if (product.kind !== 'multi' && san > 0) throw new DomainError('ssl.too_many_domains', `${product.name} is not a multi-domain product: it takes no SANs`, { field: 'san', max: 0 });
  if (product.kind === 'multi' && 1 + san > product.maxDomains) throw new DomainError('ssl.too_many_domains', `${product.name} takes at most ${product.maxDomains - 1} SANs`, { field: 'san', max: product.maxDomains - 1 });
  let names = { commonName: '', sans: [] as string[] };
  if (commonName) names = checkHostnames(product, commonName, sans);
  else if (sans.length) throw invalid(`${at}.common_name`, 'is required when sans are given');
  return { product, years, commonName: names.commonName, sans: names.sans, slots: san, quantity, licenses };
}

function linesOf(b: Body): Line[] {
  const order = b.order;
  if (!Array.isArray(order) || !order.length) throw invalid('order', 'is required: a list of order lines');
  return order.map(lineOf);
}

/** `billing_contact_id`, or the account's first profile flagged billing (inventory A15) */
async function billingContact(s: Services, accountId: number, b: Body): Promise<string | null> {
  const id = text(b, 'billing_contact_id');
  if (id) {
    const c = (await allContacts(s, accountId)).find((x) => String(x.id) === id);
    if (!c) throw new DomainError('contact.not_found', `Contact profile ${id} not found`, { field: 'billing_contact_id' });
    return id;
  }
  return (await allContacts(s, accountId)).find((c) => c.roles.billing)?.id.toString() ?? null;
}

// ---- contacts of complete / quick order --------------------------------------------------------------------------

const PERSON_FIELDS = ['organisation', 'department', 'title', 'firstname', 'lastname', 'email', 'phone', 'address_1', 'address_2', 'city', 'postcode', 'region', 'country'];
const CATEGORIES = ['PO', 'BE', 'GE'];

interface ContactPlan {
  admin?: Body;
  tech?: Body;
  company?: Body;
  defaults: { admin: string | null; tech: string | null };
}

function personOf(v: unknown, field: string): Body | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (!isObject(v)) throw invalid(field, 'must be an object');
  const filled = PERSON_FIELDS.some((f) => v[f] !== undefined && v[f] !== null && v[f] !== '');
  return filled ? v : undefined;
}

async function contactPlan(s: Services, accountId: number, b: Body): Promise<ContactPlan> {
  const c = b.Contacts;
  if (c !== undefined && c !== null && !isObject(c)) throw invalid('Contacts', 'must be an object');
  const contacts = (c ?? {}) as Body;
  const admin = personOf(contacts.Administrative, 'Contacts.Administrative');
  const tech = personOf(contacts.Technical, 'Contacts.Technical');
  let company: Body | undefined;
  if (contacts.Company !== undefined && contacts.Company !== null && contacts.Company !== '') {
    if (!isObject(contacts.Company)) throw invalid('Contacts.Company', 'must be an object');
    const cat = text(contacts.Company, 'organisation_category');
    if (cat && !CATEGORIES.includes(cat.toUpperCase())) throw invalid('Contacts.Company.organisation_category', 'must be PO, BE or GE');
    if (text(contacts.Company, 'organisation_legal_name')) company = contacts.Company;
  }
  const profiles = await allContacts(s, accountId);
  const first = (f: (x: Contact) => boolean) => profiles.find(f)?.id.toString() ?? null;
  return { admin, tech, company, defaults: { admin: first((x) => x.roles.admin), tech: first((x) => x.roles.tech) } };
}

/** the request's person fields as a contact-profile body (`region` is the profile's `state`) */
function profileBody(p: Body, role: string): Body {
  const out: Body = { title: p.title, firstname: p.firstname, lastname: p.lastname, email: p.email, phone: p.phone, address_1: p.address_1, address_2: p.address_2, city: p.city, postcode: p.postcode, state: p.region, country: p.country };
  out[role] = true;
  return out;
}

/** creates the contacts the request carries (in the flow's transaction) and returns the core contact keys */
async function applyContacts(ctx: FlowContext, accountId: number, plan: ContactPlan): Promise<ContactKeys> {
  const make = async (body: Body, extra: Partial<Contact> = {}) => {
    const input = { ...contactIn(body, 'add'), ...extra };
    return String((await createContact(ctx, { accountId, input })).id);
  };
  const admin = plan.admin ? await make(profileBody(plan.admin, 'admin'), { companyName: text(plan.admin, 'organisation') ?? '' }) : plan.defaults.admin;
  const tech = plan.tech ? await make(profileBody(plan.tech, 'tech'), { companyName: text(plan.tech, 'organisation') ?? '' }) : (plan.defaults.tech ?? admin);
  let organization = admin;
  if (plan.company) {
    const person = plan.admin ?? plan.tech;
    if (!person) throw invalid('Contacts.Administrative', 'is required with Contacts.Company (the organisation contact person)');
    organization = await make(profileBody(person, 'admin'), {
      kind: 'organization',
      companyName: text(plan.company, 'organisation_legal_name') ?? '',
      registrationNumber: text(plan.company, 'organisation_registration_number') ?? '',
      extra: { organisation_category: (text(plan.company, 'organisation_category') ?? '').toUpperCase(), duns: text(plan.company, 'organisation_duns') ?? '' },
      roles: { admin: false, tech: false, billing: false },
    });
  }
  const keys: ContactKeys = {};
  if (organization) keys.organization = organization;
  if (admin) keys.admin = admin;
  if (tech) keys.technical = tech;
  return keys;
}

// ---- DCV of complete / quick order -------------------------------------------------------------------------------

interface AddonIn {
  id: string;
  value: string;
  approverEmail: string;
}

function addonsIn(b: Body): AddonIn[] {
  const v = b.Addon;
  if (v === undefined || v === null || v === '') return [];
  if (!Array.isArray(v)) throw invalid('Addon', 'must be a list');
  return v.map((a, i) => {
    if (!isObject(a)) throw invalid(`Addon[${i}]`, 'must be an object');
    return { id: text(a, 'id') ?? '', value: text(a, 'value') ?? '', approverEmail: text(a, 'approver_email') ?? '' };
  }).filter((a) => a.value);
}

function dcvOf(b: Body, commonName: string, addons: AddonIn[]): { defaultMethod: string; approverEmail?: string; dcv: DcvChoice[] } {
  const approver = text(b, 'approver_email') || undefined;
  const method = dvMethodIn(text(b, 'dv_auth_method')) ?? (approver ? 'email' : 'dns');
  if (method === 'email' && !approver) throw invalid('approver_email', 'is required when dv_auth_method is email');
  const dcv: DcvChoice[] = [];
  if (commonName) dcv.push({ hostname: commonName, method, approverEmail: method === 'email' ? approver : undefined });
  for (const a of addons) {
    const host = normalizeHostname(a.value);
    if (!host) throw invalid('Addon.value', `"${a.value}" is not a valid hostname`);
    if (method === 'email' && !a.approverEmail) throw invalid('Addon.approver_email', `is required for ${a.value} when dv_auth_method is email`);
    if (host !== commonName) dcv.push({ hostname: host, method, approverEmail: method === 'email' ? a.approverEmail : undefined });
  }
  return { defaultMethod: method, approverEmail: method === 'email' ? approver : undefined, dcv };
}

/** the common name of the CSR, which `common_name` (when sent) must match */
async function csrCommonName(s: Services, csr: string, commonName: string | undefined): Promise<string> {
  const info = await decodeCsr(caOf(s), csr);
  const cn = normalizeHostname(info.commonName) ?? info.commonName.toLowerCase();
  if (commonName && normalizeHostname(commonName) !== cn) throw invalid('common_name', `${commonName} does not match the common name of the CSR (${info.commonName})`);
  return cn;
}

// ---- responses ---------------------------------------------------------------------------------------------------

function labelOf(p: SslProduct, years: number, cn: string): string {
  return `${p.name}${cn ? ` for ${cn}` : ''} (${years} year${years === 1 ? '' : 's'})`;
}

/** E27 `logs[]`: the audit row of the completion, every one of the seed's 27 keys */
function logRow(o: SslOrder, accountId: number, userId: number, ip: string, details: string, at: Date) {
  return {
    id: `${o.id}-${o.version}`, website_id: '1', account_id: String(accountId), order_id: String(o.id), invoice_id: String(orderRefOf(o)), user_id: String(userId),
    payment_id: '', certificate_id: String(o.id), code_signing_id: '', domain_name_id: '', hack_avert_domain_id: '', protected_brand_id: '',
    personal_signing_id: '', pdf_signing_id: '', inty_subscription_id: '', ticket_id: '', event_id: '', contract_id: '', subscription_id: '',
    token_ledger_id: '', url: `/api/v3/order/certificate/complete`, admin: '0', error: '0', details, ip_address: ip, source: 'api', created: wireDate(at),
  };
}

export function orderRoutes(app: FastifyInstance, o: FaceOptions): void {
  const s = o.services;

  // E25: business faults make `Valid: false` (inventory §4.2), the line's `label` says why; bad shapes are 400
  post(app, o, '/order/certificate/validate', async ({ actor, body }) => {
    const order = body.order;
    if (!Array.isArray(order) || !order.length) throw invalid('order', 'is required: a list of order lines');
    await billingContact(s, actor.accountId, body);
    const cur = await currencyOfAccount(s, actor.accountId);
    let valid = true;
    const lines = order.map((raw, i) => {
      try {
        const l = lineOf(raw, i);
        const unit = linePriceMinor(l.product, l.years, l.slots, l.sans.filter(isWildcard).length, cur);
        const price = l.product.prices.find((x) => x.period === l.years)!;
        const addon = addonsOf(l.product)[0];
        const included = Math.max(0, l.product.includedDomains - 1);
        return {
          type: 'certificate', product_id: l.product.faceIds.ssl247, product_type_id: l.product.validation, contract_id: '', years: String(l.years),
          quantity: String(l.quantity), licenses: l.licenses, code: l.product.faceIds.ssl247, pre_discount_total: money(unit * l.quantity), total: money(unit * l.quantity),
          discount_amount: '0.00', discount: '0', discount_reason: '', free: unit === 0 ? '1' : '0', label: labelOf(l.product, l.years, l.commonName), value: l.commonName,
          original_certificate_id: '', order_line_id: String(i + 1),
          addons: Array.from({ length: l.slots }, (_, k) => {
            const wild = isWildcard(l.sans[k] ?? '');
            const each = k < included ? 0 : wild ? price.extraWildcardDomain[cur] : price.extraDomain[cur];
            return {
              index_link: String(i + 1), type: wild ? 'wildcard_san' : 'san', product_id: l.product.faceIds.ssl247, product_type_id: l.product.validation,
              product_type_addon_id: addon?.type ?? 'san', product_addon_id: addon?.id ?? '', years: String(l.years), quantity: String(l.quantity), licenses: l.licenses,
              code: wild ? 'wildcard-san' : 'san', pre_discount_total: money(each * l.quantity), total: money(each * l.quantity), discount_amount: '0.00', discount: '0',
              discount_reason: '', free: each === 0 ? '1' : '0', label: `SAN ${k + 1}`, value: l.sans[k] ?? '', order_line_id: `${i + 1}.${k + 1}`,
            };
          }),
          nextstep: 2,
        };
      } catch (e) {
        if (!isDomainError(e) || !['request.invalid', 'ssl.product_not_found', 'ssl.too_many_domains'].includes(e.code)) throw e;
        valid = false;
        const v = isObject(raw) ? raw : {};
        return {
          type: 'certificate', product_id: '', product_type_id: '', contract_id: '', years: String(v.years ?? ''), quantity: String(v.quantity ?? ''), licenses: String(v.licenses ?? ''),
          code: String(v.product_code ?? ''), pre_discount_total: '0.00', total: '0.00', discount_amount: '0.00', discount: '0', discount_reason: '', free: '0',
          label: e.publicMessage, value: String(v.common_name ?? ''), original_certificate_id: '', order_line_id: String(i + 1), addons: [], nextstep: 1,
        };
      }
    });
    return { Valid: valid, OrderLines: lines };
  });

  // E26
  post(app, o, '/order/certificate/place-order', async ({ actor, body }) => {
    const lines = linesOf(body);
    const billing = await billingContact(s, actor.accountId, body);
    const ca = caOf(s);
    const placed = await runFlow(s, async (ctx) => {
      const out: Array<{ line: Line; order: SslOrder }> = [];
      for (const line of lines) {
        for (let q = 0; q < line.quantity; q++) {
          const order = await createOrder(ctx, {
            accountId: actor.accountId, ca, productCode: line.product.code, period: line.years, commonName: line.commonName || undefined,
            sans: line.product.kind === 'multi' ? line.sans : undefined, domainAmount: line.product.kind === 'multi' ? Math.max(1 + line.slots, line.product.includedDomains) : undefined,
            contacts: billing ? { billing } : undefined,
          });
          out.push({ line, order });
        }
      }
      return out;
    }, null);
    const ref = orderRefOf(placed[0].order);
    const total = placed.reduce((n, x) => n + x.order.chargedMinor, 0);
    return {
      order_ref: ref,
      Order: placed.map(({ line, order }) => ({ order_id: String(order.id), label: labelOf(line.product, line.years, order.commonName), total: amount(order.chargedMinor), Certificate: { id: String(order.id) } })),
      Invoice: { id: String(ref), total: amount(total), currency: placed[0].order.currency, invoice_ref: ref, vat: 0 },
    };
  });

  // E27
  post(app, o, '/order/certificate/complete', async ({ req, actor, body }) => {
    const id = text(body, 'certificate_id');
    const current = await orderOf(s, actor.accountId, id);
    const csr = text(body, 'csr', 20_000);
    if (!csr) throw invalid('csr', 'is required');
    const cn = await csrCommonName(s, csr, text(body, 'common_name') || undefined);
    // SAN slots by `Addon[].id`; an empty or unknown id takes the next free slot (inventory A13)
    const addons = addonsIn(body);
    const slots = [...current.sans];
    for (const a of addons) {
      const k = /^\d+$/.test(a.id) ? Number(a.id) - 1 : -1;
      if (k >= 0 && k < Math.max(current.domainAmount - 1, slots.length + 1)) slots[k] = a.value;
      else slots.push(a.value);
    }
    const sans = slots.filter(Boolean);
    const dcv = dcvOf(body, cn, addons);
    const plan = await contactPlan(s, actor.accountId, body);
    const ca = caOf(s);
    const order = await runFlow(s, async (ctx) => {
      const contacts = await applyContacts(ctx, actor.accountId, plan);
      return updateOrder(ctx, {
        accountId: actor.accountId, orderId: current.id, ca, startProvision: true,
        patch: { csr, sans: sans.length || current.sans.length ? sans : undefined, dcv: dcv.dcv, defaultMethod: dcv.defaultMethod, approverEmail: dcv.approverEmail, contacts },
      });
    }, null);
    const view = await runQuery(s, getOrder, { accountId: actor.accountId, orderId: order.id });
    return {
      order_ref: orderRefOf(order),
      Certificate: [{ id: String(order.id), status: statusOf(view, 'orders'), logs: [logRow(order, actor.accountId, actor.userId, clientIp(req), `Certificate details completed for ${order.commonName}; sent for validation`, o.clock.now())] }],
    };
  });

  // E28
  post(app, o, '/order/certificate/place-quick-order', async ({ actor, body }) => {
    const product = productOfCode(text(body, 'product_code') || undefined);
    const years = yearsOf(body, product);
    const csr = text(body, 'csr', 20_000);
    if (!csr) throw invalid('csr', 'is required');
    const cn = await csrCommonName(s, csr, text(body, 'common_name') || undefined);
    const addons = addonsIn(body);
    const dcv = dcvOf(body, cn, addons);
    const billing = await billingContact(s, actor.accountId, body);
    const plan = await contactPlan(s, actor.accountId, body);
    const ca = caOf(s);
    const order = await runFlow(s, async (ctx) => {
      const contacts = await applyContacts(ctx, actor.accountId, plan);
      if (billing) contacts.billing = billing;
      return createOrder(ctx, {
        accountId: actor.accountId, ca, productCode: product.code, period: years, csr, sans: addons.length ? addons.map((a) => a.value) : undefined,
        dcv: dcv.dcv, defaultMethod: dcv.defaultMethod, approverEmail: dcv.approverEmail, contacts, startProvision: true,
      });
    }, null);
    return { order_ref: orderRefOf(order), Certificate: [{ id: String(order.id) }] };
  });

  // E24: import a certificate issued elsewhere. The seed's body names the certificate but does not carry it; the PEM
  // comes in `certificate` (or `x509`, the name E37 shows it under), which this server requires: without it there is
  // nothing to read names and dates from. `internal_product` is an E41 id (or an SSL247 product code), the product
  // the certificate is recorded as; `external_product`, when sent, an E42 id; `validation_type` DV, OV or EV.
  // The contacts must be the account's contact profiles (default: the first flagged admin / tech).
  post(app, o, '/orders/certificates/import', async ({ actor, body }) => {
    const pem = text(body, 'certificate', 64_000) || text(body, 'x509', 64_000);
    if (!pem) throw invalid('certificate', 'is required: the PEM of the certificate to import (with its chain, optionally)');
    const internal = text(body, 'internal_product');
    if (!internal) throw invalid('internal_product', 'is required: an id from generic/get-internal-product-list');
    const productCode = internalProductCode(internal) ?? productOfCode(internal).code;
    const external = text(body, 'external_product') ?? '';
    if (external && !(external in EXTERNAL_PRODUCTS)) throw invalid('external_product', `${external} is not in generic/get-external-product-list`);
    const validation = (text(body, 'validation_type') ?? '').toUpperCase();
    if (validation && !['DV', 'OV', 'EV'].includes(validation)) throw invalid('validation_type', 'must be DV, OV or EV');
    const profiles = await allContacts(s, actor.accountId);
    const profile = (field: string, role: 'admin' | 'tech'): string | undefined => {
      const id = text(body, field);
      if (id) {
        if (!profiles.some((c) => String(c.id) === id)) throw new DomainError('contact.not_found', `Contact profile ${id} not found`, { field });
        return id;
      }
      return profiles.find((c) => c.roles[role])?.id.toString();
    };
    const contacts: ContactKeys = { admin: profile('admin_contact_id', 'admin'), technical: profile('tech_contact_id', 'tech') };
    const order = await runFlow(s, (ctx) => importCertificate(ctx, {
      accountId: actor.accountId, productCode, certificatePem: pem, commonName: text(body, 'common_name') || undefined, contacts, externalProduct: external, validation,
    }), null);
    const view = await runQuery(s, getOrder, { accountId: actor.accountId, orderId: order.id });
    const cert = order.certificate!;
    return [{
      Certificate: {
        id: String(order.id), common_name: order.commonName, status: statusOf(view, 'certificates'), serial_number: cert.serial,
        issuer: cert.issuerDn ?? '', subject: order.importInfo?.subjectDn ?? '', sans: order.sans.join(','),
        validation_type: validation, issuance: wireDate(cert.notBefore), expiry: wireDate(cert.notAfter),
      },
      CertificateAddon: {},
      Order: { id: String(order.id), order_ref: String(orderRefOf(order)), internal_product: internal, external_product: external, created: wireDate(order.orderedAt) },
    }];
  });

  // E21: the E21 status words (Deactivated = revoked); another word is not a route
  post(app, o, '/orders/certificates/:status', async ({ actor, params }) => {
    const want = ORDER_STATUSES.find((x) => x === params.status);
    if (!want) throw new DomainError('request.unknown_route', `No such operation: POST /api/v3/orders/certificates/${params.status}`);
    const byId = await contactsById(s, actor.accountId);
    return { Certificate: (await allOrders(s, actor.accountId)).filter((x) => statusOf(x, 'orders') === want).map((x) => certificateSummary(x, byId, false)) };
  });

  // E35
  post(app, o, '/orders', async ({ actor }) => {
    const byId = await contactsById(s, actor.accountId);
    return { Orders: { Certificate: (await allOrders(s, actor.accountId)).map((x) => certificateSummary(x, byId, true)) } };
  });

  // E37: "Id of the order OR the order ref" — both are the core order id here (ssl-mapping.ts)
  post(app, o, '/orders/:orderId', async ({ actor, params }) => {
    const order = await orderOf(s, actor.accountId, params.orderId);
    const m = await materialOf(order, caOf(s));
    return { Orders: [orderDetail(order, m)] };
  });
}
