// What a bearer token stands for (the token row, its user, the user's account), kept in memory so an authenticated
// call reads nothing from the database. Every check (expiry on the sandbox clock, the token's IP, the user's state
// and IP lists, the account's state) still runs on every call against the cached rows; only the reads are saved.
// An entry is dropped when the store's auth epoch moves (any write to users, accounts or tokens in this process)
// and after `maxAgeMs` of real time (changes made by another process, e.g. a second instance on PostgreSQL).
import type { Store, TokenRecord } from '../ports.ts';
import type { User } from '../users/model.ts';
import type { Account } from '../accounts/model.ts';

export interface AuthRows {
  token: TokenRecord;
  user: User;
  account: Account | null;
}

interface Entry extends AuthRows {
  epoch: number;
  at: number;
}

export class AuthCache {
  private readonly entries = new Map<string, Entry>();
  /**
   * @param monotonicMs a monotonic clock in milliseconds (real time, not the sandbox clock: this bounds staleness)
   */
  private readonly store: Pick<Store, 'authEpoch'>;
  private readonly monotonicMs: () => number;
  private readonly maxAgeMs: number;
  private readonly maxEntries: number;
  constructor(store: Pick<Store, 'authEpoch'>, monotonicMs: () => number, maxAgeMs = 1000, maxEntries = 10_000) {
    this.store = store;
    this.monotonicMs = monotonicMs;
    this.maxAgeMs = maxAgeMs;
    this.maxEntries = maxEntries;
  }

  /** read before the rows are, and handed back to `set` */
  epoch(): number {
    return this.store.authEpoch();
  }

  get(token: string): AuthRows | undefined {
    const e = this.entries.get(token);
    if (!e) return undefined;
    if (e.epoch !== this.store.authEpoch() || this.monotonicMs() - e.at > this.maxAgeMs) {
      this.entries.delete(token);
      return undefined;
    }
    return e;
  }

  /** `epoch` is the store's epoch read before the rows were */
  set(token: string, rows: AuthRows, epoch: number): void {
    if (epoch !== this.store.authEpoch()) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(token, { ...rows, epoch, at: this.monotonicMs() });
  }
}
