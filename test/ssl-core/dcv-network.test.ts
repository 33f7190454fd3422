// Domain control validation over real sockets: our own DNS server (src/dns-server) answers the CNAME that a record
// created through Resellbox's DNS flows put in the zone, read by the app's node:dns resolver (src/app/ssl-net.ts);
// the HTTP file is fetched from a real local web server, the hostname resolved through the same DNS server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testApp, type TestApp } from '../harness/app.ts';
import { runFlow } from '../../src/core/runner.ts';
import { createContact } from '../../src/core/contacts/flows/create-contact.ts';
import { createZone } from '../../src/core/dns/flows/create-zone.ts';
import { updateZone } from '../../src/core/dns/flows/update-zone.ts';
import { storeZoneSource } from '../../src/core/dns/zone-source.ts';
import { startDnsServer, type DnsServer } from '../../src/dns-server/server.ts';
import { createOrder } from '../../src/core/ssl/flows/create-order.ts';
import { validateOrder } from '../../src/core/ssl/flows/validate-order.ts';
import { dcvChallenge } from '../../src/core/ssl/model.ts';
import { dnsLookup, httpFetch } from '../../src/app/ssl-net.ts';
import { FakeCa, makeCsr } from './fake-ca.ts';

let app: TestApp;
let dns: DnsServer;
let web: Server;
const files = new Map<string, string>();
const ca = new FakeCa();

beforeAll(async () => {
  app = await testApp();
  dns = await startDnsServer({ host: '127.0.0.1', port: 0, source: storeZoneSource(app.store), pollMs: 20 });
  web = createServer((req, res) => {
    const body = files.get(`${req.headers.host}${req.url}`);
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/plain' }).end(body ?? 'not found');
  });
  await new Promise<void>((ok) => web.listen(0, '127.0.0.1', ok));
}, 30_000);
afterAll(async () => {
  await new Promise((ok) => web.close(ok));
  await dns.close();
  await app.close();
});

async function setup() {
  const a = await app.account();
  const org = await runFlow(app.services, createContact, {
    accountId: a.accountId,
    input: { companyName: 'Example BV', name: { title: '', firstName: 'Jan', lastName: 'Jansen', initials: '', prefix: '' }, email: 'jan@example.nl', phone: { countryCode: '+31', areaCode: '20', subscriberNumber: '1234567' }, address: { street: 'Damrak', number: '1', suffix: '', line2: '', line3: '', zipcode: '1012 LG', city: 'Amsterdam', state: 'NH', country: 'NL' } },
  });
  return { ...a, handle: org.handle };
}

describe('DCV over the network', () => {
  it('validates an order by a CNAME record created through the DNS flows and served by our DNS server', async () => {
    const a = await setup();
    await runFlow(app.services, createZone, { accountId: a.accountId, name: 'dcv-shop.nl', records: [{ name: '', type: 'A', value: '192.0.2.1', ttl: 3600 }] });
    const o = await runFlow(app.services, createOrder, { accountId: a.accountId, ca, productCode: 'rapidssl-standard', period: 1, csr: await makeCsr('www.dcv-shop.nl'), defaultMethod: 'dns', contacts: { organization: a.handle }, startProvision: true });
    const lookup = dnsLookup({ host: '127.0.0.1', port: dns.port });
    await dns.refresh();
    const before = await validateOrder(app.services, { ca, dns: lookup }, { accountId: a.accountId, orderId: o.id });
    expect(before.order.state).toBe('requested');

    const ch = dcvChallenge(o.dcvSecret, 'www.dcv-shop.nl');
    await runFlow(app.services, updateZone, { accountId: a.accountId, name: 'dcv-shop.nl', records: { add: [{ name: ch.dnsName.replace(/\.dcv-shop\.nl$/, ''), type: 'CNAME', value: ch.dnsValue, ttl: 900 }] } });
    await dns.refresh();
    expect(await lookup.cname(ch.dnsName)).toEqual([ch.dnsValue]);
    const after = await validateOrder(app.services, { ca, dns: lookup }, { accountId: a.accountId, orderId: o.id });
    expect(after.checks[0]).toMatchObject({ hostname: 'www.dcv-shop.nl', ok: true });
    expect(after.order.state).toBe('active');
  });

  it('validates by the file a web server serves for the hostname, resolved through the configured DNS server', async () => {
    const a = await setup();
    await runFlow(app.services, createZone, { accountId: a.accountId, name: 'dcv-files.nl', records: [{ name: 'web', type: 'A', value: '127.0.0.1', ttl: 3600 }] });
    await dns.refresh();
    const o = await runFlow(app.services, createOrder, { accountId: a.accountId, ca, productCode: 'rapidssl-standard', period: 1, csr: await makeCsr('web.dcv-files.nl'), dcv: [{ hostname: 'web.dcv-files.nl', method: 'http' }], contacts: { organization: a.handle }, startProvision: true });
    const http = httpFetch({ host: '127.0.0.1', port: dns.port }, { http: (web.address() as AddressInfo).port });
    const missing = await validateOrder(app.services, { ca, http }, { accountId: a.accountId, orderId: o.id });
    expect(missing.checks[0]).toMatchObject({ ok: false });
    expect(missing.checks[0].detail).toContain('HTTP 404');

    const ch = dcvChallenge(o.dcvSecret, 'web.dcv-files.nl', 'http');
    files.set(`web.dcv-files.nl/.well-known/pki-validation/${ch.fileName}`, ch.fileContents);
    expect((await validateOrder(app.services, { ca, http }, { accountId: a.accountId, orderId: o.id })).order.state).toBe('active');
  });
});
