// SSL247 account routes: general information, users + contact profiles, deposit, monthly allowance (E01–E04).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { runFlow } from '../../src/core/runner.ts';
import { updateAccount } from '../../src/core/accounts/flows/update-account.ts';
import { deposit } from '../../src/core/billing/flows/deposit.ts';
import { allowanceOf, monthWindow } from '../../src/core/billing/model.ts';
import { apiUser, call, data, expectSeedShape, profileBody, reseller, seedData, userBody, type Reseller } from './helpers.ts';

describe('SSL247 account routes', () => {
  let app: TestApp;
  let a: Reseller;
  let b: Reseller;
  beforeAll(async () => {
    app = await testApp();
    a = await reseller(app, { balance: 1234.5 });
    b = await reseller(app, { balance: 10 });
    await apiUser(app, a.accountId, 'robot-a@example.test');
    await call(app, '/account/contact-profile/add', { ...a.creds, ...profileBody() });
    await call(app, '/account/contact-profile/add', { ...b.creds, ...profileBody({ email: 'b-only@example.test' }) });
  });
  afterAll(() => app?.close());

  it('account: answers every documented field with the seed\'s types, the account\'s code, currency and users', async () => {
    const d = data(await call(app, '/account', a.creds));
    expectSeedShape(d, seedData('/account'));
    expect(d.Account.account_code).toBe(`RB${a.accountId}`);
    expect(d.Account.currency).toBe('EUR');
    expect(d.Account.country).toBe('NL');
    expect(d.Account.allowance_limit).toBe('0.00');
    expect(d.Account.Users.map((u: { email: string }) => u.email)).toEqual([a.email, 'robot-a@example.test']);
  });

  it('account/users: lists the account\'s users with ids and its contact profiles with their roles, nothing of another account', async () => {
    const d = data(await call(app, '/account/users', a.creds));
    expectSeedShape(d, seedData('/account/users'));
    expect(d.Users.User.map((u: { id: string }) => u.id)).toEqual([String(a.userId), expect.stringMatching(/^\d+$/)]);
    expect(d.Users.ContactProfile).toEqual([{ id: expect.stringMatching(/^\d+$/), full_name: 'Jane Smith', email: 'jane.smith@example.co.uk', tech: true, admin: true, billing: false }]);
    const other = data(await call(app, '/account/users', b.creds));
    expect(other.Users.User.map((u: { email: string }) => u.email)).toEqual([b.email]);
    expect(other.Users.ContactProfile.map((c: { email: string }) => c.email)).toEqual(['b-only@example.test']);
  });

  it('account/users: shows a user added through users/add at once', async () => {
    const body = userBody();
    const { user_id } = data(await call(app, '/account/users/add', { ...b.creds, ...body }));
    const d = data(await call(app, '/account/users', b.creds));
    expect(d.Users.User).toContainEqual({ id: user_id, full_name: 'John Doe', email: body.email });
  });

  it('account/deposit: answers the ledger balance as a decimal string with the account currency', async () => {
    const d = data(await call(app, '/account/deposit', a.creds));
    expectSeedShape(d, seedData('/account/deposit'));
    expect(d).toEqual({ Deposit: { value: '1234.50', currency: 'EUR' } });
    await runFlow(app.services, deposit, { accountId: a.accountId, amount: 0.75 });
    expect(data(await call(app, '/account/deposit', a.creds)).Deposit.value).toBe('1235.25');
    expect(data(await call(app, '/account/deposit', b.creds)).Deposit.value).toBe('10.00');
  });

  it('account/monthly-allowance: answers limit and remaining from the account setting and this month\'s charges; account agrees', async () => {
    await runFlow(app.services, updateAccount, { accountId: a.accountId, settings: { monthlyAllowanceMinor: 50_000 } });
    const d = data(await call(app, '/account/monthly-allowance', a.creds));
    expectSeedShape(d, seedData('/account/monthly-allowance'));
    expect(d).toEqual({ Allowance: { remaining: '500.00', limit: '500.00', currency: 'EUR' } });
    // a charge this month uses the allowance (and the deposit); a charge last month does not
    await app.store.transaction(async (uow) => {
      await uow.ledger.append({ accountId: a.accountId, kind: 'charge', amountMinor: -12_345, currency: 'EUR', description: 'ssl order', reference: 'test', createdAt: app.clock.now() });
      await uow.ledger.append({ accountId: a.accountId, kind: 'charge', amountMinor: -99_999, currency: 'EUR', description: 'old order', reference: 'test', createdAt: new Date('2026-05-31T23:59:59Z') });
    });
    expect(data(await call(app, '/account/monthly-allowance', a.creds)).Allowance).toEqual({ remaining: '376.55', limit: '500.00', currency: 'EUR' });
    const acc = data(await call(app, '/account', a.creds)).Account;
    expect([acc.allowance_limit, acc.remaining_allowance]).toEqual(['500.00', '376.55']);
    expect(data(await call(app, '/account/monthly-allowance', b.creds)).Allowance).toEqual({ remaining: '0.00', limit: '0.00', currency: 'EUR' });
  });

  it('account/monthly-allowance: starts afresh when the sandbox clock enters the next month', async () => {
    await app.advance('30d'); // 2026-07-01 12:00
    expect(data(await call(app, '/account/monthly-allowance', a.creds)).Allowance.remaining).toBe('500.00');
  });
});

describe('the monthly allowance rule (core billing model)', () => {
  it('the month window is the UTC calendar month containing now', () => {
    expect(monthWindow(new Date('2026-12-31T23:59:59Z'))).toEqual({ from: new Date('2026-12-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') });
    expect(monthWindow(new Date('2026-03-01T00:00:00Z')).from).toEqual(new Date('2026-03-01T00:00:00Z'));
  });
  it('remaining = limit − (charges − refunds) this month, never below 0 nor above the limit', () => {
    expect(allowanceOf(10_000, -2_500, 0)).toEqual({ limitMinor: 10_000, usedMinor: 2_500, remainingMinor: 7_500 });
    expect(allowanceOf(10_000, -2_500, 1_000)).toEqual({ limitMinor: 10_000, usedMinor: 1_500, remainingMinor: 8_500 });
    expect(allowanceOf(10_000, -25_000, 0).remainingMinor).toBe(0);
    expect(allowanceOf(10_000, 0, 5_000)).toEqual({ limitMinor: 10_000, usedMinor: 0, remainingMinor: 10_000 });
    expect(allowanceOf(0, -100, 0).remainingMinor).toBe(0);
  });
});
