// Certificates (E11-E23): lists, approver emails, common name and SAN checks, the full view, downloads, health check,
// renew, reissue, cancel, revoke. A certificate is a core SSL order (ssl-mapping.ts says how each field maps).
// E24 `orders/certificates/import` is in orders.ts (an order of origin `imported`, status External).
import type { FastifyInstance } from 'fastify';
import type { FaceOptions } from '../../shared/http.ts';
import type { Services } from '../../../core/runner.ts';
import { runFlow, runQuery } from '../../../core/runner.ts';
import { listApproverEmails } from '../../../core/ssl/flows/list-approver-emails.ts';
import { DomainError, invalid, isDomainError } from '../../../core/errors.ts';
import type { Contact } from '../../../core/contacts/model.ts';
import { searchContacts } from '../../../core/contacts/flows/search-contacts.ts';
import type { OrderView } from '../../../core/ssl/flows/get-order.ts';
import { getOrder } from '../../../core/ssl/flows/get-order.ts';
import { searchOrders } from '../../../core/ssl/flows/search-orders.ts';
import { renewOrder } from '../../../core/ssl/flows/renew-order.ts';
import { reissueOrder } from '../../../core/ssl/flows/reissue-order.ts';
import { cancelOrder } from '../../../core/ssl/flows/cancel-order.ts';
import { revokeOrder } from '../../../core/ssl/flows/revoke-order.ts';
import { checkHostnames, isWildcard, normalizeHostname, stripWildcard } from '../../../core/ssl/model.ts';
import { idParam, post } from '../route.ts';
import { text, wireDate } from '../wire.ts';
import type { ContactsById } from '../ssl-mapping.ts';
import { CERT_STATUSES, addonsOf, caOf, certificateFull, materialOf, productOfCode, statusObj, statusOf } from '../ssl-mapping.ts';

const noCertificate = (id: string | undefined) => () => new DomainError('ssl.order_not_found', `Certificate ${id ?? ''} not found`);
const unknownRoute = (path: string) => new DomainError('request.unknown_route', `No such operation: POST /api/v3${path}`);

/** every order of the account as it is now, oldest first */
export async function allOrders(s: Services, accountId: number): Promise<OrderView[]> {
  return (await runQuery(s, searchOrders, { accountId, page: { limit: 1_000_000, offset: 0 } })).results;
}

/** the account's contacts (deleted ones too: an order may still name them), by id */
export async function contactsById(s: Services, accountId: number): Promise<ContactsById> {
  const r = await runQuery(s, searchContacts, { accountId, filter: { includeDeleted: true }, page: { limit: 1_000_000, offset: 0 } });
  return new Map(r.results.map((c: Contact) => [c.id, c]));
}

export async function orderOf(s: Services, accountId: number, id: string | undefined): Promise<OrderView> {
  return runQuery(s, getOrder, { accountId, orderId: idParam(id, noCertificate(id)) });
}

/** a hostname from a path segment (`%2A.example.com` arrives decoded as `*.example.com`) */
function hostParam(v: string | undefined, field: string): string {
  const h = normalizeHostname(v ?? '');
  if (!h) throw invalid(field, `"${v ?? ''}" is not a valid hostname`);
  return h;
}

const DOWNLOAD_TYPES = ['x509', 'pkcs7', 'intermediate', 'root', 'bundle'] as const;
type DownloadType = (typeof DOWNLOAD_TYPES)[number];

export function certificateRoutes(app: FastifyInstance, o: FaceOptions): void {
  const s = o.services;
  const list = (orders: OrderView[]) => orders.map((x) => ({ id: String(x.id), common_name: x.commonName, status: statusOf(x, 'certificates') }));

  // E11
  post(app, o, '/certificates', async ({ actor }) => list(await allOrders(s, actor.accountId)));

  // E12: the status word of the E11 items; another word is not a route (inventory §1.8)
  post(app, o, '/certificates/:status', async ({ actor, params }) => {
    const want = CERT_STATUSES.find((x) => x === params.status);
    if (!want) throw unknownRoute(`/certificates/${params.status}`);
    return list((await allOrders(s, actor.accountId)).filter((x) => statusOf(x, 'certificates') === want));
  });

  // E13: one object per address, key and value both the address (inventory A7)
  post(app, o, '/certificates/get-approver-email/:productCode/:commonName', async ({ params }) => {
    const product = productOfCode(params.productCode);
    const cn = hostParam(params.commonName, 'common-name');
    if (product.kind === 'single' && isWildcard(cn)) throw invalid('common-name', `${product.name} is not a wildcard product`);
    return (await runQuery(s, listApproverEmails, { hostname: cn })).map((e) => ({ [e]: e }));
  });

  // E14: `type` single | wildcard (inventory A22); a name the product refuses is `valid: false` with the reason
  post(app, o, '/certificates/check-common-name/:productCode/:commonName', async ({ params }) => {
    const product = productOfCode(params.productCode);
    const raw = params.commonName ?? '';
    const type = raw.trim().startsWith('*.') ? 'wildcard' : 'single';
    try {
      const { commonName } = checkHostnames(product, raw, []);
      return { valid: true, type, message: `${commonName} is a valid common name for ${product.name}` };
    } catch (e) {
      if (!isDomainError(e) || (e.code !== 'request.invalid' && e.code !== 'ssl.too_many_domains')) throw e;
      return { valid: false, type, message: e.publicMessage.replace(/^common_name: /, '') };
    }
  });

  // E15: `type` san | wildcard_san; `product_addon_id` the product's SAN addon ("" where the name is included free)
  post(app, o, '/certificates/check-san/:productCode/:commonName/:san', async ({ params }) => {
    const product = productOfCode(params.productCode);
    const san = params.san ?? '';
    const type = san.trim().startsWith('*.') ? 'wildcard_san' : 'san';
    const addon = addonsOf(product).find((a) => a.type === type);
    try {
      const cn = hostParam(params.commonName, 'common-name');
      const names = checkHostnames(product, cn, [san]);
      const name = normalizeHostname(san) ?? san;
      if (!names.sans.includes(name)) return { valid: false, type, product_addon_id: '', message: `${san} is the common name itself` };
      const free = product.kind !== 'multi';
      const message = free ? `${name} is included with ${stripWildcard(cn)} at no charge` : `${name} can be added to ${product.name}`;
      return { valid: true, type, product_addon_id: free ? '' : (addon?.id ?? ''), message };
    } catch (e) {
      if (!isDomainError(e) || (e.code !== 'request.invalid' && e.code !== 'ssl.too_many_domains')) throw e;
      return { valid: false, type, product_addon_id: addon?.id ?? '', message: e.publicMessage.replace(/^(host_names|common_name|common-name): /, '') };
    }
  });

  // E16
  post(app, o, '/certificate/:id', async ({ actor, params }) => {
    const order = await orderOf(s, actor.accountId, params.id);
    return certificateFull(order, await contactsById(s, actor.accountId));
  });

  // E17: `[{"<type>": "<PEM>"}]` (inventory A8); bundle = leaf + intermediate + root
  post(app, o, '/certificate/:id/:type', async ({ actor, params }) => {
    const type = DOWNLOAD_TYPES.find((t) => t === params.type) as DownloadType | undefined;
    if (!type) throw unknownRoute(`/certificate/${params.id}/${params.type}`);
    const order = await orderOf(s, actor.accountId, params.id);
    if (!order.certificate || !['active', 'requested', 'expired'].includes(order.state)) {
      throw new DomainError('ssl.invalid_state', `Certificate ${order.id} is ${statusOf(order, 'certificates')}: there is no issued certificate to download`, { state: order.state });
    }
    const m = await materialOf(order, caOf(s));
    const value = m[type];
    if (!value) throw new DomainError('ssl.invalid_state', `The ${type} of certificate ${order.id} is not available`, { state: order.state });
    return [{ [type]: value }];
  });

  // E18: no state changes; a certificate that is not issued has nothing to check
  post(app, o, '/certificate/:id/request-health-check', async ({ actor, params }) => {
    const order = await orderOf(s, actor.accountId, params.id);
    if (!order.certificate || (order.state !== 'active' && order.state !== 'requested')) {
      throw new DomainError('ssl.invalid_state', `Certificate ${order.id} is ${statusOf(order, 'certificates')}: a health check needs an issued certificate`, { state: order.state });
    }
    const c = order.certificate;
    return `Health check requested for certificate ${order.id} (${order.commonName}): serial ${c.serial}, valid from ${wireDate(c.notBefore)} to ${wireDate(c.notAfter)}; the results will be sent by email.`;
  });

  // E19: a new certificate (Incomplete, to be completed with a new CSR) whose term starts when the old one ends
  post(app, o, '/certificate/:original_certificate_id/renew', async ({ actor, params, body }) => {
    const id = idParam(params.original_certificate_id, noCertificate(params.original_certificate_id));
    const yearsText = text(body, 'years', 4);
    if (yearsText !== undefined && yearsText !== '' && !/^\d+$/.test(yearsText)) throw invalid('years', 'must be a whole number of years');
    const period = yearsText ? Number(yearsText) : undefined;
    const renewal = await runFlow(s, renewOrder, { accountId: actor.accountId, orderId: id, ca: caOf(s), period, mode: 'new_order', allowExpired: true });
    return { certificate_id: String(renewal.id) };
  });

  // E20: `hash` sha256 | sha384 | sha512 (inventory A23)
  post(app, o, '/certificate/:id/reissue', async ({ actor, params, body }) => {
    const id = idParam(params.id, noCertificate(params.id));
    const csr = text(body, 'new_csr', 20_000);
    if (!csr) throw invalid('new_csr', 'is required');
    const hash = text(body, 'hash', 16)?.toLowerCase();
    if (hash && !['sha256', 'sha384', 'sha512'].includes(hash)) throw invalid('hash', 'must be sha256, sha384 or sha512');
    const order = await runFlow(s, reissueOrder, { accountId: actor.accountId, orderId: id, ca: caOf(s), csr, signatureHash: hash || undefined });
    const view = await runQuery(s, getOrder, { accountId: actor.accountId, orderId: order.id });
    return { status: statusOf(view, 'certificates'), message: view.state === 'active' ? `Certificate ${id} reissued` : `Reissue of certificate ${id} requested: ${statusObj(view).description}` };
  });

  // E22: before issuance only (Incomplete or Pending); refunded in full
  post(app, o, '/certificate/:id/cancel', async ({ actor, params }) => {
    const id = idParam(params.id, noCertificate(params.id));
    const r = await runFlow(s, cancelOrder, { accountId: actor.accountId, orderId: id, ca: caOf(s), onlyBeforeIssuance: true });
    return [{ message: `Certificate ${id} cancelled`, status: 'Cancelled', details: `Refunded ${(r.refundedNowMinor / 100).toFixed(2)} ${r.currency}` }];
  });

  // E23: no reason field in the seed; revoked as "unspecified". Shown as Cancelled "Revoked" (docs/ssl-states.md)
  post(app, o, '/certificate/:id/revoke', async ({ actor, params }) => {
    const id = idParam(params.id, noCertificate(params.id));
    const r = await runFlow(s, revokeOrder, { accountId: actor.accountId, orderId: id, ca: caOf(s) });
    return [{ message: `Certificate ${id} revoked`, status: 'Cancelled', details: `Serial ${r.certificate?.serial ?? ''} revoked at ${wireDate(r.revokedAt ?? o.clock.now())}` }];
  });
}
