// Reads an account's monthly allowance: the limit set on the account, what this calendar month's charges used of it
// and what remains, plus the deposit (ledger balance). The rule is docs/adr/0006-ssl247-deposit-allowance.md.
// Errors: account.not_found
import type { Flow } from '../../runner.ts';
import { DomainError } from '../../errors.ts';
import { allowanceOf, monthWindow, type Allowance } from '../model.ts';

export const getAllowance: Flow<{ accountId: number }, Allowance & { balanceMinor: number; currency: string }> = async (ctx, { accountId }) => {
  const account = await ctx.uow.accounts.get(accountId);
  if (!account) throw new DomainError('account.not_found');
  const { from, to } = monthWindow(ctx.now);
  const charged = await ctx.uow.ledger.sumMinor(accountId, 'charge', from, to);
  const refunded = await ctx.uow.ledger.sumMinor(accountId, 'refund', from, to);
  return { ...allowanceOf(account.settings.monthlyAllowanceMinor ?? 0, charged, refunded), balanceMinor: await ctx.uow.ledger.balanceMinor(accountId), currency: account.currency };
};
