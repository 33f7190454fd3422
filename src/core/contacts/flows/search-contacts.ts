// Searches the contacts of an account with `*` patterns and paging.
import type { Flow } from '../../runner.ts';
import type { ContactFilter, Page, PageOf } from '../../ports.ts';
import type { Contact } from '../model.ts';

export const searchContacts: Flow<{ accountId: number; filter: ContactFilter; page: Page }, PageOf<Contact>> = (ctx, i) =>
  ctx.uow.contacts.search(i.accountId, i.filter, i.page);
