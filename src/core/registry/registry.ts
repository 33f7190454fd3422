// The simulated registry: TLD policies, names registered elsewhere (and their auth codes), reserved and premium
// names. Everything here is pure and deterministic: the same configuration gives the same answers on every
// instance, so a tester can rely on `google.com` being taken and `abc.com` being premium.
//
// Configuration (JSON, path in REGISTRY_CONFIG; docs/adr/0009-simulated-registry.md):
//   { "defaults": PolicyOverride, "tlds": { "<tld>": PolicyOverride }, "registeredElsewhere": ["name.tld"],
//     "reserved": ["name.tld" | "label"], "premium": { "name.tld": priceMinor }, "premiumRule": false,
//     "secret": "seed for the auth codes of names registered elsewhere" }
// A PolicyOverride may carry `eap: [{ "from": ISO, "until": ISO, "feeMinor": n }]`: early access phases on the
// sandbox clock during which a create owes a one-time fee (validated at build; see policy.ts parseEapPhases).
import { createHash } from 'node:crypto';
import { DomainError, invalid } from '../errors.ts';
import type { PolicyLayer, PolicyOverride, PriceOperation, TldPolicy } from './policy.ts';
import { DELEGATED, SEED_OVERRIDES, eapFeeAt, mergePolicy, parseEapPhases } from './policy.ts';
import type { DomainName } from './names.ts';

export interface RegistryConfig {
  defaults?: PolicyOverride;
  tlds?: Record<string, PolicyOverride>;
  registeredElsewhere?: string[];
  reserved?: string[];
  premium?: Record<string, number>;
  /** the built-in premium rule (labels of 1-3 characters); default true */
  premiumRule?: boolean;
  secret?: string;
}

/** labels registered elsewhere under every TLD: well-known names a tester tries first */
export const WELL_KNOWN = ['google', 'facebook', 'amazon', 'microsoft', 'apple', 'wikipedia', 'youtube', 'twitter', 'instagram', 'netflix', 'openprovider', 'mrdomain', 'dondominio', 'ssl247', 'github', 'linkedin', 'yahoo', 'paypal', 'ebay', 'cloudflare'];
/** labels no one may register (registry-reserved, RFC 2606 / 6761 names) */
export const RESERVED_LABELS = ['example', 'nic', 'whois', 'www', 'iana', 'localhost', 'invalid', 'test', 'registry', 'rdds'];
/** premium names from the seeds: `god.tools` costs 219.80 EUR to create (Openprovider 000:435-485) */
export const SEED_PREMIUM: Record<string, number> = { 'god.tools': 21980 };
/** a label starting with this prefix is registered elsewhere: `taken-anything.com` */
export const ELSEWHERE_PREFIX = 'taken-';

export type Availability =
  | { status: 'free'; premium: boolean; prices: TldPolicy['prices'] }
  | { status: 'reserved'; premium: false; prices: TldPolicy['prices'] }
  | { status: 'taken_elsewhere'; premium: boolean; prices: TldPolicy['prices'] };

export interface Registry {
  /** the policy of an extension (`co.uk` falls back to `uk`); throws domain.tld_not_supported */
  policy(tld: string): TldPolicy;
  /** every delegated TLD, ASCII, sorted */
  tlds(): string[];
  isReserved(n: DomainName): boolean;
  isRegisteredElsewhere(n: DomainName): boolean;
  /** the premium create price (minor units) or null */
  premiumPrice(n: DomainName): number | null;
  /** the price of an operation for this name, per year for create/renew/transfer (premium names: premium price) */
  price(n: DomainName, op: keyof TldPolicy['prices']): number;
  /** every operation's price for this name (premium applied), minor units */
  prices(n: DomainName): Record<PriceOperation, number>;
  /** the early access fee a create of this name owes at this instant (minor units, once per registration); 0 outside every EAP phase */
  eapFee(n: DomainName, at: Date): number;
  /** the auth code of a name registered elsewhere (deterministic) */
  elsewhereAuthCode(name: string): string;
  /** the configured names registered elsewhere (the well-known labels and the prefix rule are not listed) */
  elsewhereNames(): string[];
}

export function buildRegistry(config: RegistryConfig = {}): Registry {
  const cache = new Map<string, TldPolicy>();
  const elsewhere = new Set((config.registeredElsewhere ?? []).map((n) => n.toLowerCase()));
  const reserved = new Set((config.reserved ?? []).map((n) => n.toLowerCase()));
  const premium: Record<string, number> = { ...SEED_PREMIUM, ...(config.premium ?? {}) };
  const secret = config.secret ?? 'resellbox-sandbox';
  for (const [name, price] of Object.entries(premium)) if (!Number.isInteger(price) || price < 0) throw invalid(`premium.${name}`, 'must be a price in minor units');
  // EAP phases are parsed once, here, so a bad configuration refuses to start rather than failing a later request
  const defaults = layerOf(config.defaults, 'REGISTRY_CONFIG.defaults');
  const tldLayers = new Map<string, PolicyLayer | undefined>(Object.entries(config.tlds ?? {}).map(([k, o]) => [k, layerOf(o, `REGISTRY_CONFIG.tlds.${k}`)]));

  const policy = (tld: string): TldPolicy => {
    // a parsed name's extension is already the key (checks look it up several times per name)
    const known = cache.get(tld);
    if (known) return known;
    const key = tld.toLowerCase().replace(/^\./, '');
    const hit = cache.get(key);
    if (hit) return hit;
    const top = key.split('.').pop() ?? key;
    if (!DELEGATED.has(top)) throw new DomainError('domain.tld_not_supported', `TLD .${key} is not supported`, { field: 'extension', reason: key });
    const p = mergePolicy(key, defaults, SEED_OVERRIDES[top], key !== top ? SEED_OVERRIDES[key] : undefined, tldLayers.get(top), key !== top ? tldLayers.get(key) : undefined);
    cache.set(key, p);
    return p;
  };

  const premiumPrice = (n: DomainName): number | null => {
    if (premium[n.name] !== undefined) return premium[n.name];
    if (config.premiumRule === false || n.idn) return null;
    // the built-in rule: very short labels are premium; the shorter, the dearer
    if (n.sld.length <= 2) return 100_000;
    if (n.sld.length === 3) return 25_000;
    return null;
  };

  return {
    policy,
    tlds: () => [...DELEGATED].sort(),
    isReserved: (n) => reserved.has(n.name) || reserved.has(n.sld) || RESERVED_LABELS.includes(n.sld),
    isRegisteredElsewhere: (n) => elsewhere.has(n.name) || WELL_KNOWN.includes(n.sld) || n.sld.startsWith(ELSEWHERE_PREFIX),
    premiumPrice,
    price(n, op) {
      return withPremium(policy(n.tld).prices[op], premiumPrice(n), op);
    },
    prices(n) {
      const base = policy(n.tld).prices;
      const p = premiumPrice(n);
      const out = { ...base };
      if (p !== null) for (const op of Object.keys(out) as PriceOperation[]) out[op] = withPremium(base[op], p, op);
      return out;
    },
    eapFee: (n, at) => eapFeeAt(policy(n.tld), at),
    elsewhereAuthCode(name) {
      const h = createHash('sha256').update(`${secret}:${name.toLowerCase()}`).digest('base64url');
      return `${h.slice(0, 4)}-${h.slice(4, 8)}-${h.slice(8, 12)}`;
    },
    elsewhereNames: () => [...elsewhere].sort(),
  };
}

/** a premium name's price for an operation: the premium price for create, renew and transfer (never below the base) */
function withPremium(base: number, premium: number | null, op: PriceOperation): number {
  return premium !== null && (op === 'create' || op === 'renew' || op === 'transfer') ? Math.max(premium, base) : base;
}

/** a configured policy layer with its EAP phases parsed (`where` names it in errors) */
function layerOf(o: PolicyOverride | undefined, where: string): PolicyLayer | undefined {
  if (o === undefined || o === null) return undefined;
  if (typeof o !== 'object' || Array.isArray(o)) throw invalid(where, 'must be an object');
  if (o.eap === undefined) return o as PolicyLayer;
  const { eap, ...rest } = o;
  return { ...rest, eap: parseEapPhases(eap, `${where}.eap`) };
}

/** Parses an operator's JSON configuration; throws request.invalid with the offending key. */
export function parseRegistryConfig(json: string): RegistryConfig {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch (e) {
    throw new DomainError('request.invalid', 'registry configuration: not valid JSON', { field: 'REGISTRY_CONFIG' }, { cause: e });
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw invalid('REGISTRY_CONFIG', 'must be a JSON object');
  const c = v as RegistryConfig;
  const known = ['defaults', 'tlds', 'registeredElsewhere', 'reserved', 'premium', 'premiumRule', 'secret'];
  for (const k of Object.keys(c)) if (!known.includes(k)) throw invalid(`REGISTRY_CONFIG.${k}`, `unknown key (known: ${known.join(', ')})`);
  return c;
}

let shared: Registry | null = null;
/** the registry with the shipped defaults and no operator configuration */
export function defaultRegistry(): Registry {
  return (shared ??= buildRegistry());
}

/** the registry the app was built with (build-app sets `services.registry` from REGISTRY_CONFIG); faces and jobs use this */
export function registryOf(services: object): Registry {
  return (services as { registry?: Registry }).registry ?? defaultRegistry();
}
