// Shared set-up for the Openprovider domain tests: a reseller with a token and a customer handle, the lifecycle job
// run the way the app runs it, and read-only views of the ledger and the domain rows.
import { expect } from 'vitest';
import type { TestApp } from '../harness/app.ts';
import { call, login, CUSTOMER } from '../openprovider/client.ts';
import { runQuery } from '../../src/core/runner.ts';
import { runDomainLifecycle } from '../../src/jobs/domain-lifecycle.ts';

export interface Reseller {
  accountId: number;
  token: string;
  handle: string;
  email: string;
  user: { username: string; password: string };
}

export async function reseller(app: TestApp, balance = 1000, customer: Record<string, unknown> = {}): Promise<Reseller> {
  const a = await app.account({ balance });
  const token = await login(app, a);
  const email = `owner${a.accountId}@example.com`;
  const res = await call<{ handle: string }>(app, 'POST', '/v1beta/customers', { token, json: { ...CUSTOMER, email, ...customer } });
  expect(res.status).toBe(200);
  return { accountId: a.accountId, token, handle: res.body.data.handle, email, user: { username: a.username, password: a.password } };
}

/** a create body with the three required handles */
export const createBody = (r: Reseller, name: string, extension: string, extra: Record<string, unknown> = {}) => ({
  domain: { name, extension }, owner_handle: r.handle, admin_handle: r.handle, tech_handle: r.handle, period: 1, autorenew: 'off', ...extra,
});

/** the balance in minor units, read from the ledger */
export const balance = (app: TestApp, accountId: number) => runQuery(app.services, (ctx) => ctx.uow.ledger.balanceMinor(accountId), {});
/** how many domain rows the account has, gone ones included */
export const domainRows = async (app: TestApp, accountId: number) =>
  (await runQuery(app.services, (ctx) => ctx.uow.domains.search(accountId, { includeDeleted: true }, { limit: 1000, offset: 0 }), {})).total;

/** moves the sandbox clock and runs the lifecycle job as the app's scheduler does; tokens live 48 hours on the
 * sandbox clock, so the resellers given log in again */
export async function advance(app: TestApp, duration: string, ...again: Reseller[]): Promise<void> {
  await app.advance(duration);
  await runDomainLifecycle(app.services);
  for (const r of again) r.token = await login(app, r.user);
}

/** `YYYY-MM-DD HH:MM:SS` of the sandbox clock now, plus years and days (what Openprovider dates look like) */
export function opDate(app: TestApp, o: { years?: number; days?: number } = {}): string {
  const d = new Date(app.clock.now());
  d.setUTCFullYear(d.getUTCFullYear() + (o.years ?? 0));
  d.setUTCDate(d.getUTCDate() + (o.days ?? 0));
  return d.toISOString().slice(0, 19).replace('T', ' ');
}
