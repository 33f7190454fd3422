// On first start with an empty database, a demo reseller account is created and its credentials printed.
import type { Services } from '../core/runner.ts';
import { runFlow, runQuery } from '../core/runner.ts';
import { createAccount } from '../core/accounts/flows/create-account.ts';
import { listAccounts } from '../core/accounts/flows/list-accounts.ts';

export const DEMO = { username: 'demo', password: 'demo-password', email: 'demo@resellbox.test', balance: 10_000 };

export async function ensureDemoAccount(services: Services): Promise<{ created: boolean; apiKey?: string; accountId?: number }> {
  const accounts = await runQuery(services, listAccounts, {});
  if (accounts.length) return { created: false };
  const { account } = await runFlow(services, createAccount, { username: DEMO.username, password: DEMO.password, email: DEMO.email, balance: DEMO.balance, name: 'Demo Reseller' });
  return { created: true, apiKey: account.apiKey, accountId: account.id };
}
