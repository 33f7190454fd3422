// The link in a transfer approval mail: GET /_sandbox/domains/transfers/approve/{token}. Following it approves the
// transfer in at once (the current registrant said yes), as the core's approveTransferLink flow does.
import type { FastifyInstance } from 'fastify';
import type { FaceOptions } from '../shared/http.ts';
import { runFlow } from '../../core/runner.ts';
import { registryOf } from '../../core/registry/registry.ts';
import { approveTransferLink } from '../../core/domains/flows/approve-transfer-link.ts';

export function transferApprovalRoutes(app: FastifyInstance, o: FaceOptions): void {
  app.get('/domains/transfers/approve/:token', async (req, reply) => {
    const { token } = req.params as { token: string };
    const r = await runFlow(o.services, approveTransferLink, { registry: registryOf(o.services), token });
    const body = { domain: r.domain.name, status: r.state.phase };
    if ((req.headers.accept ?? '').includes('text/html')) return reply.type('text/html').send(`<!doctype html><title>Transfer approved</title><p>The transfer of ${body.domain.replace(/[&<>"]/g, '')} is approved.</p>`);
    return body;
  });
}
