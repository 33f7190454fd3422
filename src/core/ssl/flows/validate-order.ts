// Checks domain control for each pending hostname of a requested order and records what passed:
//  - dns: the CNAME (or a TXT with the same value) the order asks for, looked up over real DNS (a record made
//    through Resellbox's own DNS API validates the order when the lookup points at our DNS server);
//  - http / https: the file fetched from the hostname;
//  - email: approved only by following the link in the approver mail (approve-by-link.ts).
// The look-ups run outside any transaction; the result is written by recordValidation in one.
// A command of its own rather than a Flow because it does network I/O between a read and a write.
// Errors: ssl.order_not_found, ssl.invalid_state
import type { Services } from '../../runner.ts';
import { runFlow, runQuery } from '../../runner.ts';
import type { DcvEntry, SslOrder } from '../model.ts';
import { dcvChallenge, dnsAnswersMatch, fileMatches, notInState } from '../model.ts';
import type { SslDeps } from '../ports.ts';
import { loadOrder } from '../order-ops.ts';
import { recordValidation } from './record-validation.ts';

export interface ValidationCheck {
  hostname: string;
  method: DcvEntry['method'];
  ok: boolean;
  /** what was looked at and why it did not pass */
  detail: string;
}

/** checks one hostname; never throws (a failed look-up is a failed check) */
export async function checkHostname(deps: Pick<SslDeps, 'dns' | 'http'>, o: SslOrder, d: DcvEntry): Promise<ValidationCheck> {
  const ch = dcvChallenge(o.dcvSecret, d.hostname, d.method);
  const base = { hostname: d.hostname, method: d.method };
  try {
    if (d.method === 'dns') {
      if (!deps.dns) return { ...base, ok: false, detail: 'no DNS resolver configured' };
      const [cnames, txts] = await Promise.all([deps.dns.cname(ch.dnsName).catch(() => []), deps.dns.txt(ch.dnsName).catch(() => [])]);
      const ok = dnsAnswersMatch(ch, cnames, txts);
      return { ...base, ok, detail: ok ? `${ch.dnsName} CNAME ${ch.dnsValue}` : `${ch.dnsName}: expected CNAME ${ch.dnsValue}, found ${[...cnames, ...txts].join(', ') || 'nothing'}` };
    }
    if (d.method === 'http' || d.method === 'https') {
      if (!deps.http) return { ...base, ok: false, detail: 'no HTTP client configured' };
      const r = await deps.http.get(ch.fileUrl);
      const ok = fileMatches(ch, r.status, r.body);
      return { ...base, ok, detail: ok ? ch.fileUrl : `${ch.fileUrl}: HTTP ${r.status}, expected the first line ${ch.sha256}` };
    }
    return { ...base, ok: d.status === 'validated', detail: d.status === 'validated' ? 'approved' : `waiting for ${d.approverEmail} to follow the approval link` };
  } catch (e) {
    return { ...base, ok: false, detail: e instanceof Error ? e.message : String(e) };
  }
}

export async function validateOrder(s: Services, deps: SslDeps, i: { accountId: number; orderId: number }): Promise<{ order: SslOrder; checks: ValidationCheck[] }> {
  const o = await runQuery(s, (ctx, x: typeof i) => loadOrder(ctx, x.accountId, x.orderId), i);
  if (o.state !== 'requested' || o.cancelAt) throw notInState(o, 'validation');
  const checks = await Promise.all(o.dcv.filter((d) => d.status === 'pending').map((d) => checkHostname(deps, o, d)));
  const order = await runFlow(s, recordValidation, { accountId: i.accountId, orderId: i.orderId, ca: deps.ca, validated: checks.filter((c) => c.ok).map((c) => c.hostname), dcvSecret: o.dcvSecret });
  return { order, checks };
}
