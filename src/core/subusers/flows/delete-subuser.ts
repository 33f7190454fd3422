// Deletes an external user of the account. Errors: user.not_found
import type { Flow } from '../../runner.ts';
import { ownSubuser } from './get-subuser.ts';

export const deleteSubuser: Flow<{ accountId: number; username: string }, void> = async (ctx, i) => {
  const s = await ownSubuser(ctx, i.accountId, i.username);
  await ctx.uow.subusers.delete(s.accountId, s.id);
};
