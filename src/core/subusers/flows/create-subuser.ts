// Creates an external user of the account: enabled, no domains. Usernames are unique on the instance, among the
// accounts' own users too (both log in with a username).
// Errors: request.invalid, user.username_taken
import type { Flow } from '../../runner.ts';
import { DomainError, invalid } from '../../errors.ts';
import type { Subuser } from '../model.ts';
import { MIN_PASSWORD, USERNAME } from '../model.ts';

export const createSubuser: Flow<{ accountId: number; username: string; password: string }, Subuser> = async (ctx, i) => {
  const username = String(i.username ?? '').trim();
  if (!USERNAME.test(username)) throw invalid('username', 'must be 3-64 letters, digits, dots, dashes, underscores or @');
  if (String(i.password ?? '').length < MIN_PASSWORD) throw invalid('password', `must have at least ${MIN_PASSWORD} characters`);
  if ((await ctx.uow.users.byUsername(username)) || (await ctx.uow.subusers.byUsername(username))) throw new DomainError('user.username_taken', `The username ${username} is already in use`);
  return ctx.uow.subusers.insert({
    accountId: i.accountId, username, passwordHash: await ctx.hasher.hash(i.password), enabled: true, lastLoginAt: null, grants: [], createdAt: ctx.now, updatedAt: ctx.now,
  });
};
