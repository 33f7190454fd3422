// Reads one user of an account.
// Errors: user.not_found
import type { Flow } from '../../runner.ts';
import type { User } from '../model.ts';
import { DomainError } from '../../errors.ts';

export const getUser: Flow<{ accountId: number; id: number }, User> = async (ctx, { accountId, id }) => {
  const u = await ctx.uow.users.get(accountId, id);
  if (!u) throw new DomainError('user.not_found');
  return u;
};
