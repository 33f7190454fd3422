// Creates a user and, when it may use the API, gives it a first bearer token in the same transaction
// (Openprovider's CreateContact answers `{id, token}`).
// Errors: those of createUser (request.invalid, user.username_taken, user.email_taken, account.not_found)
import type { Flow } from '../../runner.ts';
import type { User } from '../model.ts';
import type { UserDraft } from '../new-user.ts';
import { createUser } from './create-user.ts';
import { issueToken } from '../../auth/flows/login.ts';

export const createUserWithToken: Flow<UserDraft & { password: string }, { user: User; token: string }> = async (ctx, input) => {
  const user = await createUser(ctx, input);
  if (!user.isActive || !user.apiAccessEnabled) return { user, token: '' };
  const { token } = await issueToken(ctx, user);
  return { user, token };
};
