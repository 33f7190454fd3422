// account/info (seed L506-549): the account's name, API user, balance (the core ledger), low-balance threshold,
// currency and the caller's IP.
import type { ActionHandler } from './types.ts';
import { runQuery } from '../../../core/runner.ts';
import { getAccount } from '../../../core/accounts/flows/get-account.ts';
import { fromMinor } from '../../../core/billing/model.ts';
import { phpFloat } from '../wire.ts';

export const accountInfo: ActionHandler = async ({ actor, services, ip }) => {
  const { account, balanceMinor } = await runQuery(services, getAccount, { accountId: actor.accountId });
  // The core keeps no low-balance alert level; an account setting `lowBalanceThreshold` (a number) is shown when
  // present, else 0.0 (no alert). See docs/mrdomain-errors.md, "Choices".
  const threshold = typeof account.settings.lowBalanceThreshold === 'number' ? account.settings.lowBalanceThreshold : 0;
  return {
    responseData: {
      clientName: account.name,
      apiuser: actor.username,
      balance: phpFloat(fromMinor(balanceMinor)),
      threshold: phpFloat(threshold),
      currency: account.currency,
      ip,
    },
  };
};
