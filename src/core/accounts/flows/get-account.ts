// Reads an account with its balance.
// Errors: account.not_found
import type { Flow } from '../../runner.ts';
import type { Account } from '../model.ts';
import { DomainError } from '../../errors.ts';

export const getAccount: Flow<{ accountId: number }, { account: Account; balanceMinor: number }> = async (ctx, { accountId }) => {
  const account = await ctx.uow.accounts.get(accountId);
  if (!account) throw new DomainError('account.not_found');
  return { account, balanceMinor: await ctx.uow.ledger.balanceMinor(accountId) };
};
