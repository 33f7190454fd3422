// Deletes a contact, if no product uses it. The row is kept, marked deleted.
// Errors: contact.not_found, contact.in_use
import type { Flow } from '../../runner.ts';
import { DomainError } from '../../errors.ts';

export const deleteContact: Flow<{ accountId: number; key: string }, void> = async (ctx, { accountId, key }) => {
  const c = await ctx.uow.contacts.byKey(accountId, key);
  if (!c || c.deletedAt) throw new DomainError('contact.not_found', `Contact ${key} not found`);
  const uses = await ctx.uow.contactUsage(c.id);
  if (uses > 0) throw new DomainError('contact.in_use', `Contact ${c.handle} is used by ${uses} active product(s) and cannot be deleted`);
  await ctx.uow.contacts.update({ ...c, deletedAt: ctx.now, active: false, updatedAt: ctx.now });
};
