// Availability and price of names: free, taken here or elsewhere, reserved; premium with its price. Run it with
// runReadFirst: a read, unless a holder's lifecycle event is due — settling it writes, and the flow is run again in
// a transaction (runFlow works too). During a TLD's early access phase (EAP) the result carries the one-time fee a
// create owes now (`eapFeeMinor`); `prices.create` stays the base (or premium) price.
// Errors: domain.name_invalid, domain.tld_not_supported
import type { Flow } from '../../runner.ts';
import type { Registry } from '../../registry/registry.ts';
import type { DomainName } from '../../registry/names.ts';
import { parseDomainName } from '../../registry/names.ts';
import type { PriceOperation } from '../../registry/policy.ts';
import { eapFeeAt } from '../../registry/policy.ts';
import { settle } from '../ops.ts';

export interface CheckDomainInput {
  registry: Registry;
  accountId: number;
  /** full names or {name, extension}, Unicode or punycode */
  names: (string | { name: string; extension: string })[];
}

export interface CheckResult {
  name: DomainName;
  /** free; taken (held on this instance, `heldByYou` says whose); taken_elsewhere (transferable with its code); reserved */
  status: 'free' | 'taken' | 'taken_elsewhere' | 'reserved';
  heldByYou: boolean;
  premium: boolean;
  /** premium create price, minor units, or null */
  premiumPriceMinor: number | null;
  /** prices for this name (premium applied), minor units; create/renew/transfer per year; no EAP fee included */
  prices: Record<PriceOperation, number>;
  /** the early access fee a create owes now, minor units, once per registration (on top of create × period); 0 outside EAP */
  eapFeeMinor: number;
  currency: string;
  /** whether a transfer in could start (the name is held somewhere else than your account) */
  transferable: boolean;
  periods: number[];
}

/** one name's availability (also used by register and transfer) */
export async function availability(ctx: Parameters<Flow<unknown, unknown>>[0], registry: Registry, accountId: number, n: DomainName): Promise<CheckResult> {
  const policy = registry.policy(n.tld);
  const prices = registry.prices(n);
  const premiumPriceMinor = registry.premiumPrice(n);
  const eapFeeMinor = eapFeeAt(policy, ctx.now);
  const base = { name: n, heldByYou: false, premium: premiumPriceMinor !== null, premiumPriceMinor, prices, eapFeeMinor, currency: policy.currency, periods: policy.periods };
  let holder = await ctx.uow.domains.holderOf(n.name);
  if (holder) holder = await settle(ctx, registry, holder);
  if (holder?.holdsName) return { ...base, status: 'taken', heldByYou: holder.accountId === accountId, transferable: holder.accountId !== accountId && policy.transferAllowed };
  if (registry.isReserved(n)) return { ...base, status: 'reserved', transferable: false };
  if (registry.isRegisteredElsewhere(n) && !(await ctx.uow.domains.everActive(n.name))) return { ...base, status: 'taken_elsewhere', transferable: policy.transferAllowed };
  return { ...base, status: 'free', transferable: false };
}

export const checkDomain: Flow<CheckDomainInput, CheckResult[]> = async (ctx, i) => {
  const out: CheckResult[] = [];
  for (const raw of i.names) out.push(await availability(ctx, i.registry, i.accountId, parseDomainName(raw)));
  return out;
};
