// Issues a bearer token for a username and password; earlier tokens stay valid.
// Errors: auth.failed, auth.ip_denied, auth.api_disabled, account.inactive, request.invalid
import { createHash } from 'node:crypto';
import type { Flow, FlowContext } from '../../runner.ts';
import type { User } from '../../users/model.ts';
import { DomainError } from '../../errors.ts';
import { authenticatePassword } from './authenticate-password.ts';
import { isCidr, ipPermitted } from '../ip.ts';

export const TOKEN_TTL_MS = 48 * 3_600_000;

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface LoginInput {
  username: string;
  password: string;
  /** the caller's address */
  ip: string;
  /** the address the client says it will call from; "0.0.0.0" or empty = any */
  declaredIp?: string;
}

export const login: Flow<LoginInput, { token: string; accountId: number; userId: number; expiresAt: Date }> = async (ctx, input) => {
  const { actor, user } = await authenticatePassword(ctx, { login: input.username, password: input.password, ip: input.ip });
  const declared = (input.declaredIp ?? '').trim();
  if (declared && declared !== '0.0.0.0') {
    if (!isCidr(declared) || declared.includes('/')) throw new DomainError('request.invalid', 'ip: not a valid IP address', { field: 'ip' });
    if (!ipPermitted(declared, user.apiIps)) throw new DomainError('auth.ip_denied', `Calls from ${declared} are not allowed for this user`);
  }
  const { token, expiresAt } = await issueToken(ctx, user, declared && declared !== '0.0.0.0' ? declared : '');
  await ctx.uow.users.touch(user.id, 'lastLoginAt', ctx.now);
  return { token, accountId: actor.accountId, userId: user.id, expiresAt };
};

/** Stores a new bearer token for a user (valid TOKEN_TTL_MS on the sandbox clock, optionally bound to an IP). */
export async function issueToken(ctx: FlowContext, user: Pick<User, 'id' | 'accountId'>, ip = ''): Promise<{ token: string; expiresAt: Date }> {
  const token = ctx.random.hex(16);
  const expiresAt = new Date(ctx.now.getTime() + TOKEN_TTL_MS);
  await ctx.uow.tokens.insert({ tokenHash: tokenHash(token), userId: user.id, accountId: user.accountId, ip, issuedAt: ctx.now, expiresAt });
  return { token, expiresAt };
}
