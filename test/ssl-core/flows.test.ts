// SSL order flows on the real database (testApp: in-memory SQLite, or PostgreSQL with DATABASE_URL), with a fake
// CA that really decodes CSRs, a fake DNS resolver and a fake HTTP client.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { START, testApp, type TestApp } from '../harness/app.ts';
import { changeClock } from '../../src/core/sandbox/flows/change-clock.ts';
import { runFlow, runQuery } from '../../src/core/runner.ts';
import { DomainError } from '../../src/core/errors.ts';
import { createContact } from '../../src/core/contacts/flows/create-contact.ts';
import { createOrder } from '../../src/core/ssl/flows/create-order.ts';
import { updateOrder } from '../../src/core/ssl/flows/update-order.ts';
import { startProvision } from '../../src/core/ssl/flows/start-provision.ts';
import { approveByLink } from '../../src/core/ssl/flows/approve-by-link.ts';
import { approveAll } from '../../src/core/ssl/flows/approve-all.ts';
import { validateOrder } from '../../src/core/ssl/flows/validate-order.ts';
import { renewOrder } from '../../src/core/ssl/flows/renew-order.ts';
import { reissueOrder } from '../../src/core/ssl/flows/reissue-order.ts';
import { cancelOrder } from '../../src/core/ssl/flows/cancel-order.ts';
import { revokeOrder } from '../../src/core/ssl/flows/revoke-order.ts';
import { changeApproverEmail } from '../../src/core/ssl/flows/change-approver-email.ts';
import { resendApproverEmail } from '../../src/core/ssl/flows/resend-approver-email.ts';
import { createOtpToken } from '../../src/core/ssl/flows/create-otp-token.ts';
import { openPanel } from '../../src/core/ssl/flows/open-panel.ts';
import { getOrder } from '../../src/core/ssl/flows/get-order.ts';
import { searchOrders } from '../../src/core/ssl/flows/search-orders.ts';
import { setSslSandbox } from '../../src/core/ssl/flows/set-ssl-sandbox.ts';
import { rejectOrder } from '../../src/core/ssl/flows/reject-order.ts';
import { addDomains } from '../../src/core/ssl/flows/add-domains.ts';
import { updateAccount } from '../../src/core/accounts/flows/update-account.ts';
import { dcvChallenge } from '../../src/core/ssl/model.ts';
import type { DnsLookup, HttpFetch } from '../../src/core/ssl/ports.ts';
import { runSslLifecycle } from '../../src/jobs/ssl-lifecycle.ts';
import { FakeCa, makeCsr } from './fake-ca.ts';

let app: TestApp;
const ca = new FakeCa();
const page = { limit: 100, offset: 0 };

/** a resolver answering from a map name → CNAME targets */
class FakeDns implements DnsLookup {
  cnames = new Map<string, string[]>();
  async txt(): Promise<string[]> {
    return [];
  }
  async cname(name: string): Promise<string[]> {
    return this.cnames.get(name) ?? [];
  }
}
class FakeHttp implements HttpFetch {
  files = new Map<string, string>();
  async get(url: string) {
    const body = this.files.get(url);
    return body === undefined ? { status: 404, body: 'not found' } : { status: 200, body };
  }
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return e instanceof DomainError ? e.code : `not a DomainError: ${String(e)}`;
  }
  return 'no error';
}

async function reseller(balance = 1000) {
  const a = await app.account({ balance });
  const org = await runFlow(app.services, createContact, {
    accountId: a.accountId,
    input: { companyName: 'Example BV', name: { title: '', firstName: 'Jan', lastName: 'Jansen', initials: '', prefix: '' }, email: 'jan@example.nl', phone: { countryCode: '+31', areaCode: '20', subscriberNumber: '1234567' }, address: { street: 'Damrak', number: '1', suffix: '', line2: '', line3: '', zipcode: '1012 LG', city: 'Amsterdam', state: 'NH', country: 'NL' } },
  });
  return { ...a, handle: org.handle };
}

const balance = (accountId: number) => runQuery(app.services, (ctx) => ctx.uow.ledger.balanceMinor(accountId), {});
const mailsTo = (to: string) => runQuery(app.services, (ctx) => ctx.uow.outbox.list({ to }, page), {});
const orders = (accountId: number) => runQuery(app.services, (ctx) => ctx.uow.ssl.listByAccount(accountId), {});

beforeAll(async () => {
  app = await testApp();
  // the harness's first set+freeze can land a millisecond late (the clock was running); once frozen, set is exact
  await runFlow(app.services, changeClock, { clock: app.clock, change: { set: START, freeze: true } });
}, 30_000);
afterAll(async () => {
  await app.close();
});
// every test starts at the harness's instant (the clock only moves forward through `advance`)
afterEach(async () => {
  await runFlow(app.services, changeClock, { clock: app.clock, change: { set: START, freeze: true } });
});

describe('ordering and email validation', () => {
  it('issues a DV order once the approver follows the link in the mail, and debits the price in the same transaction', async () => {
    const a = await reseller();
    const before = await balance(a.accountId);
    const o = await runFlow(app.services, createOrder, {
      accountId: a.accountId, ca, productCode: 'rapidssl-standard', period: 1, csr: await makeCsr('mail.example.com'), approverEmail: 'admin@example.com',
      contacts: { organization: a.handle }, startProvision: true,
    });
    expect(o).toMatchObject({ state: 'requested', commonName: 'mail.example.com', chargedMinor: 753 });
    expect(o.dcv).toEqual([expect.objectContaining({ hostname: 'mail.example.com', method: 'email', approverEmail: 'admin@example.com', status: 'pending' })]);
    expect(await balance(a.accountId)).toBe(before - 753);

    const mails = await mailsTo('admin@example.com');
    const mail = mails.results.find((m) => m.body.includes(`order ${o.id}`))!;
    expect(mail.kind).toBe('ssl-approval');
    expect(mail.links[0]).toBe(`http://127.0.0.1:8080/_sandbox/ssl/approve/${o.dcv[0].token}`);

    const token = mail.links[0].split('/').pop()!;
    const issued = await runFlow(app.services, approveByLink, { token, ca });
    expect(issued.state).toBe('active');
    expect(issued.certificate?.serial).toMatch(/^5e/);
    expect(issued.activatedAt).toEqual(new Date('2026-06-01T12:00:00Z'));
    expect(issued.termEndsAt).toEqual(new Date('2027-06-01T12:00:00Z'));
    // the CA caps validity at 200 days in 2026; the order still runs a year
    expect(issued.certificate?.notAfter).toEqual(new Date('2026-12-18T11:59:59Z'));
    expect(ca.issued.at(-1)).toMatchObject({ commonName: 'mail.example.com', sans: ['mail.example.com'], profile: { validation: 'DV', signatureHash: 'sha256' } });
    expect(await codeOf(runFlow(app.services, approveByLink, { token, ca }))).toBe('ssl.link_invalid');
  });

  it('refuses an unknown approval link with ssl.link_invalid', async () => {
    expect(await codeOf(runFlow(app.services, approveByLink, { token: 'deadbeef', ca }))).toBe('ssl.link_invalid');
  });

  it('refuses an approver address outside the domain\'s list with ssl.approver_email_invalid and writes nothing', async () => {
    const a = await reseller();
    const code = await codeOf(runFlow(app.services, createOrder, {
      accountId: a.accountId, ca, productCode: 'rapidssl-standard', period: 1, csr: await makeCsr('example.org'), approverEmail: 'ceo@example.org', contacts: { organization: a.handle }, startProvision: true,
    }));
    expect(code).toBe('ssl.approver_email_invalid');
    expect(await orders(a.accountId)).toHaveLength(0);
    expect(await balance(a.accountId)).toBe(100000);
  });

  it('changes the approver address of a requested order and mails the new one; resend mails it again', async () => {
    const a = await reseller();
    const o = await runFlow(app.services, createOrder, { accountId: a.accountId, ca, productCode: 'rapidssl-standard', period: 1, csr: await makeCsr('change.example.net'), approverEmail: 'admin@example.net', contacts: { organization: a.handle }, startProvision: true });
    // resending the same address in an update is no change: the link stays valid and no mail goes out
    const same = await runFlow(app.services, updateOrder, { accountId: a.accountId, orderId: o.id, ca, patch: { approverEmail: 'admin@example.net' } });
    expect(same.dcv[0]).toMatchObject({ token: o.dcv[0].token, mailsSent: 1 });
    const changed = await runFlow(app.services, changeApproverEmail, { accountId: a.accountId, orderId: o.id, approverEmail: 'hostmaster@example.net' });
    expect(changed.dcv[0]).toMatchObject({ approverEmail: 'hostmaster@example.net', mailsSent: 2 });
    expect((await mailsTo('hostmaster@example.net')).total).toBe(1);
    await runFlow(app.services, resendApproverEmail, { accountId: a.accountId, orderId: o.id });
    expect((await mailsTo('hostmaster@example.net')).total).toBe(2);
    expect(await codeOf(runFlow(app.services, changeApproverEmail, { accountId: a.accountId, orderId: o.id, approverEmail: 'admin@other.net' }))).toBe('ssl.approver_email_invalid');
    // the old link no longer approves
    expect(await codeOf(runFlow(app.services, approveByLink, { token: o.dcv[0].token, ca }))).toBe('ssl.link_invalid');
  });
});

describe('DNS and HTTP validation', () => {
  it('validates a hostname when the CNAME the order asks for resolves, and not before', async () => {
    const a = await reseller();
    const dns = new FakeDns();
    const o = await runFlow(app.services, createOrder, {
      accountId: a.accountId, ca, productCode: 'sectigo-positivessl-multi-domain', period: 1, csr: await makeCsr('dns.example.com', ['www.dns.example.com']),
      defaultMethod: 'dns', contacts: { organization: a.handle }, startProvision: true,
    });
    expect(o.state).toBe('requested');
    const first = await validateOrder(app.services, { ca, dns }, { accountId: a.accountId, orderId: o.id });
    expect(first.order.state).toBe('requested');
    expect(first.checks.every((c) => !c.ok)).toBe(true);

    const ch = dcvChallenge(o.dcvSecret, 'dns.example.com');
    dns.cnames.set(ch.dnsName, [ch.dnsValue]);
    const second = await validateOrder(app.services, { ca, dns }, { accountId: a.accountId, orderId: o.id });
    expect(second.order.state).toBe('requested');
    expect(second.order.dcv.map((d) => d.status)).toEqual(['validated', 'pending']);

    const ch2 = dcvChallenge(o.dcvSecret, 'www.dns.example.com');
    dns.cnames.set(ch2.dnsName, [`${ch2.dnsValue}.`]);
    const third = await validateOrder(app.services, { ca, dns }, { accountId: a.accountId, orderId: o.id });
    expect(third.order.state).toBe('active');
    expect(ca.issued.at(-1)?.sans).toEqual(['dns.example.com', 'www.dns.example.com']);
  });

  it('validates by the file fetched over HTTP', async () => {
    const a = await reseller();
    const http = new FakeHttp();
    const o = await runFlow(app.services, createOrder, { accountId: a.accountId, ca, productCode: 'rapidssl-standard', period: 1, csr: await makeCsr('web.example.com'), dcv: [{ hostname: 'web.example.com', method: 'http' }], contacts: { organization: a.handle }, startProvision: true });
    const ch = dcvChallenge(o.dcvSecret, 'web.example.com', 'http');
    http.files.set(ch.fileUrl, ch.fileContents);
    expect((await validateOrder(app.services, { ca, http }, { accountId: a.accountId, orderId: o.id })).order.state).toBe('active');
  });

  it('the lifecycle job checks DNS validation of requested orders', async () => {
    const a = await reseller();
    const dns = new FakeDns();
    const o = await runFlow(app.services, createOrder, { accountId: a.accountId, ca, productCode: 'rapidssl-standard', period: 1, csr: await makeCsr('job.example.com'), defaultMethod: 'dns', contacts: { organization: a.handle }, startProvision: true });
    const ch = dcvChallenge(o.dcvSecret, 'job.example.com');
    dns.cnames.set(ch.dnsName, [ch.dnsValue]);
    await runSslLifecycle(app.services, { ca, dns });
    expect((await runQuery(app.services, getOrder, { accountId: a.accountId, orderId: o.id })).state).toBe('active');
  });
});

describe('drafts, updates and provisioning', () => {
  it('keeps a draft (PAI) editable, sends it to the CA on start provision, then refuses data changes', async () => {
    const a = await reseller();
    const draft = await runFlow(app.services, createOrder, { accountId: a.accountId, ca, productCode: 'rapidssl-standard', period: 1, csr: await makeCsr('draft.example.com'), contacts: { organization: a.handle } });
    expect(draft.state).toBe('draft');
    expect((await mailsTo('admin@example.com')).results.some((m) => m.body.includes(`order ${draft.id}`))).toBe(false);
    const updated = await runFlow(app.services, updateOrder, { accountId: a.accountId, orderId: draft.id, ca, patch: { csr: await makeCsr('other.example.com'), software: 'windows' } });
    expect(updated).toMatchObject({ state: 'draft', commonName: 'other.example.com', software: 'windows' });
    const req = await runFlow(app.services, updateOrder, { accountId: a.accountId, orderId: draft.id, ca, patch: { approverEmail: 'webmaster@example.com', defaultMethod: 'email' }, startProvision: true });
    expect(req.state).toBe('requested');
    expect(await codeOf(runFlow(app.services, updateOrder, { accountId: a.accountId, orderId: draft.id, ca, patch: { csr: await makeCsr('x.example.com') } }))).toBe('ssl.invalid_state');
    // REQ may change the DCV method and autorenew
    const dns = await runFlow(app.services, updateOrder, { accountId: a.accountId, orderId: draft.id, ca, patch: { dcv: [{ hostname: 'other.example.com', method: 'dns' }], autorenew: true } });
    expect(dns.dcv[0].method).toBe('dns');
    expect(dns.autorenew).toBe(true);
  });

  it('refuses to start provisioning a draft without a CSR (ssl.csr_invalid) or without the required organisation contact (contact.not_found)', async () => {
    const a = await reseller();
    const shell = await runFlow(app.services, createOrder, { accountId: a.accountId, ca, productCode: 'rapidssl-standard', period: 1 });
    expect(shell).toMatchObject({ state: 'draft', commonName: '' });
    expect(await codeOf(runFlow(app.services, startProvision, { accountId: a.accountId, orderId: shell.id, ca }))).toBe('ssl.csr_invalid');
    await runFlow(app.services, updateOrder, { accountId: a.accountId, orderId: shell.id, ca, patch: { csr: await makeCsr('shell.example.com') } });
    expect(await codeOf(runFlow(app.services, startProvision, { accountId: a.accountId, orderId: shell.id, ca }))).toBe('contact.not_found');
  });

  it('refuses more SANs than the product\'s maximum with ssl.too_many_domains and writes nothing', async () => {
    const a = await reseller();
    const sans = Array.from({ length: 250 }, (_, i) => `h${i}.example.com`);
    const code = await codeOf(runFlow(app.services, createOrder, { accountId: a.accountId, ca, productCode: 'sectigo-ev-multi-domain', period: 1, csr: await makeCsr('example.com'), sans, contacts: { organization: a.handle }, startProvision: true }));
    expect(code).toBe('ssl.too_many_domains');
    const single = await codeOf(runFlow(app.services, createOrder, { accountId: a.accountId, ca, productCode: 'rapidssl-standard', period: 1, csr: await makeCsr('example.com', ['a.example.com']), contacts: { organization: a.handle } }));
    expect(single).toBe('ssl.too_many_domains');
    expect(await orders(a.accountId)).toHaveLength(0);
    expect(await balance(a.accountId)).toBe(100000);
  });

  it('refuses an order the balance does not cover with billing.insufficient_funds and writes nothing', async () => {
    const a = await reseller(5);
    const code = await codeOf(runFlow(app.services, createOrder, { accountId: a.accountId, ca, productCode: 'rapidssl-standard', period: 1, csr: await makeCsr('poor.example.com'), approverEmail: 'admin@example.com', contacts: { organization: a.handle }, startProvision: true }));
    expect(code).toBe('billing.insufficient_funds');
    expect(await orders(a.accountId)).toHaveLength(0);
    expect(await balance(a.accountId)).toBe(500);
    expect((await mailsTo('admin@example.com')).results.some((m) => m.body.includes('poor.example.com'))).toBe(false);
  });

  it('lets the monthly allowance pay when the deposit does not cover the price (SSL247 allowance, ADR 0006)', async () => {
    const a = await reseller(0);
    await runFlow(app.services, updateAccount, { accountId: a.accountId, settings: { monthlyAllowanceMinor: 1000 } });
    const o = await runFlow(app.services, createOrder, { accountId: a.accountId, ca, productCode: 'rapidssl-standard', period: 1, csr: await makeCsr('allow.example.com'), defaultMethod: 'dns', contacts: { organization: a.handle } });
    expect(o.chargedMinor).toBe(753);
    expect(await balance(a.accountId)).toBe(-753);
    expect(await codeOf(runFlow(app.services, createOrder, { accountId: a.accountId, ca, productCode: 'rapidssl-standard', period: 1, contacts: { organization: a.handle } }))).toBe('billing.insufficient_funds');
  });

  it('charges extra domains of a multi-domain order beyond the included ones', async () => {
    const a = await reseller();
    const o = await runFlow(app.services, createOrder, { accountId: a.accountId, ca, productCode: 'sectigo-ev-multi-domain', period: 1, csr: await makeCsr('ev.example.com', ['a.example.com', 'b.example.com', 'c.example.com', 'd.example.com']), contacts: { organization: a.handle, admin: a.handle }, startProvision: true, defaultMethod: 'dns' });
    expect(o.domainAmount).toBe(5);
    expect(o.chargedMinor).toBe(38395 + 2 * 10600);
  });
});

describe('OV/EV organisation check and the sandbox switch', () => {
  it('issues an OV order only after the organisation-check delay on the clock', async () => {
    const a = await reseller();
    await runFlow(app.services, setSslSandbox, { accountId: a.accountId, orgCheckDelay: '1d' });
    const o = await runFlow(app.services, createOrder, { accountId: a.accountId, ca, productCode: 'geotrust-true-businessid', period: 1, csr: await makeCsr('ov.example.com'), approverEmail: 'admin@example.com', contacts: { organization: a.handle, admin: a.handle }, startProvision: true });
    const approved = await runFlow(app.services, approveByLink, { token: o.dcv[0].token, ca });
    expect(approved.state).toBe('requested');
    expect(approved.orgCheckDoneAt).toEqual(new Date('2026-06-02T12:00:00Z'));
    await runSslLifecycle(app.services, { ca });
    expect((await runQuery(app.services, getOrder, { accountId: a.accountId, orderId: o.id })).state).toBe('requested');
    await app.advance('1d');
    await runSslLifecycle(app.services, { ca });
    const got = await runQuery(app.services, getOrder, { accountId: a.accountId, orderId: o.id });
    expect(got.state).toBe('active');
    expect(ca.issued.at(-1)).toMatchObject({ commonName: 'ov.example.com', profile: { validation: 'OV', organization: 'Example BV', locality: 'Amsterdam', country: 'NL' } });
  });

  it('approves everything at once with the sandbox switch on, and per order with approve-all', async () => {
    const a = await reseller();
    await runFlow(app.services, setSslSandbox, { accountId: a.accountId, autoApprove: true });
    const o = await runFlow(app.services, createOrder, { accountId: a.accountId, ca, productCode: 'sectigo-ev', period: 1, csr: await makeCsr('auto.example.com'), contacts: { organization: a.handle, admin: a.handle }, startProvision: true });
    expect(o.state).toBe('active');
    await runFlow(app.services, setSslSandbox, { accountId: a.accountId, autoApprove: false });
    const p = await runFlow(app.services, createOrder, { accountId: a.accountId, ca, productCode: 'sectigo-ev', period: 1, csr: await makeCsr('manual.example.com'), contacts: { organization: a.handle, admin: a.handle }, startProvision: true });
    expect(p.state).toBe('requested');
    expect((await runFlow(app.services, approveAll, { accountId: a.accountId, orderId: p.id, ca })).state).toBe('active');
  });
});

async function activeOrder(a: Awaited<ReturnType<typeof reseller>>, cn: string) {
  const o = await runFlow(app.services, createOrder, { accountId: a.accountId, ca, productCode: 'rapidssl-standard', period: 1, csr: await makeCsr(cn), approverEmail: `admin@${cn}`, contacts: { organization: a.handle }, startProvision: true });
  return runFlow(app.services, approveByLink, { token: o.dcv[0].token, ca });
}

describe('renew, reissue, cancel, revoke', () => {
  it('refuses a renew 31 days before the term ends with ssl.renew_too_early and charges nothing; 30 days before it adds a year from the old end', async () => {
    const a = await reseller();
    const o = await activeOrder(a, 'renew.example.com');
    const paid = await balance(a.accountId);
    await app.advance('334d');
    expect(await codeOf(runFlow(app.services, renewOrder, { accountId: a.accountId, orderId: o.id, ca }))).toBe('ssl.renew_too_early');
    expect(await balance(a.accountId)).toBe(paid);
    await app.advance('1d');
    const r = await runFlow(app.services, renewOrder, { accountId: a.accountId, orderId: o.id, ca });
    expect(r.termEndsAt).toEqual(new Date('2028-06-01T12:00:00Z'));
    expect(await balance(a.accountId)).toBe(paid - 753);
  });

  it('renews as a new draft order counted from the old term end (SSL247 style)', async () => {
    const a = await reseller();
    const o = await activeOrder(a, 'neworder.example.com');
    await app.advance('340d');
    const n = await runFlow(app.services, renewOrder, { accountId: a.accountId, orderId: o.id, ca, mode: 'new_order' });
    expect(n).toMatchObject({ state: 'draft', renewalOf: o.id, commonName: 'neworder.example.com', termStartsAt: new Date('2027-06-01T12:00:00Z') });
  });

  it('reissues with a new CSR: back to requested, active again at once for already validated names', async () => {
    const a = await reseller();
    const o = await activeOrder(a, 'reissue.example.com');
    const r = await runFlow(app.services, reissueOrder, { accountId: a.accountId, orderId: o.id, ca, csr: await makeCsr('reissue.example.com') });
    expect(r.state).toBe('active');
    expect(r.reissueCount).toBe(1);
    expect(r.certificate?.serial).not.toBe(o.certificate?.serial);
    expect(r.termEndsAt).toEqual(o.termEndsAt);
  });

  it('cancels an active order 24 hours after the request with a full refund within 30 days of activation', async () => {
    const a = await reseller();
    const o = await activeOrder(a, 'cancel.example.com');
    const paid = await balance(a.accountId);
    const c = await runFlow(app.services, cancelOrder, { accountId: a.accountId, orderId: o.id, ca });
    expect(c).toMatchObject({ state: 'active', refundedNowMinor: 753 });
    expect(await balance(a.accountId)).toBe(paid + 753);
    expect(ca.revoked.at(-1)?.serial).toBe(o.certificate?.serial);
    await app.advance('23h');
    expect((await runQuery(app.services, getOrder, { accountId: a.accountId, orderId: o.id })).state).toBe('active');
    expect(await codeOf(runFlow(app.services, renewOrder, { accountId: a.accountId, orderId: o.id, ca }))).toBe('ssl.invalid_state');
    await app.advance('1h');
    expect((await runQuery(app.services, getOrder, { accountId: a.accountId, orderId: o.id })).state).toBe('cancelled');
    await runSslLifecycle(app.services, { ca });
    expect((await orders(a.accountId))[0].state).toBe('cancelled');
    expect(await codeOf(runFlow(app.services, cancelOrder, { accountId: a.accountId, orderId: o.id, ca }))).toBe('ssl.invalid_state');
  });

  it('cancels without a refund more than 30 days after activation', async () => {
    const a = await reseller();
    const o = await activeOrder(a, 'late.example.com');
    await app.advance('31d');
    const paid = await balance(a.accountId);
    const c = await runFlow(app.services, cancelOrder, { accountId: a.accountId, orderId: o.id, ca });
    expect(c.refundedNowMinor).toBe(0);
    expect(await balance(a.accountId)).toBe(paid);
  });

  it('cancels a requested order at once with a full refund', async () => {
    const a = await reseller();
    const o = await runFlow(app.services, createOrder, { accountId: a.accountId, ca, productCode: 'rapidssl-standard', period: 1, csr: await makeCsr('pending.example.com'), defaultMethod: 'dns', contacts: { organization: a.handle }, startProvision: true });
    const c = await runFlow(app.services, cancelOrder, { accountId: a.accountId, orderId: o.id, ca });
    expect(c).toMatchObject({ state: 'cancelled', refundedNowMinor: 753 });
    expect(await balance(a.accountId)).toBe(100000);
  });

  it('revokes an active order at the CA; a draft cannot be revoked', async () => {
    const a = await reseller();
    const o = await activeOrder(a, 'revoke.example.com');
    const r = await runFlow(app.services, revokeOrder, { accountId: a.accountId, orderId: o.id, ca, reason: 'keyCompromise' });
    expect(r.state).toBe('revoked');
    expect(ca.revoked.at(-1)).toMatchObject({ serial: o.certificate?.serial, reason: 'keyCompromise' });
    const d = await runFlow(app.services, createOrder, { accountId: a.accountId, ca, productCode: 'rapidssl-standard', period: 1 });
    expect(await codeOf(runFlow(app.services, revokeOrder, { accountId: a.accountId, orderId: d.id, ca }))).toBe('ssl.invalid_state');
  });

  it('expires an order at the end of its term, and autorenews one whose autorenew is on', async () => {
    const a = await reseller();
    const o = await activeOrder(a, 'expire.example.com');
    const auto = await activeOrder(a, 'auto-renew.example.com');
    await runFlow(app.services, updateOrder, { accountId: a.accountId, orderId: auto.id, ca, patch: { autorenew: true } });
    await app.advance('365d');
    expect((await runQuery(app.services, getOrder, { accountId: a.accountId, orderId: o.id })).state).toBe('expired');
    await runSslLifecycle(app.services, { ca });
    expect((await runQuery(app.services, getOrder, { accountId: a.accountId, orderId: o.id })).state).toBe('expired');
    const renewed = await runQuery(app.services, getOrder, { accountId: a.accountId, orderId: auto.id });
    expect(renewed.state).toBe('active');
    expect(renewed.termEndsAt).toEqual(new Date('2028-06-01T12:00:00Z'));
  });
});

describe('reading orders', () => {
  it('searches by state, common-name pattern and contact, pages, and hides other accounts\' orders', async () => {
    const a = await reseller();
    await activeOrder(a, 'one.example.com');
    await activeOrder(a, 'two.example.com');
    await runFlow(app.services, createOrder, { accountId: a.accountId, ca, productCode: 'rapidssl-standard', period: 1, csr: await makeCsr('three.example.org'), contacts: { organization: a.handle } });
    const all = await runQuery(app.services, searchOrders, { accountId: a.accountId, page });
    expect(all.total).toBe(3);
    expect((await runQuery(app.services, searchOrders, { accountId: a.accountId, filter: { states: ['active'] }, page })).total).toBe(2);
    expect((await runQuery(app.services, searchOrders, { accountId: a.accountId, filter: { commonNamePattern: '*.example.org' }, page })).results.map((o) => o.commonName)).toEqual(['three.example.org']);
    expect((await runQuery(app.services, searchOrders, { accountId: a.accountId, filter: { contactKey: a.handle }, page })).total).toBe(3);
    const paged = await runQuery(app.services, searchOrders, { accountId: a.accountId, filter: { orderBy: { field: 'commonName', desc: true } }, page: { limit: 1, offset: 1 } });
    expect(paged).toMatchObject({ total: 3, results: [expect.objectContaining({ commonName: 'three.example.org' })] });
    const other = await reseller();
    expect(await codeOf(runQuery(app.services, getOrder, { accountId: other.accountId, orderId: all.results[0].id }))).toBe('ssl.order_not_found');
  });

  it('hands out a one-hour panel link (OTP token) for an order', async () => {
    const a = await reseller();
    const o = await activeOrder(a, 'otp.example.com');
    const t = await runFlow(app.services, createOtpToken, { accountId: a.accountId, orderId: o.id });
    expect(t.uri).toBe(`http://127.0.0.1:8080/_sandbox/ssl/panel/${t.token}`);
    expect(t.expiresAt).toEqual(new Date('2026-06-01T13:00:00Z'));
    expect((await runQuery(app.services, openPanel, { token: t.token })).id).toBe(o.id);
    await app.advance('1h');
    expect(await codeOf(runQuery(app.services, openPanel, { token: t.token }))).toBe('ssl.link_invalid');
  });

  it('counts an order\'s contacts as in use (a contact with an active certificate cannot be deleted)', async () => {
    const a = await reseller();
    const o = await activeOrder(a, 'usage.example.com');
    expect(await runQuery(app.services, (ctx) => ctx.uow.contactUsage(o.contacts.organization!), {})).toBe(1);
  });
});

describe('rejection, added domains, renewal with a CSR, changes to an active order', () => {
  it('rejects a requested order with a full refund (REJ), and refuses to reject an active one', async () => {
    const a = await reseller();
    const o = await runFlow(app.services, createOrder, { accountId: a.accountId, ca, productCode: 'rapidssl-standard', period: 1, csr: await makeCsr('reject.example.com'), defaultMethod: 'dns', contacts: { organization: a.handle }, startProvision: true });
    const r = await runFlow(app.services, rejectOrder, { accountId: a.accountId, orderId: o.id, reason: 'Domain on a blocklist' });
    expect(r).toMatchObject({ state: 'rejected', rejectReason: 'Domain on a blocklist', refundedMinor: 753 });
    expect(await balance(a.accountId)).toBe(100000);
    const act = await activeOrder(a, 'noreject.example.com');
    expect(await codeOf(runFlow(app.services, rejectOrder, { accountId: a.accountId, orderId: act.id }))).toBe('ssl.invalid_state');
  });

  it('adds a paid SAN to an active multi-domain order and reissues once the new name is validated', async () => {
    const a = await reseller();
    const o = await runFlow(app.services, createOrder, { accountId: a.accountId, ca, productCode: 'sectigo-positivessl-multi-domain', period: 1, csr: await makeCsr('md.example.com', ['a.example.com', 'b.example.com']), defaultMethod: 'dns', contacts: { organization: a.handle }, startProvision: true });
    const active = await runFlow(app.services, approveAll, { accountId: a.accountId, orderId: o.id, ca });
    const paid = await balance(a.accountId);
    const grown = await runFlow(app.services, addDomains, { accountId: a.accountId, orderId: o.id, ca, names: ['c.example.com'], defaultMethod: 'dns' });
    expect(grown).toMatchObject({ state: 'requested', requestKind: 'reissue', domainAmount: 4 });
    expect(grown.dcv.filter((d) => d.status === 'pending').map((d) => d.hostname)).toEqual(['c.example.com']);
    expect(await balance(a.accountId)).toBe(paid - 950);
    const dns = new FakeDns();
    const ch = dcvChallenge(grown.dcvSecret, 'c.example.com');
    dns.cnames.set(ch.dnsName, [ch.dnsValue]);
    const done = await validateOrder(app.services, { ca, dns }, { accountId: a.accountId, orderId: o.id });
    expect(done.order.state).toBe('active');
    expect(done.order.certificate?.serial).not.toBe(active.certificate?.serial);
    expect(ca.issued.at(-1)?.sans).toEqual(['md.example.com', 'a.example.com', 'b.example.com', 'c.example.com']);
    expect(await codeOf(runFlow(app.services, addDomains, { accountId: a.accountId, orderId: (await activeOrder(a, 'single.example.com')).id, ca, names: ['x.example.com'] }))).toBe('request.invalid');
  });

  it('renews with a new CSR as a renewal request (MrDomain renew), charged, active again after validation', async () => {
    const a = await reseller();
    const o = await activeOrder(a, 'csr-renew.example.com');
    await app.advance('340d');
    const r = await runFlow(app.services, renewOrder, { accountId: a.accountId, orderId: o.id, ca, csr: await makeCsr('csr-renew.example.com') });
    expect(r).toMatchObject({ state: 'active', requestKind: 'renew', chargedMinor: 1506 });
    expect(r.termEndsAt).toEqual(new Date('2028-06-01T12:00:00Z'));
  });

  it('lets an active order switch autorenew only; any other change is ssl.invalid_state', async () => {
    const a = await reseller();
    const o = await activeOrder(a, 'act.example.com');
    expect((await runFlow(app.services, updateOrder, { accountId: a.accountId, orderId: o.id, ca, patch: { autorenew: true } })).autorenew).toBe(true);
    expect(await codeOf(runFlow(app.services, updateOrder, { accountId: a.accountId, orderId: o.id, ca, patch: { approverEmail: 'webmaster@act.example.com' } }))).toBe('ssl.invalid_state');
    expect(await codeOf(runFlow(app.services, updateOrder, { accountId: a.accountId, orderId: o.id, ca, patch: { software: 'windows' } }))).toBe('ssl.invalid_state');
    // the same data sent again is no change (clients resend whole objects)
    expect((await runFlow(app.services, updateOrder, { accountId: a.accountId, orderId: o.id, ca, patch: { csr: o.csr, software: 'linux', contacts: { organization: a.handle }, autorenew: true } })).version).toBeGreaterThan(o.version);
  });
});
