// Registers a free name: checks availability, period, premium acceptance, contacts and the TLD's additional
// data; debits the create price × period in the same transaction. The domain is ACT at once for real-time TLDs,
// REQ until the TLD's registration delay has passed otherwise (Openprovider 000:508/[SW]; MrDomain register-init).
// During a TLD's early access phase (EAP) the create also owes the phase's one-time fee: the caller must accept it
// (`acceptEapFee`), else domain.premium_not_accepted naming the fee and nothing is written; the fee is part of the
// same ledger debit (create × period + fee) and of the add-grace refund.
// Errors: domain.name_invalid, domain.tld_not_supported, domain.not_supported (IDN where the TLD has none), domain.taken, domain.reserved, domain.premium_not_accepted,
//   domain.additional_data_required, request.invalid, contact.not_found, account.not_found, billing.insufficient_funds
import type { Flow } from '../../runner.ts';
import { DomainError } from '../../errors.ts';
import type { Registry } from '../../registry/registry.ts';
import { parseDomainName, parseHostName } from '../../registry/names.ts';
import type { Autorenew, Domain, Nameserver } from '../model.ts';
import { addDays, newAuthCode } from '../model.ts';
import type { Actor, ContactKeys, DomainResult } from '../ops.ts';
import { accountOf, charge, checkRequirements, completePending, currencyOf, history, insert, periodOf, reference, resolveContacts, result, save } from '../ops.ts';
import { availability } from './check-domain.ts';
import { checkNameservers } from '../nameservers.ts';

export interface RegisterDomainInput {
  registry: Registry;
  accountId: number;
  name: string | { name: string; extension: string };
  /** years; default the TLD's minimum */
  period?: number;
  contacts: ContactKeys;
  nameservers?: { name: string; ipv4?: string; ipv6?: string }[];
  autorenew?: Autorenew;
  additionalData?: Record<string, string>;
  /** premium names: the price (minor units, per year) the client accepts; `true` accepts whatever the check said */
  acceptPremium?: number | boolean;
  /** early access: the EAP fee (minor units, once) the client accepts; `true` accepts whatever the check said */
  acceptEapFee?: number | boolean;
  whoisPrivacy?: boolean;
  locked?: boolean;
  tags?: string[];
  comments?: string;
  actor?: Actor;
}

export const registerDomain: Flow<RegisterDomainInput, DomainResult> = async (ctx, i) => {
  const account = await accountOf(ctx, i.accountId);
  const n = parseDomainName(i.name);
  const policy = i.registry.policy(n.tld);
  const years = periodOf(policy, i.period);
  if (n.idn && !policy.idn) throw new DomainError('domain.not_supported', `.${policy.tld} does not accept internationalised names`, { field: 'domain', reason: 'idn' });
  const av = await availability(ctx, i.registry, i.accountId, n);
  if (av.status === 'reserved') throw new DomainError('domain.reserved', `${n.unicode} is reserved by the registry`);
  if (av.status !== 'free') throw new DomainError('domain.taken', `${n.unicode} is already registered`, { reason: av.heldByYou ? 'in your account' : 'registered' });
  if (av.premium) {
    const ok = i.acceptPremium === true || (typeof i.acceptPremium === 'number' && i.acceptPremium >= av.prices.create);
    if (!ok) throw new DomainError('domain.premium_not_accepted', `${n.unicode} is a premium name: accept ${av.prices.create / 100} ${av.currency} per year`, { price: av.prices.create, currency: av.currency });
  }
  const eapFee = av.eapFeeMinor;
  if (eapFee > 0) {
    const ok = i.acceptEapFee === true || (typeof i.acceptEapFee === 'number' && i.acceptEapFee >= eapFee);
    if (!ok) throw new DomainError('domain.premium_not_accepted', `.${policy.tld} is in early access: accept the EAP fee of ${(eapFee / 100).toFixed(2)} ${av.currency} (on top of the create price)`, { eapFee, price: av.prices.create, currency: av.currency });
  }
  const contacts = await resolveContacts(ctx, account.id, i.contacts);
  const additionalData = Object.fromEntries(Object.entries(i.additionalData ?? {}).map(([k, v]) => [k, String(v)]));
  await checkRequirements(ctx, policy, account.id, contacts.owner, additionalData);
  if (i.whoisPrivacy && !policy.whoisPrivacy) throw new DomainError('domain.not_supported', `.${policy.tld} does not support WHOIS privacy`, { field: 'whois_privacy' });
  const nameservers: Nameserver[] = (i.nameservers ?? []).map((ns) => ({ name: parseHostName(ns.name, 'name_servers'), ipv4: ns.ipv4 ?? '', ipv6: ns.ipv6 ?? '' }));
  const hosts = checkNameservers(n.name, nameservers, []);

  const price = av.prices.create * years + eapFee;
  const immediate = policy.registrationDelayMinutes <= 0;
  const draft: Omit<Domain, 'id' | 'version' | 'nextEventAt'> = {
    accountId: account.id, name: n.name, unicodeName: n.unicode, sld: n.sld, tld: n.tld, origin: 'create', phase: 'requested', holdsName: true,
    pending: {
      kind: 'register', requestedAt: ctx.now, completesAt: new Date(ctx.now.getTime() + policy.registrationDelayMinutes * 60_000), years, chargedMinor: price,
      authCode: '', fromAccountId: null, fromDomainId: null, approvalToken: '',
    },
    lastOperation: null, period: years, orderedAt: ctx.now, activatedAt: null, expiresAt: null, addGraceUntil: addDays(ctx.now, policy.addGraceDays), addGraceRefundMinor: price,
    deletedAt: null, deleteReason: '', autorenew: i.autorenew ?? 'default', locked: !!i.locked && policy.transferLock, updateBlocked: false, whoisPrivacy: !!i.whoisPrivacy,
    authCode: newAuthCode(ctx.random.hex(16)), contacts, nameservers, hosts, dnssec: [], additionalData, premium: av.premium, tags: i.tags ?? [], comments: i.comments ?? '',
    transferOut: null, createdAt: ctx.now, updatedAt: ctx.now,
  };
  let d = await insert(ctx, i.registry, draft);
  const charged = await charge(ctx, account, price, `domain.create ${n.name} ${years}y${eapFee > 0 ? ` + EAP fee ${(eapFee / 100).toFixed(2)} ${av.currency}` : ''}`, reference(d));
  await history(ctx, d, 'create', 'Domain registration requested', `Registration of ${n.unicode} for ${years} year(s)`, i.actor);
  if (immediate) d = await completePending(ctx, i.registry, d);
  else d = await save(ctx, i.registry, d);
  return result(ctx, i.registry, d, charged, currencyOf(account));
};
