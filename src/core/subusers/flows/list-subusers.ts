// The account's external users, oldest first, filtered. Errors: request.invalid
import type { Flow } from '../../runner.ts';
import { invalid } from '../../errors.ts';
import type { Page, PageOf } from '../../ports.ts';
import type { Subuser } from '../model.ts';
import type { SubuserFilter } from '../ports.ts';

export const listSubusers: Flow<{ accountId: number; filter: SubuserFilter; page: Page }, PageOf<Subuser>> = async (ctx, i) => {
  if (!Number.isInteger(i.page.limit) || i.page.limit < 1) throw invalid('limit', 'must be 1 or more');
  if (!Number.isInteger(i.page.offset) || i.page.offset < 0) throw invalid('offset', 'must be 0 or more');
  return ctx.uow.subusers.list(i.accountId, i.filter, i.page);
};
