// Tries the last operation again (Openprovider "Try again last operation" with `auth_code`, MrDomain
// transferrestart with an optional new authcode): a failed transfer in is started again (the code is checked,
// the price debited); a transfer still pending gets its new code checked and its approval period restarted.
// Errors: domain.not_found, domain.invalid_state, domain.transfer_not_allowed, domain.auth_code_invalid,
//   account.not_found, billing.insufficient_funds
import type { Flow } from '../../runner.ts';
import { DomainError } from '../../errors.ts';
import type { Registry } from '../../registry/registry.ts';
import type { Actor, DomainKey, DomainResult } from '../ops.ts';
import { currencyOf, accountOf, failPending, loadDomain, result } from '../ops.ts';
import { startTransfer } from './transfer-domain.ts';

export interface RestartOperationInput {
  registry: Registry;
  accountId: number;
  domain: DomainKey;
  /** a new auth code; default the one given before */
  authCode?: string;
  actor?: Actor;
}

export const restartOperation: Flow<RestartOperationInput, DomainResult> = async (ctx, i) => {
  const account = await accountOf(ctx, i.accountId);
  let d = await loadDomain(ctx, i.registry, i.accountId, i.domain, { includeGone: false });
  if (d.pending?.kind !== 'transfer' || (d.phase !== 'failed' && d.phase !== 'requested')) {
    throw new DomainError('domain.invalid_state', `${d.unicodeName} has no failed or pending operation to restart`, { reason: d.phase });
  }
  const authCode = String(i.authCode ?? d.pending.authCode ?? '').trim();
  if (i.registry.policy(d.tld).transferAuthCode && !authCode) throw new DomainError('domain.auth_code_invalid', 'An auth code is required', { field: 'auth_code', reason: 'required' });
  // a pending transfer: undo it (refund) before starting again, so nothing is charged twice
  if (d.phase === 'requested') d = await failPending(ctx, i.registry, d, 'Restarted', i.actor);
  const started = await startTransfer(ctx, i.registry, d, authCode, i.actor);
  return result(ctx, i.registry, started.domain, started.charged, currencyOf(account));
};
