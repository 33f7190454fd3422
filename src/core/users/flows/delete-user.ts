// Deletes a user. The last user of an account cannot be deleted (nobody could log in again).
// Errors: user.not_found, auth.forbidden
import type { Flow } from '../../runner.ts';
import { DomainError } from '../../errors.ts';

export const deleteUser: Flow<{ accountId: number; id: number; actorUserId?: number }, void> = async (ctx, { accountId, id, actorUserId }) => {
  const user = await ctx.uow.users.get(accountId, id);
  if (!user) throw new DomainError('user.not_found');
  if (actorUserId === id) throw new DomainError('auth.forbidden', 'A user cannot delete itself');
  const { total } = await ctx.uow.users.list(accountId, {}, { limit: 1, offset: 0 });
  if (total <= 1) throw new DomainError('auth.forbidden', 'The last user of an account cannot be deleted');
  await ctx.uow.users.delete(accountId, id);
};
