// The MrDomain view of a core domain (seed 003 §5, inventory §3.1, §3.3-3.6, §4.1-4.4, §4.7): statuses, the base
// fields every domain answer starts with, and the infoType blocks of domain/getinfo and domain/list.
//
// Status (§4.1) from the core phase projected to now:
//   requested (registration) → register-init; requested (transfer) → transfer-pending; failed transfer →
//   transfer-cancel; active → active; grace → expired-renewgrace; redemption → expired-redemption;
//   pending_delete → expired-pendingdelete; deleted → inactive (a registration the registry refused →
//   register-cancel). `tsExpir` is "" while the registry has not activated the domain (WIRE-FACTS MrDomain 6).
// renewalMode (§4.3): core autorenew on → autorenew; off → manual, or letexpire when the client chose it (kept in the
//   domain's additional data as `renewal_mode`, a MrDomain-only nuance: the core knows on/off/default only);
//   default → the account's auto-renew setting.
// viewWhois has no core field either: kept as additional data `view_whois` ("1"/"0"), default true.
import type { Services } from '../../../core/runner.ts';
import { runQuery } from '../../../core/runner.ts';
import type { Contact } from '../../../core/contacts/model.ts';
import { contactType } from '../../../core/contacts/model.ts';
import type { Domain } from '../../../core/domains/model.ts';
import type { DomainResult } from '../../../core/domains/ops.ts';
import { DEFAULT_NAMESERVERS } from '../../../core/dns/model.ts';
import { phoneToDotted } from '../../../core/people.ts';
import { verificationStatus } from './contact.ts';
import type { Wire } from '../wire.ts';

export const DOMAIN_STATUSES = [
  'register-init', 'register-pending', 'register-cancel', 'transfer-init', 'transfer-pending', 'transfer-cancel', 'inactive', 'active', 'renewed',
  'expired-renewgrace', 'expired-redemption', 'expired-pendingdelete',
] as const;
export type MrdStatus = (typeof DOMAIN_STATUSES)[number];

export function statusOf(r: Pick<DomainResult, 'domain' | 'state'>): MrdStatus {
  const { domain: d, state } = r;
  switch (state.phase) {
    case 'requested':
      return d.pending?.kind === 'transfer' ? 'transfer-pending' : 'register-init';
    case 'failed':
      return 'transfer-cancel';
    case 'active':
      return 'active';
    case 'grace':
      return 'expired-renewgrace';
    case 'redemption':
      return 'expired-redemption';
    case 'pending_delete':
      return 'expired-pendingdelete';
    default:
      return d.lastOperation?.kind === 'register' && !d.lastOperation.ok ? 'register-cancel' : 'inactive';
  }
}

/** the phases a MrDomain status filter selects */
export function phasesOf(s: MrdStatus): Domain['phase'][] {
  const map: Record<MrdStatus, Domain['phase'][]> = {
    'register-init': ['requested'], 'register-pending': ['requested'], 'register-cancel': ['deleted'], 'transfer-init': ['requested'], 'transfer-pending': ['requested'],
    'transfer-cancel': ['failed'], inactive: ['deleted'], active: ['active'], renewed: ['active'], 'expired-renewgrace': ['grace'], 'expired-redemption': ['redemption'],
    'expired-pendingdelete': ['pending_delete'],
  };
  return map[s];
}

/** `transferStatus` (§4.2, inventory A-49): for transfers in only — queued/pending-registry while pending, cancelled,
 * completed once done; "" for a domain that was registered here */
export function transferStatusOf(r: Pick<DomainResult, 'domain' | 'state'>): string {
  const d = r.domain;
  if (r.state.phase === 'failed') return 'cancelled';
  if (r.state.phase === 'requested' && d.pending?.kind === 'transfer') return d.pending.fromDomainId !== null ? 'pending-registry' : 'queued';
  return d.origin === 'transfer' ? 'completed' : '';
}

export const day = (d: Date | null): string => (d ? d.toISOString().slice(0, 10) : '');
export const stamp = (d: Date): string => d.toISOString().slice(0, 19).replace('T', ' ');

/** the base fields of every domain answer (L1708-1712), in the seed's order */
export function baseOf(r: Pick<DomainResult, 'domain' | 'state'>): { name: string; status: MrdStatus; tld: string; tsExpir: string; domainID: number } {
  const d = r.domain;
  const pending = r.state.phase === 'requested' || r.state.phase === 'failed';
  return { name: d.unicodeName, status: statusOf(r), tld: d.tld, tsExpir: pending ? '' : day(d.expiresAt), domainID: d.id };
}

export type RenewalMode = 'autorenew' | 'manual' | 'letexpire';
export function renewalModeOf(d: Domain, accountAutoRenew: boolean): RenewalMode {
  if (d.autorenew === 'on') return 'autorenew';
  if (d.autorenew === 'default') return accountAutoRenew ? 'autorenew' : 'manual';
  return d.additionalData.renewal_mode === 'letexpire' ? 'letexpire' : 'manual';
}

export const viewWhoisOf = (d: Domain): boolean => d.additionalData.view_whois !== '0';
export const isDefaultNs = (d: Domain): boolean => d.nameservers.length === DEFAULT_NAMESERVERS.length && d.nameservers.every((n, i) => n.name === DEFAULT_NAMESERVERS[i]);

export function addressLine(c: Contact): string {
  const a = c.address;
  const first = [a.street, a.number, a.suffix].filter((s) => s && s.trim()).join(' ');
  return [first, a.line2, a.line3].filter((s) => s && s.trim()).join(', ');
}

/** the Contact Response (L2615-2666) as domain/getinfo infoType=contact shows it */
export function contactOf(c: Contact | null): Wire {
  if (!c) return {};
  return {
    contactID: c.ref, contactType: contactType(c), firstName: c.name.firstName, lastName: c.name.lastName, orgName: c.companyName, orgType: c.orgType,
    identNumber: c.identNumber || c.vat, email: c.email, phone: phoneToDotted(c.phone), fax: phoneToDotted(c.fax), address: addressLine(c), postalCode: c.address.zipcode,
    city: c.address.city, state: c.address.state, country: c.address.country, verificationstatus: verificationStatus(c), daaccepted: c.daAccepted,
    esNicHandle: typeof c.extra.esNicHandle === 'string' ? c.extra.esNicHandle : '',
  };
}

export type InfoType = 'status' | 'contact' | 'nameservers' | 'authcode' | 'service' | 'gluerecords' | 'dnssec';

export interface InfoContext {
  services: Services;
  accountId: number;
  accountAutoRenew: boolean;
  /** the auth code, read by the caller through the core (infoType authcode) */
  authCode?: string;
}

/** whether a DNS zone of the domain's name exists in the account: the zone is MrDomain's service for the domain */
export async function zoneOf(services: Services, accountId: number, name: string): Promise<boolean> {
  const z = await runQuery(services, (ctx) => ctx.uow.dns.zoneByName(name), null);
  return !!z && z.accountId === accountId;
}

export const authcodeCheckOf = (r: DomainResult): boolean => ['active', 'grace', 'redemption'].includes(r.state.phase);

/** the block an infoType adds to the base fields (§3.1) */
export async function infoBlock(r: DomainResult, type: InfoType, c: InfoContext): Promise<Record<string, Wire>> {
  const d = r.domain;
  switch (type) {
    case 'status': {
      const owner = await runQuery(c.services, (ctx) => ctx.uow.contacts.get(c.accountId, d.contacts.owner), null);
      const out: Record<string, Wire> = {
        tsCreate: day(d.activatedAt ?? d.orderedAt),
        renewable: r.state.renewable,
        renewalMode: renewalModeOf(d, c.accountAutoRenew),
        modifyBlock: d.updateBlocked,
      };
      // "only for domains that allow it" (L1719-1723)
      if (r.policy.transferLock) out.transferBlock = d.locked;
      if (r.policy.whoisPrivacy) out.whoisPrivacy = d.whoisPrivacy;
      out.viewWhois = viewWhoisOf(d);
      out.authcodeCheck = authcodeCheckOf(r);
      out.serviceAssociated = await zoneOf(c.services, c.accountId, d.name);
      out.tag = d.tags.join(',');
      out.ownerverification = owner ? verificationStatus(owner) : 'notapplicable';
      out.transferStatus = transferStatusOf(r);
      return out;
    }
    case 'contact': {
      const get = (id: number | null) => (id ? runQuery(c.services, (ctx) => ctx.uow.contacts.get(c.accountId, id), null) : Promise.resolve(null));
      return {
        contactOwner: contactOf(await get(d.contacts.owner)),
        contactAdmin: contactOf(await get(d.contacts.admin ?? d.contacts.owner)),
        contactTech: contactOf(await get(d.contacts.tech ?? d.contacts.admin ?? d.contacts.owner)),
        contactBilling: contactOf(await get(d.contacts.billing ?? d.contacts.admin ?? d.contacts.owner)),
      };
    }
    case 'nameservers':
      return nameserversBlock(d);
    case 'authcode':
      return { authcode: c.authCode ?? '' };
    case 'service': {
      // The zone stands for the "Redirect And Parking" service (§4.9) in this sandbox; no zone, no service block.
      if (!(await zoneOf(c.services, c.accountId, d.name))) return {};
      return { service: { name: d.name, type: 'Redirect And Parking Service', productkey: 'redir', status: 'active', tsExpir: baseOf(r).tsExpir } };
    }
    case 'gluerecords':
      return { gluerecords: glueOf(d) };
    case 'dnssec':
      return { dnssec: dnssecOf(d) };
  }
}

export function nameserversBlock(d: Domain): Record<string, Wire> {
  const hostIp = (name: string) => d.hosts.find((h) => h.name === name)?.ipv4[0] ?? '';
  return { defaultNS: isDefaultNs(d), nameservers: d.nameservers.map((n, i) => ({ order: i + 1, name: n.name, ipv4: n.ipv4 || hostIp(n.name) })) };
}

/** glue records: `ipv6` only when the host has one (L1451-1454) */
export function glueOf(d: Domain): Wire[] {
  return d.hosts.map((h) => ({ name: h.name, ipv4: h.ipv4[0] ?? '', ...(h.ipv6.length ? { ipv6: h.ipv6[0] } : {}) }));
}

export function dnssecOf(d: Domain): Wire {
  const entries = d.dnssec.map((e) => (e.kind === 'ds' ? { keytag: e.keytag, algorithm: e.alg, digesttype: e.digestType, digest: e.digest } : { keytag: 0, algorithm: e.alg, digesttype: 0, digest: e.pubKey }));
  return { active: entries.length > 0, entries };
}
