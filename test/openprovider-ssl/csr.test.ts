// CSR create and decode through the Openprovider face (seed 000:1806-1908, 000:9948-10143).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestApp } from '../harness/app.ts';
import { call, expectError } from '../openprovider/client.ts';
import { makeCsr, reseller, sslApp, type Reseller } from './helpers.ts';

type Created = { command: string; config: string; config_path: string; csr: string; key: string; key_path: string };
type Decoded = { domain_names_count: number; public_key: { bits: number; key: string }; signature_hash_algorithm: string; subject: Record<string, string>; subject_alternative_name: string[] };

let app: TestApp;
let r: Reseller;
const dir = mkdtempSync(join(tmpdir(), 'op-ssl-csr-'));

function openssl(args: string[], input?: string): string {
  return execFileSync('openssl', args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] });
}

beforeAll(async () => {
  ({ app } = await sslApp());
  r = await reseller(app);
});
afterAll(async () => app.close());

describe('POST /v1beta/ssl/csr', () => {
  it('makes a private key and a CSR that openssl reads back with the subject and SANs asked for', async () => {
    const res = await call<Created>(app, 'POST', '/v1beta/ssl/csr', {
      token: r.token,
      json: { bits: 2048, common_name: 'shop.example.com', country: 'NL', email: 'admin@example.com', organization: 'Example BV', unit: 'IT', locality: 'Haarlem', state: 'Noord-Holland', subject_alternative_name: ['www.shop.example.com'], with_config: true },
    });
    expect(res.status).toBe(200);
    const d = res.body.data;
    expect(d.csr).toContain('-----BEGIN CERTIFICATE REQUEST-----');
    expect(d.key).toContain('-----BEGIN PRIVATE KEY-----');
    expect(d.command).toMatch(/^openssl req -new -newkey rsa:2048 /);
    expect(d.config).toContain('subjectAltName = DNS:www.shop.example.com');
    expect(d.config_path).toBe('shop.example.com.cnf');
    expect(d.key_path).toBe('shop.example.com.key');
    writeFileSync(join(dir, 'a.csr'), d.csr);
    writeFileSync(join(dir, 'a.key'), d.key);
    const text = openssl(['req', '-in', join(dir, 'a.csr'), '-noout', '-text', '-verify']);
    expect(text).toMatch(/CN\s*=\s*shop\.example\.com/);
    expect(text).toMatch(/O\s*=\s*Example BV/);
    expect(text).toContain('DNS:www.shop.example.com');
    expect(text).toMatch(/Public-Key: \(2048 bit\)/);
    // the key returned is the key of the CSR
    expect(openssl(['pkey', '-in', join(dir, 'a.key'), '-pubout'])).toBe(openssl(['req', '-in', join(dir, 'a.csr'), '-noout', '-pubkey']));
  });

  it('leaves the config out unless with_config is true', async () => {
    const res = await call<Created>(app, 'POST', '/v1beta/ssl/csr', { token: r.token, json: { bits: '2048', common_name: 'plain.example.com', country: 'nl', email: 'a@example.com' } });
    expect(res.body.data.config).toBe('');
    expect(res.body.data.config_path).toBe('');
    expect(res.body.data.command).toContain('-subj "/C=NL/CN=plain.example.com/emailAddress=a@example.com"');
  });

  const bad: Array<[string, Record<string, unknown>]> = [
    ['bits other than 2048 or 4096', { bits: 1024, common_name: 'x.example.com', country: 'NL', email: 'a@example.com' }],
    ['a missing common_name', { bits: 2048, country: 'NL', email: 'a@example.com' }],
    ['a country that is not two letters', { bits: 2048, common_name: 'x.example.com', country: 'NLD', email: 'a@example.com' }],
    ['a common name that is no hostname', { bits: 2048, common_name: 'not a host', country: 'NL', email: 'a@example.com' }],
    ['an email that is no address', { bits: 2048, common_name: 'x.example.com', country: 'NL', email: 'nobody' }],
    ['sha1', { bits: 2048, common_name: 'x.example.com', country: 'NL', email: 'a@example.com', signature_hash_algorithm: 'sha1' }],
    ['an unknown field', { bits: 2048, common_name: 'x.example.com', country: 'NL', email: 'a@example.com', colour: 'red' }],
  ];
  for (const [what, json] of bad) {
    it(`refuses ${what} with code 101 and HTTP 400`, async () => {
      expectError(await call(app, 'POST', '/v1beta/ssl/csr', { token: r.token, json }), 101, 400);
    });
  }
});

describe('POST /v1beta/ssl/csr/decode', () => {
  it('decodes subject, SANs, key size and hash of a CSR made by openssl', async () => {
    openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'b.key'), '-out', join(dir, 'b.csr'), '-subj', '/C=NL/ST=Noord-Holland/L=Haarlem/O=Openprovider B.V./OU=IT/CN=ssl-123-domain.com/emailAddress=admin@ssl-123-domain.com', '-addext', 'subjectAltName=DNS:ssl-123-domain.com,DNS:www.ssl-123-domain.com']);
    const csr = openssl(['req', '-in', join(dir, 'b.csr')]);
    const res = await call<Decoded>(app, 'POST', '/v1beta/ssl/csr/decode', { token: r.token, json: { csr } });
    expect(res.status).toBe(200);
    expect(res.body.data.subject).toEqual({ common_name: 'ssl-123-domain.com', country: 'NL', email: 'admin@ssl-123-domain.com', locality: 'Haarlem', organization: 'Openprovider B.V.', state: 'Noord-Holland', unit: 'IT' });
    expect(res.body.data.subject_alternative_name).toEqual(['ssl-123-domain.com', 'www.ssl-123-domain.com']);
    expect(res.body.data.domain_names_count).toBe(2);
    expect(res.body.data.public_key.bits).toBe(2048);
    expect(res.body.data.public_key.key).toBe(openssl(['req', '-in', join(dir, 'b.csr'), '-noout', '-pubkey']).trim());
    expect(res.body.data.signature_hash_algorithm).toBe('sha2');
  });

  it('decodes an ECDSA CSR (key size = curve size)', async () => {
    const res = await call<Decoded>(app, 'POST', '/v1beta/ssl/csr/decode', { token: r.token, json: { csr: await makeCsr('ec.example.com') } });
    expect(res.body.data.public_key.bits).toBe(256);
    expect(res.body.data.subject.common_name).toBe('ec.example.com');
  });

  it('refuses a malformed CSR with code 903 and HTTP 400', async () => {
    expectError(await call(app, 'POST', '/v1beta/ssl/csr/decode', { token: r.token, json: { csr: '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----' } }), 903, 400);
    expectError(await call(app, 'POST', '/v1beta/ssl/csr/decode', { token: r.token, json: { csr: 'hello' } }), 903, 400);
  });

  it('decodes a weak CSR as it is (RSA 1024 → bits 1024; SHA-1 → sha1), while ordering with either is refused with 903 and writes nothing', async () => {
    openssl(['req', '-new', '-newkey', 'rsa:1024', '-nodes', '-keyout', join(dir, 'w.key'), '-out', join(dir, 'w.csr'), '-subj', '/CN=weak.example.com']);
    const rsa1024 = openssl(['req', '-in', join(dir, 'w.csr')]);
    openssl(['req', '-new', '-newkey', 'rsa:2048', '-sha1', '-nodes', '-keyout', join(dir, 's.key'), '-out', join(dir, 's.csr'), '-subj', '/CN=sha1.example.com']);
    const sha1 = openssl(['req', '-in', join(dir, 's.csr')]);
    const d1 = await call<Decoded>(app, 'POST', '/v1beta/ssl/csr/decode', { token: r.token, json: { csr: rsa1024 } });
    expect(d1.status, d1.text).toBe(200);
    expect(d1.body.data).toMatchObject({ public_key: { bits: 1024 }, signature_hash_algorithm: 'sha2', subject: { common_name: 'weak.example.com' } });
    const d2 = await call<Decoded>(app, 'POST', '/v1beta/ssl/csr/decode', { token: r.token, json: { csr: sha1 } });
    expect(d2.status, d2.text).toBe(200);
    expect(d2.body.data).toMatchObject({ public_key: { bits: 2048 }, signature_hash_algorithm: 'sha1', subject: { common_name: 'sha1.example.com' } });
    // decoding first must not make ordering lenient (the CA remembers checked CSRs)
    const listed = async () => (await call<{ total: number }>(app, 'GET', '/v1beta/ssl/orders', { token: r.token })).body.data.total;
    const before = await listed();
    for (const csr of [rsa1024, sha1]) expectError(await call(app, 'POST', '/v1beta/ssl/orders', { token: r.token, json: { product_id: 5, period: 1, csr, software_id: 'linux', organization_handle: r.handle } }), 903, 400);
    expect(await listed()).toBe(before);
  });

  it('refuses a missing csr with code 101 and HTTP 400', async () => {
    expectError(await call(app, 'POST', '/v1beta/ssl/csr/decode', { token: r.token, json: {} }), 101, 400);
  });
});
