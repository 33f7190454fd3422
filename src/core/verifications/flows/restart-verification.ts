// Sends the verification mail again with a fresh link and a fresh validity window.
// Errors: request.invalid, verification.not_found
import type { Flow } from '../../runner.ts';
import type { EmailVerification } from '../model.ts';
import { VERIFICATION_TTL_MS } from '../model.ts';
import { DomainError, invalid } from '../../errors.ts';
import { isEmail } from '../../people.ts';
import { mailVerification } from './start-verification.ts';

export const restartVerification: Flow<{ accountId: number; email: string }, EmailVerification> = async (ctx, i) => {
  const email = (i.email ?? '').trim();
  if (!isEmail(email)) throw invalid('email', 'is not a valid email address');
  const latest = await ctx.uow.verifications.latestFor(i.accountId, email);
  if (!latest) throw new DomainError('verification.not_found', `No verification was started for ${email}`);
  if (latest.status === 'verified') return latest;
  const v: EmailVerification = { ...latest, status: 'in progress', token: ctx.random.hex(20), expiresAt: new Date(ctx.now.getTime() + VERIFICATION_TTL_MS), updatedAt: ctx.now };
  await ctx.uow.verifications.update(v);
  await mailVerification(ctx, v);
  return v;
};
