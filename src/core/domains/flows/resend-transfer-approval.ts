// Sends the approval mail (FOA) of a pending transfer in again, with the same approval link, to the current
// registrant (Openprovider "Send foa1", 000:5840-5899). The transfer's approval period does not restart.
// Errors: domain.not_found, domain.invalid_state
import type { Flow } from '../../runner.ts';
import { DomainError } from '../../errors.ts';
import type { Registry } from '../../registry/registry.ts';
import { sendMail } from '../../outbox/send-mail.ts';
import type { Actor, DomainKey } from '../ops.ts';
import { history, loadDomain } from '../ops.ts';

export interface ResendTransferApprovalInput {
  registry: Registry;
  accountId: number;
  domain: DomainKey;
  actor?: Actor;
}

export const resendTransferApproval: Flow<ResendTransferApprovalInput, { sentTo: string }> = async (ctx, i) => {
  const d = await loadDomain(ctx, i.registry, i.accountId, i.domain);
  const op = d.pending;
  if (d.phase !== 'requested' || op?.kind !== 'transfer' || !op.approvalToken) {
    throw new DomainError('domain.invalid_state', `${d.unicodeName} has no transfer waiting for approval`, { reason: d.phase });
  }
  const holder = op.fromDomainId !== null ? await ctx.uow.domains.byId(op.fromDomainId) : null;
  const owner = holder ? await ctx.uow.contacts.get(holder.accountId, holder.contacts.owner) : await ctx.uow.contacts.get(d.accountId, d.contacts.owner);
  if (!owner?.email) throw new DomainError('domain.invalid_state', 'The current registrant has no email address', { reason: 'no email' });
  const link = `${ctx.publicUrl}/_sandbox/domains/transfers/approve/${op.approvalToken}`;
  await sendMail(ctx, {
    accountId: holder ? holder.accountId : d.accountId, to: owner.email, from: 'transfers@resellbox.local', kind: 'domain-transfer-approval',
    subject: `Transfer of ${d.unicodeName}: approval requested`,
    body: `A transfer of ${d.unicodeName} to another registrar has been requested.\n\nTo approve it now, open:\n${link}\n\nIf you do nothing, the transfer is approved automatically on ${op.completesAt.toISOString().slice(0, 10)}.\n`,
  });
  await history(ctx, d, 'transfer', 'Approval mail sent again', `The approval mail was sent again to ${owner.email}`, i.actor);
  return { sentTo: owner.email };
};
