// Resolves a bearer token to an actor, on the sandbox clock. With `cache`, the token, user and account rows come
// from memory while nothing has changed them (src/core/auth/cache.ts); the checks run on every call either way.
// Errors: auth.token_invalid, auth.ip_denied, auth.api_disabled, account.inactive, auth.failed
import type { Flow } from '../../runner.ts';
import type { Actor } from '../../users/model.ts';
import { DomainError } from '../../errors.ts';
import { tokenHash } from './login.ts';
import { userMayCall } from './authenticate-password.ts';
import { ipPermitted } from '../ip.ts';
import type { AuthCache, AuthRows } from '../cache.ts';

export const authenticateToken: Flow<{ token: string; ip: string; cache?: AuthCache }, Actor> = async (ctx, input) => {
  if (!input.token) throw new DomainError('auth.token_invalid');
  const cached = input.cache?.get(input.token);
  if (cached) return actorOf(cached, input.ip, ctx.now);
  const epoch = input.cache?.epoch() ?? 0;
  const token = await ctx.uow.tokens.get(tokenHash(input.token));
  const user = token ? await ctx.uow.users.get(token.accountId, token.userId) : null;
  const rows = token && user ? { token, user, account: await ctx.uow.accounts.get(user.accountId) } : null;
  if (rows) input.cache?.set(input.token, rows, epoch);
  return actorOf(rows, input.ip, ctx.now);
};

/**
 * The same answer without a read when the cache holds the token's rows: the actor, or a DomainError; undefined when
 * the rows must be read (run authenticateToken then). Lets a face authenticate a call without a promise.
 */
export function cachedActor(cache: AuthCache | undefined, token: string, ip: string, now: Date): Actor | undefined {
  const rows = token ? cache?.get(token) : undefined;
  return rows ? actorOf(rows, ip, now) : undefined;
}

/** the checks every call with a token passes, on the rows it stands for */
function actorOf(rows: AuthRows | null, ip: string, now: Date): Actor {
  if (!rows || rows.token.expiresAt.getTime() <= now.getTime()) throw new DomainError('auth.token_invalid');
  const { token, user, account } = rows;
  if (token.ip && !ipPermitted(ip, { allow: [token.ip], deny: [] })) throw new DomainError('auth.ip_denied', `This token was issued for calls from ${token.ip}`);
  return userMayCall(user, account, ip);
}
