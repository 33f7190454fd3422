// Account group: general information, users + contact profiles, deposit, monthly allowance (E01–E04).
import type { FastifyInstance } from 'fastify';
import type { FaceOptions } from '../../shared/http.ts';
import type { Services } from '../../../core/runner.ts';
import { runQuery } from '../../../core/runner.ts';
import type { User } from '../../../core/users/model.ts';
import type { Contact } from '../../../core/contacts/model.ts';
import { getAccount } from '../../../core/accounts/flows/get-account.ts';
import { getAllowance } from '../../../core/billing/flows/get-allowance.ts';
import { listUsers } from '../../../core/users/flows/list-users.ts';
import { searchContacts } from '../../../core/contacts/flows/search-contacts.ts';
import { fullName } from '../../../core/people.ts';
import { post } from '../route.ts';
import { money } from '../wire.ts';
import { contactSummary, userSummary } from '../mapping.ts';

const PAGE = 500;

/** every user of the account, in id order (the seed has no paging, inventory §1.7) */
export async function allUsers(s: Services, accountId: number): Promise<User[]> {
  const out: User[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const r = await runQuery(s, listUsers, { accountId, page: { limit: PAGE, offset } });
    out.push(...r.results);
    if (r.results.length < PAGE || out.length >= r.total) return out;
  }
}

/** every contact profile (not deleted) of the account, in id order */
export async function allContacts(s: Services, accountId: number): Promise<Contact[]> {
  const out: Contact[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const r = await runQuery(s, searchContacts, { accountId, filter: {}, page: { limit: PAGE, offset } });
    out.push(...r.results);
    if (r.results.length < PAGE || out.length >= r.total) return out;
  }
}

export function accountRoutes(app: FastifyInstance, o: FaceOptions): void {
  const s = o.services;

  post(app, o, '/account', async ({ actor }) => {
    const { account } = await runQuery(s, getAccount, { accountId: actor.accountId });
    const allowance = await runQuery(s, getAllowance, { accountId: actor.accountId });
    const users = await allUsers(s, actor.accountId);
    return {
      Account: {
        account_code: account.code,
        company: account.settings.companyName || account.name,
        country: account.settings.country,
        currency: account.currency,
        allowance_limit: money(allowance.limitMinor),
        remaining_allowance: money(allowance.remainingMinor),
        Users: users.map((u) => ({ full_name: fullName(u.name), email: u.email })),
      },
    };
  });

  post(app, o, '/account/users', async ({ actor }) => {
    const [users, contacts] = [await allUsers(s, actor.accountId), await allContacts(s, actor.accountId)];
    return { Users: { User: users.map(userSummary), ContactProfile: contacts.map(contactSummary) } };
  });

  post(app, o, '/account/deposit', async ({ actor }) => {
    const { account, balanceMinor } = await runQuery(s, getAccount, { accountId: actor.accountId });
    return { Deposit: { value: money(balanceMinor), currency: account.currency } };
  });

  post(app, o, '/account/monthly-allowance', async ({ actor }) => {
    const a = await runQuery(s, getAllowance, { accountId: actor.accountId });
    return { Allowance: { remaining: money(a.remainingMinor), limit: money(a.limitMinor), currency: a.currency } };
  });
}
