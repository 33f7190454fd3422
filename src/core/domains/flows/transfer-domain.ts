// Transfer in. The name must be held: by another account on this instance (a transfer out for it, which that
// account may approve or reject, auto-acknowledged after the TLD's period), or elsewhere (the sandbox API reveals
// those auth codes). With a right auth code the transfer price is debited and the domain is REQ until the TLD's
// auto-approve period has passed, the approval link mailed to the current owner is followed, or the sandbox
// completes it; it then becomes ACT with one year added to the old expiry. A wrong auth code leaves a FAI domain
// (nothing charged) that `restartOperation` can retry with a corrected code (Openprovider 000:573-642, R15-R17;
// MrDomain BR-13..BR-16).
// Errors: domain.name_invalid, domain.tld_not_supported, domain.transfer_not_allowed, domain.auth_code_invalid,
//   domain.premium_not_accepted, domain.additional_data_required, request.invalid, contact.not_found,
//   account.not_found, billing.insufficient_funds
import type { Flow, FlowContext } from '../../runner.ts';
import { DomainError } from '../../errors.ts';
import type { Registry } from '../../registry/registry.ts';
import { parseDomainName } from '../../registry/names.ts';
import { sendMail } from '../../outbox/send-mail.ts';
import type { Autorenew, Domain, Nameserver } from '../model.ts';
import { DAY_MS, newAuthCode } from '../model.ts';
import type { Actor, ContactKeys, DomainResult } from '../ops.ts';
import { accountOf, charge, checkRequirements, currencyOf, history, insert, reference, resolveContacts, result, save, settle } from '../ops.ts';
import { availability } from './check-domain.ts';
import { checkNameservers } from '../nameservers.ts';

export interface TransferDomainInput {
  registry: Registry;
  accountId: number;
  name: string | { name: string; extension: string };
  authCode?: string;
  contacts: ContactKeys;
  nameservers?: Nameserver[];
  autorenew?: Autorenew;
  additionalData?: Record<string, string>;
  acceptPremium?: number | boolean;
  actor?: Actor;
}

/** the auth code the name's current holder has; null when the name is not held anywhere */
async function holderAuthCode(ctx: FlowContext, registry: Registry, name: string, accountId: number): Promise<{ code: string; holder: Domain | null }> {
  const n = parseDomainName(name);
  let holder = await ctx.uow.domains.holderOf(n.name);
  if (holder) holder = await settle(ctx, registry, holder);
  if (holder?.holdsName) {
    if (holder.accountId === accountId) throw new DomainError('domain.transfer_not_allowed', `${n.unicode} is already in your account`, { reason: 'own domain' });
    if (holder.phase !== 'active' && holder.phase !== 'grace') throw new DomainError('domain.transfer_not_allowed', `${n.unicode} cannot be transferred while ${holder.phase.replace('_', ' ')}`, { reason: holder.phase });
    if (holder.locked) throw new DomainError('domain.transfer_not_allowed', `${n.unicode} is locked for transfer at its current registrar`, { reason: 'locked' });
    if (holder.transferOut) throw new DomainError('domain.transfer_not_allowed', `A transfer of ${n.unicode} is already in progress`, { reason: 'pending transfer' });
    return { code: holder.authCode, holder };
  }
  if (registry.isRegisteredElsewhere(n) && !registry.isReserved(n) && !(await ctx.uow.domains.everActive(n.name))) return { code: registry.elsewhereAuthCode(n.name), holder: null };
  throw new DomainError('domain.transfer_not_allowed', `${n.unicode} is not registered: register it instead`, { reason: 'not registered' });
}

/** starts (or restarts) the transfer of `d`: checks the code, charges, mails the approval link; or marks FAI */
export async function startTransfer(ctx: FlowContext, registry: Registry, d: Domain, authCode: string, actor: Actor | undefined): Promise<{ domain: Domain; charged: number }> {
  const account = await accountOf(ctx, d.accountId);
  const policy = registry.policy(d.tld);
  const { code, holder } = await holderAuthCode(ctx, registry, d.name, d.accountId);
  if (policy.transferAuthCode && authCode !== code) {
    const failed = await save(ctx, registry, {
      ...d, phase: 'failed', pending: { ...(d.pending ?? emptyPending(ctx.now)), kind: 'transfer', authCode, chargedMinor: 0 },
      lastOperation: { kind: 'transfer', at: ctx.now, ok: false, reason: authCode ? 'Invalid auth code' : 'Auth code required' },
    });
    await history(ctx, failed, 'transfer', 'Transfer failed', authCode ? 'The registry refused the auth code' : 'No auth code was given', actor);
    return { domain: failed, charged: 0 };
  }
  const price = registry.price({ name: d.name, unicode: d.unicodeName, sld: d.sld, tld: d.tld, idn: d.name.includes('xn--') }, 'transfer');
  const charged = await charge(ctx, account, price, `domain.transfer ${d.name}`, reference(d));
  const completesAt = new Date(ctx.now.getTime() + policy.transferAutoApproveDays * DAY_MS);
  const token = ctx.random.hex(20);
  let next = await save(ctx, registry, {
    ...d, phase: 'requested',
    pending: { kind: 'transfer', requestedAt: ctx.now, completesAt, years: 1, chargedMinor: charged, authCode, fromAccountId: holder?.accountId ?? null, fromDomainId: holder?.id ?? null, approvalToken: token },
    lastOperation: { kind: 'transfer', at: ctx.now, ok: true, reason: '' },
  });
  await ctx.uow.domains.insertToken({ token, kind: 'transfer_approval', domainId: next.id, createdAt: ctx.now, expiresAt: completesAt });
  if (holder) {
    await ctx.uow.domains.update({ ...holder, transferOut: { toAccountId: d.accountId, toDomainId: d.id, requestedAt: ctx.now, autoAckAt: completesAt }, nextEventAt: completesAt, updatedAt: ctx.now });
    await history(ctx, holder, 'transfer_out', 'Transfer out requested', `Another registrar account asked for ${d.unicodeName}; it is acknowledged automatically on ${completesAt.toISOString().slice(0, 10)} unless rejected`);
  }
  // the approval mail (FOA) goes to the current registrant: the holder's owner here, or the owner given for a name held elsewhere
  const ownerId = holder ? holder.contacts.owner : d.contacts.owner;
  const owner = await ctx.uow.contacts.get(holder ? holder.accountId : d.accountId, ownerId);
  if (owner?.email) {
    const link = `${ctx.publicUrl}/_sandbox/domains/transfers/approve/${token}`;
    await sendMail(ctx, {
      accountId: holder ? holder.accountId : d.accountId, to: owner.email, from: 'transfers@resellbox.local', kind: 'domain-transfer-approval',
      subject: `Transfer of ${d.unicodeName}: approval requested`,
      body: `A transfer of ${d.unicodeName} to another registrar has been requested.\n\nTo approve it now, open:\n${link}\n\nIf you do nothing, the transfer is approved automatically on ${completesAt.toISOString().slice(0, 10)}.\n`,
    });
  }
  await history(ctx, next, 'transfer', 'Transfer requested', `Transfer of ${d.unicodeName} requested; auto-approval on ${completesAt.toISOString().slice(0, 10)}`, actor);
  next = (await ctx.uow.domains.byId(next.id)) ?? next;
  return { domain: next, charged };
}

function emptyPending(now: Date): NonNullable<Domain['pending']> {
  return { kind: 'transfer', requestedAt: now, completesAt: now, years: 1, chargedMinor: 0, authCode: '', fromAccountId: null, fromDomainId: null, approvalToken: '' };
}

export const transferDomain: Flow<TransferDomainInput, DomainResult> = async (ctx, i) => {
  const account = await accountOf(ctx, i.accountId);
  const n = parseDomainName(i.name);
  const policy = i.registry.policy(n.tld);
  if (!policy.transferAllowed) throw new DomainError('domain.transfer_not_allowed', `.${policy.tld} domains cannot be transferred`);
  const authCode = String(i.authCode ?? '').trim();
  if (policy.transferAuthCode && !authCode) throw new DomainError('domain.auth_code_invalid', `An auth code is required to transfer .${policy.tld} domains`, { field: 'auth_code', reason: 'required' });
  await holderAuthCode(ctx, i.registry, n.name, account.id);
  const mine = await ctx.uow.domains.byName(account.id, n.name);
  if (mine && (mine.phase === 'requested' || mine.phase === 'failed')) throw new DomainError('domain.transfer_not_allowed', `A transfer of ${n.unicode} already exists in your account (id ${mine.id}): restart it instead`, { reason: 'exists', id: mine.id });
  const av = await availability(ctx, i.registry, account.id, n);
  if (av.premium) {
    const ok = i.acceptPremium === true || (typeof i.acceptPremium === 'number' && i.acceptPremium >= av.prices.transfer);
    if (!ok) throw new DomainError('domain.premium_not_accepted', `${n.unicode} is a premium name: accept ${av.prices.transfer / 100} ${av.currency}`, { price: av.prices.transfer, currency: av.currency });
  }
  const contacts = await resolveContacts(ctx, account.id, i.contacts);
  const additionalData = Object.fromEntries(Object.entries(i.additionalData ?? {}).map(([k, v]) => [k, String(v)]));
  await checkRequirements(ctx, policy, account.id, contacts.owner, additionalData);
  const nameservers = (i.nameservers ?? []).map((ns) => ({ name: ns.name, ipv4: ns.ipv4 ?? '', ipv6: ns.ipv6 ?? '' }));
  const hosts = checkNameservers(n.name, nameservers, []);
  const draft: Omit<Domain, 'id' | 'version' | 'nextEventAt'> = {
    accountId: account.id, name: n.name, unicodeName: n.unicode, sld: n.sld, tld: n.tld, origin: 'transfer', phase: 'requested', holdsName: false,
    pending: emptyPending(ctx.now), lastOperation: null, period: 1, orderedAt: ctx.now, activatedAt: null, expiresAt: null, addGraceUntil: null, addGraceRefundMinor: 0,
    deletedAt: null, deleteReason: '', autorenew: i.autorenew ?? 'default', locked: false, updateBlocked: false, whoisPrivacy: false, authCode: newAuthCode(ctx.random.hex(16)),
    contacts, nameservers, hosts, dnssec: [], additionalData, premium: av.premium, tags: [], comments: '', transferOut: null, createdAt: ctx.now, updatedAt: ctx.now,
  };
  const d = await insert(ctx, i.registry, draft);
  const started = await startTransfer(ctx, i.registry, d, authCode, i.actor);
  return result(ctx, i.registry, started.domain, started.charged, currencyOf(account));
};
