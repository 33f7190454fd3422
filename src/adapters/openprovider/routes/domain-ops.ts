// Operations on one domain (seed 000:880-960, 000:5558-5899, 000:6040-6180): renew, restore, try again last
// operation (a failed or pending transfer with a new auth code), approve/reject an outgoing transfer, send the FOA
// again, read and reset the auth code.
//
// Choices where the documents are silent:
// - ApproveTransfer acts on YOUR domain that another account of this instance asked to transfer away
//   (`approve` 1 = release it now, 0 = reject); the registrant's approval of an incoming transfer is the mailed link.
// - auth_code_type "internal" answers the same code as "external": one code serves both kinds of transfer here.
// - reset: `domain_roid` is `D<id>-RESELLBOX`; `epp_statuses` are `clientTransferProhibited` when locked, else `ok`;
//   `rgp_statuses` carry the end of the add grace / auto-renew grace period while it runs, "" otherwise.
import type { FastifyRequest } from 'fastify';
import type { RegisterArea } from './area.ts';
import { runFlow } from '../../../core/runner.ts';
import { DomainError, invalid } from '../../../core/errors.ts';
import { renewDomain } from '../../../core/domains/flows/renew-domain.ts';
import { restoreDomain } from '../../../core/domains/flows/restore-domain.ts';
import { restartOperation } from '../../../core/domains/flows/restart-operation.ts';
import { respondTransferOut } from '../../../core/domains/flows/respond-transfer-out.ts';
import { resendTransferApproval } from '../../../core/domains/flows/resend-transfer-approval.ts';
import { getAuthCode } from '../../../core/domains/flows/auth-code.ts';
import { getDomain } from '../../../core/domains/flows/get-domain.ts';
import { clientIp } from '../../shared/http.ts';
import { actorOf } from '../auth.ts';
import { S, jsonBody, ok, one, opDateTime, queryOf, success } from '../wire.ts';
import { DOMAIN, STATUS_OF } from '../domain-mapping.ts';
import { domainKey, registry } from './domain-support.ts';

const RENEW = S.obj({ domain: DOMAIN, id: S.int, period: S.int });
const BY_ID = S.obj({ domain: DOMAIN, id: S.int });
const RESTART = S.obj({ auth_code: S.str, domain: DOMAIN, id: S.int });
const APPROVE = S.obj({ approve: { enum: [0, 1, '0', '1', true, false] }, auth_code: S.str, domain: DOMAIN, id: S.int, registrar_tag: S.str });
const RESET = S.obj({ auth_code_type: S.oneOf(['external', 'internal']), domain: DOMAIN, id: S.int, sending_type: S.str });

type IdBody = { domain?: { name?: string; extension?: string }; id?: number };

const actorInfo = (req: FastifyRequest) => ({ ip: clientIp(req), user: req.actor ? String(req.actor.userId) : '' });

function keyOf(req: FastifyRequest, b: IdBody) {
  const key = domainKey(req, b);
  if (b.id !== undefined && b.id !== 0 && typeof key === 'number' && b.id !== key) throw invalid('id', 'does not match the id in the path');
  return key;
}

function authType(v: string | undefined): 'external' | 'internal' {
  if (v === undefined || v === '' || v === 'external') return 'external';
  if (v === 'internal') return 'internal';
  throw invalid('auth_code_type', 'must be external or internal');
}

export const domainOpRoutes: RegisterArea = (app, { services }) => {
  app.post('/domains/:id/renew', async (req) => {
    const actor = actorOf(req);
    const b = jsonBody<IdBody & { period?: number }>(req, RENEW);
    const r = await runFlow(services, renewDomain, { registry: registry(services), accountId: actor.accountId, domain: keyOf(req, b), period: b.period, actor: actorInfo(req) });
    return ok({ status: STATUS_OF[r.state.phase] });
  });

  app.post('/domains/:id/restore', async (req) => {
    const actor = actorOf(req);
    const b = jsonBody<IdBody>(req, BY_ID);
    const r = await runFlow(services, restoreDomain, { registry: registry(services), accountId: actor.accountId, domain: keyOf(req, b), actor: actorInfo(req) });
    return ok({ status: STATUS_OF[r.state.phase] });
  });

  app.post('/domains/:id/last-operation/restart', async (req) => {
    const actor = actorOf(req);
    const b = jsonBody<IdBody & { auth_code?: string }>(req, RESTART);
    await runFlow(services, restartOperation, { registry: registry(services), accountId: actor.accountId, domain: keyOf(req, b), authCode: b.auth_code || undefined, actor: actorInfo(req) });
    return success();
  });

  app.post('/domains/:id/transfer/approve', async (req) => {
    const actor = actorOf(req);
    const b = jsonBody<IdBody & { approve?: unknown }>(req, APPROVE);
    if (b.approve === undefined) throw invalid('approve', 'is required (1 approves, 0 rejects)');
    const approve = b.approve === 1 || b.approve === '1' || b.approve === true;
    await runFlow(services, respondTransferOut, { registry: registry(services), accountId: actor.accountId, domain: keyOf(req, b), approve, actor: actorInfo(req) });
    return success();
  });

  app.post('/domains/:id/transfer/send-foa1', async (req) => {
    const actor = actorOf(req);
    const b = jsonBody<IdBody>(req, BY_ID);
    await runFlow(services, resendTransferApproval, { registry: registry(services), accountId: actor.accountId, domain: keyOf(req, b), actor: actorInfo(req) });
    return success();
  });

  app.get('/domains/:id/authcode', async (req) => {
    const actor = actorOf(req);
    const q = queryOf(req);
    const type = authType(one(q, 'auth_code_type'));
    const r = await runFlow(services, getAuthCode, { registry: registry(services), accountId: actor.accountId, domain: domainKey(req), actor: actorInfo(req) });
    return ok({ auth_code: r.authCode, success: true, type });
  });

  app.post('/domains/:id/authcode/reset', async (req) => {
    const actor = actorOf(req);
    const b = jsonBody<IdBody & { auth_code_type?: string }>(req, RESET);
    const type = authType(b.auth_code_type);
    const key = keyOf(req, b);
    const r = await runFlow(services, getAuthCode, { registry: registry(services), accountId: actor.accountId, domain: key, reset: true, actor: actorInfo(req) });
    const d = await runFlow(services, getDomain, { registry: registry(services), accountId: actor.accountId, domain: r.domainId });
    if (!d) throw new DomainError('domain.not_found');
    const now = services.clock.now();
    const inAddGrace = !!d.domain.addGraceUntil && d.domain.addGraceUntil > now;
    return ok({
      auth_code: r.authCode,
      auth_info: { pw: r.authCode },
      domain_roid: `D${r.domainId}-RESELLBOX`,
      epp_statuses: d.domain.locked ? ['clientTransferProhibited'] : ['ok'],
      rgp_statuses: { add_period: inAddGrace ? opDateTime(d.domain.addGraceUntil) : '', auto_renew_period: d.state.phase === 'grace' ? opDateTime(d.state.graceEndsAt) : '' },
      success: true,
      type,
    });
  });
};
