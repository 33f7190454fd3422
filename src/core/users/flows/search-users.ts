// Searches the users of an account with `*` patterns (username, email, last name, company name), a role, an order
// and paging. Matched over the account's users in memory: an account has few users.
// Errors: none
import type { Flow } from '../../runner.ts';
import type { Page, PageOf } from '../../ports.ts';
import type { User } from '../model.ts';
import { globMatch } from '../../contacts/model.ts';

export interface UserSearch {
  accountId: number;
  usernamePattern?: string;
  emailPattern?: string;
  lastNamePattern?: string;
  companyNamePattern?: string;
  role?: string;
  orderBy?: { field: 'id' | 'username' | 'email' | 'firstName' | 'lastName' | 'companyName' | 'role'; desc: boolean };
  page: Page;
}

const key = (u: User, f: NonNullable<UserSearch['orderBy']>['field']): string | number =>
  f === 'id' ? u.id : f === 'firstName' ? u.name.firstName.toLowerCase() : f === 'lastName' ? u.name.lastName.toLowerCase() : String(u[f]).toLowerCase();

export const searchUsers: Flow<UserSearch, PageOf<User>> = async (ctx, i) => {
  const all = await ctx.uow.users.list(i.accountId, {}, { limit: 1_000_000, offset: 0 });
  const hits = all.results.filter(
    (u) =>
      (!i.usernamePattern || globMatch(i.usernamePattern, u.username)) &&
      (!i.emailPattern || globMatch(i.emailPattern, u.email)) &&
      (!i.lastNamePattern || globMatch(i.lastNamePattern, u.name.lastName)) &&
      (!i.companyNamePattern || globMatch(i.companyNamePattern, u.companyName)) &&
      (!i.role || u.role === i.role),
  );
  const order = i.orderBy ?? { field: 'id', desc: false };
  hits.sort((a, b) => {
    const x = key(a, order.field);
    const y = key(b, order.field);
    const c = x < y ? -1 : x > y ? 1 : a.id - b.id;
    return order.desc ? -c : c;
  });
  return { total: hits.length, results: hits.slice(i.page.offset, i.page.offset + i.page.limit) };
};
