// Resolves a bearer token to an actor, on the sandbox clock.
// Errors: auth.token_invalid, auth.ip_denied, auth.api_disabled, account.inactive
import type { Flow } from '../../runner.ts';
import type { Actor } from '../../users/model.ts';
import { DomainError } from '../../errors.ts';
import { tokenHash } from './login.ts';
import { checkUserMayCall } from './authenticate-password.ts';
import { ipPermitted } from '../ip.ts';

export const authenticateToken: Flow<{ token: string; ip: string }, Actor> = async (ctx, input) => {
  if (!input.token) throw new DomainError('auth.token_invalid');
  const rec = await ctx.uow.tokens.get(tokenHash(input.token));
  if (!rec || rec.expiresAt.getTime() <= ctx.now.getTime()) throw new DomainError('auth.token_invalid');
  const user = await ctx.uow.users.get(rec.accountId, rec.userId);
  if (!user) throw new DomainError('auth.token_invalid');
  if (rec.ip && !ipPermitted(input.ip, { allow: [rec.ip], deny: [] })) throw new DomainError('auth.ip_denied', `This token was issued for calls from ${rec.ip}`);
  return checkUserMayCall(ctx, user, input.ip);
};
