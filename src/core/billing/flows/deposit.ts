// Adds money to an account's ledger (sandbox top-up, CLI, opening balance).
// Errors: account.not_found, billing.invalid_amount
import type { Flow } from '../../runner.ts';
import type { LedgerEntry } from '../model.ts';
import { DomainError } from '../../errors.ts';
import { toMinor } from '../model.ts';

export const deposit: Flow<{ accountId: number; amount: number; description?: string }, { entry: LedgerEntry; balanceMinor: number }> = async (ctx, i) => {
  const account = await ctx.uow.accounts.get(i.accountId);
  if (!account) throw new DomainError('account.not_found');
  if (!Number.isFinite(i.amount) || i.amount <= 0 || i.amount > 1e9) throw new DomainError('billing.invalid_amount', 'The amount must be positive');
  const entry = await ctx.uow.ledger.append({ accountId: account.id, kind: 'deposit', amountMinor: toMinor(i.amount), currency: account.currency, description: i.description ?? 'Deposit', reference: `account:${account.id}`, createdAt: ctx.now });
  return { entry, balanceMinor: await ctx.uow.ledger.balanceMinor(account.id) };
};
