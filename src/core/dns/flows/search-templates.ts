// Lists the DNS templates of the account: `*` name pattern, ordering, paging. Errors: none
import type { Flow } from '../../runner.ts';
import type { Page, PageOf } from '../../ports.ts';
import type { Template } from '../model.ts';

export const searchTemplates: Flow<{ accountId: number; namePattern?: string; orderBy?: { field: 'name' | 'id'; desc: boolean }; page: Page }, PageOf<Template>> = (ctx, i) =>
  ctx.uow.dns.searchTemplates(i.accountId, { namePattern: i.namePattern, orderBy: i.orderBy }, i.page);
