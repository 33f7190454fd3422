// Changes a user; fields left out stay as they are. A new password is hashed.
// Errors: request.invalid, user.not_found, user.username_taken, user.email_taken
import type { Flow } from '../../runner.ts';
import type { User } from '../model.ts';
import { DomainError } from '../../errors.ts';
import { checkPassword, checkUserFields } from './create-user.ts';

export type UserChanges = Partial<Omit<User, 'id' | 'accountId' | 'passwordHash' | 'createdAt' | 'updatedAt' | 'version'>> & { password?: string };

export const updateUser: Flow<{ accountId: number; id: number; changes: UserChanges }, User> = async (ctx, { accountId, id, changes }) => {
  const user = await ctx.uow.users.get(accountId, id);
  if (!user) throw new DomainError('user.not_found');
  checkUserFields(changes);
  if (changes.username && changes.username !== user.username && (await ctx.uow.users.byUsername(changes.username))) throw new DomainError('user.username_taken');
  if (changes.email && changes.email.toLowerCase() !== user.email.toLowerCase() && (await ctx.uow.users.byEmail(changes.email))) throw new DomainError('user.email_taken');
  const { password, ...rest } = changes;
  const next: User = { ...user, ...rest, name: { ...user.name, ...rest.name }, address: { ...user.address, ...rest.address }, extra: { ...user.extra, ...rest.extra }, updatedAt: ctx.now };
  if (password !== undefined) {
    checkPassword(password);
    next.passwordHash = await ctx.hasher.hash(password);
    next.passwordChangedAt = ctx.now;
  }
  return ctx.uow.users.update(next);
};
