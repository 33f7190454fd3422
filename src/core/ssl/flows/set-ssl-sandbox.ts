// The account's SSL sandbox switches: `autoApprove` approves every order's hostnames and organisation check as soon
// as it goes to the CA (for users who do not care about validation); `orgCheckDelay` (a duration like "2d", "0s")
// replaces the default OV/EV organisation-check delay (OV 2 days, EV 5 days). Kept in the account settings
// (`sslAutoApprove`, `sslOrgCheckDelay`).
// Errors: account.not_found, request.invalid
import type { Flow } from '../../runner.ts';
import type { Account } from '../../accounts/model.ts';
import { invalid } from '../../errors.ts';
import { parseDuration } from '../../clock.ts';
import { accountOf } from '../order-ops.ts';

export const setSslSandbox: Flow<{ accountId: number; autoApprove?: boolean; orgCheckDelay?: string | null }, Account> = async (ctx, i) => {
  const a = await accountOf(ctx, i.accountId);
  const settings = { ...a.settings };
  if (i.autoApprove !== undefined) settings.sslAutoApprove = !!i.autoApprove;
  if (i.orgCheckDelay !== undefined) {
    if (i.orgCheckDelay === null || i.orgCheckDelay === '') delete settings.sslOrgCheckDelay;
    else {
      const ms = parseDuration(i.orgCheckDelay);
      if (ms === null || ms < 0) throw invalid('org_check_delay', 'must be a duration like 2d, 36h or 0s');
      settings.sslOrgCheckDelay = i.orgCheckDelay;
    }
  }
  return ctx.uow.accounts.update({ ...a, settings, updatedAt: ctx.now });
};
