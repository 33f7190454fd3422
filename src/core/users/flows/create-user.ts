// Creates a user of an account.
// Errors: request.invalid, user.username_taken, user.email_taken, account.not_found
import type { Flow } from '../../runner.ts';
import type { User } from '../model.ts';
import { DomainError, invalid } from '../../errors.ts';
import { isEmail } from '../../people.ts';
import { isCidr } from '../../auth/ip.ts';
import { newUser, type UserDraft } from '../new-user.ts';

export const MIN_PASSWORD = 8;

export function checkPassword(password: string): void {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD) throw invalid('password', `must have at least ${MIN_PASSWORD} characters`);
}

export function checkUserFields(u: Partial<User>): void {
  if (u.username !== undefined && !/^[A-Za-z0-9._@+-]{3,64}$/.test(u.username)) throw invalid('username', 'must be 3-64 letters, digits or . _ @ + -');
  if (u.email !== undefined && !isEmail(u.email)) throw invalid('email', 'is not a valid email address');
  for (const list of [u.apiIps, u.panelIps]) for (const ip of [...(list?.allow ?? []), ...(list?.deny ?? [])]) if (!isCidr(ip)) throw invalid('ip', `${ip} is not an IP address or CIDR`);
}

/**
 * A free username for a face that logs in by email and has no username field (SSL247): the email itself when it
 * is a valid username and free, else its local part with random digits.
 */
async function usernameFor(ctx: Parameters<Flow<unknown, unknown>>[0], email: string): Promise<string> {
  const valid = (u: string) => /^[A-Za-z0-9._@+-]{3,64}$/.test(u);
  if (valid(email) && !(await ctx.uow.users.byUsername(email))) return email;
  const local = (email.split('@')[0] ?? '').replace(/[^A-Za-z0-9._+-]/g, '').slice(0, 48) || 'user';
  for (let i = 0; i < 20; i++) {
    const u = `${local}-${ctx.random.digits(6)}`;
    if (!(await ctx.uow.users.byUsername(u))) return u;
  }
  throw new DomainError('internal', undefined, { reason: 'no free username after 20 attempts' });
}

/** An empty `username` means: derive one from the email (see usernameFor). */
export const createUser: Flow<UserDraft & { password: string }, User> = async (ctx, given) => {
  if (given.email !== undefined && !isEmail(given.email)) throw invalid('email', 'is not a valid email address');
  const input = given.username === '' ? { ...given, username: await usernameFor(ctx, given.email) } : given;
  checkUserFields(input);
  if (input.kind !== 'api') checkPassword(input.password);
  if (!(await ctx.uow.accounts.get(input.accountId))) throw new DomainError('account.not_found');
  if (await ctx.uow.users.byUsername(input.username)) throw new DomainError('user.username_taken', `The username ${input.username} is already in use`);
  if (await ctx.uow.users.byEmail(input.email)) throw new DomainError('user.email_taken', `The email address ${input.email} is already in use by another user`);
  const hash = await ctx.hasher.hash(input.password || ctx.random.hex(24));
  const apiKey = input.kind === 'api' && !input.apiKey ? ctx.random.hex(20) : input.apiKey;
  return ctx.uow.users.insert(newUser({ ...input, apiKey }, hash, ctx.now));
};
