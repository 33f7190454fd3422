// The sandbox's domain routes (no authentication, like the rest of /_sandbox; the operator's view of every account):
//  - POST /_sandbox/domains/{name}/complete: the registry completes the pending registration or transfer in now
//    (core completeOperation), as it would when the registration delay or the transfer auto-approve period ends.
//  - POST /_sandbox/domains/{name}/fail: the registry refuses it now; body {"reason": "…"} optional. The charge is
//    refunded (core failPending). A failed transfer can be restarted through the vendor APIs.
//    {name} is the domain name (Unicode or ASCII) or the numeric domain id. A name may have a pending operation in
//    more than one account (two resellers transferring the same name from elsewhere): then `?account=<id>` (or the
//    id) says which; without it the answer is request.invalid listing the candidates.
//  - GET /_sandbox/registry/auth-codes: names registered elsewhere (the configured ones and the well-known labels
//    under `tlds`, default com,net,org,eu,es) with the auth code a transfer in needs (core listElsewhereCodes).
//    `?names=a.com,b.net` asks about given names (a name not registered elsewhere comes back with an empty code);
//    `?tlds=com,nl` picks the TLDs for the well-known labels. Answer {total, results: [{name, unicode,
//    registered_elsewhere, auth_code}]}.
// Errors go through the sandbox plugin's one table (registered inside it): domain.not_found 404,
// domain.invalid_state 409 (nothing pending), domain.name_invalid / domain.tld_not_supported / request.invalid 400.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FaceOptions } from '../shared/http.ts';
import { intOf } from '../shared/http.ts';
import type { Services } from '../../core/runner.ts';
import { runFlow, runQuery } from '../../core/runner.ts';
import { DomainError } from '../../core/errors.ts';
import { registryOf } from '../../core/registry/registry.ts';
import { parseDomainName } from '../../core/registry/names.ts';
import type { DomainResult } from '../../core/domains/ops.ts';
import { completeOperation } from '../../core/domains/flows/complete-operation.ts';
import { listElsewhereCodes } from '../../core/registry/flows/list-elsewhere-codes.ts';

/** the most names one auth-codes call may ask about */
const MAX_NAMES = 200;

const isoOrEmpty = (d: Date | null | undefined) => (d ? d.toISOString() : '');

function domainBody(r: DomainResult) {
  const d = r.domain;
  return {
    id: d.id,
    account_id: d.accountId,
    name: d.name,
    unicode: d.unicodeName,
    phase: r.state.phase,
    holds_name: r.state.holdsName,
    expires_at: isoOrEmpty(r.state.expiresAt),
    last_operation: d.lastOperation ? { kind: d.lastOperation.kind, at: d.lastOperation.at.toISOString(), ok: d.lastOperation.ok, reason: d.lastOperation.reason } : null,
  };
}

/** comma-separated or repeated query values */
function listOf(v: unknown): string[] {
  const parts = (Array.isArray(v) ? v : v === undefined ? [] : [v]).flatMap((x) => String(x).split(','));
  return parts.map((s) => s.trim()).filter(Boolean);
}

/**
 * The domain whose pending operation the sandbox should settle. Errors: domain.not_found, domain.name_invalid,
 * domain.tld_not_supported, request.invalid (ambiguous name)
 */
async function pendingDomainId(services: Services, key: string, accountFilter: number | undefined): Promise<number> {
  if (/^\d+$/.test(key)) return Number(key);
  const n = parseDomainName(key);
  return runQuery(services, async (ctx) => {
    const candidates: { id: number; accountId: number }[] = [];
    for (const a of await ctx.uow.accounts.list()) {
      if (accountFilter !== undefined && a.id !== accountFilter) continue;
      const page = await ctx.uow.domains.search(a.id, { name: n.name, includeDeleted: true, phases: ['requested'] }, { limit: 10, offset: 0, withoutTotal: true });
      candidates.push(...page.results.filter((d) => d.pending).map((d) => ({ id: d.id, accountId: d.accountId })));
    }
    if (candidates.length === 1) return candidates[0].id;
    if (candidates.length > 1) {
      throw new DomainError('request.invalid', `${n.name} has a pending operation in ${candidates.length} accounts: add ?account=<id> or use the domain id (${candidates.map((c) => `domain ${c.id} in account ${c.accountId}`).join(', ')})`, { field: 'account', reason: 'ambiguous' });
    }
    // nothing pending: let the flow say so about the domain that holds the name (domain.invalid_state)
    const holder = await ctx.uow.domains.holderOf(n.name);
    if (holder && (accountFilter === undefined || holder.accountId === accountFilter)) return holder.id;
    throw new DomainError('domain.not_found', `Domain ${n.unicode} not found`);
  }, {});
}

function accountParam(req: FastifyRequest): number | undefined {
  const raw = (req.query as Record<string, unknown>).account;
  if (raw === undefined || raw === '') return undefined;
  const id = intOf(raw);
  if (id === undefined) throw new DomainError('request.invalid', 'account: must be an account id', { field: 'account', reason: 'not an integer' });
  return id;
}

export function domainSandboxRoutes(app: FastifyInstance, o: FaceOptions): void {
  const { services } = o;
  const registry = registryOf(services);

  const settle = (outcome: 'complete' | 'fail') => async (req: FastifyRequest) => {
    const { name } = req.params as { name: string };
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new DomainError('request.invalid', 'The body must be a JSON object');
    if (body.reason !== undefined && typeof body.reason !== 'string') throw new DomainError('request.invalid', 'reason: must be a string', { field: 'reason', reason: 'not a string' });
    const domainId = await pendingDomainId(services, name, accountParam(req));
    const r = await runFlow(services, completeOperation, { registry, domainId, outcome, reason: body.reason as string | undefined });
    return domainBody(r);
  };
  app.post('/domains/:name/complete', settle('complete'));
  app.post('/domains/:name/fail', settle('fail'));

  app.get('/registry/auth-codes', async (req) => {
    const q = req.query as Record<string, unknown>;
    const names = listOf(q.names);
    const tlds = listOf(q.tlds).map((t) => t.toLowerCase().replace(/^\./, ''));
    if (names.length > MAX_NAMES) throw new DomainError('request.invalid', `names: at most ${MAX_NAMES} per call`, { field: 'names', reason: 'too many' });
    for (const t of tlds) registry.policy(t); // domain.tld_not_supported for an unknown extension
    const rows = await runQuery(services, listElsewhereCodes, { registry, names: names.length ? names : undefined, tlds: tlds.length ? tlds : undefined });
    return { total: rows.length, results: rows.map((r) => ({ name: r.name, unicode: r.unicode, registered_elsewhere: r.registeredElsewhere, auth_code: r.authCode })) };
  });
}
