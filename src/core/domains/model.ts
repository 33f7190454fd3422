// A domain held by an account, and its lifecycle projected from timestamps (habit 4: `projectAt` says what the
// state IS at a given instant; the lifecycle job only writes down what the projection already implies).
//
//   register ─▶ REQ (registration delay) ─▶ ACT ──expiry──▶ grace (auto-renew grace) ──▶ redemption ──▶
//   pending_delete ──▶ free (the name is available again)
//   delete inside add grace ─▶ free at once (with refund); delete after ─▶ redemption (restorable) ─▶ …
//   transfer in ─▶ REQ ─(auto-approve days | approval link | sandbox)─▶ ACT (+1 year) ; bad auth code ─▶ FAI
//
// Vendor statuses are the faces' business: Openprovider shows ACT/REQ/FAI/DEL, MrDomain register-init/active/
// expired-renewgrace/expired-redemption/expired-pendingdelete/transfer-pending/transfer-cancel (phaseToVendor
// tables live in the faces).
import type { TldPolicy } from '../registry/policy.ts';

export const DAY_MS = 86_400_000;

export type DomainPhase =
  | 'requested' // registration or transfer in waiting for the registry
  | 'failed' // a transfer in that failed (bad auth code, rejected); can be restarted
  | 'active'
  | 'grace' // expired, inside the auto-renew grace period: renewable at the renew price
  | 'redemption' // expired or deleted: restorable with the restore fee
  | 'pending_delete' // nothing possible; the name is freed at the end
  | 'deleted'; // gone: deleted in add grace, purged after pending delete, or transferred out

export type Autorenew = 'on' | 'off' | 'default';
export type DomainOrigin = 'create' | 'transfer' | 'trade';

export interface DomainContacts {
  owner: number;
  admin: number | null;
  tech: number | null;
  billing: number | null;
  reseller: number | null;
}

export interface Nameserver {
  name: string;
  ipv4: string;
  ipv6: string;
}

/** a host object under the domain (glue record) */
export interface HostObject {
  name: string;
  ipv4: string[];
  ipv6: string[];
}

/** Openprovider sends DNSKEY data, MrDomain DS data; the registry keeps what it was given */
export type DnssecEntry =
  | { kind: 'key'; flags: number; protocol: number; alg: number; pubKey: string }
  | { kind: 'ds'; keytag: number; alg: number; digestType: number; digest: string };

export interface PendingOperation {
  kind: 'register' | 'transfer';
  requestedAt: Date;
  /** when the registry completes it on its own (registration delay, transfer auto-approve) */
  completesAt: Date;
  years: number;
  /** minor units charged for it, refunded if it fails */
  chargedMinor: number;
  /** for a transfer in: the auth code given, and the account that holds the name here (null = elsewhere) */
  authCode: string;
  fromAccountId: number | null;
  fromDomainId: number | null;
  /** the approval link token (transfer in) */
  approvalToken: string;
}

export interface LastOperation {
  kind: string;
  at: Date;
  ok: boolean;
  reason: string;
}

export interface Domain {
  id: number;
  accountId: number;
  /** ASCII full name */
  name: string;
  unicodeName: string;
  sld: string;
  tld: string;
  origin: DomainOrigin;
  /** the stored (materialised) phase; read `projectAt(...)` for the effective one */
  phase: DomainPhase;
  /** whether this row occupies the name on the instance */
  holdsName: boolean;
  pending: PendingOperation | null;
  lastOperation: LastOperation | null;
  /** years of the last create/renew */
  period: number;
  orderedAt: Date;
  activatedAt: Date | null;
  expiresAt: Date | null;
  /** the refund window of the registration */
  addGraceUntil: Date | null;
  /** the amount refundable inside add grace */
  addGraceRefundMinor: number;
  deletedAt: Date | null;
  /** why the domain was deleted: deleted, expired, transferred, add_grace */
  deleteReason: string;
  autorenew: Autorenew;
  locked: boolean;
  /** modifications blocked (MrDomain `modifyBlock`) */
  updateBlocked: boolean;
  whoisPrivacy: boolean;
  authCode: string;
  contacts: DomainContacts;
  nameservers: Nameserver[];
  hosts: HostObject[];
  dnssec: DnssecEntry[];
  additionalData: Record<string, string>;
  premium: boolean;
  tags: string[];
  comments: string;
  /** a transfer out requested by another account of this instance */
  transferOut: { toAccountId: number; toDomainId: number; requestedAt: Date; autoAckAt: Date } | null;
  /** the next instant projection changes something (for the lifecycle job), null when nothing is due */
  nextEventAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface Projection {
  phase: DomainPhase;
  expiresAt: Date | null;
  /** the end of the auto-renew grace period (expiry + grace) */
  graceEndsAt: Date | null;
  /** the end of the redemption (restorable) period */
  redemptionEndsAt: Date | null;
  /** when the name becomes free */
  purgeAt: Date | null;
  /** a pending operation whose time has come (the registry completes it) */
  pendingDue: boolean;
  /** a transfer out whose auto-acknowledge time has come */
  transferOutDue: boolean;
  renewable: boolean;
  restorable: boolean;
  /** whether the name is still occupied by this domain */
  holdsName: boolean;
}

export const addDays = (d: Date, days: number): Date => new Date(d.getTime() + days * DAY_MS);
/** `years` calendar years later (29 Feb → 28 Feb) */
export function addYears(d: Date, years: number): Date {
  const r = new Date(d);
  r.setUTCFullYear(r.getUTCFullYear() + years);
  if (r.getUTCDate() !== d.getUTCDate()) r.setUTCDate(0);
  return r;
}

/** the windows that follow an expiry (or a deletion outside add grace, which skips the auto-renew grace) */
function windows(d: Domain, p: TldPolicy): { graceEndsAt: Date | null; redemptionEndsAt: Date | null; purgeAt: Date | null } {
  if (d.phase === 'deleted' && !d.holdsName) return { graceEndsAt: null, redemptionEndsAt: null, purgeAt: d.deletedAt };
  if (d.deletedAt) {
    const redemptionEndsAt = addDays(d.deletedAt, p.redemptionDays);
    return { graceEndsAt: d.deletedAt, redemptionEndsAt, purgeAt: addDays(redemptionEndsAt, p.pendingDeleteDays) };
  }
  if (!d.expiresAt) return { graceEndsAt: null, redemptionEndsAt: null, purgeAt: null };
  const graceEndsAt = addDays(d.expiresAt, p.autoRenewGraceDays);
  const redemptionEndsAt = addDays(graceEndsAt, p.redemptionDays);
  return { graceEndsAt, redemptionEndsAt, purgeAt: addDays(redemptionEndsAt, p.pendingDeleteDays) };
}

/** The effective state of a domain at `now` under its TLD's policy. Pure. */
export function projectAt(d: Domain, p: TldPolicy, now: Date): Projection {
  const w = windows(d, p);
  const t = now.getTime();
  const base = { expiresAt: d.expiresAt, ...w, pendingDue: false, transferOutDue: false, renewable: false, restorable: false };
  if (d.phase === 'deleted' || (w.purgeAt && t >= w.purgeAt.getTime())) return { ...base, phase: 'deleted', holdsName: false };
  if (d.phase === 'failed') return { ...base, phase: 'failed', holdsName: d.holdsName };
  if (d.phase === 'requested') {
    const due = !!d.pending && t >= d.pending.completesAt.getTime();
    return { ...base, phase: 'requested', pendingDue: due, holdsName: d.holdsName };
  }
  const transferOutDue = !!d.transferOut && t >= d.transferOut.autoAckAt.getTime();
  if (d.deletedAt) {
    if (w.redemptionEndsAt && t < w.redemptionEndsAt.getTime()) return { ...base, transferOutDue, phase: 'redemption', restorable: true, holdsName: true };
    return { ...base, transferOutDue, phase: 'pending_delete', holdsName: true };
  }
  if (!d.expiresAt || t < d.expiresAt.getTime()) {
    const inWindow = !p.renewWindowDays || (d.expiresAt ? d.expiresAt.getTime() - t <= p.renewWindowDays * DAY_MS : false);
    return { ...base, transferOutDue, phase: 'active', renewable: p.renewAllowed && inWindow, holdsName: true };
  }
  if (w.graceEndsAt && t < w.graceEndsAt.getTime()) return { ...base, transferOutDue, phase: 'grace', renewable: p.renewAllowed, holdsName: true };
  if (w.redemptionEndsAt && t < w.redemptionEndsAt.getTime()) return { ...base, transferOutDue, phase: 'redemption', restorable: true, holdsName: true };
  return { ...base, transferOutDue, phase: 'pending_delete', holdsName: true };
}

/** The next instant at which `projectAt` gives a different answer (what the lifecycle job waits for); `now` when
 * something is already due. Null when nothing will ever change on its own. */
export function nextEventAt(d: Domain, p: TldPolicy, now: Date): Date | null {
  const pr = projectAt(d, p, now);
  if (pr.pendingDue || pr.transferOutDue || (pr.phase === 'deleted' && d.holdsName)) return now;
  if (pr.phase === 'deleted' || pr.phase === 'failed') return null;
  if (pr.phase === 'requested') return d.pending?.completesAt ?? null;
  const t = now.getTime();
  const candidates = [d.transferOut?.autoAckAt ?? null, d.deletedAt ? null : d.expiresAt, pr.graceEndsAt, pr.redemptionEndsAt, pr.purgeAt];
  const future = candidates.filter((c): c is Date => !!c && c.getTime() > t).sort((a, b) => a.getTime() - b.getTime());
  return future[0] ?? null;
}

/** whether auto-renew applies: `default` follows the account's setting (Openprovider `is_auto_renew_enabled`) */
export function autorenewEffective(a: Autorenew, accountDefault: boolean): boolean {
  return a === 'on' || (a === 'default' && accountDefault);
}

/** a fresh auth code: 16 characters from a registry-safe alphabet */
export function newAuthCode(hex: string): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789#$%*+';
  let out = '';
  for (let i = 0; i + 1 < hex.length && out.length < 16; i += 2) out += alphabet[parseInt(hex.slice(i, i + 2), 16) % alphabet.length];
  return out;
}

/** the vendor-neutral status a list filter uses (materialised on every write) */
export type DomainFilterStatus = DomainPhase;
