// Domain flows on the real database (testApp: in-memory SQLite, or PostgreSQL with DATABASE_URL), on the sandbox
// clock, with the lifecycle job run by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { runFlow, runQuery } from '../../src/core/runner.ts';
import type { DomainError } from '../../src/core/errors.ts';
import { createContact } from '../../src/core/contacts/flows/create-contact.ts';
import { deleteContact } from '../../src/core/contacts/flows/delete-contact.ts';
import { registryOf } from '../../src/core/registry/registry.ts';
import { checkDomain } from '../../src/core/domains/flows/check-domain.ts';
import { registerDomain } from '../../src/core/domains/flows/register-domain.ts';
import { renewDomain } from '../../src/core/domains/flows/renew-domain.ts';
import { deleteDomain } from '../../src/core/domains/flows/delete-domain.ts';
import { restoreDomain } from '../../src/core/domains/flows/restore-domain.ts';
import { transferDomain } from '../../src/core/domains/flows/transfer-domain.ts';
import { restartOperation } from '../../src/core/domains/flows/restart-operation.ts';
import { approveTransferLink } from '../../src/core/domains/flows/approve-transfer-link.ts';
import { respondTransferOut } from '../../src/core/domains/flows/respond-transfer-out.ts';
import { completeOperation } from '../../src/core/domains/flows/complete-operation.ts';
import { tradeDomain } from '../../src/core/domains/flows/trade-domain.ts';
import { updateDomain } from '../../src/core/domains/flows/update-domain.ts';
import { getDomain } from '../../src/core/domains/flows/get-domain.ts';
import { searchDomains } from '../../src/core/domains/flows/search-domains.ts';
import { domainHistory } from '../../src/core/domains/flows/domain-history.ts';
import { getAuthCode } from '../../src/core/domains/flows/auth-code.ts';
import { changeHostRecord } from '../../src/core/domains/flows/host-record.ts';
import { changeDnssecEntry } from '../../src/core/domains/flows/dnssec-entry.ts';
import { listElsewhereCodes } from '../../src/core/registry/flows/list-elsewhere-codes.ts';
import { runDomainLifecycle } from '../../src/jobs/domain-lifecycle.ts';

let app: TestApp;
let registry: ReturnType<typeof registryOf>;
const page = { limit: 100, offset: 0 };

const reseller = (balance = 1000) => app.reseller(balance);
const balance = (accountId: number) => runQuery(app.services, (ctx) => ctx.uow.ledger.balanceMinor(accountId), {});
const ledger = (accountId: number) => runQuery(app.services, (ctx) => ctx.uow.ledger.list(accountId, {}, page), {});
const rows = (accountId: number) => runQuery(app.services, (ctx) => ctx.uow.domains.search(accountId, { includeDeleted: true }, page), {});
async function fails(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as DomainError).code;
  }
  return 'no error';
}
const register = (accountId: number, owner: string, name: string, extra: Record<string, unknown> = {}) =>
  runFlow(app.services, registerDomain, { registry, accountId, name, contacts: { owner }, autorenew: 'off', ...extra });

beforeAll(async () => {
  app = await testApp();
  registry = registryOf(app.services);
});
afterAll(async () => {
  await app.close();
});

describe('check', () => {
  it('tells free, taken here, taken elsewhere, reserved and premium names apart with their prices', async () => {
    const a = await reseller();
    await register(a.accountId, a.owner, 'checked-taken.com');
    const r = await runFlow(app.services, checkDomain, { registry, accountId: a.accountId, names: ['brand-new-name.com', 'checked-taken.com', 'google.com', 'example.com', 'god.tools', 'España.com'] });
    expect(r.map((x) => x.status)).toEqual(['free', 'taken', 'taken_elsewhere', 'reserved', 'free', 'free']);
    expect(r[0].prices.create).toBe(853);
    expect(r[1].heldByYou).toBe(true);
    expect(r[2].transferable).toBe(true);
    expect(r[4]).toMatchObject({ premium: true, premiumPriceMinor: 21980 });
    expect(r[5].name).toMatchObject({ name: 'xn--espaa-rta.com', unicode: 'españa.com' });
  });
});

describe('register → renew → expire → grace → redemption → restore', () => {
  it('registers at once (ACT) and debits create × period in the same transaction', async () => {
    const a = await reseller();
    const before = await balance(a.accountId);
    const r = await register(a.accountId, a.owner, 'lifecycle-one.com', { period: 2 });
    expect(r.state.phase).toBe('active');
    expect(r.chargedMinor).toBe(2 * 853);
    expect(r.domain.expiresAt?.toISOString()).toBe('2028-06-01T12:00:00.000Z');
    expect(await balance(a.accountId)).toBe(before - 2 * 853);
    expect((await ledger(a.accountId)).results.find((e) => e.kind === 'charge')).toMatchObject({ amountMinor: -1706, reference: `domain:${r.domain.id}` });
  });

  it('keeps a registration REQ for a TLD with a registration delay until the job completes it', async () => {
    const a = await reseller();
    const r = await register(a.accountId, a.owner, 'delayed-reg.es', { additionalData: { id_number: 'X1234567L' } });
    expect(r.state.phase).toBe('requested');
    expect(r.domain.expiresAt).toBeNull();
    await app.advance('61m');
    await runDomainLifecycle(app.services);
    const g = await runFlow(app.services, getDomain, { registry, accountId: a.accountId, domain: 'delayed-reg.es' });
    expect(g.state.phase).toBe('active');
    expect(g.domain.phase).toBe('active');
    expect(g.domain.expiresAt?.toISOString().slice(0, 10)).toBe('2027-06-01');
  });

  it('renews from the expiry date, refuses periods out of range and walks the domain through expiry to restore', async () => {
    const a = await reseller();
    const r = await register(a.accountId, a.owner, 'lifecycle-two.com');
    const renewed = await runFlow(app.services, renewDomain, { registry, accountId: a.accountId, domain: r.domain.id, period: 1 });
    expect(renewed.domain.expiresAt?.toISOString().slice(0, 10)).toBe('2028-06-01');
    expect(await fails(runFlow(app.services, renewDomain, { registry, accountId: a.accountId, domain: r.domain.id, period: 11 }))).toBe('request.invalid');
    expect(await fails(runFlow(app.services, renewDomain, { registry, accountId: a.accountId, domain: r.domain.id, period: 9 }))).toBe('request.invalid');
    expect(await fails(runFlow(app.services, renewDomain, { registry, accountId: a.accountId, domain: r.domain.id, expectedExpiry: '20270601' }))).toBe('domain.renew_not_allowed');

    await app.advance('731d'); // past 2028-06-01 (2 years incl. a leap day)
    await runDomainLifecycle(app.services);
    let g = await runFlow(app.services, getDomain, { registry, accountId: a.accountId, domain: r.domain.id });
    expect(g.state.phase).toBe('grace');
    expect((await runQuery(app.services, searchDomains, { registry, accountId: a.accountId, filter: { phases: ['grace'] }, page })).results.map((x) => x.domain.name)).toEqual(['lifecycle-two.com']);

    await app.advance('45d');
    await runDomainLifecycle(app.services);
    g = await runFlow(app.services, getDomain, { registry, accountId: a.accountId, domain: r.domain.id });
    expect(g.state.phase).toBe('redemption');
    expect(await fails(runFlow(app.services, renewDomain, { registry, accountId: a.accountId, domain: r.domain.id }))).toBe('domain.renew_not_allowed');

    const before = await balance(a.accountId);
    const restored = await runFlow(app.services, restoreDomain, { registry, accountId: a.accountId, domain: r.domain.id });
    expect(restored.state.phase).toBe('active');
    expect(restored.chargedMinor).toBe(8000 + 853);
    expect(restored.domain.expiresAt?.toISOString().slice(0, 10)).toBe('2029-06-01');
    expect(await balance(a.accountId)).toBe(before - 8853);
    const h = await runQuery(app.services, domainHistory, { registry, accountId: a.accountId, domain: r.domain.id, page });
    expect(h.results.map((x) => x.kind)).toEqual(['create', 'register', 'renew', 'restore']);
  });

  it('auto-renews at expiry when autorenew is on and the balance allows, from the old expiry date', async () => {
    const a = await reseller();
    const r = await register(a.accountId, a.owner, 'auto-renewed.com', { autorenew: 'on' });
    await app.advance('366d');
    await runDomainLifecycle(app.services);
    const g = await runFlow(app.services, getDomain, { registry, accountId: a.accountId, domain: r.domain.id });
    expect(g.state.phase).toBe('active');
    expect(g.domain.expiresAt?.toISOString()).toBe(new Date(new Date(r.domain.expiresAt!).setUTCFullYear(r.domain.expiresAt!.getUTCFullYear() + 1)).toISOString());
    expect((await ledger(a.accountId)).results.filter((e) => e.description.startsWith('domain.autorenew'))).toHaveLength(1);
  });
});

describe('expire → drop → register again', () => {
  it('frees the name after grace, redemption and pending delete; another account can then register it', async () => {
    const a = await reseller();
    const b = await reseller();
    const r = await register(a.accountId, a.owner, 'dropped-name.net');
    expect(await fails(register(b.accountId, b.owner, 'dropped-name.net'))).toBe('domain.taken');
    await app.advance('366d');
    await app.advance('80d');
    expect((await runFlow(app.services, checkDomain, { registry, accountId: b.accountId, names: ['dropped-name.net'] }))[0].status).toBe('free');
    const again = await register(b.accountId, b.owner, 'dropped-name.net');
    expect(again.state.phase).toBe('active');
    const old = await runFlow(app.services, getDomain, { registry, accountId: a.accountId, domain: r.domain.id, includeGone: true });
    expect(old.domain).toMatchObject({ phase: 'deleted', holdsName: false, deleteReason: 'expired' });
    expect(await fails(runFlow(app.services, getDomain, { registry, accountId: a.accountId, domain: r.domain.id }))).toBe('domain.not_found');
  });
});

describe('delete', () => {
  it('refunds the registration when deleted inside the add grace period and frees the name at once', async () => {
    const a = await reseller();
    const start = await balance(a.accountId);
    const r = await register(a.accountId, a.owner, 'regret-it.com', { period: 3 });
    await app.advance('2d');
    const d = await runFlow(app.services, deleteDomain, { registry, accountId: a.accountId, domain: r.domain.id });
    expect(d.chargedMinor).toBe(-3 * 853);
    expect(d.state.phase).toBe('deleted');
    expect(await balance(a.accountId)).toBe(start);
    expect((await ledger(a.accountId)).results.some((e) => e.kind === 'refund' && e.amountMinor === 2559)).toBe(true);
    expect((await runFlow(app.services, checkDomain, { registry, accountId: a.accountId, names: ['regret-it.com'] }))[0].status).toBe('free');
  });

  it('after add grace, puts the domain in redemption without refund; restore brings it back', async () => {
    const a = await reseller();
    const r = await register(a.accountId, a.owner, 'keep-trying.com');
    await app.advance('6d');
    const before = await balance(a.accountId);
    const d = await runFlow(app.services, deleteDomain, { registry, accountId: a.accountId, domain: 'keep-trying.com' });
    expect(d.state.phase).toBe('redemption');
    expect(await balance(a.accountId)).toBe(before);
    const back = await runFlow(app.services, restoreDomain, { registry, accountId: a.accountId, domain: r.domain.id });
    expect(back.state.phase).toBe('active');
    expect(back.chargedMinor).toBe(8000);
  });
});

describe('billing', () => {
  it('refuses a registration the balance cannot pay with billing.insufficient_funds and writes nothing', async () => {
    const a = await reseller(5);
    const before = await rows(a.accountId);
    expect(await fails(register(a.accountId, a.owner, 'too-expensive.com'))).toBe('billing.insufficient_funds');
    expect(await rows(a.accountId)).toEqual(before);
    expect(await balance(a.accountId)).toBe(500);
    expect((await ledger(a.accountId)).total).toBe(1);
    expect((await runFlow(app.services, checkDomain, { registry, accountId: a.accountId, names: ['too-expensive.com'] }))[0].status).toBe('free');
  });

  it('refuses a premium name unless its price is accepted, then charges the premium price', async () => {
    const a = await reseller();
    expect(await fails(register(a.accountId, a.owner, 'god.tools'))).toBe('domain.premium_not_accepted');
    const r = await register(a.accountId, a.owner, 'god.tools', { acceptPremium: 21980 });
    expect(r.chargedMinor).toBe(21980);
  });
});

describe('transfer in', () => {
  it('fails (FAI, nothing charged) on a bad auth code, and a restart with the right code starts the transfer', async () => {
    const a = await reseller();
    const before = await balance(a.accountId);
    const bad = await runFlow(app.services, transferDomain, { registry, accountId: a.accountId, name: 'google.de', authCode: 'wrong', contacts: { owner: a.owner } });
    expect(bad.state.phase).toBe('failed');
    expect(bad.domain.lastOperation).toMatchObject({ ok: false, reason: 'Invalid auth code' });
    expect(await balance(a.accountId)).toBe(before);
    const [code] = await runQuery(app.services, listElsewhereCodes, { registry, names: ['google.de'] });
    const again = await runFlow(app.services, restartOperation, { registry, accountId: a.accountId, domain: bad.domain.id, authCode: code.authCode });
    expect(again.state.phase).toBe('requested');
    expect(again.chargedMinor).toBe(registry.policy('de').prices.transfer);
  });

  it('refuses a transfer without an auth code where the TLD needs one, and of a free name', async () => {
    const a = await reseller();
    expect(await fails(runFlow(app.services, transferDomain, { registry, accountId: a.accountId, name: 'google.fr', contacts: { owner: a.owner } }))).toBe('domain.auth_code_invalid');
    expect(await fails(runFlow(app.services, transferDomain, { registry, accountId: a.accountId, name: 'nobody-has-this.com', authCode: 'x', contacts: { owner: a.owner } }))).toBe('domain.transfer_not_allowed');
    expect((await rows(a.accountId)).total).toBe(0);
  });

  it('is auto-approved after the TLD period: ACT, one year added, locked; the name is then no longer "elsewhere"', async () => {
    const a = await reseller();
    const [code] = await runQuery(app.services, listElsewhereCodes, { registry, names: ['taken-by-someone.com'] });
    const t = await runFlow(app.services, transferDomain, { registry, accountId: a.accountId, name: 'taken-by-someone.com', authCode: code.authCode, contacts: { owner: a.owner } });
    expect(t.state.phase).toBe('requested');
    await app.advance('4d');
    await runDomainLifecycle(app.services);
    expect((await runFlow(app.services, getDomain, { registry, accountId: a.accountId, domain: t.domain.id })).state.phase).toBe('requested');
    await app.advance('1d');
    await runDomainLifecycle(app.services);
    const g = await runFlow(app.services, getDomain, { registry, accountId: a.accountId, domain: t.domain.id });
    expect(g.state.phase).toBe('active');
    expect(g.domain.locked).toBe(true);
    expect(g.domain.expiresAt!.getTime()).toBe(new Date(g.domain.activatedAt!).setUTCFullYear(g.domain.activatedAt!.getUTCFullYear() + 1));
    expect((await runQuery(app.services, listElsewhereCodes, { registry, names: ['taken-by-someone.com'] }))[0].registeredElsewhere).toBe(false);
  });

  it('completes at once when the approval link mailed to the current owner is followed', async () => {
    const a = await reseller();
    const [code] = await runQuery(app.services, listElsewhereCodes, { registry, names: ['amazon.nl'] });
    const t = await runFlow(app.services, transferDomain, { registry, accountId: a.accountId, name: 'amazon.nl', authCode: code.authCode, contacts: { owner: a.owner } });
    const mails = await runQuery(app.services, (ctx) => ctx.uow.outbox.list({ to: a.ownerEmail, kind: 'domain-transfer-approval' }, page), {});
    expect(mails.total).toBe(1);
    const token = mails.results[0].links[0].split('/').pop()!;
    const done = await runFlow(app.services, approveTransferLink, { registry, token });
    expect(done.domain.id).toBe(t.domain.id);
    expect(done.state.phase).toBe('active');
    expect(await fails(runFlow(app.services, approveTransferLink, { registry, token }))).toBe('domain.link_invalid');
  });

  it('transfers a domain held by another account here: the holder may reject (refund) or it moves on approval', async () => {
    const a = await reseller();
    const b = await reseller();
    const held = await register(a.accountId, a.owner, 'moving-house.com');
    const code = (await runFlow(app.services, getAuthCode, { registry, accountId: a.accountId, domain: held.domain.id })).authCode;
    const bBefore = await balance(b.accountId);
    const t1 = await runFlow(app.services, transferDomain, { registry, accountId: b.accountId, name: 'moving-house.com', authCode: code, contacts: { owner: b.owner } });
    expect(t1.state.phase).toBe('requested');
    await runFlow(app.services, respondTransferOut, { registry, accountId: a.accountId, domain: held.domain.id, approve: false });
    expect((await runFlow(app.services, getDomain, { registry, accountId: b.accountId, domain: t1.domain.id })).state.phase).toBe('failed');
    expect(await balance(b.accountId)).toBe(bBefore);

    await runFlow(app.services, restartOperation, { registry, accountId: b.accountId, domain: t1.domain.id });
    await runFlow(app.services, respondTransferOut, { registry, accountId: a.accountId, domain: held.domain.id, approve: true });
    const now = await runFlow(app.services, getDomain, { registry, accountId: b.accountId, domain: 'moving-house.com' });
    expect(now.state.phase).toBe('active');
    expect(now.domain.expiresAt?.toISOString().slice(0, 10)).toBe(new Date(held.domain.expiresAt!.getTime()).toISOString().slice(0, 10).replace(/^(\d{4})/, (y) => String(Number(y) + 1)));
    expect(await fails(runFlow(app.services, getDomain, { registry, accountId: a.accountId, domain: held.domain.id }))).toBe('domain.not_found');
  });

  it('lets the sandbox complete or fail a pending transfer on demand', async () => {
    const a = await reseller();
    const [c1, c2] = await runQuery(app.services, listElsewhereCodes, { registry, names: ['github.io', 'paypal.eu'] });
    const t1 = await runFlow(app.services, transferDomain, { registry, accountId: a.accountId, name: c1.name, authCode: c1.authCode, contacts: { owner: a.owner } });
    const t2 = await runFlow(app.services, transferDomain, { registry, accountId: a.accountId, name: c2.name, authCode: c2.authCode, contacts: { owner: a.owner } });
    const before = await balance(a.accountId);
    expect((await runFlow(app.services, completeOperation, { registry, domainId: t1.domain.id, outcome: 'complete' })).state.phase).toBe('active');
    expect((await runFlow(app.services, completeOperation, { registry, domainId: t2.domain.id, outcome: 'fail', reason: 'Registry said no' })).state.phase).toBe('failed');
    expect(await balance(a.accountId)).toBe(before + t2.chargedMinor);
  });
});

describe('trade, contacts, update', () => {
  it('refuses trade where the TLD does not allow it (domain.trade_not_allowed) and trades where it does', async () => {
    const a = await reseller();
    const other = await runFlow(app.services, createContact, { accountId: a.accountId, input: { name: { title: '', firstName: 'Piet', lastName: 'Bakker', initials: '', prefix: '' }, email: 'piet@example.nl', phone: { countryCode: '+31', areaCode: '20', subscriberNumber: '7654321' }, address: { street: 'Damrak', number: '2', suffix: '', line2: '', line3: '', zipcode: '1012 LG', city: 'Amsterdam', state: 'NH', country: 'NL' } } });
    const com = await register(a.accountId, a.owner, 'no-trade.com');
    expect(await fails(runFlow(app.services, tradeDomain, { registry, accountId: a.accountId, domain: com.domain.id, contacts: { owner: other.handle } }))).toBe('domain.trade_not_allowed');
    const nl = await register(a.accountId, a.owner, 'handel.nl');
    const traded = await runFlow(app.services, tradeDomain, { registry, accountId: a.accountId, domain: nl.domain.id, contacts: { owner: other.handle } });
    expect(traded.domain.contacts.owner).toBe(other.id);
    expect(traded.domain.origin).toBe('trade');
  });

  it('keeps a contact used by a live domain from being deleted (contact.in_use)', async () => {
    const a = await reseller();
    await register(a.accountId, a.owner, 'uses-contact.com');
    expect(await fails(runFlow(app.services, deleteContact, { accountId: a.accountId, key: a.owner }))).toBe('contact.in_use');
  });

  it('requires the TLD additional data (.ca legal_type) and refuses an out-of-list value', async () => {
    const a = await reseller();
    expect(await fails(register(a.accountId, a.owner, 'maple-leaf.ca'))).toBe('domain.additional_data_required');
    expect(await fails(register(a.accountId, a.owner, 'maple-leaf.ca', { additionalData: { legal_type: 'XXX' } }))).toBe('domain.additional_data_required');
    expect((await register(a.accountId, a.owner, 'maple-leaf.ca', { additionalData: { legal_type: 'TRS' } })).state.phase).toBe('active');
  });

  it('updates lock, privacy, autorenew, nameservers with glue, DNSSEC and the auth code; a modification block stops updates', async () => {
    const a = await reseller();
    const r = await register(a.accountId, a.owner, 'busy-domain.com');
    expect(await fails(runFlow(app.services, updateDomain, { registry, accountId: a.accountId, domain: r.domain.id, patch: { nameservers: [{ name: 'ns1.busy-domain.com', ipv4: '', ipv6: '' }] } }))).toBe('request.invalid');
    await runFlow(app.services, changeHostRecord, { registry, accountId: a.accountId, domain: r.domain.id, action: 'create', name: 'ns1.busy-domain.com', ipv4: ['192.0.2.1'] });
    const u = await runFlow(app.services, updateDomain, {
      registry, accountId: a.accountId, domain: r.domain.id,
      patch: { locked: true, whoisPrivacy: true, autorenew: 'on', resetAuthCode: true, nameservers: [{ name: 'ns1.busy-domain.com', ipv4: '', ipv6: '' }, { name: 'ns.example.net', ipv4: '', ipv6: '' }], dnssec: [{ kind: 'key', flags: 257, protocol: 3, alg: 13, pubKey: 'AwEAAag=' }] },
    });
    expect(u.domain).toMatchObject({ locked: true, whoisPrivacy: true, autorenew: 'on' });
    expect(u.domain.authCode).not.toBe(r.domain.authCode);
    expect(u.domain.nameservers.map((n) => n.name)).toEqual(['ns1.busy-domain.com', 'ns.example.net']);
    await runFlow(app.services, changeDnssecEntry, { registry, accountId: a.accountId, domain: r.domain.id, action: 'add', entry: { kind: 'ds', keytag: 12345, alg: 13, digestType: 2, digest: 'A'.repeat(64) } });
    expect(await fails(runFlow(app.services, changeHostRecord, { registry, accountId: a.accountId, domain: r.domain.id, action: 'delete', name: 'ns1.busy-domain.com' }))).toBe('domain.invalid_state');
    await runFlow(app.services, updateDomain, { registry, accountId: a.accountId, domain: r.domain.id, patch: { updateBlocked: true } });
    expect(await fails(runFlow(app.services, updateDomain, { registry, accountId: a.accountId, domain: r.domain.id, patch: { locked: false } }))).toBe('domain.update_blocked');
    const h = await runQuery(app.services, domainHistory, { registry, accountId: a.accountId, domain: r.domain.id, page });
    expect(h.results.map((x) => x.kind)).toEqual(expect.arrayContaining(['lock', 'whois_privacy', 'autorenew', 'nameservers', 'dnssec', 'authcode', 'glue', 'block']));
  });

  it('lists with filters and paging: status, extension, name pattern, contact, keyset', async () => {
    const a = await reseller();
    for (const n of ['list-a.com', 'list-b.com', 'list-c.net', 'other.org']) await register(a.accountId, a.owner, n);
    const s = (filter: object, p: object = page) => runQuery(app.services, searchDomains, { registry, accountId: a.accountId, filter, page: { ...page, ...p } });
    expect((await s({ tld: 'com' })).results.map((x) => x.domain.name)).toEqual(['list-a.com', 'list-b.com']);
    expect((await s({ sldPattern: 'list-*' })).total).toBe(3);
    expect((await s({ phases: ['active'] }, { limit: 2 })).results.map((x) => x.domain.name)).toEqual(['list-a.com', 'list-b.com']);
    expect((await s({}, { limit: 2, after: 'list-b.com' })).results.map((x) => x.domain.name)).toEqual(['list-c.net', 'other.org']);
    const contactId = (await runQuery(app.services, (ctx) => ctx.uow.contacts.byKey(a.accountId, a.owner), {}))!.id;
    expect((await s({ contactId })).total).toBe(4);
    expect(await fails(s({}, { limit: 0 }))).toBe('request.invalid');
  });

  it('keeps the per-phase counters behind list totals equal to a real count through registrations, deletions and expiry', async () => {
    const a = await reseller();
    for (const n of ['count-a.com', 'count-b.com', 'count-c.com']) await register(a.accountId, a.owner, n);
    await runFlow(app.services, deleteDomain, { registry, accountId: a.accountId, domain: 'count-a.com' });
    await app.advance('366d');
    await runDomainLifecycle(app.services);
    const s = (filter: object) => runQuery(app.services, searchDomains, { registry, accountId: a.accountId, filter, page });
    // `namePattern: '*'` is not answered by the counters: it counts rows
    for (const phases of [undefined, ['grace'], ['active'], ['grace', 'redemption']]) {
      const byCounter = await s({ phases });
      const byRows = await s({ phases, namePattern: '*' });
      expect(byCounter.total, String(phases)).toBe(byRows.total);
    }
    expect((await s({ phases: ['grace'] })).total).toBe(2);
    expect((await s({})).total).toBe(2);
  });
});

describe('races', () => {
  it('answers domain.taken, not an internal error, when two registrations of one name race', async () => {
    const a = await reseller();
    const b = await reseller();
    const results = await Promise.allSettled([register(a.accountId, a.owner, 'race-for-it.com'), register(b.accountId, b.owner, 'race-for-it.com')]);
    const codes = results.map((r) => (r.status === 'fulfilled' ? 'ok' : (r.reason as DomainError).code)).sort();
    expect(codes).toEqual(['domain.taken', 'ok']);
    const holder = await runQuery(app.services, (ctx) => ctx.uow.domains.holderOf('race-for-it.com'), {});
    expect(holder).not.toBeNull();
    // the database itself refuses a second holder (the unique partial index), as domain.taken
    const { id: _id, version: _v, ...copy } = holder!;
    expect(await fails(runFlow(app.services, (ctx) => ctx.uow.domains.insert({ ...copy, accountId: b.accountId }), {}))).toBe('domain.taken');
  });
});
