// Restores a domain in redemption (expired past its auto-renew grace, or deleted): the restore fee, plus for an
// expired domain one year's renewal counted from the old expiry (registry practice: a restore renews).
// Errors: domain.not_found, domain.invalid_state, account.not_found, billing.insufficient_funds
import type { Flow } from '../../runner.ts';
import type { Registry } from '../../registry/registry.ts';
import { addYears, projectAt } from '../model.ts';
import type { Actor, DomainKey, DomainResult } from '../ops.ts';
import { accountOf, assertPhase, charge, currencyOf, history, loadDomain, nameOf, reference, result, save } from '../ops.ts';

export interface RestoreDomainInput {
  registry: Registry;
  accountId: number;
  domain: DomainKey;
  actor?: Actor;
}

export const restoreDomain: Flow<RestoreDomainInput, DomainResult> = async (ctx, i) => {
  const account = await accountOf(ctx, i.accountId);
  const d = await loadDomain(ctx, i.registry, i.accountId, i.domain);
  const policy = i.registry.policy(d.tld);
  assertPhase(d, projectAt(d, policy, ctx.now), ['redemption'], 'Restoring');
  const expired = !d.deletedAt || (d.expiresAt !== null && d.expiresAt <= ctx.now);
  let expiresAt = d.expiresAt;
  let price = i.registry.price(nameOf(d), 'restore');
  if (expired && expiresAt) {
    while (expiresAt <= ctx.now) {
      expiresAt = addYears(expiresAt, 1);
      price += i.registry.price(nameOf(d), 'renew');
    }
  }
  const charged = await charge(ctx, account, price, `domain.restore ${d.name}`, reference(d));
  const next = await save(ctx, i.registry, { ...d, deletedAt: null, deleteReason: '', expiresAt, lastOperation: { kind: 'restore', at: ctx.now, ok: true, reason: '' } });
  await history(ctx, next, 'restore', 'Domain restored', `Restored from redemption; expires ${expiresAt?.toISOString().slice(0, 10)}`, i.actor);
  return result(ctx, i.registry, next, charged, currencyOf(account));
};
