// The simulated registry's TLD catalogue: every delegated TLD (data/tlds.ts, from the public suffix list in tldts)
// with a policy. Defaults follow common registry practice (add grace 5 days, auto-renew grace 45, redemption 30,
// pending delete 5, transfer auto-approve 5); the seeds' TLDs get their documented specifics (SEED_OVERRIDES); an
// operator's JSON file (REGISTRY_CONFIG, see docs/adr/0009-simulated-registry.md) overrides both.
// Prices are EUR minor units: create/renew/transfer per year, restore and trade per operation.
// Early access (EAP): a TLD may list phases on the sandbox clock during which a create owes a one-time fee on top of
// its price (none by default; set through REGISTRY_CONFIG, validated by parseEapPhases).
import { invalid } from '../errors.ts';
import { DELEGATED_TLDS } from './data/tlds.ts';

export type PriceOperation = 'create' | 'renew' | 'transfer' | 'restore' | 'trade' | 'update';

/** a piece of additional data a TLD requires (Openprovider additional-data spec, MrDomain TLD-specific parameters) */
export interface RequirementField {
  /** vendor-neutral key; faces map their own names onto it (e.g. MrDomain `domainIntendedUse` → `intended_use`) */
  name: string;
  type: 'text' | 'select';
  required: boolean;
  /** when the field is required only for an owner of this kind */
  onlyFor?: 'individual' | 'company';
  description: string;
  options?: { value: string; description: string }[];
}

/** an early access phase: from `from` (inclusive) until `until` (exclusive) a create owes `feeMinor` once */
export interface EapPhase {
  from: Date;
  until: Date;
  /** the TLD's currency, minor units; charged once per registration, whatever the period */
  feeMinor: number;
}

/** an EAP phase as written in REGISTRY_CONFIG: ISO-8601 instants */
export interface EapPhaseConfig {
  from: string;
  until: string;
  feeMinor: number;
}

export interface TldPolicy {
  tld: string;
  currency: 'EUR';
  prices: Record<PriceOperation, number>;
  /** allowed registration / renewal periods, in years */
  periods: number[];
  /** whether a transfer in needs an auth code */
  transferAuthCode: boolean;
  /** whether trade needs the current auth code */
  tradeAuthCode: boolean;
  dnssec: boolean;
  idn: boolean;
  whoisPrivacy: boolean;
  transferLock: boolean;
  tradeAllowed: boolean;
  /** false: the owner changes only through a trade (Openprovider `modify_owner_allowed`) */
  modifyOwnerAllowed: boolean;
  renewAllowed: boolean;
  transferAllowed: boolean;
  /** requirements for create (and transfer where the registry asks for them) */
  requirements: RequirementField[];
  /** windows, in days */
  addGraceDays: number;
  autoRenewGraceDays: number;
  redemptionDays: number;
  pendingDeleteDays: number;
  transferAutoApproveDays: number;
  /** minutes a registration stays requested (REQ) before the registry activates it; 0 = real time */
  registrationDelayMinutes: number;
  /** how many days before expiry a renewal is accepted; 0 = any time */
  renewWindowDays: number;
  /** early access phases, sorted, not overlapping; empty for most TLDs */
  eap: readonly EapPhase[];
}

const DEFAULT_PRICES: Record<PriceOperation, number> = { create: 1000, renew: 1000, transfer: 1000, restore: 8000, trade: 1000, update: 0 };

export const DEFAULT_POLICY: Omit<TldPolicy, 'tld'> = {
  currency: 'EUR',
  prices: DEFAULT_PRICES,
  periods: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  transferAuthCode: true,
  tradeAuthCode: false,
  dnssec: true,
  idn: true,
  whoisPrivacy: true,
  transferLock: true,
  tradeAllowed: false,
  modifyOwnerAllowed: true,
  renewAllowed: true,
  transferAllowed: true,
  requirements: [],
  addGraceDays: 5,
  autoRenewGraceDays: 45,
  redemptionDays: 30,
  pendingDeleteDays: 5,
  transferAutoApproveDays: 5,
  registrationDelayMinutes: 0,
  renewWindowDays: 0,
  eap: [],
};

/** one layer of a TLD's policy, as merged (EAP phases parsed) */
export type PolicyLayer = Partial<Omit<TldPolicy, 'tld' | 'prices'>> & { prices?: Partial<Record<PriceOperation, number>> };
/** one layer as an operator writes it in REGISTRY_CONFIG (EAP instants as ISO text) */
export type PolicyOverride = Omit<PolicyLayer, 'eap'> & { eap?: EapPhaseConfig[] };

const intendedUse: RequirementField = { name: 'intended_use', type: 'text', required: true, description: 'Intended use of the domain name' };
const birthDate: RequirementField = { name: 'birth_date', type: 'text', required: true, onlyFor: 'individual', description: 'Date of birth of the owner (YYYY-MM-DD)' };

/** what the seeds document per TLD (Openprovider 000:1010-1128, 000:4631-4672, 000:6298-6335; MrDomain L940-1153) */
export const SEED_OVERRIDES: Record<string, PolicyLayer> = {
  com: { prices: { create: 853, renew: 853, transfer: 853 } },
  net: { prices: { create: 1099, renew: 1099, transfer: 1099 } },
  org: { prices: { create: 1099, renew: 1099, transfer: 1099 } },
  info: { prices: { create: 399, renew: 1899, transfer: 1899 } },
  tools: { prices: { create: 2499, renew: 2499, transfer: 2499 } },
  london: { prices: { create: 3499, renew: 3499, transfer: 3499 } },
  nl: { prices: { create: 499, renew: 499, transfer: 0 }, tradeAllowed: true, redemptionDays: 40 },
  be: { prices: { create: 599, renew: 599, transfer: 0 }, tradeAllowed: true },
  uk: { prices: { create: 599, renew: 599, transfer: 0 }, transferAuthCode: false, tradeAllowed: true },
  // seed 000:6298-6335: min 1, max 10, quarantine 38, soft quarantine 44; .eu country_of_citizenship (000:1019-1038)
  eu: {
    prices: { create: 599, renew: 599, transfer: 599, trade: 0 }, tradeAllowed: true, modifyOwnerAllowed: false, redemptionDays: 38, whoisPrivacy: false,
    requirements: [{ name: 'country_of_citizenship', type: 'text', required: false, description: 'EU/EEA country of citizenship of an owner living outside the EU/EEA' }],
  },
  es: {
    prices: { create: 899, renew: 899, transfer: 899, trade: 0 }, tradeAllowed: true, modifyOwnerAllowed: false, registrationDelayMinutes: 60, dnssec: false,
    requirements: [{ name: 'id_number', type: 'text', required: true, description: 'NIF/NIE/passport number of the owner' }],
  },
  it: {
    prices: { create: 799, renew: 799, transfer: 799, trade: 799 }, tradeAllowed: true, modifyOwnerAllowed: false, registrationDelayMinutes: 30,
    requirements: [
      { name: 'entity_type', type: 'select', required: true, description: 'Registrant entity type (1 = individual … 7 = other)', options: ['1', '2', '3', '4', '5', '6', '7'].map((v) => ({ value: v, description: `type ${v}` })) },
      { name: 'id_number', type: 'text', required: true, description: 'Codice fiscale or VAT number of the owner' },
    ],
  },
  us: {
    prices: { create: 899, renew: 899, transfer: 899 }, whoisPrivacy: false,
    requirements: [
      { name: 'nexus_category', type: 'select', required: true, description: 'US nexus category', options: ['C11', 'C12', 'C21', 'C31', 'C32'].map((v) => ({ value: v, description: v })) },
      { name: 'application_purpose', type: 'select', required: true, description: 'Application purpose', options: ['P1', 'P2', 'P3', 'P4', 'P5'].map((v) => ({ value: v, description: v })) },
    ],
  },
  // seed 000:1100-1128: legal_type, a required select including TRS "Trust established in Canada"
  ca: {
    prices: { create: 1299, renew: 1299, transfer: 1299, trade: 0 }, tradeAllowed: true, modifyOwnerAllowed: false,
    requirements: [{
      name: 'legal_type', type: 'select', required: true, description: 'Legal type of the registrant',
      options: [['CCO', 'Corporation'], ['CCT', 'Canadian citizen'], ['RES', 'Permanent resident of Canada'], ['GOV', 'Government'], ['EDU', 'Canadian educational institution'], ['ASS', 'Canadian unincorporated association'], ['HOP', 'Canadian hospital'], ['PRT', 'Partnership registered in Canada'], ['TDM', 'Trademark registered in Canada'], ['TRD', 'Canadian trade union'], ['PLT', 'Canadian political party'], ['LAM', 'Canadian library, archive or museum'], ['TRS', 'Trust established in Canada'], ['ABO', 'Aboriginal peoples'], ['INB', 'Indian band'], ['LGR', 'Legal representative of a Canadian citizen or permanent resident'], ['OMK', 'Official mark registered in Canada'], ['MAJ', 'Her Majesty the Queen']].map(([value, description]) => ({ value, description })),
    }],
  },
  // MrDomain L940-1045: domainIntendedUse for these; date of birth for individuals; .aero ENS id; .xxx class
  cat: { prices: { create: 1999, renew: 1999, transfer: 1999 }, requirements: [intendedUse] },
  barcelona: { requirements: [intendedUse] }, madrid: { requirements: [intendedUse] }, scot: { requirements: [intendedUse] },
  eus: { requirements: [intendedUse] }, gal: { requirements: [intendedUse] }, quebec: { requirements: [intendedUse] }, radio: { requirements: [intendedUse] },
  ee: { requirements: [birthDate] }, fi: { requirements: [birthDate] }, hk: { requirements: [birthDate] }, moscow: { requirements: [birthDate] }, my: { requirements: [birthDate] }, vn: { requirements: [birthDate] },
  ru: {
    transferAuthCode: true, whoisPrivacy: false,
    requirements: [birthDate, { name: 'ru_issuer', type: 'text', required: true, onlyFor: 'individual', description: 'Issuer of the owner\'s passport' }, { name: 'ru_issuer_date', type: 'text', required: true, onlyFor: 'individual', description: 'Issue date of the owner\'s passport' }],
  },
  'xn--p1ai': { whoisPrivacy: false },
  aero: { requirements: [{ name: 'aero_id', type: 'text', required: true, description: 'ENS identifier' }, { name: 'aero_password', type: 'text', required: true, description: 'ENS password' }] },
  xxx: { requirements: [{ name: 'xxx_class', type: 'select', required: true, description: 'Membership class', options: ['default', 'membership', 'nonResolver'].map((v) => ({ value: v, description: v })) }] },
  fr: { tradeAllowed: true, modifyOwnerAllowed: false, requirements: [{ name: 'fr_trademark', type: 'text', required: false, description: 'Trademark number' }, { name: 'fr_siren', type: 'text', required: false, description: 'SIREN number' }] },
};

export function mergePolicy(tld: string, ...layers: (PolicyLayer | undefined)[]): TldPolicy {
  let p: TldPolicy = { ...DEFAULT_POLICY, tld, prices: { ...DEFAULT_PRICES } };
  for (const o of layers) {
    if (!o) continue;
    const { prices, ...rest } = o;
    p = { ...p, ...rest, prices: { ...p.prices, ...(prices ?? {}) } };
  }
  return p;
}

export const DELEGATED = new Set(DELEGATED_TLDS);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const EAP_KEYS = ['from', 'until', 'feeMinor'];

/**
 * Validates an `eap` list from REGISTRY_CONFIG (`where` names it in errors, e.g. `REGISTRY_CONFIG.tlds.shop.eap`):
 * an array of `{from, until, feeMinor}`, instants in ISO-8601 with a zone, `until` after `from`, the fee an integer
 * ≥ 0 in minor units, phases not overlapping. Returns the phases sorted by start. Throws request.invalid.
 */
export function parseEapPhases(value: unknown, where: string): EapPhase[] {
  if (!Array.isArray(value)) throw invalid(where, 'must be an array of {from, until, feeMinor}');
  const out = value.map((v: unknown, i): EapPhase => {
    const at = `${where}[${i}]`;
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw invalid(at, 'must be an object {from, until, feeMinor}');
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!EAP_KEYS.includes(k)) throw invalid(`${at}.${k}`, `unknown key (known: ${EAP_KEYS.join(', ')})`);
    const instant = (k: 'from' | 'until'): Date => {
      const s = o[k];
      const d = typeof s === 'string' && ISO_INSTANT.test(s) ? new Date(s) : new Date(NaN);
      if (Number.isNaN(d.getTime())) throw invalid(`${at}.${k}`, 'must be an ISO-8601 instant with a zone, e.g. 2026-07-01T16:00:00Z');
      return d;
    };
    const from = instant('from');
    const until = instant('until');
    if (until.getTime() <= from.getTime()) throw invalid(`${at}.until`, 'must be after from');
    const fee = o.feeMinor;
    if (typeof fee !== 'number' || !Number.isInteger(fee) || fee < 0) throw invalid(`${at}.feeMinor`, 'must be an integer ≥ 0 (minor units of the TLD\'s currency)');
    return { from, until, feeMinor: fee };
  });
  out.sort((a, b) => a.from.getTime() - b.from.getTime());
  for (let i = 1; i < out.length; i++) {
    if (out[i].from.getTime() < out[i - 1].until.getTime()) throw invalid(where, `phases overlap: one starting ${out[i].from.toISOString()} begins before the one before it ends (${out[i - 1].until.toISOString()})`);
  }
  return out;
}

/** the EAP fee due at an instant under a policy (minor units; 0 outside every phase) — allocation-free */
export function eapFeeAt(policy: TldPolicy, at: Date): number {
  const phases = policy.eap;
  if (phases.length === 0) return 0;
  const t = at.getTime();
  for (const p of phases) if (t >= p.from.getTime() && t < p.until.getTime()) return p.feeMinor;
  return 0;
}
