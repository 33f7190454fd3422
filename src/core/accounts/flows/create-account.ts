// Creates a reseller account with its first (admin, super) user and an opening deposit.
// Errors: request.invalid, user.username_taken, user.email_taken
import type { Flow } from '../../runner.ts';
import type { Account } from '../model.ts';
import type { User } from '../../users/model.ts';
import { DEFAULT_SETTINGS, CURRENCIES } from '../model.ts';
import { invalid } from '../../errors.ts';
import { createUser } from '../../users/flows/create-user.ts';
import { toMinor } from '../../billing/model.ts';

export interface CreateAccountInput {
  username: string;
  password: string;
  email?: string;
  name?: string;
  balance?: number;
  currency?: string;
  allowIps?: string[];
  country?: string;
}

export const createAccount: Flow<CreateAccountInput, { account: Account; user: User }> = async (ctx, input) => {
  const currency = (input.currency ?? 'EUR').toUpperCase();
  if (!(CURRENCIES as readonly string[]).includes(currency)) throw invalid('currency', `must be one of ${CURRENCIES.join(', ')}`);
  const balance = input.balance ?? 0;
  if (!Number.isFinite(balance) || balance < 0) throw invalid('balance', 'must be a non-negative amount');
  const email = input.email ?? (input.username.includes('@') ? input.username : `${input.username.toLowerCase()}@resellbox.test`);
  const name = input.name ?? input.username;
  const account = await ctx.uow.accounts.insert({
    code: '',
    name,
    currency,
    apiKey: ctx.random.hex(20),
    status: 'active',
    settings: { ...DEFAULT_SETTINGS, companyName: name, country: (input.country ?? DEFAULT_SETTINGS.country).toUpperCase() },
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  const withCode = await ctx.uow.accounts.update({ ...account, code: `RB${account.id}` });
  const firstName = name.replace(/[^A-Za-z ]/g, '').trim() || 'Admin';
  const user = await createUser(ctx, {
    accountId: account.id,
    username: input.username,
    email,
    password: input.password,
    role: 'admin',
    kind: 'super',
    apiIps: { allow: input.allowIps ?? [], deny: [] },
    name: { title: '', firstName, lastName: 'Admin', initials: firstName[0].toUpperCase() + 'A', prefix: '' },
  });
  if (balance > 0) {
    await ctx.uow.ledger.append({ accountId: account.id, kind: 'deposit', amountMinor: toMinor(balance), currency, description: 'Opening balance', reference: `account:${account.id}`, createdAt: ctx.now });
  }
  return { account: withCode, user };
};
