// Searches the contacts of an account with `*` patterns and paging.
// `commentPattern` and `anyPattern` (first name, last name, company name, handle or email) are matched here, over the
// rows the repository's own filters leave: a sandbox account holds few enough contacts for that.
// Errors: none
import type { Flow } from '../../runner.ts';
import type { ContactFilter, Page, PageOf } from '../../ports.ts';
import type { Contact } from '../model.ts';
import { globMatch } from '../model.ts';

export interface ContactSearch extends ContactFilter {
  commentPattern?: string;
  anyPattern?: string;
}

export const searchContacts: Flow<{ accountId: number; filter: ContactSearch; page: Page }, PageOf<Contact>> = async (ctx, i) => {
  const { commentPattern, anyPattern, ...filter } = i.filter;
  if (!commentPattern && !anyPattern) return ctx.uow.contacts.search(i.accountId, filter, i.page);
  const all = await ctx.uow.contacts.search(i.accountId, filter, { limit: 1_000_000, offset: 0 });
  const hits = all.results.filter(
    (c) =>
      (!commentPattern || globMatch(commentPattern, c.comments)) &&
      (!anyPattern || [c.name.firstName, c.name.lastName, c.companyName, c.handle, c.email].some((v) => globMatch(anyPattern, v))),
  );
  return { total: hits.length, results: hits.slice(i.page.offset, i.page.offset + i.page.limit) };
};
