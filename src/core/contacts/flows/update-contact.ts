// Changes a contact; fields left out stay as they are. Names stay as they are unless `allowNameChange`
// (Openprovider refuses name changes; MrDomain and SSL247 allow them).
// Errors: contact.not_found, contact.invalid, contact.name_immutable, tag.not_found
import type { Flow } from '../../runner.ts';
import type { Contact, ContactInput } from '../model.ts';
import { assertComplete } from '../model.ts';
import { DomainError } from '../../errors.ts';
import { checkTags } from './create-contact.ts';

export interface UpdateContactInput {
  accountId: number;
  key: string;
  changes: ContactInput;
  allowNameChange?: boolean;
}

export const updateContact: Flow<UpdateContactInput, Contact> = async (ctx, { accountId, key, changes, allowNameChange }) => {
  const c = await ctx.uow.contacts.byKey(accountId, key);
  if (!c || c.deletedAt) throw new DomainError('contact.not_found', `Contact ${key} not found`);
  const nameChanged =
    (changes.name && (Object.keys(changes.name) as Array<keyof Contact['name']>).some((k) => changes.name![k] !== undefined && changes.name![k] !== c.name[k])) ||
    (changes.companyName !== undefined && changes.companyName !== c.companyName);
  if (nameChanged && !allowNameChange) throw new DomainError('contact.name_immutable', 'The name of a customer cannot be changed; create a new customer instead');
  if (changes.tags) await checkTags(ctx, accountId, changes.tags);
  const next: Contact = {
    ...c,
    ...changes,
    name: { ...c.name, ...changes.name },
    address: { ...c.address, ...changes.address, country: (changes.address?.country ?? c.address.country).toUpperCase() },
    roles: { ...c.roles, ...changes.roles },
    extra: { ...c.extra, ...changes.extra },
    additionalData: changes.additionalData ? { ...c.additionalData, ...changes.additionalData } : c.additionalData,
    commentsChangedAt: changes.comments !== undefined && changes.comments !== c.comments ? ctx.now : c.commentsChangedAt,
    updatedAt: ctx.now,
  };
  if (changes.email !== undefined && changes.email.trim().toLowerCase() !== c.email.toLowerCase()) next.emailVerification = '';
  assertComplete(next);
  return ctx.uow.contacts.update(next);
};
