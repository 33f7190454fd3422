// The whole product built without listening (inject), on a fresh database, with a cheap password hash and a
// frozen clock. `listen()` gives a real socket for the end-to-end tests.
import { buildApp, type App } from '../../src/app/build-app.ts';
import { loadConfig, type Config } from '../../src/app/config.ts';
import { scryptHasher } from '../../src/app/security.ts';
import { runFlow } from '../../src/core/runner.ts';
import { createAccount } from '../../src/core/accounts/flows/create-account.ts';
import { changeClock } from '../../src/core/sandbox/flows/change-clock.ts';
import { createContact } from '../../src/core/contacts/flows/create-contact.ts';
import { testStore } from './store.ts';

export const START = '2026-06-01T12:00:00.000Z';

export interface TestApp extends App {
  /** creates an account; its first user has `username`/`password`/`email` */
  account(o?: { username?: string; password?: string; email?: string; balance?: number; allowIps?: string[] }): Promise<{ accountId: number; userId: number; username: string; password: string; email: string; apiKey: string }>;
  /** an account with a Spanish owner contact (valid for every TLD's requirements the domain tests use) */
  reseller(balance?: number): Promise<{ accountId: number; userId: number; username: string; password: string; email: string; apiKey: string; owner: string; ownerEmail: string }>;
  advance(duration: string): Promise<void>;
}

let seq = 0;

export async function testApp(over: Partial<Config> = {}): Promise<TestApp> {
  const store = await testStore();
  const config = loadConfig({}, { logLevel: 'silent', journalEnabled: true, publicUrl: 'http://127.0.0.1:8080', ...over });
  const app = await buildApp(config, { store, hasher: scryptHasher({ cost: 1024 }), clockPollMs: 0 });
  await runFlow(app.services, changeClock, { clock: app.clock, change: { set: START, freeze: true } });
  const close = app.close;
  return Object.assign(app, {
    async close() {
      await close.call(app);
      await store.drop();
    },
    async account(o: { username?: string; password?: string; email?: string; balance?: number; allowIps?: string[] } = {}) {
      const n = ++seq;
      const username = o.username ?? `reseller${n}${Math.random().toString(36).slice(2, 6)}`;
      const password = o.password ?? 'correct horse battery';
      const email = o.email ?? `${username}@example.test`;
      const { account, user } = await runFlow(app.services, createAccount, { username, password, email, balance: o.balance ?? 1000, allowIps: o.allowIps });
      return { accountId: account.id, userId: user.id, username, password, email, apiKey: account.apiKey };
    },
    async reseller(balance = 1000) {
      const a = await this.account({ balance });
      const ownerEmail = `ana${a.accountId}@example.es`;
      const owner = await runFlow(app.services, createContact, {
        accountId: a.accountId,
        input: { name: { title: '', firstName: 'Ana', lastName: 'García', initials: '', prefix: '' }, email: ownerEmail, phone: { countryCode: '+34', areaCode: '91', subscriberNumber: '1234567' }, address: { street: 'Gran Vía', number: '1', suffix: '', line2: '', line3: '', zipcode: '28013', city: 'Madrid', state: 'M', country: 'ES' } },
      });
      return { ...a, owner: owner.handle, ownerEmail };
    },
    async advance(duration: string) {
      await runFlow(app.services, changeClock, { clock: app.clock, change: { advance: duration } });
    },
  });
}
