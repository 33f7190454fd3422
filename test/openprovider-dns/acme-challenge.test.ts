// The DNS-01 challenge as certificate tools run it against Openprovider (lego, acme.sh, certbot plugins), end to end:
// log in, find the zone by trying each label suffix, add the TXT with PUT …/dns/zones/{name}, see it served by the
// real authoritative server over UDP, the duplicate add answered "Duplicate record", remove it with the value sent
// quoted, see it gone. The DNS server is started the way src/app/side-servers.ts starts it (here on 127.0.0.1:0).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { call } from '../openprovider/client.ts';
import { startDnsServer, type DnsServer } from '../../src/dns-server/server.ts';
import { storeZoneSource } from '../../src/core/dns/zone-source.ts';
import { udp } from '../dns/client.ts';

let app: TestApp;
let dns: DnsServer;

beforeAll(async () => {
  app = await testApp();
  dns = await startDnsServer({ host: '127.0.0.1', port: 0, source: storeZoneSource(app.store), pollMs: 50 });
});
afterAll(async () => {
  await dns.close();
  await app.close();
});

/**
 * Lets the DNS server catch up with what has committed: `refresh()` may hand back a poll already in flight (started
 * by its timer before the change committed), so the second call is a poll that starts after the commit.
 */
async function settle(): Promise<void> {
  await dns.refresh();
  await dns.refresh();
}

const txtOf = (answers: { type: string; data?: unknown }[] | undefined) =>
  (answers ?? []).filter((a) => a.type === 'TXT').map((a) => (a.data as Buffer[]).map((b) => b.toString()).join(''));

/** what a text-matching client does: log in with the fixed body, regex the token out of the text */
async function clientLogin(who: { username: string; password: string }): Promise<string> {
  const res = await call(app, 'POST', '/v1beta/auth/login', { json: { ip: '0.0.0.0', password: who.password, username: who.username } });
  return /"token" *: *"([^"]+)"/.exec(res.text)![1]!;
}

/** the zone of a host, found as acme.sh's dns_openprovider does: try each suffix until the body names it */
async function findZone(token: string, fqdn: string): Promise<{ name: string; id: number } | null> {
  const labels = fqdn.split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const candidate = labels.slice(i).join('.');
    const res = await call(app, 'GET', `/v1beta/dns/zones/${candidate}`, { token });
    if (res.text.includes(`"name":"${candidate}"`)) return { name: candidate, id: Number(/"id":(\d+)/.exec(res.text)![1]) };
    expect(res.status).toBe(404);
  }
  return null;
}

describe('DNS-01 challenge through Openprovider and the real DNS server', () => {
  it('adds the TXT, serves it over UDP, refuses the duplicate with "Duplicate record", removes it sent quoted, and stops serving it', async () => {
    const owner = await app.account();
    const token = await clientLogin(owner);
    expect((await call(app, 'POST', '/v1beta/dns/zones', { token, json: { domain: { name: 'acme-example', extension: 'com' }, type: 'master', records: [{ name: 'www', type: 'A', value: '192.0.2.10', ttl: 900 }] } })).status).toBe(200);

    const z = await findZone(token, '_acme-challenge.www.acme-example.com');
    expect(z?.name).toBe('acme-example.com');

    const challenge = { name: '_acme-challenge.www', type: 'TXT', value: 'LHDhK3oGRvkiefQnx7OOczTY5Tic_xZ6HcMOc_gmtoM', ttl: 120 };
    const add = await call(app, 'PUT', `/v1beta/dns/zones/${z!.name}`, { token, json: { id: z!.id, name: z!.name, records: { add: [challenge] } } });
    expect(add.text).toContain('"success":true');

    await settle();
    const served = await udp(dns.port, { name: '_acme-challenge.www.acme-example.com', type: 'TXT' });
    expect(served.rcode).toBe('NOERROR');
    expect(txtOf(served.answers)).toEqual([challenge.value]);
    expect((served.answers![0] as { ttl?: number }).ttl).toBe(86400); // 120 is outside the accepted set: saved as 86400 (seed 000:1466)

    const dup = await call(app, 'PUT', `/v1beta/dns/zones/${z!.name}`, { token, json: { id: z!.id, name: z!.name, records: { add: [challenge] } } });
    expect(dup.status).toBe(400);
    expect(dup.body.desc).toContain('Duplicate record');

    const remove = await call(app, 'PUT', `/v1beta/dns/zones/${z!.name}`, { token, json: { id: z!.id, name: z!.name, records: { remove: [{ name: '_acme-challenge.www', type: 'TXT', value: `"${challenge.value}"`, ttl: 86400 }] } } });
    expect(remove.text).toContain('"success":true');

    await settle();
    const after = await udp(dns.port, { name: '_acme-challenge.www.acme-example.com', type: 'TXT' });
    expect(txtOf(after.answers)).toEqual([]);
    expect(after.rcode).toBe('NXDOMAIN');
    // the rest of the zone is still served
    const www = await udp(dns.port, { name: 'www.acme-example.com', type: 'A' });
    expect((www.answers ?? []).map((a) => (a as { data?: unknown }).data)).toEqual(['192.0.2.10']);
  });

  it('does not let another reseller add a challenge to the zone, nor find it', async () => {
    const owner = await app.account();
    const other = await app.account();
    const ownerToken = await clientLogin(owner);
    const otherToken = await clientLogin(other);
    await call(app, 'POST', '/v1beta/dns/zones', { token: ownerToken, json: { domain: 'isolated-acme.com', type: 'master' } });
    expect(await findZone(otherToken, '_acme-challenge.isolated-acme.com')).toBeNull();
    const res = await call(app, 'PUT', '/v1beta/dns/zones/isolated-acme.com', { token: otherToken, json: { records: { add: [{ name: '_acme-challenge', type: 'TXT', value: 'evil', ttl: 900 }] } } });
    expect(res.status).toBe(404);
    await settle();
    const q = await udp(dns.port, { name: '_acme-challenge.isolated-acme.com', type: 'TXT' });
    expect(txtOf(q.answers)).toEqual([]);
  });
});
