// Updates a domain: contacts (owner only where the TLD allows an owner change by update; otherwise trade), auto
// renew (on/off/default), transfer lock, WHOIS privacy, modification block, nameservers (with glue for
// in-bailiwick hosts), DNSSEC entries (replaced), auth code reset, additional data, tags, comments. Every field
// is optional; absent = unchanged. One history entry per changed aspect. While modifications are blocked only
// `updateBlocked` may change (MrDomain BR-19).
// Errors: domain.not_found, domain.invalid_state, domain.update_blocked, domain.not_supported,
//   domain.trade_not_allowed, domain.additional_data_required, contact.not_found, request.invalid
import type { Flow } from '../../runner.ts';
import { DomainError, invalid } from '../../errors.ts';
import type { Registry } from '../../registry/registry.ts';
import type { Autorenew, DnssecEntry, Domain, Nameserver } from '../model.ts';
import { newAuthCode, projectAt } from '../model.ts';
import type { Actor, ContactKeys, DomainKey, DomainResult } from '../ops.ts';
import { assertPhase, checkRequirements, history, loadDomain, resolveContacts, result, save } from '../ops.ts';
import { checkNameservers } from '../nameservers.ts';
import { checkDnssec } from '../dnssec.ts';

export interface DomainPatch {
  contacts?: ContactKeys;
  autorenew?: Autorenew;
  locked?: boolean;
  whoisPrivacy?: boolean;
  updateBlocked?: boolean;
  nameservers?: Nameserver[];
  dnssec?: DnssecEntry[];
  resetAuthCode?: boolean;
  additionalData?: Record<string, string>;
  tags?: string[];
  comments?: string;
}

export interface UpdateDomainInput {
  registry: Registry;
  accountId: number;
  domain: DomainKey;
  patch: DomainPatch;
  actor?: Actor;
}

export const updateDomain: Flow<UpdateDomainInput, DomainResult> = async (ctx, i) => {
  const d = await loadDomain(ctx, i.registry, i.accountId, i.domain);
  const policy = i.registry.policy(d.tld);
  const p = i.patch;
  const pr = projectAt(d, policy, ctx.now);
  const onlyBlock = Object.keys(p).filter((k) => (p as Record<string, unknown>)[k] !== undefined).every((k) => k === 'updateBlocked');
  if (!onlyBlock) {
    assertPhase(d, pr, ['active', 'grace'], 'Updating');
    if (d.updateBlocked && p.updateBlocked !== false) throw new DomainError('domain.update_blocked', `Domain ${d.unicodeName} has modifications blocked`);
  }
  const next: Domain = { ...d };
  const notes: [string, string, string][] = [];
  if (p.contacts) {
    const contacts = await resolveContacts(ctx, d.accountId, p.contacts, d.contacts);
    if (contacts.owner !== d.contacts.owner) {
      if (!policy.modifyOwnerAllowed) throw new DomainError('domain.trade_not_allowed', `The owner of .${policy.tld} domains changes only through a trade`, { field: 'owner_handle', reason: 'trade required' });
      await checkRequirements(ctx, policy, d.accountId, contacts.owner, { ...d.additionalData, ...(p.additionalData ?? {}) });
    }
    if (JSON.stringify(contacts) !== JSON.stringify(d.contacts)) notes.push(['contacts', 'Contacts updated', 'The domain contacts have been updated.']);
    next.contacts = contacts;
  }
  if (p.autorenew !== undefined) {
    if (!['on', 'off', 'default'].includes(p.autorenew)) throw invalid('autorenew', 'must be on, off or default');
    if (p.autorenew !== d.autorenew) notes.push(['autorenew', 'Renewal mode', `Auto-renew set to ${p.autorenew}.`]);
    next.autorenew = p.autorenew;
  }
  if (p.locked !== undefined && p.locked !== d.locked) {
    if (!policy.transferLock) throw new DomainError('domain.not_supported', `.${policy.tld} does not support a transfer lock`, { field: 'is_locked' });
    next.locked = p.locked;
    notes.push(['lock', 'Transfer lock', p.locked ? 'The transfer lock has been activated.' : 'The transfer lock has been removed.']);
  }
  if (p.whoisPrivacy !== undefined && p.whoisPrivacy !== d.whoisPrivacy) {
    if (!policy.whoisPrivacy) throw new DomainError('domain.not_supported', `.${policy.tld} does not support WHOIS privacy`, { field: 'is_private_whois_enabled' });
    next.whoisPrivacy = p.whoisPrivacy;
    notes.push(['whois_privacy', 'Whois Privacy status', p.whoisPrivacy ? 'The Whois privacy service has been activated.' : 'The Whois privacy service has been deactivated.']);
  }
  if (p.updateBlocked !== undefined && p.updateBlocked !== d.updateBlocked) {
    next.updateBlocked = p.updateBlocked;
    notes.push(['block', 'Modification block', p.updateBlocked ? 'Modifications are now blocked.' : 'Modifications are allowed again.']);
  }
  if (p.nameservers) {
    const ns = p.nameservers.map((n) => ({ name: n.name, ipv4: n.ipv4 ?? '', ipv6: n.ipv6 ?? '' }));
    next.hosts = checkNameservers(d.name, ns, d.hosts);
    next.nameservers = ns;
    notes.push(['nameservers', 'Nameservers updated', ns.map((n) => n.name).join(', ') || 'No nameservers']);
  }
  if (p.dnssec) {
    if (!policy.dnssec && p.dnssec.length) throw new DomainError('domain.not_supported', `.${policy.tld} does not support DNSSEC`, { field: 'dnssec_keys' });
    next.dnssec = p.dnssec.map((e, n) => checkDnssec(e, `dnssec_keys[${n}]`));
    notes.push(['dnssec', 'DNSSEC updated', `${next.dnssec.length} DNSSEC entr${next.dnssec.length === 1 ? 'y' : 'ies'}`]);
  }
  if (p.resetAuthCode) {
    next.authCode = newAuthCode(ctx.random.hex(16));
    notes.push(['authcode', 'Auth code reset', 'A new auth code has been generated.']);
  }
  if (p.additionalData) next.additionalData = { ...d.additionalData, ...Object.fromEntries(Object.entries(p.additionalData).map(([k, v]) => [k, String(v)])) };
  if (p.tags) next.tags = [...new Set(p.tags.map((t) => String(t).trim()).filter(Boolean))];
  if (p.comments !== undefined) next.comments = String(p.comments);
  if (p.additionalData || p.tags || p.comments !== undefined) notes.push(['update', 'Domain updated', 'Domain data updated.']);
  const saved = await save(ctx, i.registry, next);
  for (const [kind, title, message] of notes) await history(ctx, saved, kind, title, message, i.actor);
  return result(ctx, i.registry, saved);
};
