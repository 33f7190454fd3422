// Trade: the owner change as a registry operation (Openprovider POST /domains/trade; R20). Only where the TLD
// allows it (domain.trade_not_allowed otherwise, Openprovider code 321), with the current auth code where the TLD
// asks for one; debits the trade price. The domain stays ACT, its type becomes TRADE.
// Errors: domain.not_found, domain.trade_not_allowed, domain.auth_code_invalid, domain.invalid_state,
//   domain.update_blocked, domain.additional_data_required, contact.not_found, request.invalid, account.not_found,
//   billing.insufficient_funds
import type { Flow } from '../../runner.ts';
import { DomainError } from '../../errors.ts';
import type { Registry } from '../../registry/registry.ts';
import { projectAt } from '../model.ts';
import type { Actor, ContactKeys, DomainKey, DomainResult } from '../ops.ts';
import { accountOf, assertNotBlocked, assertPhase, charge, checkRequirements, currencyOf, history, loadDomain, nameOf, reference, resolveContacts, result, save } from '../ops.ts';

export interface TradeDomainInput {
  registry: Registry;
  accountId: number;
  domain: DomainKey;
  /** the new owner (required) and optionally the other roles */
  contacts: ContactKeys;
  authCode?: string;
  additionalData?: Record<string, string>;
  actor?: Actor;
}

export const tradeDomain: Flow<TradeDomainInput, DomainResult> = async (ctx, i) => {
  const account = await accountOf(ctx, i.accountId);
  const d = await loadDomain(ctx, i.registry, i.accountId, i.domain);
  const policy = i.registry.policy(d.tld);
  if (!policy.tradeAllowed) throw new DomainError('domain.trade_not_allowed', `Trade is not allowed for .${policy.tld}`);
  assertPhase(d, projectAt(d, policy, ctx.now), ['active'], 'Trade');
  assertNotBlocked(d);
  if (!i.contacts.owner) throw new DomainError('request.invalid', 'owner_handle: the new owner is required', { field: 'owner_handle', reason: 'required' });
  if (policy.tradeAuthCode && String(i.authCode ?? '') !== d.authCode) throw new DomainError('domain.auth_code_invalid', 'The auth code is invalid', { field: 'auth_code' });
  const contacts = await resolveContacts(ctx, account.id, i.contacts, { ...d.contacts, owner: 0 });
  const additionalData = { ...d.additionalData, ...Object.fromEntries(Object.entries(i.additionalData ?? {}).map(([k, v]) => [k, String(v)])) };
  await checkRequirements(ctx, policy, account.id, contacts.owner, additionalData);
  const charged = await charge(ctx, account, i.registry.price(nameOf(d), 'trade'), `domain.trade ${d.name}`, reference(d));
  const next = await save(ctx, i.registry, { ...d, contacts, additionalData, origin: 'trade', lastOperation: { kind: 'trade', at: ctx.now, ok: true, reason: '' } });
  await history(ctx, next, 'trade', 'Owner changed (trade)', `The registrant of ${d.unicodeName} changed`, i.actor);
  return result(ctx, i.registry, next, charged, currencyOf(account));
};
