// Authenticates by email + key (+ password): an API user with its own key, or a standard/super user with its
// password and the account's key.
// Errors: auth.failed, auth.ip_denied, auth.api_disabled, account.inactive
import { timingSafeEqual } from 'node:crypto';
import type { Flow } from '../../runner.ts';
import type { Actor, User } from '../../users/model.ts';
import { DomainError } from '../../errors.ts';
import { checkUserMayCall } from './authenticate-password.ts';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const authenticateKey: Flow<{ email: string; password: string; key: string; ip: string }, { actor: Actor; user: User }> = async (ctx, input) => {
  if (!input.email || !input.key) throw new DomainError('auth.failed');
  const user = await ctx.uow.users.byEmail(input.email);
  if (!user) throw new DomainError('auth.failed');
  if (user.kind === 'api') {
    if (!user.apiKey || !same(input.key, user.apiKey)) throw new DomainError('auth.failed');
  } else {
    const account = await ctx.uow.accounts.get(user.accountId);
    if (!account || !same(input.key, account.apiKey)) throw new DomainError('auth.failed');
    if (!input.password || !(await ctx.hasher.verify(input.password, user.passwordHash))) throw new DomainError('auth.failed');
  }
  const actor = await checkUserMayCall(ctx, user, input.ip);
  return { actor, user };
};
