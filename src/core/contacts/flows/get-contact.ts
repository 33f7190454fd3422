// Reads a contact by handle, ref or id.
// Errors: contact.not_found
import type { Flow } from '../../runner.ts';
import type { Contact } from '../model.ts';
import { DomainError } from '../../errors.ts';

export const getContact: Flow<{ accountId: number; key: string; includeDeleted?: boolean }, Contact> = async (ctx, { accountId, key, includeDeleted }) => {
  const c = await ctx.uow.contacts.byKey(accountId, key);
  if (!c || (c.deletedAt && !includeDeleted)) throw new DomainError('contact.not_found', `Contact ${key} not found`);
  return c;
};
