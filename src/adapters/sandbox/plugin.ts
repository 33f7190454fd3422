// The sandbox control API under /_sandbox: health, clock, outbox, request journal, verification links, accounts.
// It is for the operator of a local sandbox and has no authentication (bind to 127.0.0.1; see README).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FaceOptions } from '../shared/http.ts';
import { intOf } from '../shared/http.ts';
import { runFlow, runQuery } from '../../core/runner.ts';
import { DomainError, toDomainError, type ErrorCode } from '../../core/errors.ts';
import { changeClock } from '../../core/sandbox/flows/change-clock.ts';
import { listMails } from '../../core/outbox/flows/list-mails.ts';
import { verifyEmail } from '../../core/verifications/flows/verify-email.ts';
import { listAccounts } from '../../core/accounts/flows/list-accounts.ts';
import { createAccount } from '../../core/accounts/flows/create-account.ts';
import { deposit } from '../../core/billing/flows/deposit.ts';
import { fromMinor } from '../../core/billing/model.ts';
import type { JournalEntry } from '../../core/journal/model.ts';
import { sslSandboxRoutes } from './ssl-routes.ts';
import { caRoutes } from './ca-routes.ts';
import { domainSandboxRoutes } from './domain-routes.ts';
import { transferApprovalRoutes } from './transfer-routes.ts';

const STATUS: Record<ErrorCode, number> = {
  'request.malformed': 400, 'request.invalid': 400, 'request.too_large': 413, 'request.unknown_route': 404, 'request.not_implemented': 501, 'request.method_not_allowed': 405,
  'auth.required': 401, 'auth.failed': 401, 'auth.token_invalid': 401, 'auth.ip_denied': 403, 'auth.api_disabled': 403, 'auth.forbidden': 403,
  'account.not_found': 404, 'account.inactive': 403, 'user.not_found': 404, 'user.username_taken': 409, 'user.email_taken': 409, 'user.update_refused': 409,
  'contact.not_found': 404, 'contact.invalid': 400, 'contact.in_use': 409, 'contact.name_immutable': 400,
  'tag.not_found': 404, 'tag.exists': 409, 'verification.in_progress': 409, 'verification.not_found': 404, 'verification.link_invalid': 410,
  'billing.insufficient_funds': 402, 'billing.invalid_amount': 400, 'sandbox.invalid_clock_change': 400,
  'dns.zone_not_found': 404, 'dns.zone_exists': 409, 'dns.zone_name_invalid': 400, 'dns.record_invalid': 400, 'dns.record_duplicate': 409, 'dns.record_not_found': 404,
  'dns.record_readonly': 400, 'dns.cname_conflict': 400, 'dns.template_not_found': 404, 'dns.template_exists': 409,
  'ssl.product_not_found': 404, 'ssl.order_not_found': 404, 'ssl.csr_invalid': 400, 'ssl.csr_weak': 400, 'ssl.invalid_state': 409, 'ssl.too_many_domains': 400,
  'ssl.approver_email_invalid': 400, 'ssl.renew_too_early': 400, 'ssl.link_invalid': 410,
  'domain.name_invalid': 400, 'domain.tld_not_supported': 400, 'domain.not_found': 404, 'domain.taken': 409, 'domain.reserved': 409, 'domain.premium_not_accepted': 400, 'domain.transfer_not_allowed': 409, 'domain.auth_code_invalid': 400, 'domain.renew_not_allowed': 409, 'domain.invalid_state': 409, 'domain.update_blocked': 409, 'domain.trade_not_allowed': 409, 'domain.additional_data_required': 400, 'domain.not_supported': 400, 'domain.link_invalid': 410, 'domain.contact_required': 400, 'domain.whois_not_allowed': 403, 'domain.expiry_mismatch': 409,
  'conflict.concurrent_update': 409, internal: 500,
} satisfies Record<ErrorCode, number>;

function page(q: Record<string, unknown>) {
  return { limit: Math.min(Math.max(intOf(q.limit) ?? 50, 1), 1000), offset: Math.max(intOf(q.offset) ?? 0, 0) };
}

const clockBody = (s: { offsetMs: number; frozenAt: Date | null }, now: Date) => ({ now: now.toISOString(), frozen: !!s.frozenAt, offset_ms: s.offsetMs });

function journalOut(e: JournalEntry) {
  const parse = (t: string) => {
    try {
      return JSON.parse(t);
    } catch {
      return t;
    }
  };
  return { id: e.id, face: e.face, account_id: e.accountId, method: e.method, path: e.path, status: e.status, duration_ms: e.durationMs, ip: e.ip, at: e.createdAt.toISOString(), request: parse(e.requestBody), response: parse(e.responseBody) };
}

/** `journalFlush` writes the journal entries every HTTP thread holds; `thread` is the number of the thread serving (0 = main) */
export async function sandboxPlugin(app: FastifyInstance, o: FaceOptions & { journalFlush?: () => Promise<void>; thread?: number }): Promise<void> {
  const { services, clock } = o;
  app.setErrorHandler((err, _req, reply: FastifyReply) => {
    const e = (err as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? new DomainError('request.too_large') : (err as { validation?: unknown }).validation || (err as { statusCode?: number }).statusCode === 400 ? new DomainError('request.malformed', (err as Error).message) : toDomainError(err);
    if (e.code === 'internal') app.log.error({ err }, 'sandbox internal error');
    void reply.code(STATUS[e.code]).send({ error: { code: e.code, message: e.publicMessage, ...e.details } });
  });
  app.setNotFoundHandler((_req, reply) => void reply.code(404).send({ error: { code: 'request.unknown_route', message: 'No such sandbox operation' } }));

  // `thread`: which of the threads serving HTTP answered (0 = the main one); the connection decides, not the call
  app.get('/health', async () => ({ status: 'ok', now: clock.now().toISOString(), thread: o.thread ?? 0 }));
  sslSandboxRoutes(app, o);
  await caRoutes(app, o);
  domainSandboxRoutes(app, o);
  transferApprovalRoutes(app, o);

  app.get('/clock', async () => clockBody(clock.getState(), clock.now()));
  app.post('/clock', async (req) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const known = ['advance', 'set', 'freeze', 'reset'];
    const unknown = Object.keys(body).filter((k) => !known.includes(k));
    if (unknown.length || !Object.keys(body).length) throw new DomainError('sandbox.invalid_clock_change', `Send one of ${known.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`);
    const state = await runFlow(services, changeClock, { clock, change: body as never });
    return clockBody(state, clock.now());
  });

  app.get('/outbox', async (req) => {
    const q = req.query as Record<string, string>;
    const res = await runQuery(services, listMails, { to: q.to || undefined, kind: q.kind || undefined, accountId: intOf(q.account), page: page(q) });
    return { total: res.total, results: res.results.map((m) => ({ id: m.id, account_id: m.accountId, to: m.to, from: m.from, subject: m.subject, body: m.body, links: m.links, kind: m.kind, at: m.createdAt.toISOString() })) };
  });

  app.get('/requests', async (req) => {
    const q = req.query as Record<string, string>;
    await o.journalFlush?.();
    const res = await services.store.read((uow) => uow.journal.list({ face: q.face || undefined, accountId: intOf(q.account), status: intOf(q.status), path: q.path || undefined }, page(q)));
    return { total: res.total, results: res.results.map(journalOut) };
  });

  app.get('/verify-email/:token', async (req, reply) => {
    const { token } = req.params as { token: string };
    const v = await runFlow(services, verifyEmail, { token });
    if ((req.headers.accept ?? '').includes('text/html')) return reply.type('text/html').send(`<!doctype html><title>Email verified</title><p>${v.email} is verified.</p>`);
    return { email: v.email, status: v.status };
  });

  app.get('/accounts', async () => {
    const rows = await runQuery(services, listAccounts, {});
    return { results: rows.map((r) => ({ id: r.account.id, code: r.account.code, name: r.account.name, currency: r.account.currency, balance: fromMinor(r.balanceMinor), users: r.users, status: r.account.status })) };
  });

  app.post('/accounts', async (req) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    if (typeof b.username !== 'string' || typeof b.password !== 'string') throw new DomainError('request.invalid', 'username and password are required');
    const { account, user } = await runFlow(services, createAccount, {
      username: b.username, password: b.password, email: typeof b.email === 'string' ? b.email : undefined, balance: typeof b.balance === 'number' ? b.balance : undefined,
      currency: typeof b.currency === 'string' ? b.currency : undefined, allowIps: Array.isArray(b.allow_ips) ? (b.allow_ips as string[]) : undefined,
    });
    return { id: account.id, code: account.code, api_key: account.apiKey, user: { id: user.id, username: user.username, email: user.email } };
  });

  app.post('/accounts/:id/deposit', async (req) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    const id = intOf((req.params as { id: string }).id);
    if (id === undefined) throw new DomainError('account.not_found');
    const r = await runFlow(services, deposit, { accountId: id, amount: Number(b.amount), description: typeof b.description === 'string' ? b.description : undefined });
    return { balance: fromMinor(r.balanceMinor) };
  });
}
