// Authenticates an external user by username and password: enabled, its account active, and the caller's IP one
// the account's API users accept (an external user calls from the account's registered addresses, as its users do).
// Stamps the login.
// Errors: auth.failed, auth.ip_denied, account.inactive
import type { Flow } from '../../runner.ts';
import { DomainError } from '../../errors.ts';
import { ipPermitted } from '../../auth/ip.ts';
import type { Subuser } from '../model.ts';

export const authenticateSubuser: Flow<{ username: string; password: string; ip: string }, Subuser> = async (ctx, i) => {
  const s = i.username ? await ctx.uow.subusers.byUsername(String(i.username).trim()) : null;
  const ok = await ctx.hasher.verify(String(i.password ?? ''), s?.passwordHash ?? 'scrypt$unknown');
  if (!s || !ok || !s.enabled) throw new DomainError('auth.failed');
  const account = await ctx.uow.accounts.get(s.accountId);
  if (!account || account.status !== 'active') throw new DomainError('account.inactive');
  const users = (await ctx.uow.users.list(s.accountId, {}, { limit: 1000, offset: 0 })).results.filter((u) => u.isActive && u.apiAccessEnabled);
  if (!users.some((u) => ipPermitted(i.ip, u.apiIps))) throw new DomainError('auth.ip_denied', `Calls from ${i.ip} are not allowed for this account`);
  return ctx.uow.subusers.update({ ...s, lastLoginAt: ctx.now });
};
