// The ssl module (seed 003 §8, L5841-7167; inventory §2.6, §3.16-§3.17, §4.14, A-40, A-41, A-44): CSR decode and
// create, the product catalogue, certificates (list, getinfo and its downloads), create, renew, reissue, adding a SAN,
// and the domain control validation of a common name. A certificate is a core SSL order (certificateID = the order
// id); products are the core catalogue by their MrDomain `productID`. Errors: SSL faults 5000 (5001 for an unknown
// certificate or product), insufficient balance 1100, unknown contact 3001 (errors.ts).
//
// Choices where the seed is silent (also in docs/ssl-states.md for the status words):
//  - `tsCreate` is the issue date and `tsExpir` the end of the paid term (both "" before issuance, as the seed's
//    examples in `process`); `alternativeNames` lists every name of the certificate when it has more than the common
//    name, else [] (the examples: [] for a single name; CN + SANs otherwise);
//  - `numDomains` (getinfo) and `sanMaxDomains` are the domains paid for, on multi-domain certificates only;
//  - `validationMethod` / `alt_validation_N` take `dns` (default), `http`, `https`, an approver address from
//    getvalidationemails, or `mail` = admin@<domain> (A-40);
//  - `period` must be one of the product's periods; create/renew charge `create.create` / `renew.create` for
//    it plus `sanPrice` per name beyond `numDomains`;
//  - renew extends the same certificate (a reissue with the new CSR, status `renew`); the contacts and alternative
//    names of a renew request are not applied ("certificate data" stays as it is while renewing);
//  - contacts: adminContactID or inline adminContact*; tech defaults to admin; the organisation contact (required
//    for OV/EV) defaults to the admin contact for DV products, which the core also asks for;
//  - getinfo infoType=pfx is a PKCS#12 of the certificate, its chain and the private key stored with the order
//    (`keyData`), MAC'd with HMAC-SHA256 under `pfxpass` (default ""), key and certificates not encrypted (as
//    `openssl pkcs12 -export -keypbe NONE -certpbe NONE`); without a stored key there is nothing to package: 5000.
import { createHash, createHmac, createPrivateKey, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { ActionContext, ActionHandler } from './types.ts';
import { DONE } from './types.ts';
import type { Services, FlowContext } from '../../../core/runner.ts';
import { runFlow, runQuery } from '../../../core/runner.ts';
import { listApproverEmails } from '../../../core/ssl/flows/list-approver-emails.ts';
import { DomainError, isDomainError } from '../../../core/errors.ts';
import type { CertificateAuthority } from '../../../core/ssl/ca-port.ts';
import type { SslProduct } from '../../../core/ssl/catalogue.ts';
import { currencyOf, priceFor } from '../../../core/ssl/catalogue.ts';
import type { SslOrder } from '../../../core/ssl/model.ts';
import { approverEmailsFor, dcvChallenge, hostnamesOf, normalizeHostname, stripWildcard } from '../../../core/ssl/model.ts';
import type { OrderView } from '../../../core/ssl/flows/get-order.ts';
import { getOrder } from '../../../core/ssl/flows/get-order.ts';
import { searchOrders } from '../../../core/ssl/flows/search-orders.ts';
import { getProduct, listProducts } from '../../../core/ssl/flows/list-products.ts';
import { createOrder } from '../../../core/ssl/flows/create-order.ts';
import { renewOrder } from '../../../core/ssl/flows/renew-order.ts';
import { reissueOrder } from '../../../core/ssl/flows/reissue-order.ts';
import { addDomains } from '../../../core/ssl/flows/add-domains.ts';
import { updateOrder } from '../../../core/ssl/flows/update-order.ts';
import { changeApproverEmail } from '../../../core/ssl/flows/change-approver-email.ts';
import { resendApproverEmail } from '../../../core/ssl/flows/resend-approver-email.ts';
import type { ContactKeys, DcvChoice } from '../../../core/ssl/order-ops.ts';
import { decodeCsr } from '../../../core/ssl/order-ops.ts';
import { getAccount } from '../../../core/accounts/flows/get-account.ts';
import { getContact } from '../../../core/contacts/flows/get-contact.ts';
import { createContact } from '../../../core/contacts/flows/create-contact.ts';
import type { Params } from '../params.ts';
import { boolFilter, boolOf, invalidParam, missing, oneOf, opt, positiveInt, req } from '../params.ts';
import { phpFloat, type Wire } from '../wire.ts';
import { contactInputOf } from './contact.ts';

// ---- plumbing ----------------------------------------------------------------------------------------------------

function caOf(s: Services): CertificateAuthority {
  const ca = (s as Services & { ca?: CertificateAuthority }).ca;
  if (!ca) throw new DomainError('internal', undefined, { reason: 'no certificate authority is configured' });
  return ca;
}

/** `certificateID`: a positive integer; anything else cannot name a certificate (5001) */
function certificateId(p: Params): number {
  const v = req(p, 'certificateID');
  if (!/^\d{1,9}$/.test(v)) throw invalidParam('certificateID', 'must be an integer');
  return Number(v);
}

function productById(p: Params): SslProduct {
  const v = req(p, 'productID');
  if (!/^\d{1,9}$/.test(v)) throw invalidParam('productID', 'must be an integer');
  return getProduct('mrdomain', Number(v));
}

const productOfOrder = (o: Pick<SslOrder, 'productCode'>): SslProduct | undefined => listProducts().results.find((p) => p.code === o.productCode);

async function currency(s: Services, accountId: number): Promise<'EUR' | 'USD' | 'GBP'> {
  return currencyOf((await runQuery(s, getAccount, { accountId })).account.currency);
}

const day = (d: Date | null | undefined): string => (d ? d.toISOString().slice(0, 10) : '');

// ---- statuses and shapes -----------------------------------------------------------------------------------------

export const SSL_STATUSES = ['process', 'valid', 'expired', 'renew', 'reissue', 'cancel'] as const;

/** docs/ssl-states.md */
export function statusOf(o: Pick<SslOrder, 'state' | 'requestKind'>): (typeof SSL_STATUSES)[number] {
  switch (o.state) {
    case 'draft': return 'process';
    case 'requested': return o.requestKind === 'reissue' ? 'reissue' : o.requestKind === 'renew' ? 'renew' : 'process';
    case 'active': return 'valid';
    case 'expired': return 'expired';
    default: return 'cancel';
  }
}

/** the Certificate base fields (L6311-6320) */
function base(o: OrderView): Record<string, Wire> {
  const product = productOfOrder(o);
  const names = hostnamesOf(o);
  return {
    certificateID: o.id,
    commonName: o.commonName,
    status: statusOf(o),
    renewable: o.facts.renewable,
    productID: product?.faceIds.mrdomain ?? 0,
    tsCreate: day(o.issuedAt),
    tsExpir: o.activatedAt ? day(o.termEndsAt) : '',
    alternativeNames: names.length > 1 ? names : [],
  };
}

const isMulti = (o: OrderView) => productOfOrder(o)?.kind === 'multi';
const withSanMax = (o: OrderView, b: Record<string, Wire>) => (isMulti(o) ? { ...b, sanMaxDomains: o.domainAmount } : b);

/** SSLProduct (inventory §3.16) in the account's currency */
function productOut(p: SslProduct, cur: 'EUR' | 'USD' | 'GBP'): Record<string, Wire> {
  const out: Record<string, Wire> = {
    productID: p.faceIds.mrdomain,
    productName: p.name,
    brandName: p.brand,
    validationType: p.validation,
    isMultiDomain: p.kind === 'multi',
    isWildcard: p.kind === 'wildcard',
    isTrial: !!p.trialDays,
    numDomains: p.kind === 'multi' ? p.includedDomains : 1,
    keyLength: p.keyLength,
    encryption: p.encryption,
  };
  if (p.trialDays) {
    out.trialPeriod = `${p.trialDays} days`;
    return out;
  }
  const years = p.periods[0];
  out.create = { create: phpFloat((priceFor(p, years, 'create')?.price[cur] ?? 0) / 100), years };
  out.renew = { create: phpFloat((priceFor(p, years, 'renew')?.price[cur] ?? 0) / 100), years };
  if (p.kind === 'multi') {
    out.sanMaxDomains = p.maxDomains;
    out.sanPrice = phpFloat((priceFor(p, years)?.extraDomain[cur] ?? 0) / 100);
  }
  return out;
}

/** `validationData` (L6417-6430) */
function validationData(o: OrderView): Record<string, Wire> {
  const product = productOfOrder(o);
  const dcv: Record<string, Wire> = {};
  for (const d of o.dcv) {
    const ch = dcvChallenge(o.dcvSecret, d.hostname, d.method);
    const method = d.method === 'email' ? 'mail' : d.method;
    const checkvalue: Wire = d.method === 'email' ? d.approverEmail : d.method === 'dns' ? `${ch.dnsName} ${ch.dnsType} ${ch.dnsValue}` : { link: ch.fileUrl, file: ch.fileName, contents: ch.fileContents };
    dcv[d.hostname] = { validated: d.status === 'validated', domainName: d.hostname, method, checkvalue };
  }
  const pending = o.state === 'requested' && o.facts.pendingHostnames.length > 0;
  const org = !product || product.validation === 'dv' ? '' : o.state === 'active' || o.activatedAt ? 'validated' : 'pending';
  return {
    dcv,
    organizationValidationStatus: org,
    brandValidationStatus: '',
    message: o.state === 'active' ? 'The petition has been validated.' : pending ? 'The petition is pending validation.' : o.state === 'requested' ? 'The petition is pending the organization validation.' : `The certificate is ${statusOf(o)}.`,
    externalValidation: true,
  };
}

async function view(s: Services, accountId: number, orderId: number): Promise<OrderView> {
  return runQuery(s, getOrder, { accountId, orderId });
}

// ---- validation methods and names --------------------------------------------------------------------------------

/** `dns` | `http` | `https` | `mail` | an approver address → a core DCV choice for `hostname` */
function methodOf(value: string | undefined, hostname: string, name: string): DcvChoice {
  const v = (value ?? 'dns').trim();
  const m = v.toLowerCase();
  if (m === 'dns' || m === 'http' || m === 'https') return { hostname, method: m };
  if (m === 'mail') return { hostname, method: 'email', approverEmail: approverEmailsFor(hostname)[0] };
  if (v.includes('@')) return { hostname, method: 'email', approverEmail: m };
  throw invalidParam(name, 'must be dns, http, https, mail or an approver email address (ssl/getvalidationemails)');
}

/** `alt_name_N` / `alt_validation_N`, N = 1, 2, … while present */
function altNames(p: Params): Array<{ name: string; validation?: string; n: number }> {
  const out: Array<{ name: string; validation?: string; n: number }> = [];
  for (let n = 1; n <= 1000; n++) {
    const name = opt(p, `alt_name_${n}`);
    if (name === undefined) break;
    out.push({ name, validation: opt(p, `alt_validation_${n}`), n });
  }
  return out;
}

function dcvChoices(p: Params, commonName: string, alts: Array<{ name: string; validation?: string; n: number }>): DcvChoice[] {
  const choices = [methodOf(opt(p, 'validationMethod'), commonName, 'validationMethod')];
  for (const a of alts) {
    const h = normalizeHostname(a.name);
    if (!h) throw invalidParam(`alt_name_${a.n}`, 'is not a valid hostname');
    if (h !== commonName) choices.push(methodOf(a.validation, h, `alt_validation_${a.n}`));
  }
  return choices;
}

// ---- contacts ----------------------------------------------------------------------------------------------------

const CONTACT_FIELDS = ['Type', 'FirstName', 'LastName', 'OrgName', 'OrgType', 'IdentNumber', 'Email', 'Phone', 'Fax', 'Address', 'PostalCode', 'City', 'State', 'Country'];

type ContactPlan = { id: string } | { input: Params; prefix: string } | null;

function contactPlan(p: Params, prefix: 'admin' | 'tech' | 'org'): ContactPlan {
  const id = opt(p, `${prefix}ContactID`);
  if (id) return { id };
  if (!CONTACT_FIELDS.some((f) => opt(p, `${prefix}Contact${f}`) !== undefined)) return null;
  const input: Params = {};
  for (const f of CONTACT_FIELDS) if (p[`${prefix}Contact${f}`] !== undefined) input[f] = p[`${prefix}Contact${f}`];
  // the inline fields are checked now, so a fault names the parameter as the client sent it
  try {
    contactInputOf(input);
  } catch (e) {
    throw renamed(e, prefix);
  }
  return { input, prefix };
}

function renamed(e: unknown, prefix: string): unknown {
  if (!isDomainError(e) || typeof e.details.field !== 'string') return e;
  const field = `${prefix}Contact${e.details.field}`;
  const msg = e.publicMessage.replace(e.details.field, field);
  return new DomainError(e.code, msg, { ...e.details, field });
}

async function checkContact(s: Services, accountId: number, plan: ContactPlan): Promise<void> {
  if (plan && 'id' in plan) await runQuery(s, getContact, { accountId, key: plan.id });
}

async function applyContact(ctx: FlowContext, accountId: number, plan: ContactPlan): Promise<string | null> {
  if (!plan) return null;
  if ('id' in plan) return plan.id;
  return String((await createContact(ctx, { accountId, input: contactInputOf(plan.input) })).id);
}

// ---- actions -----------------------------------------------------------------------------------------------------

/** ssl/csrdecode (L5862-5911) */
export const sslCsrDecode: ActionHandler = async ({ params, services }) => {
  const csr = req(params, 'csrData');
  // a decoder decodes: a weak CSR (RSA < 2048, SHA-1) is shown as it is; ssl/create still refuses it (5000)
  const info = await decodeCsr(caOf(services), csr, { allowWeak: true });
  const subj = (info as { subject?: Record<string, string | undefined> }).subject ?? {};
  return {
    responseData: {
      // "CSR Data provided": echoed as sent
      csrData: params.csrData,
      commonName: info.commonName,
      organizationName: subj.organization ?? '',
      organizationalUnitName: subj.organizationalUnit ?? '',
      countryName: subj.country ?? '',
      stateOrProvinceName: subj.state ?? '',
      localityName: subj.locality ?? '',
      emailAddress: subj.email ?? '',
    },
  };
};

const CSR_FIELDS = ['commonName', 'organizationName', 'organizationalUnitName', 'countryName', 'stateOrProvinceName', 'localityName', 'emailAddress'] as const;

/** ssl/csrcreate (L5912-5968): a fresh RSA-2048 key and its CSR */
export const sslCsrCreate: ActionHandler = async ({ params, services }) => {
  const v = Object.fromEntries(CSR_FIELDS.map((f) => [f, req(params, f)])) as Record<(typeof CSR_FIELDS)[number], string>;
  const cn = normalizeHostname(v.commonName);
  if (!cn) throw invalidParam('commonName', 'must be a hostname');
  if (!/^[A-Za-z]{2}$/.test(v.countryName)) throw invalidParam('countryName', 'must be a 2-letter country code');
  const ca = caOf(services);
  if (typeof ca.createCsr !== 'function') throw new DomainError('request.not_implemented', 'CSR creation is not available on this instance');
  const r = await ca.createCsr({
    commonName: v.commonName,
    subject: { organization: v.organizationName, organizationalUnit: v.organizationalUnitName, country: v.countryName.toUpperCase(), state: v.stateOrProvinceName, locality: v.localityName, email: v.emailAddress },
    keyType: 'rsa2048',
  });
  return { responseData: { csrData: r.csrPem, csrKey: r.privateKeyPem, ...v, countryName: v.countryName.toUpperCase() } };
};

/** ssl/productlist (L5969-6110) */
export const sslProductList: ActionHandler = async ({ params, actor, services }) => {
  const pageLength = positiveInt(params, 'pageLength', 1000);
  const page = positiveInt(params, 'page', 1);
  const wildcard = boolFilter(params, 'wildcard');
  const multi = boolFilter(params, 'multidomain');
  const trial = boolFilter(params, 'trial');
  const validation = oneOf(params, 'validationType', ['dv', 'ov', 'ev'] as const, false);
  const cur = await currency(services, actor.accountId);
  const all = listProducts({ validation, trial }).results.filter((p) =>
    (wildcard === undefined || (p.kind === 'wildcard' || p.wildcardSans) === wildcard) && (multi === undefined || (p.kind === 'multi') === multi));
  const items = all.slice((page - 1) * pageLength, page * pageLength).map((p) => productOut(p, cur));
  return { responseData: { queryInfo: { page, pageLength, results: items.length, total: all.length }, products: items } };
};

/** ssl/productgetinfo (L6111-6185) */
export const sslProductGetInfo: ActionHandler = async ({ params, actor, services }) => ({ responseData: productOut(productById(params), await currency(services, actor.accountId)) });

/** ssl/list (L6186-6275) */
export const sslList: ActionHandler = async ({ params, actor, services }) => {
  const pageLength = positiveInt(params, 'pageLength', 1000);
  const page = positiveInt(params, 'page', 1);
  const productId = opt(params, 'productID');
  if (productId !== undefined && !/^\d+$/.test(productId)) throw invalidParam('productID', 'must be an integer');
  const status = oneOf(params, 'status', SSL_STATUSES, false);
  const renewable = boolFilter(params, 'renewable');
  const cn = opt(params, 'commonName')?.toLowerCase();
  const orders = (await runQuery(services, searchOrders, { accountId: actor.accountId, page: { limit: 1_000_000, offset: 0 } })).results.filter((o) => o.state !== 'draft');
  const hits = orders.filter((o) =>
    (productId === undefined || productOfOrder(o)?.faceIds.mrdomain === Number(productId)) && (status === undefined || statusOf(o) === status)
    && (renewable === undefined || o.facts.renewable === renewable) && (cn === undefined || o.commonName.includes(cn)));
  const items = hits.slice((page - 1) * pageLength, page * pageLength).map((o) => withSanMax(o, base(o)));
  return { responseData: { queryInfo: { page, pageLength, results: items.length, total: hits.length }, ssl: items } };
};

const INFO_TYPES = ['status', 'ssldata', 'validationStatus', 'pfx', 'der', 'p7b', 'zip', 'pem'] as const;

function derOf(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, ''), 'base64');
}
const fingerprint = (der: Buffer, alg: string) => createHash(alg).update(der).digest('hex').toUpperCase().match(/../g)!.join(':');
const blocks = (pem: string) => pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)?.map((b) => `${b}\n`) ?? [];

/** a ZIP archive of stored (uncompressed) files: local headers, central directory, end record (APPNOTE 6.3) */
export function zipOf(files: Array<{ name: string; data: Buffer }>): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const crc = crc32(f.data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6); local.writeUInt16LE(0, 8);
    local.writeUInt32LE(0, 10); local.writeUInt32LE(crc, 14); local.writeUInt32LE(f.data.length, 18); local.writeUInt32LE(f.data.length, 22);
    local.writeUInt16LE(name.length, 26); local.writeUInt16LE(0, 28);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0); dir.writeUInt16LE(20, 4); dir.writeUInt16LE(20, 6); dir.writeUInt16LE(0x0800, 8); dir.writeUInt16LE(0, 10);
    dir.writeUInt32LE(0, 12); dir.writeUInt32LE(crc, 16); dir.writeUInt32LE(f.data.length, 20); dir.writeUInt32LE(f.data.length, 24);
    dir.writeUInt16LE(name.length, 28); dir.writeUInt32LE(offset, 42);
    parts.push(local, name, f.data);
    central.push(dir, name);
    offset += 30 + name.length + f.data.length;
  }
  const size = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(files.length, 8); end.writeUInt16LE(files.length, 10); end.writeUInt32LE(size, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

// ---- PKCS#12 (RFC 7292) -------------------------------------------------------------------------------------------

const der = {
  tlv(tag: number, body: Buffer): Buffer {
    const n = body.length;
    const len = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : n < 0x10000 ? Buffer.from([0x82, n >> 8, n & 0xff]) : Buffer.from([0x83, n >> 16, (n >> 8) & 0xff, n & 0xff]);
    return Buffer.concat([Buffer.from([tag]), len, body]);
  },
  seq: (...items: Buffer[]) => der.tlv(0x30, Buffer.concat(items)),
  set: (...items: Buffer[]) => der.tlv(0x31, Buffer.concat(items)),
  octets: (b: Buffer) => der.tlv(0x04, b),
  explicit0: (b: Buffer) => der.tlv(0xa0, b),
  int(n: number): Buffer {
    const bytes: number[] = [];
    let v = n;
    do {
      bytes.unshift(v & 0xff);
      v = Math.floor(v / 256);
    } while (v > 0);
    if (bytes[0] & 0x80) bytes.unshift(0);
    return der.tlv(0x02, Buffer.from(bytes));
  },
  oid(dotted: string): Buffer {
    const [a, b, ...rest] = dotted.split('.').map(Number);
    const out = [40 * a + b];
    for (const n of rest) {
      const chunk = [n & 0x7f];
      for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
      out.push(...chunk);
    }
    return der.tlv(0x06, Buffer.from(out));
  },
  null: () => Buffer.from([0x05, 0x00]),
};

const OID = { data: '1.2.840.113549.1.7.1', keyBag: '1.2.840.113549.1.12.10.1.1', certBag: '1.2.840.113549.1.12.10.1.3', x509: '1.2.840.113549.1.9.22.1', localKeyId: '1.2.840.113549.1.9.21', sha256: '2.16.840.1.101.3.4.2.1' };

/** RFC 7292 B.2 key derivation with SHA-256 (u = 32, v = 64) */
function pkcs12Kdf(password: string, salt: Buffer, id: number, iterations: number, n: number): Buffer {
  const v = 64;
  const u = 32;
  const pass = password === '' ? Buffer.alloc(2) : Buffer.concat([Buffer.from(password, 'utf16le').swap16(), Buffer.alloc(2)]);
  const fill = (b: Buffer) => {
    const out = Buffer.alloc(v * Math.ceil(b.length / v));
    for (let i = 0; i < out.length; i++) out[i] = b[i % b.length];
    return out;
  };
  const I = Buffer.concat([fill(salt), fill(pass)]);
  const D = Buffer.alloc(v, id);
  const out: Buffer[] = [];
  for (let i = 0; i < Math.ceil(n / u); i++) {
    let A = createHash('sha256').update(Buffer.concat([D, I])).digest();
    for (let r = 1; r < iterations; r++) A = createHash('sha256').update(A).digest();
    out.push(A);
    const B = Buffer.concat([A, A]).subarray(0, v);
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = I[j + k] + B[k] + carry;
        I[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(out).subarray(0, n);
}

/** a PFX of the key (PKCS#8) and certificates (leaf first), integrity-protected by `password` */
export function pfxOf(keyPem: string, certPems: string[], password: string): Buffer {
  const keyId = createHash('sha1').update(derOf(certPems[0])).digest();
  const attrs = der.set(der.seq(der.oid(OID.localKeyId), der.set(der.octets(keyId))));
  const key = createPrivateKey(keyPem).export({ type: 'pkcs8', format: 'der' });
  const keyBag = der.seq(der.oid(OID.keyBag), der.explicit0(key), attrs);
  const certBags = certPems.map((c, i) => {
    const bag = der.seq(der.oid(OID.x509), der.explicit0(der.octets(derOf(c))));
    return i === 0 ? der.seq(der.oid(OID.certBag), der.explicit0(bag), attrs) : der.seq(der.oid(OID.certBag), der.explicit0(bag));
  });
  const data = (b: Buffer) => der.seq(der.oid(OID.data), der.explicit0(der.octets(b)));
  const authSafe = der.seq(data(der.seq(...certBags)), data(der.seq(keyBag)));
  const salt = randomBytes(16);
  const iterations = 2048;
  const mac = createHmac('sha256', pkcs12Kdf(password, salt, 3, iterations, 32)).update(authSafe).digest();
  const macData = der.seq(der.seq(der.seq(der.oid(OID.sha256), der.null()), der.octets(mac)), der.octets(salt), der.int(iterations));
  return der.seq(der.int(3), data(authSafe), macData);
}

async function pkcs7Pem(certs: string[]): Promise<string> {
  await import('reflect-metadata');
  const x509 = await import('@peculiar/x509');
  const der = Buffer.from(new x509.X509Certificates(certs.map((c) => new x509.X509Certificate(c))).export('raw'));
  return `-----BEGIN PKCS7-----\n${der.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END PKCS7-----\n`;
}

/** ssl/getinfo (L6276-6499) */
export const sslGetInfo: ActionHandler = async ({ params, actor, services }) => {
  const id = certificateId(params);
  const infoType = oneOf(params, 'infoType', INFO_TYPES, false) ?? 'status';
  const o = await view(services, actor.accountId, id);
  const b = base(o);
  if (isMulti(o)) b.numDomains = o.domainAmount;
  if (infoType === 'status') return { responseData: b };
  if (infoType === 'validationStatus') {
    if (o.state !== 'requested') throw new DomainError('ssl.invalid_state', `validationStatus is available while the certificate is process or reissue; it is ${statusOf(o)}`, { state: o.state });
    return { responseData: { ...b, validationData: validationData(o) } };
  }
  const cert = o.certificate;
  if (!cert || !['active', 'requested', 'expired'].includes(o.state)) {
    throw new DomainError('ssl.invalid_state', `Certificate ${o.id} is ${statusOf(o)}: no certificate has been issued`, { state: o.state });
  }
  const root = (() => {
    try {
      return caOf(services).rootPem?.() ?? '';
    } catch {
      return '';
    }
  })();
  const chain = blocks(cert.chainPem).filter((x) => x.replace(/\s+/g, '') !== root.replace(/\s+/g, ''));
  const certPem = cert.certPem.endsWith('\n') ? cert.certPem : `${cert.certPem}\n`;
  const files = { sslCert: certPem, sslKey: o.privateKey, sslCertChain: chain };
  if (infoType === 'ssldata') {
    const der = derOf(certPem);
    return { responseData: { ...b, ...files, fingerprint: { SHA1: fingerprint(der, 'sha1'), SHA256: fingerprint(der, 'sha256'), MD5: fingerprint(der, 'md5') } } };
  }
  let content: Record<string, Wire>;
  switch (infoType) {
    case 'der': content = { type: 'application/x-x509-ca-cert', name: 'certificate.der', base64encoded: true, data: derOf(certPem).toString('base64') }; break;
    case 'pem': content = { type: 'text/plain', name: 'certificate.pem', base64encoded: false, data: [certPem, ...chain].join('') }; break;
    case 'p7b': {
      let data = '';
      try {
        data = await pkcs7Pem([certPem, ...chain]);
      } catch {
        throw new DomainError('ssl.invalid_state', 'The certificate cannot be exported as PKCS#7', { state: o.state });
      }
      content = { type: 'text/plain', name: 'certificate.p7b', base64encoded: false, data };
      break;
    }
    case 'zip': {
      const zfiles = [{ name: 'certificate.crt', data: Buffer.from(certPem) }, { name: 'ca-bundle.crt', data: Buffer.from(chain.join('')) }];
      if (o.privateKey) zfiles.push({ name: 'certificate.key', data: Buffer.from(o.privateKey) });
      content = { type: 'application/zip', name: 'certificate.zip', base64encoded: true, data: zipOf(zfiles).toString('base64') };
      break;
    }
    default: {
      if (!o.privateKey) throw new DomainError('ssl.invalid_state', 'infoType pfx needs the private key, and none was stored with this certificate (keyData): download pem, der, p7b or zip', { state: o.state });
      let pfx: Buffer;
      try {
        pfx = pfxOf(o.privateKey, [certPem, ...chain], params.pfxpass ?? '');
      } catch {
        throw new DomainError('ssl.invalid_state', 'The private key stored with this certificate cannot be read', { state: o.state });
      }
      content = { type: 'application/x-pkcs12', name: 'certificate.pfx', base64encoded: true, data: pfx.toString('base64') };
    }
  }
  return { responseData: { ...b, ...files, content } };
};

/** ssl/create (L6500-6626): always sent to the CA (status process) */
export const sslCreate: ActionHandler = async ({ params, actor, services }) => {
  const product = productById(params);
  const csr = req(params, 'csrData');
  const periodText = opt(params, 'period');
  if (periodText !== undefined && !/^\d{1,2}$/.test(periodText)) throw invalidParam('period', 'must be a number of years');
  const period = periodText ? Number(periodText) : product.periods[0];
  if (!product.periods.includes(period)) throw new DomainError('ssl.invalid_state', `${product.name} is sold for ${product.periods.join(' or ')} year(s)`, { field: 'period' });
  const admin = contactPlan(params, 'admin');
  if (!admin) throw missing('adminContactID');
  const tech = contactPlan(params, 'tech');
  const org = contactPlan(params, 'org');
  if (!org && product.validation !== 'dv') throw missing('orgContactID');
  for (const c of [admin, tech, org]) await checkContact(services, actor.accountId, c);
  const info = await decodeCsr(caOf(services), csr);
  const cn = normalizeHostname(info.commonName) ?? info.commonName;
  const alts = altNames(params);
  if (alts.length && product.kind !== 'multi') throw invalidParam('alt_name_1', `${product.name} is not a multi-domain product`);
  const dcv = dcvChoices(params, cn, alts);
  const ca = caOf(services);
  const order = await runFlow(services, async (ctx) => {
    const a = await applyContact(ctx, actor.accountId, admin);
    const t = (await applyContact(ctx, actor.accountId, tech)) ?? a;
    const g = (await applyContact(ctx, actor.accountId, org)) ?? a;
    const contacts: ContactKeys = { admin: a, technical: t, organization: g };
    return createOrder(ctx, {
      accountId: actor.accountId, ca, productCode: product.code, period, csr, privateKey: opt(params, 'keyData') ? params.keyData : '',
      sans: alts.length ? alts.map((x) => x.name) : undefined, dcv, contacts, startProvision: true,
    });
  }, null);
  const v = await view(services, actor.accountId, order.id);
  return { responseData: { billing: { total: phpFloat(order.chargedMinor / 100), currency: order.currency }, ssl: base(v) } };
};

/** ssl/renew (L6627-6755): a new term on the same certificate, reissued with the new CSR (status renew) */
export const sslRenew: ActionHandler = async ({ params, actor, services }) => {
  const id = certificateId(params);
  const csr = req(params, 'csrData');
  const before = await view(services, actor.accountId, id);
  const product = productOfOrder(before);
  const periodText = opt(params, 'period');
  if (periodText !== undefined && !/^\d{1,2}$/.test(periodText)) throw invalidParam('period', 'must be a number of years');
  for (const prefix of ['admin', 'tech', 'org'] as const) await checkContact(services, actor.accountId, contactPlan(params, prefix));
  if (product && periodText && !product.periods.includes(Number(periodText))) throw new DomainError('ssl.invalid_state', `${product.name} is renewed for ${product.periods.join(' or ')} year(s)`, { field: 'period' });
  const order = await runFlow(services, renewOrder, { accountId: actor.accountId, orderId: id, ca: caOf(services), period: periodText ? Number(periodText) : undefined, mode: 'extend', csr });
  const v = await view(services, actor.accountId, order.id);
  return { responseData: { billing: { total: phpFloat((order.chargedMinor - before.chargedMinor) / 100), currency: order.currency }, ssl: withSanMax(v, base(v)) } };
};

/** ssl/reissue (L6756-6834) */
export const sslReissue: ActionHandler = async ({ params, actor, services }) => {
  const id = certificateId(params);
  const csr = req(params, 'csrData');
  const before = await view(services, actor.accountId, id);
  const info = await decodeCsr(caOf(services), csr);
  const cn = normalizeHostname(info.commonName) ?? info.commonName;
  const alts = altNames(params);
  if (alts.length && !isMulti(before)) throw invalidParam('alt_name_1', 'the certificate is not multi-domain');
  const order = await runFlow(services, reissueOrder, {
    accountId: actor.accountId, orderId: id, ca: caOf(services), csr, privateKey: opt(params, 'keyData') ? params.keyData : undefined,
    sans: alts.length ? alts.map((x) => x.name) : undefined, dcv: dcvChoices(params, cn, alts),
  });
  const v = await view(services, actor.accountId, order.id);
  return { responseData: withSanMax(v, base(v)), messages: DONE };
};

/** ssl/multidomainaddsan (L6835-6917): buys one more name; an issued certificate is reissued with it */
export const sslMultiDomainAddSan: ActionHandler = async ({ params, actor, services }) => {
  const id = certificateId(params);
  const san = req(params, 'extraSAN');
  const before = await view(services, actor.accountId, id);
  if (!isMulti(before)) throw new DomainError('ssl.invalid_state', 'The certificate is not multi-domain', { state: before.state });
  const host = normalizeHostname(san);
  if (!host) throw invalidParam('extraSAN', 'must be a hostname');
  // the new name validates by dns (the seed's default); the others keep their method and, once validated, stay so
  const order = await runFlow(services, addDomains, { accountId: actor.accountId, orderId: id, ca: caOf(services), names: [host], dcv: [{ hostname: host, method: 'dns' }] });
  const v = await view(services, actor.accountId, order.id);
  return { responseData: { billing: { total: phpFloat((order.chargedMinor - before.chargedMinor) / 100), currency: order.currency }, ssl: withSanMax(v, base(v)) } };
};

/** ssl/getvalidationemails (L6918-6989) */
export const sslGetValidationEmails: ActionHandler = async ({ params, services }) => {
  const cn = req(params, 'commonName');
  const host = normalizeHostname(cn);
  if (!host) throw invalidParam('commonName', 'must be a hostname');
  const alternative = boolOf(params, 'includeAlternativeMethods') ?? true;
  const emails = await runQuery(services, listApproverEmails, { hostname: host });
  return { responseData: { commonName: stripWildcard(host), valMethods: alternative ? ['dns', 'http', 'https', ...emails] : emails } };
};

function commonNameOf(o: OrderView, p: Params): string {
  const cn = req(p, 'commonName');
  const host = normalizeHostname(cn);
  if (!host || !o.dcv.some((d) => d.hostname === host)) throw new DomainError('ssl.invalid_state', `${cn} is not a name of certificate ${o.id}`, { field: 'commonName', state: o.state });
  return host;
}

/** ssl/changevalidationmethod (L6990-7067): certificate in process or reissue */
export const sslChangeValidationMethod: ActionHandler = async ({ params, actor, services }) => {
  const id = certificateId(params);
  const o = await view(services, actor.accountId, id);
  const host = commonNameOf(o, params);
  const choice = methodOf(req(params, 'validationMethod'), host, 'validationMethod');
  if (o.state !== 'requested') throw new DomainError('ssl.invalid_state', `The validation method can change while the certificate is process or reissue; it is ${statusOf(o)}`, { state: o.state });
  if (choice.method === 'email') await runFlow(services, changeApproverEmail, { accountId: actor.accountId, orderId: id, approverEmail: choice.approverEmail!, hostname: host });
  else await runFlow(services, updateOrder, { accountId: actor.accountId, orderId: id, ca: caOf(services), patch: { dcv: [choice] } });
  const v = await view(services, actor.accountId, id);
  return { responseData: { ...base(v), validationData: validationData(v) }, messages: DONE };
};

/** ssl/resendvalidationmail (L7068-7140) */
export const sslResendValidationMail: ActionHandler = async ({ params, actor, services }: ActionContext) => {
  const id = certificateId(params);
  const o = await view(services, actor.accountId, id);
  const host = commonNameOf(o, params);
  await runFlow(services, resendApproverEmail, { accountId: actor.accountId, orderId: id, hostname: host });
  const v = await view(services, actor.accountId, id);
  return { responseData: { ...base(v), validationData: validationData(v) }, messages: DONE };
};

export const SSL_ACTIONS: Readonly<Record<string, ActionHandler>> = {
  'ssl/csrdecode': sslCsrDecode,
  'ssl/csrcreate': sslCsrCreate,
  'ssl/productlist': sslProductList,
  'ssl/productgetinfo': sslProductGetInfo,
  'ssl/list': sslList,
  'ssl/getinfo': sslGetInfo,
  'ssl/create': sslCreate,
  'ssl/renew': sslRenew,
  'ssl/reissue': sslReissue,
  'ssl/multidomainaddsan': sslMultiDomainAddSan,
  'ssl/getvalidationemails': sslGetValidationEmails,
  'ssl/changevalidationmethod': sslChangeValidationMethod,
  'ssl/resendvalidationmail': sslResendValidationMail,
};
