// One external user of the account, by username. Errors: user.not_found
import type { Flow, FlowContext } from '../../runner.ts';
import { DomainError } from '../../errors.ts';
import type { Subuser } from '../model.ts';

export async function ownSubuser(ctx: FlowContext, accountId: number, username: string): Promise<Subuser> {
  const s = username ? await ctx.uow.subusers.byUsername(String(username).trim()) : null;
  if (!s || s.accountId !== accountId) throw new DomainError('user.not_found', `User ${username} not found`);
  return s;
}

export const getSubuser: Flow<{ accountId: number; username: string }, Subuser> = async (ctx, i) => ownSubuser(ctx, i.accountId, i.username);
