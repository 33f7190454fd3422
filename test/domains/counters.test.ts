// The counters behind list totals (`domain_counts`: per account, holding, TLD and phase; repos/domains.ts `bump`)
// stay equal to a real count of the rows through every flow that writes a domain: registration (immediate and
// delayed), renewal, deletion in and after add grace, expiry through grace and redemption, restore, a transfer out
// to another account here (rejected, then approved) and a transfer in that fails. Checked two ways after each step:
// the table against a GROUP BY of `domains`, and list totals answered by the counters against the same filter
// answered by COUNT(*). On SQLite, and on PostgreSQL with DATABASE_URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../harness/app.ts';
import { runFlow, runQuery } from '../../src/core/runner.ts';
import { registryOf } from '../../src/core/registry/registry.ts';
import { registerDomain } from '../../src/core/domains/flows/register-domain.ts';
import { renewDomain } from '../../src/core/domains/flows/renew-domain.ts';
import { deleteDomain } from '../../src/core/domains/flows/delete-domain.ts';
import { restoreDomain } from '../../src/core/domains/flows/restore-domain.ts';
import { transferDomain } from '../../src/core/domains/flows/transfer-domain.ts';
import { respondTransferOut } from '../../src/core/domains/flows/respond-transfer-out.ts';
import { restartOperation } from '../../src/core/domains/flows/restart-operation.ts';
import { getAuthCode } from '../../src/core/domains/flows/auth-code.ts';
import { searchDomains } from '../../src/core/domains/flows/search-domains.ts';
import { listElsewhereCodes } from '../../src/core/registry/flows/list-elsewhere-codes.ts';
import type { DomainFilter } from '../../src/core/domains/ports.ts';
import type { DomainPhase } from '../../src/core/domains/model.ts';
import { runDomainLifecycle } from '../../src/jobs/domain-lifecycle.ts';

let app: TestApp;
let registry: ReturnType<typeof registryOf>;

beforeAll(async () => {
  app = await testApp();
  registry = registryOf(app.services);
});
afterAll(async () => {
  await app.close();
});

const reseller = () => app.reseller(10_000);
const register = (accountId: number, owner: string, name: string, extra: Record<string, unknown> = {}) =>
  runFlow(app.services, registerDomain, { registry, accountId, name, contacts: { owner }, autorenew: 'off', ...extra });

type CountRow = { account_id: number; holds_name: number; tld: string; phase: string; n: number };
const num = (r: CountRow): CountRow => ({ account_id: Number(r.account_id), holds_name: Number(r.holds_name), tld: r.tld, phase: r.phase, n: Number(r.n) });

const TLDS = [undefined, 'com', 'net', 'nl', 'es', '.COM', 'org'];
const PHASES: (DomainPhase[] | undefined)[] = [undefined, [], ['active'], ['active', 'grace'], ['requested'], ['failed'], ['redemption', 'pending_delete', 'deleted'], ['deleted']];
const HOLDING: Pick<DomainFilter, 'includeDeleted' | 'onlyDeleted'>[] = [{}, { includeDeleted: true }, { onlyDeleted: true }];

/** the counters equal the rows, as a table and as every list total they answer */
async function expectExact(accountIds: number[], step: string) {
  const db = app.store.db;
  const counters = await sql<CountRow>`SELECT account_id, holds_name, tld, phase, n FROM domain_counts WHERE account_id IN (${sql.join(accountIds)}) AND n <> 0 ORDER BY account_id, holds_name, tld, phase`.execute(db);
  const rows = await sql<CountRow>`SELECT account_id, holds_name, tld, phase, count(*) AS n FROM domains WHERE account_id IN (${sql.join(accountIds)}) GROUP BY account_id, holds_name, tld, phase ORDER BY account_id, holds_name, tld, phase`.execute(db);
  expect(counters.rows.map(num), step).toEqual(rows.rows.map(num));
  expect(rows.rows.length, step).toBeGreaterThan(0);
  for (const accountId of accountIds) {
    for (const tld of TLDS) {
      for (const phases of PHASES) {
        for (const holding of HOLDING) {
          const filter: DomainFilter = { tld, phases, ...holding };
          const page = { limit: 1, offset: 0 };
          const byCounters = await runQuery(app.services, searchDomains, { registry, accountId, filter, page });
          // `namePattern: '*'` matches every name but is not a counter dimension: the total is a COUNT(*) of the rows
          const byRows = await runQuery(app.services, searchDomains, { registry, accountId, filter: { ...filter, namePattern: '*' }, page });
          expect(byCounters.total, `${step}: ${JSON.stringify(filter)}`).toBe(byRows.total);
        }
      }
    }
  }
}

describe('domain_counts (per account, holding, TLD and phase)', () => {
  it('stays equal to a count of the rows through register, renew, delete, expiry, restore and transfers', async () => {
    const a = await reseller();
    const b = await reseller();
    const ids = [a.accountId, b.accountId];

    const kept = await register(a.accountId, a.owner, 'counted-kept.com');
    await register(a.accountId, a.owner, 'counted-gone.com');
    const moving = await register(a.accountId, a.owner, 'counted-moving.net');
    await register(a.accountId, a.owner, 'counted-late.nl');
    await register(a.accountId, a.owner, 'counted-delayed.es', { additionalData: { id_number: 'X1234567L' } });
    await register(b.accountId, b.owner, 'counted-other.com');
    await expectExact(ids, 'registered (one requested)');

    await runFlow(app.services, renewDomain, { registry, accountId: a.accountId, domain: kept.domain.id, period: 1 });
    await runFlow(app.services, deleteDomain, { registry, accountId: a.accountId, domain: 'counted-gone.com' }); // in add grace: gone at once
    await app.advance('61m');
    await runDomainLifecycle(app.services); // the .es registration completes
    await expectExact(ids, 'renewed, deleted in add grace, delayed registration completed');

    // a transfer out to another account here: rejected (B's transfer fails), restarted, approved (A's row lets go)
    const code = (await runFlow(app.services, getAuthCode, { registry, accountId: a.accountId, domain: moving.domain.id })).authCode;
    const t = await runFlow(app.services, transferDomain, { registry, accountId: b.accountId, name: 'counted-moving.net', authCode: code, contacts: { owner: b.owner } });
    await expectExact(ids, 'transfer requested');
    await runFlow(app.services, respondTransferOut, { registry, accountId: a.accountId, domain: moving.domain.id, approve: false });
    await expectExact(ids, 'transfer rejected');
    await runFlow(app.services, restartOperation, { registry, accountId: b.accountId, domain: t.domain.id });
    await runFlow(app.services, respondTransferOut, { registry, accountId: a.accountId, domain: moving.domain.id, approve: true });
    await expectExact(ids, 'transferred out');

    // a transfer in from elsewhere with a bad code: failed
    const [elsewhere] = await runQuery(app.services, listElsewhereCodes, { registry, names: ['github.io'] });
    await runFlow(app.services, transferDomain, { registry, accountId: a.accountId, name: elsewhere.name, authCode: 'wrong', contacts: { owner: a.owner } });
    await expectExact(ids, 'transfer in failed');

    // deleted after add grace: redemption; then a year on, the others expire into grace, and on into redemption
    await app.advance('6d');
    await runFlow(app.services, deleteDomain, { registry, accountId: a.accountId, domain: 'counted-late.nl' });
    await expectExact(ids, 'deleted into redemption');
    await app.advance('366d');
    await runDomainLifecycle(app.services);
    await expectExact(ids, 'a year on');
    await app.advance('40d');
    await runDomainLifecycle(app.services);
    await expectExact(ids, 'past grace');
    const restorable = (await runQuery(app.services, searchDomains, { registry, accountId: b.accountId, filter: { phases: ['redemption'] }, page: { limit: 10, offset: 0 } })).results;
    expect(restorable.length).toBeGreaterThan(0);
    await runFlow(app.services, restoreDomain, { registry, accountId: b.accountId, domain: restorable[0].domain.id });
    await expectExact(ids, 'restored');
    await app.advance('400d');
    await runDomainLifecycle(app.services);
    await expectExact(ids, 'purged');
  });
});
