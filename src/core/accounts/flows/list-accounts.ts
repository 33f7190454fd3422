// Lists every account on the instance with its balance (operators only: CLI and sandbox API).
import type { Flow } from '../../runner.ts';
import type { Account } from '../model.ts';

export const listAccounts: Flow<Record<string, never>, Array<{ account: Account; balanceMinor: number; users: number }>> = async (ctx) => {
  const out = [];
  for (const account of await ctx.uow.accounts.list()) {
    const users = await ctx.uow.users.list(account.id, {}, { limit: 1, offset: 0 });
    out.push({ account, balanceMinor: await ctx.uow.ledger.balanceMinor(account.id), users: users.total });
  }
  return out;
};
