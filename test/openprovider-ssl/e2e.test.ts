// Issue 5's check on the Openprovider face, end to end: a CSR made by POST /ssl/csr → an order → validation by
// following the approver mail's link from the outbox (and, separately, by a DNS record written through the
// Openprovider DNS API and found over our real DNS server) → the certificate is issued → `openssl verify` against the root and
// intermediate passes, the SANs match, the key matches the CSR → cancel revokes it → its serial is in the CRL and
// `openssl verify -crl_check` says "certificate revoked". The same order is seen through the core and the sandbox panel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestApp } from '../harness/app.ts';
import { call } from '../openprovider/client.ts';
import { runQuery } from '../../src/core/runner.ts';
import { getOrder as coreGetOrder } from '../../src/core/ssl/flows/get-order.ts';
import { searchOrders } from '../../src/core/ssl/flows/search-orders.ts';
import { storeZoneSource } from '../../src/core/dns/zone-source.ts';
import { startDnsServer, type DnsServer } from '../../src/dns-server/server.ts';
import { dnsLookup } from '../../src/app/ssl-net.ts';
import { createOrder, getOrder, makeCsr, outbox, reseller, sslApp, type Reseller, type SslApp } from './helpers.ts';

let s: SslApp;
let app: TestApp;
let r: Reseller;
let dns: DnsServer;
const dir = mkdtempSync(join(tmpdir(), 'op-ssl-e2e-'));

function openssl(args: string[]): { ok: boolean; out: string } {
  try {
    return { ok: true, out: execFileSync('openssl', args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] }) };
  } catch (e) {
    const x = e as { stdout?: string; stderr?: string };
    return { ok: false, out: `${x.stdout ?? ''}${x.stderr ?? ''}` };
  }
}
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

beforeAll(async () => {
  s = await sslApp();
  app = s.app;
  r = await reseller(app);
  dns = await startDnsServer({ host: '127.0.0.1', port: 0, source: storeZoneSource(app.store), pollMs: 20 });
  // the app's DCV checks ask our DNS server on its ephemeral port
  app.services.dnsLookup = dnsLookup({ host: '127.0.0.1', port: dns.port });
}, 30_000);
afterAll(async () => {
  await dns.close();
  await app.close();
});

/** the CA's CRL (GET /_sandbox/ca/crl, DER) as PEM */
async function crlPem(): Promise<string> {
  const res = await app.http.inject({ method: 'GET', url: '/_sandbox/ca/crl' });
  expect(res.statusCode).toBe(200);
  const der = res.rawPayload;
  return `-----BEGIN X509 CRL-----\n${der.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END X509 CRL-----\n`;
}

describe('Openprovider SSL end to end', () => {
  it('issues a certificate approved through the mailed links that openssl verifies, then revokes it into the CRL', async () => {
    // 1. a key and CSR from the face
    const made = await call<{ csr: string; key: string }>(app, 'POST', '/v1beta/ssl/csr', { token: r.token, json: { bits: 2048, common_name: 'e2e-shop.example.com', country: 'NL', email: 'admin@example.com', organization: 'Example BV', subject_alternative_name: ['www.e2e-shop.example.com'] } });
    expect(made.status).toBe(200);
    // 2. the order, straight to the CA
    const { body } = await createOrder(app, r, { csr: made.body.data.csr, start_provision: true, approver_email: 'admin@example.com' });
    const id = body.data.id;
    expect((await getOrder(app, r, id)).status).toBe('REQ');
    // 3. the approver follows each mailed link
    const mails = (await outbox(app, 'admin@example.com')).filter((m) => m.body.includes(`order ${id}`));
    expect(mails).toHaveLength(2);
    for (const m of mails) {
      const url = new URL(m.links[0]);
      const res = await app.http.inject({ method: 'GET', url: url.pathname });
      expect(res.statusCode).toBe(200);
    }
    // 4. issued
    const o = await getOrder(app, r, id);
    expect(o.status).toBe('ACT');
    const cert = file('cert.pem', o.certificate);
    const inter = file('inter.pem', o.intermediate_certificate);
    const root = file('root.pem', o.root_certificate);
    // the root the order shows is the one the sandbox publishes for users to trust
    expect(o.root_certificate.trim()).toBe((await app.http.inject({ method: 'GET', url: '/_sandbox/ca/root.pem' })).body.trim());
    expect(o.intermediate_certificate.trim()).toBe((await app.http.inject({ method: 'GET', url: '/_sandbox/ca/intermediate.pem' })).body.trim());
    const at = String(Math.floor(app.clock.now().getTime() / 1000) + 60);
    const verify = openssl(['verify', '-attime', at, '-CAfile', root, '-untrusted', inter, cert]);
    expect(verify.out).toContain(': OK');
    expect(verify.ok).toBe(true);
    const san = openssl(['x509', '-in', cert, '-noout', '-ext', 'subjectAltName']).out;
    expect(san).toContain('DNS:e2e-shop.example.com');
    expect(san).toContain('DNS:www.e2e-shop.example.com');
    expect(openssl(['x509', '-in', cert, '-noout', '-pubkey']).out).toBe(openssl(['pkey', '-in', file('key.pem', made.body.data.key), '-pubout']).out);
    expect(openssl(['x509', '-in', cert, '-noout', '-pubkey']).out).toBe(openssl(['req', '-in', file('req.pem', made.body.data.csr), '-noout', '-pubkey']).out);

    // 5. the same order through the core and through the end-user panel
    const core = await runQuery(app.services, coreGetOrder, { accountId: r.accountId, orderId: id });
    expect(core.state).toBe('active');
    expect(core.certificate?.serial).toBe(o.vendor_reference_id);
    expect((await runQuery(app.services, searchOrders, { accountId: r.accountId, filter: { states: ['active'] }, page: { limit: 100, offset: 0 } })).results.map((x) => x.id)).toContain(id);
    const otp = await call<{ token: string }>(app, 'POST', `/v1beta/ssl/orders/${id}/otp-tokens`, { token: r.token });
    const panel = JSON.parse((await app.http.inject({ method: 'GET', url: `/_sandbox/ssl/panel/${otp.body.data.token}` })).body) as { state: string; serial: string };
    expect(panel).toMatchObject({ state: 'active', serial: o.vendor_reference_id });

    // 6. cancel = "certificate will pass revocation at the CA side" (000:2744): the serial is in the CRL
    expect((await call(app, 'POST', `/v1beta/ssl/orders/${id}/cancel`, { token: r.token })).status).toBe(200);
    const crl = file('crl.pem', await crlPem());
    const crlText = openssl(['crl', '-in', crl, '-noout', '-text']).out.toUpperCase();
    expect(crlText).toContain(String(o.vendor_reference_id).toUpperCase().replace(/^0+/, ''));
    const revoked = openssl(['verify', '-attime', at, '-crl_check', '-CRLfile', crl, '-CAfile', root, '-untrusted', inter, cert]);
    expect(revoked.ok).toBe(false);
    expect(revoked.out).toContain('certificate revoked');
  });

  it('issues an order validated by a DNS record written through the Openprovider DNS API and found over the real DNS server', async () => {
    const zone = await call(app, 'POST', '/v1beta/dns/zones', { token: r.token, json: { domain: { name: 'dns-shop', extension: 'nl' }, type: 'master', records: [{ name: '', type: 'A', value: '192.0.2.1', ttl: 3600 }] } });
    expect(zone.body.code).toBe(0);
    const { body } = await createOrder(app, r, { csr: await makeCsr('www.dns-shop.nl', ['www.dns-shop.nl', 'dns-shop.nl']), start_provision: true, domain_validation_methods: [{ host_name: 'www.dns-shop.nl', method: 'dns' }, { host_name: 'dns-shop.nl', method: 'dns' }] });
    expect(body.code).toBe(0);
    const id = body.data.id;
    const validate = async () => JSON.parse((await app.http.inject({ method: 'POST', url: `/_sandbox/ssl/orders/${id}/validate` })).body) as { state: string; checks: Array<{ hostname: string; ok: boolean }> };
    const first = await validate();
    expect(first.state).toBe('requested');
    expect(first.checks.every((c) => !c.ok)).toBe(true);

    // the records the order asks for, exactly as the face shows them
    const o = await getOrder(app, r, id);
    const add = (o.additional_data as Array<{ dns_record: string; dns_value: string }>).map((d) => ({ name: d.dns_record.replace(/\.?dns-shop\.nl$/, ''), type: 'CNAME', value: d.dns_value, ttl: 900 }));
    expect(add).toHaveLength(2);
    const put = await call(app, 'PUT', '/v1beta/dns/zones/dns-shop.nl', { token: r.token, json: { name: 'dns-shop.nl', records: { add } } });
    expect(put.body.code).toBe(0);
    await dns.refresh();
    const second = await validate();
    expect(second.checks.every((c) => c.ok)).toBe(true);
    expect(second.state).toBe('active');
    const issued = await getOrder(app, r, id);
    expect(issued.status).toBe('ACT');
    const root = file('root2.pem', issued.root_certificate);
    const at = String(Math.floor(app.clock.now().getTime() / 1000) + 60);
    expect(openssl(['verify', '-attime', at, '-CAfile', root, '-untrusted', file('inter2.pem', issued.intermediate_certificate), file('cert2.pem', issued.certificate)]).ok).toBe(true);
  });

  it('refuses an unknown approval link with the sandbox error ssl.link_invalid (HTTP 410)', async () => {
    const res = await app.http.inject({ method: 'GET', url: '/_sandbox/ssl/approve/deadbeef' });
    expect(res.statusCode).toBe(410);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'ssl.link_invalid' } });
  });

  it('refuses approve-all for an unknown order (404) and for an order not with the CA (409)', async () => {
    expect((await app.http.inject({ method: 'POST', url: '/_sandbox/ssl/orders/999999/approve-all' })).statusCode).toBe(404);
    const { body } = await createOrder(app, r);
    const res = await app.http.inject({ method: 'POST', url: `/_sandbox/ssl/orders/${body.data.id}/approve-all` });
    expect(res.statusCode).toBe(409);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'ssl.invalid_state' } });
  });
});
