// Renews a domain: the new term counts from the current expiry date (never from today), in the TLD's periods,
// never beyond ten years ahead; allowed while active (inside the TLD's renew window, if it has one) and in the
// auto-renew grace period. `expectedExpiry` is MrDomain's curExpDate guard against double renewals.
// Errors: domain.not_found, domain.renew_not_allowed, domain.update_blocked, request.invalid, account.not_found,
//   billing.insufficient_funds
import type { Flow } from '../../runner.ts';
import { DomainError } from '../../errors.ts';
import type { Registry } from '../../registry/registry.ts';
import { addYears, projectAt } from '../model.ts';
import type { Actor, DomainKey, DomainResult } from '../ops.ts';
import { accountOf, charge, currencyOf, history, loadDomain, nameOf, periodOf, reference, result, save } from '../ops.ts';

export interface RenewDomainInput {
  registry: Registry;
  accountId: number;
  domain: DomainKey;
  /** years; default the TLD's minimum */
  period?: number;
  /** the expiry date the client believes current (YYYY-MM-DD compared); a mismatch refuses the renewal */
  expectedExpiry?: string;
  actor?: Actor;
}

export const MAX_YEARS_AHEAD = 10;

export const renewDomain: Flow<RenewDomainInput, DomainResult> = async (ctx, i) => {
  const account = await accountOf(ctx, i.accountId);
  const d = await loadDomain(ctx, i.registry, i.accountId, i.domain);
  const policy = i.registry.policy(d.tld);
  const pr = projectAt(d, policy, ctx.now);
  if (!policy.renewAllowed) throw new DomainError('domain.renew_not_allowed', `.${policy.tld} domains cannot be renewed`);
  if (pr.phase !== 'active' && pr.phase !== 'grace') throw new DomainError('domain.renew_not_allowed', `${d.unicodeName} cannot be renewed while ${pr.phase.replace('_', ' ')}`, { reason: pr.phase });
  if (!pr.renewable) throw new DomainError('domain.renew_not_allowed', `${d.unicodeName} can be renewed only in the ${policy.renewWindowDays} days before expiry`, { reason: 'outside renew window' });
  if (d.updateBlocked) throw new DomainError('domain.update_blocked', `Domain ${d.unicodeName} has modifications blocked`);
  const years = periodOf(policy, i.period);
  const current = d.expiresAt!;
  if (i.expectedExpiry !== undefined) {
    const want = String(i.expectedExpiry).replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3');
    if (want !== current.toISOString().slice(0, 10)) throw new DomainError('domain.renew_not_allowed', `The current expiry date of ${d.unicodeName} is ${current.toISOString().slice(0, 10)}`, { field: 'curExpDate', reason: 'mismatch' });
  }
  const expiresAt = addYears(current, years);
  if (expiresAt.getTime() > addYears(ctx.now, MAX_YEARS_AHEAD).getTime()) throw new DomainError('request.invalid', `period: the expiry date cannot be more than ${MAX_YEARS_AHEAD} years ahead`, { field: 'period', reason: 'out of range' });
  const price = i.registry.price(nameOf(d), 'renew') * years;
  const charged = await charge(ctx, account, price, `domain.renew ${d.name} ${years}y`, reference(d));
  const next = await save(ctx, i.registry, { ...d, expiresAt, period: years, lastOperation: { kind: 'renew', at: ctx.now, ok: true, reason: '' } });
  await history(ctx, next, 'renew', 'Domain renewed', `Renewed for ${years} year(s) until ${expiresAt.toISOString().slice(0, 10)}`, i.actor);
  return result(ctx, i.registry, next, charged, currencyOf(account));
};
