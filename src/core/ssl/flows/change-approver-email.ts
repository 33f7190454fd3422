// Changes the approver address of a requested order (Openprovider "for an SSL order in REQ status", 000:2404;
// MrDomain changevalidationmethod with an address): the address must be one of the approver addresses of the
// hostname ("a valid email address from a pre-approved list", 000:2327). Hostnames validated by email that are still
// pending (all of them, or `hostname` only) switch to the new address, and "validation email will be resent
// automatically" to it.
// Errors: ssl.order_not_found, ssl.invalid_state, ssl.approver_email_invalid, request.invalid
import type { Flow } from '../../runner.ts';
import { DomainError, invalid } from '../../errors.ts';
import type { SslOrder } from '../model.ts';
import { approverEmailsFor, isApproverFor, notInState } from '../model.ts';
import { loadOrder, mailApprovers } from '../order-ops.ts';
import { whoisEmailsOf } from '../whois.ts';

export const changeApproverEmail: Flow<{ accountId: number; orderId: number; approverEmail: string; hostname?: string }, SslOrder> = async (ctx, i) => {
  const o = await loadOrder(ctx, i.accountId, i.orderId);
  if (o.state !== 'requested' || o.cancelAt) throw notInState(o, 'an approver email change');
  const email = String(i.approverEmail ?? '').trim().toLowerCase();
  if (!email) throw invalid('approver_email', 'is required');
  const host = i.hostname?.trim().toLowerCase();
  if (host && !o.dcv.some((d) => d.hostname === host)) throw invalid('hostname', `${i.hostname} is not a hostname of the order`);
  const targets = o.dcv.filter((d) => d.status === 'pending' && (host ? d.hostname === host : d.method === 'email'));
  if (!targets.length) throw new DomainError('ssl.invalid_state', 'No hostname of the order is waiting for email validation', { state: o.state });
  for (const d of targets) {
    const known = await whoisEmailsOf(ctx, d.hostname);
    if (!isApproverFor(d.hostname, email, known)) throw new DomainError('ssl.approver_email_invalid', `${email} may not approve ${d.hostname}`, { field: 'approver_email', allowed: approverEmailsFor(d.hostname, known) });
  }
  const names = targets.map((d) => d.hostname);
  const next: SslOrder = {
    ...o,
    approverEmail: host ? o.approverEmail : email,
    dcv: o.dcv.map((d) => (names.includes(d.hostname) ? { ...d, method: 'email', approverEmail: email, token: ctx.random.hex(16) } : d)),
    updatedAt: ctx.now,
  };
  return ctx.uow.ssl.update(await mailApprovers(ctx, next, names));
};
