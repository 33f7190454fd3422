// Follows a verification link: the address is verified, and so are the contacts that carry it.
// Errors: verification.link_invalid
import type { Flow } from '../../runner.ts';
import type { EmailVerification } from '../model.ts';
import { projectVerification } from '../model.ts';
import { DomainError } from '../../errors.ts';
import { markContactsVerifying } from './start-verification.ts';

export const verifyEmail: Flow<{ token: string }, EmailVerification> = async (ctx, { token }) => {
  const v = token ? await ctx.uow.verifications.byToken(token) : null;
  if (!v) throw new DomainError('verification.link_invalid');
  const status = projectVerification(v, ctx.now);
  if (status === 'verified') return v;
  if (status !== 'in progress') throw new DomainError('verification.link_invalid', 'The verification link has expired');
  const done: EmailVerification = { ...v, status: 'verified', verifiedAt: ctx.now, updatedAt: ctx.now };
  await ctx.uow.verifications.update(done);
  await markContactsVerifying(ctx, v.accountId, v.email, 'verified');
  return done;
};
