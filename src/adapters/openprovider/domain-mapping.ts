// Openprovider domain shapes ↔ core domains (seed 000:683-827, 000:5239-5326; [SW] domainGetDomainResponseData).
// Every documented field of a domain is written (79 keys, alphabetical as the Swagger lists them); nothing is null.
//
// Choices where the documents are silent (also see the route files):
// - status: requested → REQ, failed → FAI, active and the auto-renew grace (expired, still renewable) → ACT,
//   redemption / pending delete (soft and hard quarantine) and gone → DEL (000:673 lists ACT, REQ, DEL, FAI).
// - `delete_status` is "quarantine" while the domain waits in redemption or pending delete (000:5256), "" otherwise;
//   `soft_quarantine_expiry_date` = end of redemption (= `restorable_until`), `hard_quarantine_expiry_date` = the
//   moment the name is freed.
// - `renewal_date` = `expiration_date` (the core auto-renews at expiry); `creation_date` = when the registry
//   activated it, `order_date` = when it was ordered.
// - `domain.name` is the label in Unicode for IDNs (what a reseller typed); requests accept Unicode or punycode.
// - additional data keys the core stores under neutral names are shown only where Openprovider documents that key
//   (the response object is closed); the others stay stored.
import type { DomainResult } from '../../core/domains/ops.ts';
import type { DnssecEntry, Domain, DomainPhase, Nameserver } from '../../core/domains/model.ts';
import type { TldPolicy } from '../../core/registry/policy.ts';
import type { DomainHistoryEntry } from '../../core/domains/ports.ts';
import { fromMinor } from '../../core/billing/model.ts';
import { S, opDateTime, type JsonSchema } from './wire.ts';

// ------------------------------------------------------------------------------------------------ statuses

export const STATUS_OF: Record<DomainPhase, 'ACT' | 'REQ' | 'FAI' | 'DEL'> = {
  requested: 'REQ',
  failed: 'FAI',
  active: 'ACT',
  grace: 'ACT',
  redemption: 'DEL',
  pending_delete: 'DEL',
  deleted: 'DEL',
};

/** the phases an Openprovider `status` filter selects */
export const PHASES_OF: Record<string, DomainPhase[]> = {
  ACT: ['active', 'grace'],
  REQ: ['requested'],
  FAI: ['failed'],
  DEL: ['redemption', 'pending_delete', 'deleted'],
};

export const TYPE_OF: Record<Domain['origin'], string> = { create: 'NEW', transfer: 'TRANSFER', trade: 'TRADE' };

// ------------------------------------------------------------------------------------------------ money

/** `{currency, price}` in major units */
export const money = (minor: number, currency: string) => ({ currency, price: fromMinor(minor) });
/** a PriceGroup: the supplier's (product) and the reseller's price; the sandbox has one currency for both */
export const priceGroup = (minor: number, currency: string) => ({ product: money(minor, currency), reseller: money(minor, currency) });

// ------------------------------------------------------------------------------------------------ additional data

/** the documented domainAdditionalData keys that are plain strings */
export const ADDITIONAL_KEYS = [
  'abogado_acceptance', 'admin_sing_pass_id', 'ae_acceptance', 'allocation_token', 'auth_code', 'bank_acceptance', 'company_registration_number',
  'coop_acceptance', 'customer_uin', 'eligibility_type', 'eligibility_type_relationship', 'es_annex_acceptance', 'ftld_token', 'gay_donation_acceptance',
  'gay_rights_protection_acceptance', 'id_number', 'id_type', 'idn_script', 'insurance_acceptance', 'intended_use', 'law_acceptance', 'legal_type',
  'maintainer', 'membership_id', 'mobile_phone_number_verification', 'ngo_ong_eligibility_acceptance', 'ngo_ong_policy_acceptance', 'passport_number',
  'rurf_blocked_domains', 'self_service', 'trademark', 'trademark_id', 'travel_acceptance', 'vat', 'verification_code', 'vote_acceptance', 'voto_acceptance',
];

/** request `additional_data`: documented keys and any other key a TLD needs (inventory D14: arbitrary keys accepted) */
export const ADDITIONAL_DATA: JsonSchema = { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean', 'array', 'object'] } };

/** flattens request additional data to core strings (arrays joined with commas, objects as JSON) */
export function additionalIn(a: Record<string, unknown> | undefined): Record<string, string> | undefined {
  if (!a) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(a)) {
    if (v === undefined || v === null) continue;
    out[k] = Array.isArray(v) ? v.map(String).join(',') : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  return out;
}

export function additionalOut(d: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ADDITIONAL_KEYS) if (d[k] !== undefined) out[k] = d[k];
  if (d.domain_name_variants) out.domain_name_variants = d.domain_name_variants.split(',').filter(Boolean);
  if (d.customer_uin_doc_type) {
    try {
      const v = JSON.parse(d.customer_uin_doc_type) as Record<string, unknown>;
      out.customer_uin_doc_type = { description: String(v.description ?? ''), doc_type: String(v.doc_type ?? '') };
    } catch {
      out.customer_uin_doc_type = { description: '', doc_type: d.customer_uin_doc_type };
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------------ nameservers, DNSSEC

export const NAMESERVER = S.obj({ ip: S.str, ip6: S.str, name: { type: 'string' }, seq_nr: S.int });
export const DNSSEC_KEY = S.obj({ alg: S.int, flags: S.int, protocol: S.int, pub_key: S.str, readonly: S.int });
export const DOMAIN = S.obj({ extension: S.str, name: S.str });

export interface WireNameserver { ip?: string; ip6?: string; name?: string; seq_nr?: number }
export interface WireDnssecKey { alg?: number; flags?: number; protocol?: number; pub_key?: string; readonly?: number }

export function nameserversIn(list: WireNameserver[] | undefined): Nameserver[] | undefined {
  if (!list) return undefined;
  return [...list]
    .map((n, i) => ({ n, i }))
    .sort((a, b) => (a.n.seq_nr ?? a.i) - (b.n.seq_nr ?? b.i) || a.i - b.i)
    .map(({ n }) => ({ name: String(n.name ?? ''), ipv4: n.ip ?? '', ipv6: n.ip6 ?? '' }));
}

export function dnssecIn(list: WireDnssecKey[] | undefined): DnssecEntry[] | undefined {
  if (!list) return undefined;
  return list.map((k) => ({ kind: 'key', flags: Number(k.flags), protocol: Number(k.protocol ?? 3), alg: Number(k.alg), pubKey: String(k.pub_key ?? '') }));
}

function nameserversOut(d: Domain) {
  return d.nameservers.map((ns, i) => {
    const h = d.hosts.find((x) => x.name === ns.name);
    return { ip: ns.ipv4 || h?.ipv4[0] || '', ip6: ns.ipv6 || h?.ipv6[0] || '', name: ns.name, seq_nr: i + 1 };
  });
}

function dnssecOut(d: Domain) {
  return d.dnssec.flatMap((e) => (e.kind === 'key' ? [{ alg: e.alg, flags: e.flags, protocol: e.protocol, pub_key: e.pubKey, readonly: 0 }] : []));
}

// ------------------------------------------------------------------------------------------------ the domain

/** what the route looked up about the contacts of a domain */
export interface HandleInfo {
  handle: string;
  companyName: string;
  fullName: string;
}

export interface DomainOutOptions {
  handles: Map<number, HandleInfo>;
  withAdditionalData?: boolean;
  history?: DomainHistoryEntry[];
  /** nameserver group name → id */
  groupIds?: Map<string, number>;
}

export const domainParts = (d: Pick<Domain, 'unicodeName' | 'tld' | 'name'>) => {
  const unicodeTld = d.unicodeName.split('.').slice(-d.tld.split('.').length).join('.');
  return { extension: unicodeTld, name: d.unicodeName.slice(0, d.unicodeName.length - unicodeTld.length - 1) };
};

export const yesNo = (b: boolean) => (b ? 'yes' : 'no');

export function domainOut(r: DomainResult, o: DomainOutOptions) {
  const d = r.domain;
  const s = r.state;
  const p: TldPolicy = r.policy;
  const status = STATUS_OF[s.phase];
  const quarantine = s.phase === 'redemption' || s.phase === 'pending_delete';
  const handle = (id: number | null) => (id ? (o.handles.get(id)?.handle ?? '') : '');
  const owner = o.handles.get(d.contacts.owner);
  return {
    abuse_details: { abuse_id: 0, is_domain_held: false, message: '' },
    active_date: opDateTime(d.activatedAt),
    additional_data: o.withAdditionalData ? additionalOut(d.additionalData) : {},
    admin_handle: handle(d.contacts.admin),
    api_history: [],
    application_id: '',
    application_mode: '',
    application_mode_expiration_date: '',
    application_mode_title: '',
    application_notice_id: '',
    application_smd: '',
    auth_code: s.holdsName && status !== 'REQ' && status !== 'FAI' ? d.authCode : '',
    autorenew: d.autorenew,
    billing_handle: handle(d.contacts.billing),
    can_renew: s.renewable,
    comments: d.comments,
    comments_last_changed_at: '',
    creation_date: opDateTime(d.activatedAt),
    delete_status: quarantine ? 'quarantine' : '',
    deleted_at: opDateTime(d.deletedAt),
    dnssec: d.dnssec.length ? 'signedDelegation' : 'unsigned',
    dnssec_keys: dnssecOut(d),
    domain: domainParts(d),
    expiration_date: opDateTime(d.expiresAt),
    hard_quarantine_expiry_date: quarantine ? opDateTime(s.purgeAt) : '',
    has_active_sectigo_zone: false,
    has_history: true,
    history: (o.history ?? []).map((h) => ({ contents: h.message, domain: d.unicodeName, ip: h.ip, subject: h.title, timestamp: opDateTime(h.at), type: h.kind })),
    id: d.id,
    internal_auth_code: '',
    is_abusive: false,
    is_client_hold_enabled: 'false',
    is_deleted: status === 'DEL',
    is_dnssec_enabled: d.dnssec.length > 0,
    is_hosted_whois: false,
    is_lockable: p.transferLock,
    is_locked: d.locked,
    is_parked: false,
    is_premium: d.premium,
    is_private_whois_allowed: p.whoisPrivacy,
    is_private_whois_enabled: d.whoisPrivacy,
    is_sectigo_dns_enabled: false,
    is_spamexperts_enabled: false,
    last_changed: opDateTime(d.updatedAt),
    modify_owner_allowed: p.modifyOwnerAllowed,
    name_servers: nameserversOut(d),
    ns_group: d.additionalData.ns_group ?? '',
    ns_template_id: 0,
    ns_template_name: '',
    nsgroup_id: o.groupIds?.get(d.additionalData.ns_group ?? '') ?? 0,
    order_date: opDateTime(d.orderedAt),
    owner: { company_name: owner?.companyName ?? '', full_name: owner?.fullName ?? '' },
    owner_company_name: owner?.companyName ?? '',
    owner_handle: handle(d.contacts.owner),
    quarantine_expiration_date: quarantine ? opDateTime(s.purgeAt) : '',
    registry_expiration_date: opDateTime(d.expiresAt),
    registry_statuses: {
      client_hold: { is_changeable: false, value: 0 },
      client_transfer_prohibited: { is_changeable: p.transferLock, value: d.locked ? 1 : 0 },
    },
    renew: s.renewable ? 1 : 0,
    renewal_date: opDateTime(d.expiresAt),
    reseller_handle: handle(d.contacts.reseller),
    reseller_id: d.accountId,
    restorable_until: s.restorable ? opDateTime(s.redemptionEndsAt) : '',
    scheduled_at: '',
    scheduled_from: '',
    soft_quarantine_expiry_date: quarantine ? opDateTime(s.redemptionEndsAt) : '',
    status,
    tech_handle: handle(d.contacts.tech),
    trade_allowed: p.tradeAllowed,
    trade_auth_code_required: yesNo(p.tradeAuthCode),
    transfer_auth_code_required: yesNo(p.transferAuthCode),
    transfer_cancel_supported: false,
    type: TYPE_OF[d.origin],
    unit: 'y',
    use_domicile: false,
    verification_email_exp_date: '',
    verification_email_name: '',
    verification_email_status: '',
    verification_email_status_description: '',
    whois_privacy_data: { expiration_date: d.whoisPrivacy ? opDateTime(d.expiresAt) : '' },
  };
}

// ------------------------------------------------------------------------------------------------ TLDs

/** seed 000:6319-6324 (.eu: quarantine 38, soft quarantine 44): quarantine = the registry's redemption period,
 * soft quarantine = the period after expiry in which the domain is still renewable (the auto-renew grace) */
const LIFECYCLE_DAYS = (p: TldPolicy) => ({ soft: p.autoRenewGraceDays, hard: p.redemptionDays });

export function tldOut(p: TldPolicy, o: { withPrice: boolean; withDescription: boolean; withRestrictions: boolean; usageCount: number; withUsage: boolean }) {
  const g = (minor: number) => priceGroup(minor, p.currency);
  const days = LIFECYCLE_DAYS(p);
  const out: Record<string, unknown> = {
    admin_handle_supported: true,
    billing_handle_enabled: true,
    billing_handle_supported: true,
    description: o.withDescription ? { text: `.${p.tld} domain names`, url: '' } : { text: '', url: '' },
    dnssec_algorithms: p.dnssec ? [3, 5, 6, 7, 8, 10, 13, 14, 15, 16] : [],
    dnssec_allowed: p.dnssec,
    dnssec_digests_allowed: false,
    dnssec_keys_allowed: p.dnssec,
    dnssec_max_records_amount: p.dnssec ? 8 : 0,
    domicile_available: false,
    is_auth_code_available: true,
    is_auth_code_changeable: true,
    is_auth_code_requested: false,
    is_private_whois_allowed: p.whoisPrivacy,
    is_trade_auth_code_required: p.tradeAuthCode,
    is_transfer_auth_code_required: p.transferAuthCode,
    level_prices: [],
    max_period: p.periods[p.periods.length - 1],
    min_period: p.periods[0],
    name: p.tld,
    owner_handle_supported: true,
    prices: o.withPrice
      ? {
        create_price: g(p.prices.create), domicile_price: g(0), max_period: p.periods[p.periods.length - 1], min_period: p.periods[0], renew_price: g(p.prices.renew),
        reseller_price: g(p.prices.create), restore_price: g(p.prices.restore), setup_price: g(0), soft_restore_price: g(p.prices.restore), trade_price: g(p.prices.trade),
        transfer_price: g(p.prices.transfer), update_price: g(p.prices.update),
      }
      : {},
    quarantine_period: days.hard,
    renew_available: p.renewAllowed,
    reseller_handle_enabled: true,
    reseller_handle_supported: true,
    restrictions: o.withRestrictions ? p.requirements.filter((r) => r.required).map((r) => r.description) : [],
    soft_quarantine_period: days.soft,
    status: 'ACT',
    supported_application_mode: [],
    supported_idn_scripts: p.idn ? [{ description: 'Latin', value: 'LATN' }] : [],
    tech_handle_supported: true,
    trade_available: p.tradeAllowed,
    transfer_available: p.transferAllowed,
    usage_count: o.withUsage ? o.usageCount : 0,
  };
  return out;
}
