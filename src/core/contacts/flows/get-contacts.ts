// Reads several contacts of an account by id at once (deleted ones included), e.g. the handles of a page of domains.
// Ids of other accounts' contacts are left out.
import type { Flow } from '../../runner.ts';
import type { Contact } from '../model.ts';

export const getContacts: Flow<{ accountId: number; ids: number[] }, Contact[]> = (ctx, { accountId, ids }) => ctx.uow.contacts.getMany(accountId, ids);
