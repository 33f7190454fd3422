// What the sub-user capability needs from persistence (persistence/repos/subusers.ts).
import type { Page, PageOf } from '../ports.ts';
import type { Subuser } from './model.ts';

export interface SubuserFilter {
  enabled?: boolean;
  /** case-insensitive substring */
  username?: string;
  /** only sub-users granted this domain */
  domainId?: number;
}

export interface SubuserRepo {
  insert(s: Omit<Subuser, 'id' | 'version'>): Promise<Subuser>;
  get(accountId: number, id: number): Promise<Subuser | null>;
  /** login identity, case-insensitive, unique on the instance */
  byUsername(username: string): Promise<Subuser | null>;
  list(accountId: number, f: SubuserFilter, page: Page): Promise<PageOf<Subuser>>;
  /** compare-and-swap on `version` */
  update(s: Subuser): Promise<Subuser>;
  delete(accountId: number, id: number): Promise<void>;
}
