// Changes an account's name and settings; settings left out stay as they are.
// Errors: account.not_found, request.invalid
import type { Flow } from '../../runner.ts';
import type { Account, AccountSettings } from '../model.ts';
import { DomainError, invalid } from '../../errors.ts';

export const updateAccount: Flow<{ accountId: number; name?: string; settings?: Partial<AccountSettings> }, Account> = async (ctx, i) => {
  const account = await ctx.uow.accounts.get(i.accountId);
  if (!account) throw new DomainError('account.not_found');
  if (i.name !== undefined && !i.name.trim()) throw invalid('name', 'must not be empty');
  if (i.settings?.monthlyAllowanceMinor !== undefined && (!Number.isInteger(i.settings.monthlyAllowanceMinor) || i.settings.monthlyAllowanceMinor < 0)) throw invalid('monthly_allowance', 'must be a non-negative amount');
  return ctx.uow.accounts.update({ ...account, name: i.name ?? account.name, settings: { ...account.settings, ...i.settings }, updatedAt: ctx.now });
};
