// Email verification (seed 000:8843-9013, [SW] EmailVerification):
//   POST /customers/verifications/emails/start   {email, handle?, language?, tag?} → {id}
//   POST /customers/verifications/emails/restart {email, language?, tag?}          → {success}
//   GET  /customers/verifications/emails/domains (the one list route the Swagger documents) → {results, total}
// The mail with its link goes to the outbox (core); following the link verifies the address and every customer
// carrying it. Starting while one is in progress answers code 20001 "Verification email in progress" with the
// running verification's id as `data` (seed 000:9006-9011; see docs/openprovider-errors.md for the HTTP status).
// `tag` selects an email template in the real API; templates are not part of this sandbox and it is ignored.
import type { RegisterArea } from './area.ts';
import { runFlow, runQuery } from '../../../core/runner.ts';
import { invalid } from '../../../core/errors.ts';
import { startVerification } from '../../../core/verifications/flows/start-verification.ts';
import { restartVerification } from '../../../core/verifications/flows/restart-verification.ts';
import { listVerifications } from '../../../core/verifications/flows/list-verifications.ts';
import type { EmailVerification, VerificationStatus } from '../../../core/verifications/model.ts';
import { actorOf } from '../auth.ts';
import { S, flag, intParam, jsonBody, ok, one, opDateTime, paging, queryOf, success } from '../wire.ts';

const START = S.obj({ email: S.str, handle: S.str, language: S.str, tag: S.str }, ['email']);
const RESTART = S.obj({ email: S.str, language: S.str, tag: S.str }, ['email']);

/** the list's `status` words (the seed's domain sample says "not verified"; the rest is ours, docs/openprovider-errors.md) */
const DESCRIPTION: Record<VerificationStatus, string> = {
  'in progress': 'Verification email sent; waiting for the link to be followed',
  verified: 'Email address verified',
  failed: 'Verification failed',
  expired: 'Verification link expired before it was followed',
};
/** a `status` filter in either vocabulary: the list's words or the customer's three letters */
const STATUS_FILTER: Record<string, VerificationStatus> = {
  'in progress': 'in progress', req: 'in progress', verified: 'verified', act: 'verified', failed: 'failed', fai: 'failed', expired: 'expired', exp: 'expired',
};

function verificationOut(v: EmailVerification) {
  return {
    description: DESCRIPTION[v.status],
    // verifications of customer email addresses are not tied to a domain until domains exist
    domain: '',
    email: v.email,
    expiration_date: opDateTime(v.expiresAt),
    handle: v.handle,
    is_suspended: v.isSuspended,
    status: v.status,
  };
}

export const verificationRoutes: RegisterArea = (app, { services }) => {
  app.post('/customers/verifications/emails/start', async (req) => {
    const actor = actorOf(req);
    const b = jsonBody<{ email: string; handle?: string; language?: string }>(req, START);
    const v = await runFlow(services, startVerification, { accountId: actor.accountId, email: b.email, handle: b.handle || undefined, language: b.language || undefined });
    return ok({ id: v.id });
  });

  app.post('/customers/verifications/emails/restart', async (req) => {
    const actor = actorOf(req);
    const b = jsonBody<{ email: string }>(req, RESTART);
    await runFlow(services, restartVerification, { accountId: actor.accountId, email: b.email });
    return success();
  });

  app.get('/customers/verifications/emails/domains', async (req) => {
    const actor = actorOf(req);
    const q = queryOf(req);
    const statusText = one(q, 'status');
    const status = statusText ? STATUS_FILTER[statusText.toLowerCase()] : undefined;
    if (statusText && !status) throw invalid('status', `must be one of ${Object.keys(DESCRIPTION).join(', ')}`);
    const domainFilter = one(q, 'domain') || intParam(q, 'domain_id');
    const suspended = one(q, 'is_suspended') !== undefined ? flag(q, 'is_suspended') : undefined;
    const page = paging(q, { def: 100, max: 1000 });
    // the core projects expiry to now, so the status filter is applied to the projection, over every row
    const all = await runQuery(services, listVerifications, { accountId: actor.accountId, email: one(q, 'email') || undefined, handle: one(q, 'handle') || undefined, page: { limit: 1_000_000, offset: 0 } });
    const hits = domainFilter ? [] : all.results.filter((v) => (!status || v.status === status) && (suspended === undefined || v.isSuspended === suspended));
    return ok({ results: hits.slice(page.offset, page.offset + page.limit).map(verificationOut), total: hits.length });
  });
};
