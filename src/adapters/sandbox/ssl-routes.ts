// The sandbox's SSL routes (no authentication, like the rest of /_sandbox):
//  - GET  /_sandbox/ssl/approve/{token}: the link in an approver mail (order-ops mailApprovers) → approveByLink; the
//    hostname is validated by email and the order issued when it was the last one. HTML for a browser, JSON otherwise.
//  - POST /_sandbox/ssl/orders/{id}/approve-all: the sandbox switch for one order → approveAll (every hostname and the
//    OV/EV organisation check approved now, so a requested order is issued).
//  - POST /_sandbox/ssl/orders/{id}/validate: runs the order's DNS/HTTP validation checks now (what the lifecycle
//    job does every few seconds), and answers what each check saw.
//  - GET  /_sandbox/ssl/panel/{token}: the end-user panel an OTP link (Openprovider otp-tokens) opens → openPanel.
// Errors go through the sandbox plugin's one table (registered inside it).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FaceOptions } from '../shared/http.ts';
import { intOf } from '../shared/http.ts';
import type { Services } from '../../core/runner.ts';
import { runFlow, runQuery } from '../../core/runner.ts';
import { DomainError } from '../../core/errors.ts';
import type { SslOrder } from '../../core/ssl/model.ts';
import { projectOrder } from '../../core/ssl/model.ts';
import type { CertificateAuthority } from '../../core/ssl/ca-port.ts';
import { approveByLink } from '../../core/ssl/flows/approve-by-link.ts';
import { approveAll } from '../../core/ssl/flows/approve-all.ts';
import { openPanel } from '../../core/ssl/flows/open-panel.ts';
import { validateOrder } from '../../core/ssl/flows/validate-order.ts';

function caOf(services: Services): CertificateAuthority {
  if (!services.ca) throw new DomainError('request.not_implemented', 'No certificate authority is configured on this instance');
  return services.ca;
}

const orderBody = (o: SslOrder) => ({
  id: o.id,
  state: o.state,
  common_name: o.commonName,
  hostnames: o.dcv.map((d) => ({ hostname: d.hostname, method: d.method, status: d.status })),
  serial: o.certificate?.serial ?? null,
});

const html = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const wantsHtml = (req: FastifyRequest) => (req.headers.accept ?? '').includes('text/html');

/** an order of any account by id (the sandbox is the operator's) */
async function orderById(services: Services, raw: string): Promise<SslOrder> {
  const id = intOf(raw);
  const o = id === undefined ? null : await runQuery(services, (ctx, x: number) => ctx.uow.ssl.byId(x), id);
  if (!o) throw new DomainError('ssl.order_not_found', `SSL order ${raw} not found`);
  return projectOrder(o, services.clock.now());
}

export function sslSandboxRoutes(app: FastifyInstance, o: FaceOptions): void {
  const { services } = o;

  app.get('/ssl/approve/:token', async (req, reply) => {
    const { token } = req.params as { token: string };
    const order = await runFlow(services, approveByLink, { token, ca: caOf(services) });
    if (wantsHtml(req)) {
      return reply.type('text/html').send(`<!doctype html><title>Certificate approved</title><p>Thank you: the certificate for ${html(order.commonName)} (order ${order.id}) is approved.</p>`);
    }
    return orderBody(order);
  });

  app.post('/ssl/orders/:id/approve-all', async (req) => {
    const order = await orderById(services, (req.params as { id: string }).id);
    return orderBody(await runFlow(services, approveAll, { accountId: order.accountId, orderId: order.id, ca: caOf(services) }));
  });

  app.post('/ssl/orders/:id/validate', async (req) => {
    const order = await orderById(services, (req.params as { id: string }).id);
    const r = await validateOrder(services, { ca: caOf(services), dns: services.dnsLookup, http: services.httpFetch }, { accountId: order.accountId, orderId: order.id });
    return { ...orderBody(r.order), checks: r.checks };
  });

  app.get('/ssl/panel/:token', async (req, reply) => {
    const { token } = req.params as { token: string };
    const order = await runFlow(services, openPanel, { token });
    if (wantsHtml(req)) {
      const rows = order.dcv.map((d) => `<li>${html(d.hostname)}: ${html(d.method)}, ${html(d.status)}</li>`).join('');
      return reply.type('text/html').send(`<!doctype html><title>SSL order ${order.id}</title><h1>${html(order.commonName)}</h1><p>Status: ${html(order.state)}</p><ul>${rows}</ul>`);
    }
    return orderBody(order);
  });
}
