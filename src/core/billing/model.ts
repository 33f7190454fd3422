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
