// Starts verifying an email address: a mail with a link goes to the outbox; following the link verifies it.
// A verification still in progress for the same address is not started twice.
// Errors: request.invalid, verification.in_progress (details.id = the running one), contact.not_found
import type { Flow, FlowContext } from '../../runner.ts';
import type { EmailVerification } from '../model.ts';
import { VERIFICATION_TTL_MS, projectVerification } from '../model.ts';
import { DomainError, invalid } from '../../errors.ts';
import { isEmail } from '../../people.ts';
import { sendMail } from '../../outbox/send-mail.ts';

export interface StartVerificationInput {
  accountId: number;
  email: string;
  handle?: string;
  language?: string;
}

export async function mailVerification(ctx: FlowContext, v: EmailVerification): Promise<void> {
  const link = `${ctx.publicUrl}/_sandbox/verify-email/${v.token}`;
  await sendMail(ctx, {
    accountId: v.accountId,
    to: v.email,
    from: 'verification@resellbox.test',
    subject: 'Please verify your email address',
    body: `Hello,\n\nPlease confirm that ${v.email} is your email address by following this link:\n\n${link}\n\nThe link is valid until ${v.expiresAt.toISOString()}.\n`,
    links: [link],
    kind: 'email-verification',
  });
}

export async function markContactsVerifying(ctx: FlowContext, accountId: number, email: string, status: 'in progress' | 'verified'): Promise<void> {
  const found = await ctx.uow.contacts.search(accountId, { email }, { limit: 10_000, offset: 0 });
  for (const c of found.results) if (c.email.toLowerCase() === email.toLowerCase()) await ctx.uow.contacts.update({ ...c, emailVerification: status, updatedAt: ctx.now });
}

export const startVerification: Flow<StartVerificationInput, EmailVerification> = async (ctx, i) => {
  const email = (i.email ?? '').trim();
  if (!isEmail(email)) throw invalid('email', 'is not a valid email address');
  if (i.handle) {
    const c = await ctx.uow.contacts.byKey(i.accountId, i.handle);
    if (!c || c.deletedAt) throw new DomainError('contact.not_found', `Contact ${i.handle} not found`);
  }
  const latest = await ctx.uow.verifications.latestFor(i.accountId, email);
  if (latest && projectVerification(latest, ctx.now) === 'in progress') throw new DomainError('verification.in_progress', undefined, { id: latest.id });
  const v = await ctx.uow.verifications.insert({
    accountId: i.accountId,
    email,
    handle: i.handle ?? '',
    status: 'in progress',
    token: ctx.random.hex(20),
    language: i.language ?? 'en',
    isSuspended: false,
    createdAt: ctx.now,
    expiresAt: new Date(ctx.now.getTime() + VERIFICATION_TTL_MS),
    verifiedAt: null,
    updatedAt: ctx.now,
  });
  await mailVerification(ctx, v);
  await markContactsVerifying(ctx, i.accountId, email, 'in progress');
  return v;
};
