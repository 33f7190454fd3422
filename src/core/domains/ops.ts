// Steps the domain flows share: load a domain, bring it up to the clock (`settle`: what the projection implies is
// written down, with its ledger entries and history), charge and refund, contacts, requirements, saving.
// Errors are listed on each helper.
import type { FlowContext } from '../runner.ts';
import { mustWrite } from '../runner.ts';
import type { Account } from '../accounts/model.ts';
import { DomainError } from '../errors.ts';
import type { Registry } from '../registry/registry.ts';
import type { TldPolicy } from '../registry/policy.ts';
import type { DomainName } from '../registry/names.ts';
import { parseDomainName } from '../registry/names.ts';
import type { Domain, DomainContacts, Projection } from './model.ts';
import { addYears, autorenewEffective, newAuthCode, nextEventAt, projectAt } from './model.ts';

/** who did it, for the domain history (MrDomain gethistory `ip`/`user`) */
export interface Actor {
  ip?: string;
  user?: string;
}

/** what every domain flow returns: the domain, its projection now, and what the operation cost */
export interface DomainResult {
  domain: Domain;
  state: Projection;
  policy: TldPolicy;
  /** minor units charged by this operation (0 when none); refunds are negative */
  chargedMinor: number;
  currency: string;
}

/** a domain addressed by id or by name (Unicode or ASCII) */
export type DomainKey = number | string;

export function result(ctx: FlowContext, registry: Registry, d: Domain, chargedMinor = 0, currency = 'EUR'): DomainResult {
  const policy = registry.policy(d.tld);
  return { domain: d, state: projectAt(d, policy, ctx.now), policy, chargedMinor, currency };
}

/** Errors: account.not_found */
export async function accountOf(ctx: FlowContext, accountId: number): Promise<Account> {
  const a = await ctx.uow.accounts.get(accountId);
  if (!a) throw new DomainError('account.not_found');
  return a;
}

/** the account's domain that holds its name (or, failing that, its newest of that name). Errors: domain.not_found, domain.name_invalid */
export async function findDomain(ctx: FlowContext, accountId: number, key: DomainKey): Promise<Domain> {
  let d: Domain | null = null;
  if (typeof key === 'number' || /^\d+$/.test(String(key))) d = await ctx.uow.domains.get(accountId, Number(key));
  else d = await ctx.uow.domains.byName(accountId, parseDomainName(String(key)).name);
  if (!d) throw new DomainError('domain.not_found', `Domain ${key} not found`);
  return d;
}

/** findDomain, then settle it to the clock; domains no longer held are not found unless `includeGone`. Errors: domain.not_found */
export async function loadDomain(ctx: FlowContext, registry: Registry, accountId: number, key: DomainKey, o: { includeGone?: boolean } = {}): Promise<Domain> {
  const d = await settle(ctx, registry, await findDomain(ctx, accountId, key));
  if (!o.includeGone && d.phase === 'deleted') throw new DomainError('domain.not_found', `Domain ${d.name} not found`);
  return d;
}

/** Errors: billing.insufficient_funds */
export async function charge(ctx: FlowContext, account: Account, amountMinor: number, description: string, reference: string): Promise<number> {
  if (amountMinor <= 0) return 0;
  const balance = await ctx.uow.ledger.balanceMinor(account.id);
  if (balance < amountMinor) throw new DomainError('billing.insufficient_funds', undefined, { needed: amountMinor, balance });
  await ctx.uow.ledger.append({ accountId: account.id, kind: 'charge', amountMinor: -amountMinor, currency: account.currency, description, reference, createdAt: ctx.now });
  return amountMinor;
}

export async function refund(ctx: FlowContext, accountId: number, amountMinor: number, currency: string, description: string, reference: string): Promise<number> {
  if (amountMinor <= 0) return 0;
  await ctx.uow.ledger.append({ accountId, kind: 'refund', amountMinor, currency, description, reference, createdAt: ctx.now });
  return amountMinor;
}

export async function history(ctx: FlowContext, d: Domain, kind: string, title: string, message: string, actor: Actor = {}): Promise<void> {
  await ctx.uow.domains.addHistory({ domainId: d.id, accountId: d.accountId, at: ctx.now, kind, title, message, ip: actor.ip ?? '', user: actor.user ?? '' });
}

/** writes the domain with its phase and next event recomputed from the clock */
export async function save(ctx: FlowContext, registry: Registry, d: Domain): Promise<Domain> {
  const p = registry.policy(d.tld);
  const pr = projectAt(d, p, ctx.now);
  const next = { ...d, phase: pr.phase, updatedAt: ctx.now };
  next.nextEventAt = nextEventAt(next, p, ctx.now);
  return ctx.uow.domains.update(next);
}

export async function insert(ctx: FlowContext, registry: Registry, d: Omit<Domain, 'id' | 'version' | 'nextEventAt'>): Promise<Domain> {
  const p = registry.policy(d.tld);
  const draft = { ...d, id: 0, version: 0, nextEventAt: null } as Domain;
  draft.nextEventAt = nextEventAt(draft, p, ctx.now);
  const { id: _id, version: _v, ...rest } = draft;
  return ctx.uow.domains.insert(rest);
}

export const reference = (d: { id: number }) => `domain:${d.id}`;
export const currencyOf = (account: Account) => account.currency || 'EUR';

/**
 * Brings a domain up to `ctx.now`: completes a due registration or transfer, acknowledges a due transfer out,
 * auto-renews at expiry (charging the renew price; without funds the domain simply expires), frees a purged name.
 * Writes only when something changed (calling mustWrite first, so a read-only run can stop there). Used by every
 * flow before it reads a domain, and by the lifecycle job.
 */
export async function settle(ctx: FlowContext, registry: Registry, d: Domain): Promise<Domain> {
  const p = registry.policy(d.tld);
  let pr = projectAt(d, p, ctx.now);
  if (pr.pendingDue && d.pending) {
    mustWrite(ctx);
    return completePending(ctx, registry, d);
  }
  let cleared = false;
  if (pr.transferOutDue && d.transferOut) {
    mustWrite(ctx);
    const incoming = await ctx.uow.domains.byId(d.transferOut.toDomainId);
    if (incoming?.pending && incoming.phase === 'requested') {
      await completePending(ctx, registry, incoming);
      return (await ctx.uow.domains.byId(d.id)) ?? d;
    }
    d = { ...d, transferOut: null };
    pr = projectAt(d, p, ctx.now);
    cleared = true;
  }
  let changed = cleared;
  // auto-renew at expiry, once: only while the stored phase still says active
  if (d.phase === 'active' && d.expiresAt && !d.deletedAt && ctx.now >= d.expiresAt && pr.phase !== 'deleted') {
    mustWrite(ctx);
    const account = await accountOf(ctx, d.accountId);
    if (autorenewEffective(d.autorenew, account.settings.autoRenew === true)) {
      // renew as many years as needed to reach the future (a clock moved by years renews each missed year)
      let years = 0;
      let expiry = d.expiresAt;
      while (expiry <= ctx.now) {
        expiry = addYears(expiry, 1);
        years++;
      }
      const price = registry.price(nameOf(d), 'renew') * years;
      const balance = await ctx.uow.ledger.balanceMinor(account.id);
      if (balance >= price) {
        await charge(ctx, account, price, `domain.autorenew ${d.name}`, reference(d));
        d = { ...d, expiresAt: expiry, lastOperation: { kind: 'autorenew', at: ctx.now, ok: true, reason: '' } };
        await history(ctx, d, 'autorenew', 'Automatic renewal', `Renewed automatically for ${years} year(s) until ${expiry.toISOString().slice(0, 10)}`);
      } else {
        d = { ...d, lastOperation: { kind: 'autorenew', at: ctx.now, ok: false, reason: 'insufficient balance' } };
        await history(ctx, d, 'autorenew', 'Automatic renewal failed', 'Insufficient balance: the domain has expired');
      }
      changed = true;
      pr = projectAt(d, p, ctx.now);
    }
  }
  if (pr.phase === 'deleted' && d.holdsName) {
    mustWrite(ctx);
    d = { ...d, phase: 'deleted', holdsName: false, transferOut: null, deletedAt: d.deletedAt ?? pr.purgeAt ?? ctx.now, deleteReason: d.deleteReason || 'expired' };
    await history(ctx, d, 'purge', 'Domain deleted', d.deleteReason === 'expired' ? 'Domain expired' : 'Domain deleted after its redemption period');
    changed = true;
  }
  if (changed || pr.phase !== d.phase || +(d.nextEventAt ?? 0) !== +(nextEventAt(d, p, ctx.now) ?? 0)) {
    mustWrite(ctx);
    return save(ctx, registry, d);
  }
  return d;
}

export function nameOf(d: Domain): DomainName {
  return { name: d.name, unicode: d.unicodeName, sld: d.sld, tld: d.tld, idn: d.name.split('.').some((l) => l.startsWith('xn--')) };
}

/** completes a registration or a transfer in (both sides when the name was held by another account here) */
export async function completePending(ctx: FlowContext, registry: Registry, d: Domain): Promise<Domain> {
  const op = d.pending;
  if (!op) return d;
  const p = registry.policy(d.tld);
  const at = ctx.now < op.completesAt ? ctx.now : op.completesAt;
  if (op.kind === 'register') {
    const next: Domain = {
      ...d, phase: 'active', pending: null, activatedAt: at, expiresAt: addYears(at, op.years), addGraceUntil: new Date(at.getTime() + p.addGraceDays * 86_400_000),
      lastOperation: { kind: 'register', at: ctx.now, ok: true, reason: '' },
    };
    await history(ctx, next, 'register', 'Domain registered', `The registry activated ${d.unicodeName} until ${next.expiresAt!.toISOString().slice(0, 10)}`);
    return save(ctx, registry, next);
  }
  // a transfer in: the losing side first (one holder per name)
  let oldExpiry: Date | null = null;
  if (op.fromDomainId !== null) {
    const from = await ctx.uow.domains.byId(op.fromDomainId);
    if (from && from.holdsName) {
      oldExpiry = from.expiresAt;
      const gone: Domain = { ...from, holdsName: false, phase: 'deleted', transferOut: null, deletedAt: ctx.now, deleteReason: 'transferred' };
      await history(ctx, gone, 'transfer_out', 'Domain transferred out', `Transferred to another account`);
      await ctx.uow.domains.update({ ...gone, updatedAt: ctx.now, nextEventAt: null });
    }
  }
  const base = oldExpiry && oldExpiry > at ? oldExpiry : at;
  const next: Domain = {
    ...d, phase: 'active', pending: null, holdsName: true, activatedAt: at, expiresAt: addYears(base, 1), addGraceUntil: null, addGraceRefundMinor: 0, locked: p.transferLock,
    authCode: newAuthCode(ctx.random.hex(16)), lastOperation: { kind: 'transfer', at: ctx.now, ok: true, reason: '' },
  };
  await history(ctx, next, 'transfer', 'Transfer completed', `Transfer of ${d.unicodeName} completed; expires ${next.expiresAt!.toISOString().slice(0, 10)}`);
  return save(ctx, registry, next);
}

/** fails a pending transfer (or registration): refunds what it cost. */
export async function failPending(ctx: FlowContext, registry: Registry, d: Domain, reason: string, actor: Actor = {}): Promise<Domain> {
  const op = d.pending;
  if (!op) return d;
  if (op.chargedMinor > 0) {
    const account = await accountOf(ctx, d.accountId);
    await refund(ctx, d.accountId, op.chargedMinor, currencyOf(account), `domain.${op.kind} failed ${d.name}`, reference(d));
  }
  if (op.fromDomainId !== null) {
    const from = await ctx.uow.domains.byId(op.fromDomainId);
    if (from?.transferOut?.toDomainId === d.id) await ctx.uow.domains.update({ ...from, transferOut: null, updatedAt: ctx.now, nextEventAt: nextEventAt({ ...from, transferOut: null }, registry.policy(from.tld), ctx.now) });
  }
  const next: Domain = {
    ...d, phase: 'failed', holdsName: op.kind === 'register' ? false : d.holdsName,
    lastOperation: { kind: op.kind, at: ctx.now, ok: false, reason }, pending: { ...op, chargedMinor: 0 },
  };
  if (op.kind === 'register') next.phase = 'deleted';
  await history(ctx, next, op.kind, op.kind === 'transfer' ? 'Transfer failed' : 'Registration failed', reason, actor);
  return save(ctx, registry, next);
}

/** Contact keys (handle, ref or id) to ids. Errors: contact.not_found */
export async function resolveContact(ctx: FlowContext, accountId: number, key: string | number): Promise<number> {
  const c = await ctx.uow.contacts.byKey(accountId, String(key));
  if (!c || c.deletedAt) throw new DomainError('contact.not_found', `Contact ${key} not found`, { field: 'contact', reason: String(key) });
  return c.id;
}

export type ContactKeys = Partial<Record<keyof DomainContacts, string | number | null>>;

/**
 * The four roles from keys; absent roles follow MrDomain's chain (admin ← owner, tech ← admin, billing ← admin;
 * seed L853-855), which also suits Openprovider where admin/tech are required anyway. Errors: contact.not_found, request.invalid
 */
export async function resolveContacts(ctx: FlowContext, accountId: number, keys: ContactKeys, base?: DomainContacts): Promise<DomainContacts> {
  const get = async (role: keyof DomainContacts): Promise<number | null | undefined> => {
    const k = keys[role];
    if (k === undefined) return undefined;
    if (k === null || k === '') return null;
    return resolveContact(ctx, accountId, k);
  };
  const owner = (await get('owner')) ?? base?.owner;
  if (!owner) throw new DomainError('request.invalid', 'owner: an owner contact is required', { field: 'owner_handle', reason: 'required' });
  const admin = (await get('admin')) ?? base?.admin ?? owner;
  const tech = (await get('tech')) ?? base?.tech ?? admin;
  const billing = (await get('billing')) ?? base?.billing ?? admin;
  const resellerKey = await get('reseller');
  return { owner, admin, tech, billing, reseller: resellerKey === undefined ? (base?.reseller ?? null) : resellerKey };
}

/** Checks the TLD's additional data. Errors: domain.additional_data_required */
export async function checkRequirements(ctx: FlowContext, p: TldPolicy, accountId: number, ownerId: number, data: Record<string, string>): Promise<void> {
  if (!p.requirements.length) return;
  const owner = await ctx.uow.contacts.get(accountId, ownerId);
  const ownerKind = owner?.kind === 'organization' ? 'company' : 'individual';
  for (const r of p.requirements) {
    if (!r.required || (r.onlyFor && r.onlyFor !== ownerKind)) continue;
    const v = String(data[r.name] ?? '').trim();
    if (!v) throw new DomainError('domain.additional_data_required', `Additional data ${r.name} is required for .${p.tld}: ${r.description}`, { field: r.name, reason: 'required' });
    if (r.options && !r.options.some((o) => o.value === v)) throw new DomainError('domain.additional_data_required', `Additional data ${r.name} must be one of ${r.options.map((o) => o.value).join(', ')}`, { field: r.name, reason: 'invalid' });
  }
}

/** the period in years, checked against the TLD. Errors: request.invalid */
export function periodOf(p: TldPolicy, years: unknown): number {
  const n = years === undefined || years === null || years === '' ? p.periods[0] : Number(years);
  if (!Number.isInteger(n) || !p.periods.includes(n)) throw new DomainError('request.invalid', `period: .${p.tld} allows ${p.periods[0]}-${p.periods[p.periods.length - 1]} year(s)`, { field: 'period', reason: 'out of range' });
  return n;
}

/** Errors: domain.update_blocked */
export function assertNotBlocked(d: Domain): void {
  if (d.updateBlocked) throw new DomainError('domain.update_blocked', `Domain ${d.unicodeName} has modifications blocked`);
}

/** Errors: domain.invalid_state */
export function assertPhase(d: Domain, pr: Projection, allowed: Projection['phase'][], what: string): void {
  if (!allowed.includes(pr.phase)) throw new DomainError('domain.invalid_state', `${what} is not possible while ${d.unicodeName} is ${pr.phase.replace('_', ' ')}`, { reason: pr.phase });
}
