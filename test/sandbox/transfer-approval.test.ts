// The link in a transfer approval mail, followed over HTTP, completes the transfer in; a second visit is refused.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { runFlow, runQuery } from '../../src/core/runner.ts';
import { registryOf } from '../../src/core/registry/registry.ts';
import { createContact } from '../../src/core/contacts/flows/create-contact.ts';
import { transferDomain } from '../../src/core/domains/flows/transfer-domain.ts';
import { listElsewhereCodes } from '../../src/core/registry/flows/list-elsewhere-codes.ts';

describe('sandbox: transfer approval link', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await testApp();
  });
  afterAll(() => app.close());

  it('approves the pending transfer when the mailed link is followed, once', async () => {
    const registry = registryOf(app.services);
    const a = await app.account({ balance: 500 });
    const owner = await runFlow(app.services, createContact, {
      accountId: a.accountId,
      input: { name: { title: '', firstName: 'Ana', lastName: 'Garcia', initials: '', prefix: '' }, email: 'ana@example.es', phone: { countryCode: '+34', areaCode: '91', subscriberNumber: '1234567' }, address: { street: 'Gran Via', number: '1', suffix: '', line2: '', line3: '', zipcode: '28013', city: 'Madrid', state: 'M', country: 'ES' } },
    });
    const [code] = await runQuery(app.services, listElsewhereCodes, { registry, names: ['amazon.nl'] });
    const t = await runFlow(app.services, transferDomain, { registry, accountId: a.accountId, name: 'amazon.nl', authCode: code.authCode, contacts: { owner: owner.handle } });
    expect(t.state.phase).toBe('requested');
    const mails = (await app.http.inject({ method: 'GET', url: '/_sandbox/outbox?kind=domain-transfer-approval' })).json();
    const link: string = mails.results.find((m: { to: string }) => m.to === 'ana@example.es').links[0];
    const path = new URL(link).pathname;
    expect(path).toMatch(/^\/_sandbox\/domains\/transfers\/approve\/[^/]+$/);
    const first = await app.http.inject({ method: 'GET', url: path });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ domain: 'amazon.nl', status: 'active' });
    const again = await app.http.inject({ method: 'GET', url: path });
    expect(again.statusCode).toBe(410);
  });
});
