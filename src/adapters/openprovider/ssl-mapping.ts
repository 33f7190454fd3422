// Openprovider SSL shapes ↔ the core SSL catalogue and orders (seed 000:1574-2796, 000:9901-11156, seed 002; Swagger
// `productSslProduct`, `orderSslOrder`, `csr*`; inventory §3.9, §3.10, §4.5). Vendor words stop here:
//  - statuses per docs/ssl-states.md: draft PAI, requested REQ, active ACT, rejected REJ, cancelled/revoked FAI, expired EXP;
//  - `category` in the seed's long form (inventory E13): multi_domain / wildcard / <level>_validation, with the level
//    in `sub_category` for multi-domain and wildcard products (as the seed's product 33 shows);
//  - prices in major units, `product` in USD (the seed's `warranty.product`), `reseller` in the account's currency;
//  - dates `YYYY-MM-DD HH:MM:SS`, "" when not set.
// Choices where the documents are silent:
//  - `expiration_date` is the expiry of the certificate served now (the order's term end before issuance);
//    `order_ends_at` the end of the paid term; `reissue_at` when the served certificate ends before the term (the
//    CA/B Forum validity cap), "" otherwise. Renewal (25001 when too early) counts from `order_ends_at`.
//  - `host_names` lists the SANs besides the common name (the seed's sample: CN ssl-123-domain.com,
//    host_names ["www.ssl-123-domain.com"]).
//  - `additional_data` has one item per hostname with the DNS record / file the CA checks (docs/ssl-states.md).
//  - `vendor_order_id` is the order id, `vendor_reference_id` the certificate serial (hex) once issued;
//    `sslinhva_order_id` a UUID-shaped string derived from the order id.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { Services } from '../../core/runner.ts';
import { DomainError, invalid } from '../../core/errors.ts';
import type { SslProduct } from '../../core/ssl/catalogue.ts';
import { productByCode } from '../../core/ssl/catalogue.ts';
import type { OrderView } from '../../core/ssl/flows/get-order.ts';
import type { SslState } from '../../core/ssl/model.ts';
import { dcvChallenge, isImported } from '../../core/ssl/model.ts';
import type { CertificateAuthority, DecodedCsr } from '../../core/ssl/ca-port.ts';
import type { FastifyRequest } from 'fastify';
import { RawBody, S, opDateTime, queryOf, type JsonSchema, type Query } from './wire.ts';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

// ------------------------------------------------------------------------------------------------- the CA port

/** the CA the app wires into `services.ca`, or 501 (code 104) when there is none */
export function caOf(services: Services): CertificateAuthority {
  if (!services.ca) throw new DomainError('request.not_implemented', 'No certificate authority is configured on this instance');
  return services.ca;
}

/**
 * The query of a list route, with the parameters of a JSON body merged in: the seed's own products example sends
 * `limit`, `offset`, `with_price`… as a JSON body on GET (000:1599-1609, inventory A11). Fastify leaves GET bodies
 * unread, so the text is read here (at most 64 KiB). The query string wins; a body that is not a JSON object is
 * ignored, as on any route that takes no body.
 */
export async function queryWithBody(req: FastifyRequest): Promise<Query> {
  const q: Query = { ...queryOf(req) };
  let text = req.body instanceof RawBody ? req.body.text : '';
  if (!text && req.body === undefined && Number(req.headers['content-length'] ?? 0) > 0 && Number(req.headers['content-length']) <= 65_536 && req.raw.readable) {
    const chunks: Buffer[] = [];
    for await (const c of req.raw) chunks.push(c as Buffer);
    text = Buffer.concat(chunks).toString('utf8');
    if (text.trim()) req.journalBody = text;
  }
  if (!text.trim()) return q;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return q;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return q;
  for (const [k, v] of Object.entries(parsed)) {
    if (q[k] !== undefined) continue;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') q[k] = String(v);
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) q[k] = v as string[];
  }
  return q;
}

// ------------------------------------------------------------------------------------------------- statuses

export const STATUS_OF: Record<SslState, string> = {
  draft: 'PAI', requested: 'REQ', active: 'ACT', rejected: 'REJ', cancelled: 'FAI', revoked: 'FAI', expired: 'EXP',
};

/** a `status` filter value (any case) → core states; unknown → 101 */
export function statesOf(values: string[]): SslState[] {
  const out: SslState[] = [];
  for (const v of values) {
    const want = v.trim().toUpperCase();
    const hits = (Object.keys(STATUS_OF) as SslState[]).filter((s) => STATUS_OF[s] === want);
    if (!hits.length) throw invalid('status', `unknown status ${v} (ACT, PAI, REQ, REJ, FAI, EXP)`);
    out.push(...hits);
  }
  return out;
}

// ------------------------------------------------------------------------------------------------- products

const LEVEL: Record<SslProduct['validation'], string> = { dv: 'domain', ov: 'organization', ev: 'extended' };

export function categoryOf(p: SslProduct): { category: string; sub_category: string } {
  const level = `${LEVEL[p.validation]}_validation`;
  if (p.kind === 'multi') return { category: 'multi_domain', sub_category: level };
  if (p.kind === 'wildcard') return { category: 'wildcard', sub_category: level };
  return { category: level, sub_category: '' };
}

const major = (minor: number) => Math.round(minor) / 100;
/** the seed prints `product` in USD and `reseller` in the reseller's currency */
function priceGroup(set: Record<string, number>, currency: string) {
  const cur = currency === 'USD' || currency === 'GBP' ? currency : 'EUR';
  return { product: { currency: 'USD', price: major(set.USD) }, reseller: { currency: cur, price: major(set[cur]) } };
}

export interface ProductOptions {
  currency: string;
  withPrice: boolean;
  withSupportedSoftware: boolean;
  withDescription: boolean;
}

/** `productSslProduct` with every documented field; prices / software / description only when asked (000:1589) */
export function productOut(p: SslProduct, o: ProductOptions) {
  const prices = o.withPrice
    ? p.prices.map((x) => ({
      extra_domain_price: priceGroup(x.extraDomain, o.currency),
      extra_wildcard_domain_price: priceGroup(x.extraWildcardDomain, o.currency),
      period: x.period,
      price: priceGroup(x.price, o.currency),
    }))
    : [];
  return {
    brand_name: p.brand,
    bypass_san: false,
    ...categoryOf(p),
    delivery_time: p.deliveryTime,
    description: o.withDescription ? p.description : '',
    encryption: `40/${p.encryption} bits`,
    free_refund_period: `${p.freeRefundDays}d`,
    free_reissue_period: p.reissues < 0 ? 'lifetime' : String(p.reissues),
    id: p.faceIds.openprovider,
    included_domains_count: p.includedDomains,
    is_extended_validation_supported: p.validation === 'ev',
    is_idn_supported: p.isIdnSupported,
    is_mobile_supported: true,
    is_sgc_supported: false,
    is_wildcard_multidomain_supported: p.kind === 'multi' && p.wildcardSans,
    is_wildcard_supported: p.kind === 'wildcard' || p.wildcardSans,
    // one price level: the reseller's own (tiers are not modelled)
    level_prices: o.withPrice ? [{ level: 1, name: 'default', prices }] : [],
    max_domains: p.maxDomains,
    max_period: Math.max(...p.periods),
    name: p.name,
    number_of_domains: Math.max(1, p.includedDomains),
    order_module: ['Comodo', 'Sectigo'].includes(p.brand) ? 'comodo' : p.brand.toLowerCase(),
    prices,
    root: 'Chained root',
    supported_software: o.withSupportedSoftware ? [{ id: 'linux', title: 'Linux' }, { id: 'windows', title: 'Windows' }] : [],
    validation_method: LEVEL[p.validation],
    warranty: priceGroup(p.warranty, o.currency),
  };
}

// ------------------------------------------------------------------------------------------------- orders

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

function selfSigned(pem: string): boolean {
  try {
    const c = new x509.X509Certificate(pem);
    return c.subject === c.issuer;
  } catch {
    return false;
  }
}

/** intermediate and root out of the CA's chain; the root from the CA when the chain does not carry it */
export function chainParts(chainPem: string, rootPem: string): { intermediate: string; root: string } {
  const blocks = chainPem.match(PEM_BLOCK) ?? [];
  const root = blocks.find(selfSigned);
  const inter = blocks.filter((b) => b !== root);
  return { intermediate: inter.length ? `${inter.join('\n')}\n` : '', root: root ? `${root}\n` : rootPem };
}

function uuidOf(id: number): string {
  const h = id.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${h}`;
}

function validationStatuses(o: OrderView) {
  const op = o.requestKind === 'new' ? 'request' : o.requestKind;
  switch (o.state) {
    case 'draft': return { ca_operation: '', ca_order_status: '', ca_status: '', status: 'open' };
    case 'requested': return { ca_operation: op, ca_order_status: 'in_progress', ca_status: 'requested', status: 'open' };
    case 'active': return { ca_operation: op, ca_order_status: 'completed', ca_status: 'issued', status: 'closed' };
    default: return { ca_operation: op, ca_order_status: 'completed', ca_status: o.state, status: 'closed' };
  }
}

/** `orderSslOrder` with every documented field; `handles` maps core contact ids to handles */
export function orderOut(o: OrderView, handles: Map<number, string>, rootPem: string) {
  const product = productByCode(o.productCode);
  const h = (id: number | null) => (id === null ? '' : (handles.get(id) ?? ''));
  // an imported certificate (docs/ssl-states.md) has the chain it came with; our CA's root is not its root
  const chain = o.certificate ? chainParts(o.certificate.chainPem, isImported(o) ? '' : rootPem) : { intermediate: '', root: '' };
  const approver = o.approverEmail || o.dcv.find((d) => d.method === 'email')?.approverEmail || '';
  return {
    active_date: opDateTime(o.activatedAt),
    additional_data: o.dcv.map((d) => {
      const ch = dcvChallenge(o.dcvSecret, d.hostname, d.method);
      return {
        dns_record: ch.dnsName, dns_value: ch.dnsValue, domain: d.hostname, file_contents: ch.fileContents,
        file_location: ch.fileUrl, file_name: ch.fileName, md5: ch.md5, sha1: ch.sha1, sha256: ch.sha256, url: ch.fileUrl,
      };
    }),
    administrative_handle: h(o.contacts.admin),
    autorenew: o.autorenew ? 'on' : 'off',
    billing_handle: h(o.contacts.billing),
    brand_name: product?.brand ?? '',
    certificate: o.certificate?.certPem ?? '',
    common_name: o.commonName,
    csr: o.csr,
    domain_validation_methods: o.dcv.map((d) => ({ host_name: d.hostname, method: d.method })),
    domain_validation_statuses: validationStatuses(o),
    email_approver: approver,
    email_reissue: o.reissueCount > 0 ? approver : '',
    expiration_date: opDateTime(o.certificate?.notAfter ?? o.termEndsAt),
    features: '',
    host_names: o.sans,
    id: o.id,
    intermediate_certificate: chain.intermediate,
    options: { features: '' },
    order_date: opDateTime(o.orderedAt),
    order_ends_at: opDateTime(o.termEndsAt),
    organization_handle: h(o.contacts.organization),
    period: o.period,
    product_id: product?.faceIds.openprovider ?? 0,
    product_name: product?.name ?? o.productCode,
    reissue_at: opDateTime(o.facts.reissueAt),
    root_certificate: chain.root,
    software: o.software,
    sslinhva_order_id: uuidOf(o.id),
    status: STATUS_OF[o.state],
    technical_handle: h(o.contacts.technical),
    validation_method: product ? LEVEL[product.validation] : 'domain',
    vendor_order_id: String(o.id),
    vendor_reference_id: o.certificate?.serial ?? '',
  };
}

// ------------------------------------------------------------------------------------------------- wire schemas

const DCV_METHOD = S.obj({ host_name: S.str, method: S.str }, ['host_name', 'method']);
const INT_OR_STRING: JsonSchema = { anyOf: [{ type: 'integer' }, { type: 'string', pattern: '^\\s*\\d+\\s*$' }] };
/** the seed's string booleans (`"on"`/`"off"`) and real booleans */
const AUTORENEW: JsonSchema = { enum: ['on', 'off', 'On', 'Off', 'ON', 'OFF', true, false, 'true', 'false', '1', '0', 1, 0] };

export const ORDER_FIELDS = {
  approver_email: S.str,
  autorenew: AUTORENEW,
  csr: S.str,
  domain_validation_methods: S.arr(DCV_METHOD),
  enable_dns_automation: S.bool,
  host_names: { anyOf: [S.strings, S.str] } as JsonSchema,
  organization_handle: S.str,
  signature_hash_algorithm: S.str,
  software_id: S.str,
  start_provision: S.bool,
  technical_handle: S.str,
};

export const CREATE_ORDER = S.obj({ ...ORDER_FIELDS, domain_amount: INT_OR_STRING, period: INT_OR_STRING, product_id: INT_OR_STRING, wildcard_domain_amount: INT_OR_STRING }, ['product_id', 'period', 'csr', 'organization_handle']);
export const UPDATE_ORDER = S.obj({ ...ORDER_FIELDS, id: INT_OR_STRING });
/** `object_id` is the reference's spelling of `id` (inventory D6) */
export const REISSUE_ORDER = S.obj({
  approver_email: S.str, csr: S.str, domain_validation_methods: S.arr(DCV_METHOD), enable_dns_automation: S.bool, host_names: { anyOf: [S.strings, S.str] } as JsonSchema,
  id: INT_OR_STRING, object_id: INT_OR_STRING, organization_handle: S.str, signature_hash_algorithm: S.str, software_id: S.str,
}, ['csr']);
export const RENEW_ORDER = S.obj({ enable_dns_automation: S.bool, id: INT_OR_STRING });
export const ID_ONLY = S.obj({ id: INT_OR_STRING });
export const APPROVER_EMAIL = S.obj({ approver_email: S.str, id: INT_OR_STRING }, ['approver_email']);

export interface WireDcv { host_name: string; method: string }
export interface WireOrder {
  approver_email?: string;
  autorenew?: string | boolean | number;
  csr?: string;
  domain_amount?: number | string;
  domain_validation_methods?: WireDcv[];
  enable_dns_automation?: unknown;
  host_names?: string[] | string;
  id?: number | string;
  object_id?: number | string;
  organization_handle?: string;
  period?: number | string;
  product_id?: number | string;
  signature_hash_algorithm?: string;
  software_id?: string;
  start_provision?: unknown;
  technical_handle?: string;
  wildcard_domain_amount?: number | string;
}

export const num = (v: number | string | undefined): number | undefined => (v === undefined ? undefined : Number(String(v).trim()));

export function autorenewIn(v: WireOrder['autorenew']): boolean | undefined {
  if (v === undefined) return undefined;
  return v === true || v === 1 || ['on', 'true', '1'].includes(String(v).toLowerCase());
}

/** `host_names` as an array or one string (inventory D10-style leniency), empty entries dropped */
export function hostNamesIn(v: WireOrder['host_names']): string[] | undefined {
  if (v === undefined) return undefined;
  return (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean);
}

export function softwareIn(v: string | undefined): 'linux' | 'windows' | undefined {
  if (v === undefined || v === '') return undefined;
  const s = v.trim().toLowerCase();
  if (s !== 'linux' && s !== 'windows') throw invalid('software_id', 'must be linux or windows');
  return s;
}

/** sha2 (default) or sha1 "(deprecated)": CAs no longer sign SHA-1 certificates, so sha1 is refused */
export function hashIn(v: string | undefined): string | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const s = v.trim().toLowerCase();
  if (s === 'sha2' || s === 'sha256') return 'sha2';
  if (s === 'sha1') throw invalid('signature_hash_algorithm', 'sha1 is deprecated and no longer issued; use sha2');
  throw invalid('signature_hash_algorithm', 'must be sha2');
}

export function dcvIn(v: WireDcv[] | undefined) {
  return v?.map((d) => ({ hostname: d.host_name, method: d.method }));
}

/** a body `id` must agree with the path when it is given and not 0 (inventory B7) */
export function checkBodyId(b: { id?: number | string; object_id?: number | string }, pathId: number): void {
  for (const key of ['id', 'object_id'] as const) {
    const n = num(b[key]);
    if (n !== undefined && n !== 0 && n !== pathId) throw invalid(key, 'does not match the order id in the path');
  }
}

// ------------------------------------------------------------------------------------------------- CSRs

/**
 * What `POST /ssl/csr/decode` shows of a CSR the CA port decoded (leniently: malformed → ssl.csr_invalid, but a weak
 * key or SHA-1 is shown as it is, `public_key.bits` 1024, `signature_hash_algorithm` sha1). The public key PEM is
 * read here; `signature_hash_algorithm` in the request's words (sha1 / sha2).
 */
export function csrDetails(pem: string, d: DecodedCsr) {
  let key = '';
  try {
    key = new x509.Pkcs10CertificateRequest(pem.trim()).publicKey.toString('pem');
  } catch (e) {
    throw new DomainError('ssl.csr_invalid', 'The CSR cannot be decoded', { field: 'csr' }, { cause: e });
  }
  const names = [d.commonName, ...d.sans].filter(Boolean).map((x) => x.toLowerCase());
  return {
    domain_names_count: new Set(names).size,
    public_key: { bits: d.keySize, key },
    signature_hash_algorithm: /sha-?1(?!\d)/i.test(d.signatureAlgorithm) ? 'sha1' : 'sha2',
    subject: {
      common_name: d.subject.commonName ?? d.commonName, country: d.subject.country ?? '', email: d.subject.email ?? '', locality: d.subject.locality ?? '',
      organization: d.subject.organization ?? '', state: d.subject.state ?? '', unit: d.subject.organizationalUnit ?? '',
    },
    subject_alternative_name: d.sans,
  };
}

export const CREATE_CSR = S.obj({
  bits: { anyOf: [{ enum: [2048, 4096] }, { enum: ['2048', '4096'] }] },
  common_name: S.str, country: { type: 'string', pattern: '^[A-Za-z]{2}$' }, email: S.str, locality: S.str, organization: S.str, state: S.str, unit: S.str,
  // the reference prints `with_organizationalUnit` for `unit` (inventory D5)
  with_organizationalUnit: S.str,
  subject_alternative_name: { anyOf: [S.strings, S.str] } as JsonSchema,
  signature_hash_algorithm: S.str, with_config: S.bool,
}, ['bits', 'common_name', 'country', 'email']);

export interface WireCsrRequest {
  bits: number | string;
  common_name: string;
  country: string;
  email: string;
  locality?: string;
  organization?: string;
  state?: string;
  unit?: string;
  with_organizationalUnit?: string;
  subject_alternative_name?: string[] | string;
  signature_hash_algorithm?: string;
  with_config?: unknown;
}

const esc = (s: string) => s.replace(/[\\/"]/g, (c) => `\\${c}`);

/** the openssl command (and config) that would make the same key and CSR, as Openprovider returns them */
export function csrCommand(r: WireCsrRequest, subject: Array<[string, string]>, sans: string[], withConfig: boolean) {
  const base = r.common_name.replace(/^\*\./, 'star.').replace(/[^A-Za-z0-9.-]/g, '_');
  const keyPath = `${base}.key`;
  const configPath = withConfig ? `${base}.cnf` : '';
  const subj = subject.map(([k, v]) => `/${k}=${esc(v)}`).join('');
  const config = withConfig
    ? ['[req]', 'prompt = no', 'distinguished_name = dn', 'req_extensions = ext', '', '[dn]', ...subject.map(([k, v]) => `${k} = ${v}`), '', '[ext]',
      ...(sans.length ? [`subjectAltName = ${sans.map((s) => `DNS:${s}`).join(', ')}`] : []), ''].join('\n')
    : '';
  const command = withConfig
    ? `openssl req -new -newkey rsa:${r.bits} -nodes -sha256 -keyout ${keyPath} -out ${base}.csr -config ${configPath}`
    : `openssl req -new -newkey rsa:${r.bits} -nodes -sha256 -keyout ${keyPath} -out ${base}.csr -subj "${subj}"${sans.length ? ` -addext "subjectAltName = ${sans.map((s) => `DNS:${s}`).join(', ')}"` : ''}`;
  return { command, config, config_path: configPath, key_path: keyPath };
}
