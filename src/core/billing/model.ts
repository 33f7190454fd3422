// Money is kept as an immutable ledger; the balance is the sum of the entries. Amounts are in minor units (cents).
export type LedgerKind = 'deposit' | 'charge' | 'refund' | 'adjustment';

export interface LedgerEntry {
  id: number;
  accountId: number;
  kind: LedgerKind;
  /** signed, minor units: deposits and refunds positive, charges negative */
  amountMinor: number;
  currency: string;
  /** what the entry is for, e.g. "domain.create example.com" */
  description: string;
  /** the object it belongs to, e.g. "domain:12" */
  reference: string;
  createdAt: Date;
}

export function toMinor(amount: number): number {
  return Math.round(amount * 100);
}
export function fromMinor(minor: number): number {
  return Math.round(minor) / 100;
}

/** The calendar month (UTC) that contains `now`: [first day 00:00, first day of the next month 00:00). */
export function monthWindow(now: Date): { from: Date; to: Date } {
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { from, to };
}

export interface Allowance {
  limitMinor: number;
  /** what this month's charges, less this month's refunds, used; never negative */
  usedMinor: number;
  /** limit − used, between 0 and the limit */
  remainingMinor: number;
}

/**
 * The monthly allowance rule (docs/adr/0006-ssl247-deposit-allowance.md): charges are negative ledger amounts and
 * refunds positive, both summed over the current month; a limit of 0 means no allowance.
 */
export function allowanceOf(limitMinor: number, chargesMinor: number, refundsMinor: number): Allowance {
  const limit = Math.max(0, Math.round(limitMinor));
  const usedMinor = Math.max(0, -(chargesMinor + refundsMinor));
  return { limitMinor: limit, usedMinor, remainingMinor: Math.min(limit, Math.max(0, limit - usedMinor)) };
}
