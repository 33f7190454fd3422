// Authenticates a user by username (or email) and password, from an IP.
// Errors: auth.failed, auth.ip_denied, auth.api_disabled, account.inactive
import type { Flow } from '../../runner.ts';
import type { Actor, User } from '../../users/model.ts';
import type { Account } from '../../accounts/model.ts';
import { DomainError } from '../../errors.ts';
import { ipPermitted } from '../ip.ts';

export interface PasswordLogin {
  /** a username, or an email when `by` is "email" */
  login: string;
  password: string;
  ip: string;
  by?: 'username' | 'email';
}

function checkUser(user: User, ip: string): void {
  if (!user.isActive) throw new DomainError('auth.failed');
  if (!user.apiAccessEnabled) throw new DomainError('auth.api_disabled');
  if (!ipPermitted(ip, user.apiIps)) throw new DomainError('auth.ip_denied', `Calls from ${ip} are not allowed for this user`);
}

function checkAccount(account: Account | null): void {
  if (!account || account.status !== 'active') throw new DomainError('account.inactive');
}

const actorOf = (user: User, ip: string): Actor => ({ accountId: user.accountId, userId: user.id, username: user.username, ip });

/** the checks every authenticated call passes, on rows already read */
export function userMayCall(user: User, account: Account | null, ip: string): Actor {
  checkUser(user, ip);
  checkAccount(account);
  return actorOf(user, ip);
}

/** the same, reading the account only when the user passes */
export async function checkUserMayCall(ctx: Parameters<Flow<unknown, unknown>>[0], user: User, ip: string): Promise<Actor> {
  checkUser(user, ip);
  checkAccount(await ctx.uow.accounts.get(user.accountId));
  return actorOf(user, ip);
}

export const authenticatePassword: Flow<PasswordLogin, { actor: Actor; user: User }> = async (ctx, input) => {
  if (!input.login || !input.password) throw new DomainError('auth.failed');
  const user = input.by === 'email' ? await ctx.uow.users.byEmail(input.login) : await ctx.uow.users.byUsername(input.login);
  // verify a hash even for unknown users, so timing does not tell which usernames exist
  const ok = await ctx.hasher.verify(input.password, user?.passwordHash ?? 'scrypt$unknown');
  if (!user || !ok) throw new DomainError('auth.failed');
  const actor = await checkUserMayCall(ctx, user, input.ip);
  return { actor, user };
};
