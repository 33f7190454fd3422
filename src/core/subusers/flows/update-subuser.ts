// Enables or disables an external user, or sets its password. Errors: user.not_found, request.invalid
import type { Flow } from '../../runner.ts';
import { invalid } from '../../errors.ts';
import type { Subuser } from '../model.ts';
import { MIN_PASSWORD } from '../model.ts';
import { ownSubuser } from './get-subuser.ts';

export const updateSubuser: Flow<{ accountId: number; username: string; enabled?: boolean; password?: string }, Subuser> = async (ctx, i) => {
  const s = await ownSubuser(ctx, i.accountId, i.username);
  const next: Subuser = { ...s, updatedAt: ctx.now };
  if (i.enabled !== undefined) next.enabled = i.enabled;
  if (i.password !== undefined) {
    if (String(i.password).length < MIN_PASSWORD) throw invalid('password', `must have at least ${MIN_PASSWORD} characters`);
    next.passwordHash = await ctx.hasher.hash(i.password);
  }
  return ctx.uow.subusers.update(next);
};
