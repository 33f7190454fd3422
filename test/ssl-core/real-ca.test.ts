// The SSL flows with the real certificate authority (`services.ca`, src/ca/): an order approved by its mail link
// is issued as a real X.509 certificate with the order's names and capped validity; an OV certificate carries the
// organisation contact in its subject; a revoked certificate is on the CRL.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as x509 from '@peculiar/x509';
import { START, testApp, type TestApp } from '../harness/app.ts';
import { runFlow } from '../../src/core/runner.ts';
import { changeClock } from '../../src/core/sandbox/flows/change-clock.ts';
import { createContact } from '../../src/core/contacts/flows/create-contact.ts';
import { createOrder } from '../../src/core/ssl/flows/create-order.ts';
import { approveByLink } from '../../src/core/ssl/flows/approve-by-link.ts';
import { revokeOrder } from '../../src/core/ssl/flows/revoke-order.ts';
import type { CertificateAuthority } from '../../src/core/ssl/ca-port.ts';
import { approveAll } from '../../src/core/ssl/flows/approve-all.ts';
import { makeCsr } from './fake-ca.ts';

let app: TestApp;
let ca: CertificateAuthority;

beforeAll(async () => {
  app = await testApp();
  await runFlow(app.services, changeClock, { clock: app.clock, change: { set: START, freeze: true } });
  ca = app.services.ca!;
}, 30_000);
afterAll(async () => {
  await app.close();
});

async function reseller() {
  const a = await app.account();
  const org = await runFlow(app.services, createContact, {
    accountId: a.accountId,
    input: { companyName: 'Example BV', name: { title: '', firstName: 'Jan', lastName: 'Jansen', initials: '', prefix: '' }, email: 'jan@example.nl', phone: { countryCode: '+31', areaCode: '20', subscriberNumber: '1234567' }, address: { street: 'Damrak', number: '1', suffix: '', line2: '', line3: '', zipcode: '1012 LG', city: 'Amsterdam', state: 'NH', country: 'NL' } },
  });
  return { ...a, org };
}

describe('SSL orders with the real CA', () => {
  it('issues a real certificate for the order\'s names, valid from now to the CA/B cap, after the approval link; revocation reaches the CRL', async () => {
    const { org, ...a } = await reseller();
    const o = await runFlow(app.services, createOrder, {
      accountId: a.accountId, ca, productCode: 'sectigo-positivessl-multi-domain', period: 1, csr: await makeCsr('real.example.com', ['www.real.example.com']),
      approverEmail: 'admin@example.com', contacts: { organization: org.handle }, startProvision: true,
    });
    let issued = o;
    for (const d of o.dcv) issued = await runFlow(app.services, approveByLink, { token: d.token, ca });
    expect(issued.state).toBe('active');
    const cert = new x509.X509Certificate(issued.certificate!.certPem);
    expect(cert.subjectName.getField('CN')).toEqual(['real.example.com']);
    const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
    expect(san?.names.items.map((n) => n.value).sort()).toEqual(['real.example.com', 'www.real.example.com']);
    expect(cert.notBefore.getTime()).toBeLessThanOrEqual(new Date(START).getTime());
    expect(cert.notAfter).toEqual(new Date('2026-12-18T11:59:59Z'));
    expect(cert.serialNumber.toLowerCase().replace(/^0+/, '')).toBe(issued.certificate!.serial.toLowerCase().replace(/^0+/, ''));
    const revoked = await runFlow(app.services, revokeOrder, { accountId: a.accountId, orderId: o.id, ca, reason: 'keyCompromise' });
    expect(revoked.state).toBe('revoked');
    const crl = new x509.X509Crl(await ca.crl());
    expect(crl.entries.map((e) => e.serialNumber.toLowerCase().replace(/^0+/, ''))).toContain(issued.certificate!.serial.toLowerCase().replace(/^0+/, ''));
  });

  it('puts the organisation contact in the subject of an OV certificate', async () => {
    const { org, ...a } = await reseller();
    const o = await runFlow(app.services, createOrder, {
      accountId: a.accountId, ca, productCode: 'geotrust-true-businessid', period: 1, csr: await makeCsr('ov-real.example.com'), defaultMethod: 'dns',
      contacts: { organization: org.handle, admin: org.handle }, startProvision: true,
    });
    const issued = await runFlow(app.services, approveAll, { accountId: a.accountId, orderId: o.id, ca });
    const cert = new x509.X509Certificate(issued.certificate!.certPem);
    expect(cert.subjectName.getField('O')).toEqual(['Example BV']);
    expect(cert.subjectName.getField('C')).toEqual(['NL']);
    expect(cert.subjectName.getField('CN')).toEqual(['ov-real.example.com']);
  });
});
