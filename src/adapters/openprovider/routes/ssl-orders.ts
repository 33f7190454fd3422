// SSL orders (seed 002; seed 000:1972-2796, 000:10144-11019). Every mutation answers `{id}` (the Swagger's
// `*ResponseData {id}`); the order itself is read with GET /ssl/orders/{id}.
//  - POST /ssl/orders: start_provision false (default) → PAI, true → REQ (002:15-16, inventory E6). Required: product_id,
//    period, csr, organization_handle (002:30-63; software_id defaults to linux, signature_hash_algorithm to sha2).
//    Openprovider has no administrative handle on create: the organization handle stands in for it (EV/OV products
//    need one), and technical_handle defaults to it too.
//  - PUT /ssl/orders/{id}: partial; what may change depends on the status (000:2303-2315): PAI anything, REQ
//    domain_validation_methods / approver_email / autorenew, ACT autorenew. `start_provision: true` sends a PAI order
//    to the CA. A body carrying only `approver_email` on a REQ order is the guide's way to change the approver
//    address (000:2411-2429, inventory B2) and behaves like PUT /ssl/orders/{id}/approver-email.
//    `signature_hash_algorithm` on update is "Deprecated functional, please ignore" (000:2339): ignored.
//  - reissue (ACT → REQ → ACT, new CSR), renew (ACT, from 30 days before the term ends; earlier → 25001), cancel
//    (any non-final status → FAI; an ACT order 24 h later), approver-email change and resend (REQ only), OTP tokens.
//  - `organization_handle` on reissue is accepted but the owner of an issued order does not change (the core's
//    reissue keeps the order's contacts).
import type { FastifyRequest } from 'fastify';
import type { RegisterArea } from './area.ts';
import type { Services } from '../../../core/runner.ts';
import { runFlow, runQuery } from '../../../core/runner.ts';
import { DomainError, invalid } from '../../../core/errors.ts';
import { getProduct } from '../../../core/ssl/flows/list-products.ts';
import { createOrder } from '../../../core/ssl/flows/create-order.ts';
import { getOrder, type OrderView } from '../../../core/ssl/flows/get-order.ts';
import { searchOrders, type OrderFilter } from '../../../core/ssl/flows/search-orders.ts';
import { updateOrder, type OrderPatch } from '../../../core/ssl/flows/update-order.ts';
import { changeApproverEmail } from '../../../core/ssl/flows/change-approver-email.ts';
import { resendApproverEmail } from '../../../core/ssl/flows/resend-approver-email.ts';
import { cancelOrder } from '../../../core/ssl/flows/cancel-order.ts';
import { reissueOrder } from '../../../core/ssl/flows/reissue-order.ts';
import { renewOrder } from '../../../core/ssl/flows/renew-order.ts';
import { createOtpToken } from '../../../core/ssl/flows/create-otp-token.ts';
import type { ContactKeys } from '../../../core/ssl/order-ops.ts';
import { intOf } from '../../shared/http.ts';
import { actorOf } from '../auth.ts';
import { dotted, flag, jsonBody, many, ok, one, opDateTime, paging, toBool } from '../wire.ts';
import {
  APPROVER_EMAIL, CREATE_ORDER, ID_ONLY, REISSUE_ORDER, RENEW_ORDER, UPDATE_ORDER, autorenewIn, caOf, checkBodyId, dcvIn, hashIn, hostNamesIn, num,
  orderOut, queryWithBody, softwareIn, statesOf, type WireOrder,
} from '../ssl-mapping.ts';

const ORDER_BY: Record<string, NonNullable<OrderFilter['orderBy']>['field']> = {
  common_name: 'commonName', order_date: 'orderedAt', active_date: 'activatedAt', expiration_date: 'termEndsAt', status: 'state', product_name: 'productName',
};

function orderIdOf(req: FastifyRequest): number {
  const raw = (req.params as { id: string }).id;
  const id = intOf(raw);
  if (id === undefined || id < 1) throw new DomainError('ssl.order_not_found', `SSL order ${raw} not found`, { id: raw });
  return id;
}

/** the orders in the wire shape: contact ids become the account's handles, the root from the CA */
async function render(services: Services, accountId: number, orders: OrderView[]) {
  const ids = [...new Set(orders.flatMap((o) => Object.values(o.contacts)).filter((x): x is number => x !== null))];
  const handles = await runQuery(services, async (ctx, list: number[]) => {
    const m = new Map<number, string>();
    for (const id of list) {
      const c = await ctx.uow.contacts.get(accountId, id);
      if (c) m.set(id, c.handle);
    }
    return m;
  }, ids);
  const root = orders.some((o) => o.certificate) && services.ca ? services.ca.rootPem() : '';
  return orders.map((o) => orderOut(o, handles, root));
}

function contactsIn(b: WireOrder): ContactKeys | undefined {
  const out: ContactKeys = {};
  if (b.organization_handle !== undefined) out.organization = b.organization_handle;
  if (b.technical_handle !== undefined) out.technical = b.technical_handle;
  return Object.keys(out).length ? out : undefined;
}

export const sslOrderRoutes: RegisterArea = (app, { services }) => {
  app.get('/ssl/orders', async (req) => {
    const actor = actorOf(req);
    const q = await queryWithBody(req);
    const sorts = Object.entries(dotted(q, 'order_by'));
    for (const [field, dir] of sorts) {
      if (!ORDER_BY[field]) throw invalid(`order_by.${field}`, `is not a sort field (${Object.keys(ORDER_BY).join(', ')})`);
      if (!/^(asc|desc)$/i.test(dir)) throw invalid(`order_by.${field}`, 'must be asc or desc');
    }
    const filter: OrderFilter = {
      states: statesOf(many(q, 'status')),
      commonNamePattern: one(q, 'common_name_pattern') || undefined,
      contactKey: one(q, 'contact_handle') || undefined,
      // "return only certificates that are expiring within 30 days" (000:10228)
      expiring: flag(q, 'show_expiring') ? true : undefined,
      orderBy: sorts.length ? { field: ORDER_BY[sorts[0][0]], desc: sorts[0][1].toLowerCase() === 'desc' } : undefined,
    };
    const page = await runQuery(services, searchOrders, { accountId: actor.accountId, filter, page: paging(q, { def: 100, max: 1000 }) });
    return ok({ results: await render(services, actor.accountId, page.results), total: page.total });
  });

  app.post('/ssl/orders', async (req) => {
    const actor = actorOf(req);
    const b = jsonBody<WireOrder>(req, CREATE_ORDER);
    if (!b.csr?.trim()) throw invalid('csr', 'is required');
    if (!b.organization_handle?.trim()) throw invalid('organization_handle', 'is required');
    const product = getProduct('openprovider', num(b.product_id)!);
    const o = await runFlow(services, createOrder, {
      accountId: actor.accountId,
      ca: caOf(services),
      productCode: product.code,
      period: num(b.period)!,
      csr: b.csr,
      sans: hostNamesIn(b.host_names),
      domainAmount: num(b.domain_amount),
      dcv: dcvIn(b.domain_validation_methods),
      approverEmail: b.approver_email,
      software: softwareIn(b.software_id),
      signatureHash: hashIn(b.signature_hash_algorithm),
      contacts: { organization: b.organization_handle, admin: b.organization_handle, technical: b.technical_handle || b.organization_handle },
      autorenew: autorenewIn(b.autorenew),
      enableDnsAutomation: toBool(b.enable_dns_automation),
      startProvision: toBool(b.start_provision) ?? false,
    });
    return ok({ id: o.id });
  });

  app.get('/ssl/orders/:id', async (req) => {
    const actor = actorOf(req);
    const o = await runQuery(services, getOrder, { accountId: actor.accountId, orderId: orderIdOf(req) });
    return ok((await render(services, actor.accountId, [o]))[0]);
  });

  app.put('/ssl/orders/:id', async (req) => {
    const actor = actorOf(req);
    const id = orderIdOf(req);
    const b = jsonBody<WireOrder>(req, UPDATE_ORDER);
    checkBodyId(b, id);
    const keys = Object.keys(b).filter((k) => k !== 'id' && k !== 'signature_hash_algorithm');
    const current = await runQuery(services, getOrder, { accountId: actor.accountId, orderId: id });
    if (current.state === 'requested' && keys.length === 1 && keys[0] === 'approver_email') {
      await runFlow(services, changeApproverEmail, { accountId: actor.accountId, orderId: id, approverEmail: b.approver_email! });
      return ok({ id });
    }
    const patch: OrderPatch = {
      csr: b.csr,
      sans: hostNamesIn(b.host_names),
      dcv: dcvIn(b.domain_validation_methods),
      approverEmail: b.approver_email,
      software: softwareIn(b.software_id),
      contacts: contactsIn(b),
      autorenew: autorenewIn(b.autorenew),
      enableDnsAutomation: toBool(b.enable_dns_automation),
    };
    for (const k of Object.keys(patch) as (keyof OrderPatch)[]) if (patch[k] === undefined) delete patch[k];
    await runFlow(services, updateOrder, { accountId: actor.accountId, orderId: id, ca: caOf(services), patch, startProvision: toBool(b.start_provision) ?? false });
    return ok({ id });
  });

  app.put('/ssl/orders/:id/approver-email', async (req) => {
    const actor = actorOf(req);
    const id = orderIdOf(req);
    const b = jsonBody<{ approver_email: string; id?: number | string }>(req, APPROVER_EMAIL);
    checkBodyId(b, id);
    await runFlow(services, changeApproverEmail, { accountId: actor.accountId, orderId: id, approverEmail: b.approver_email });
    return ok({ id });
  });

  app.post('/ssl/orders/:id/approver-email/resend', async (req) => {
    const actor = actorOf(req);
    const id = orderIdOf(req);
    checkBodyId(jsonBody(req, ID_ONLY), id);
    await runFlow(services, resendApproverEmail, { accountId: actor.accountId, orderId: id });
    return ok({ id });
  });

  app.post('/ssl/orders/:id/cancel', async (req) => {
    const actor = actorOf(req);
    const id = orderIdOf(req);
    checkBodyId(jsonBody(req, ID_ONLY), id);
    await runFlow(services, cancelOrder, { accountId: actor.accountId, orderId: id, ca: caOf(services) });
    return ok({ id });
  });

  app.post('/ssl/orders/:id/reissue', async (req) => {
    const actor = actorOf(req);
    const id = orderIdOf(req);
    const b = jsonBody<WireOrder>(req, REISSUE_ORDER);
    checkBodyId(b, id);
    await runFlow(services, reissueOrder, {
      accountId: actor.accountId,
      orderId: id,
      ca: caOf(services),
      csr: b.csr ?? '',
      sans: hostNamesIn(b.host_names),
      dcv: dcvIn(b.domain_validation_methods),
      approverEmail: b.approver_email,
      software: softwareIn(b.software_id),
      signatureHash: hashIn(b.signature_hash_algorithm),
    });
    return ok({ id });
  });

  app.post('/ssl/orders/:id/renew', async (req) => {
    const actor = actorOf(req);
    const id = orderIdOf(req);
    checkBodyId(jsonBody(req, RENEW_ORDER), id);
    await runFlow(services, renewOrder, { accountId: actor.accountId, orderId: id, ca: caOf(services), mode: 'extend' });
    return ok({ id });
  });

  app.post('/ssl/orders/:id/otp-tokens', async (req) => {
    const actor = actorOf(req);
    const id = orderIdOf(req);
    checkBodyId(jsonBody(req, ID_ONLY), id);
    const t = await runFlow(services, createOtpToken, { accountId: actor.accountId, orderId: id });
    return ok({ expire_at: opDateTime(t.expiresAt), token: t.token, uri: t.uri });
  });
};
