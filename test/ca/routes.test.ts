// The CA over HTTP (/_sandbox/ca/…) as wired by the app, and the `resellbox ca root` command: the root users trust
// is the one the CA signs with, the CRL is DER with application/pkix-crl and lists revocations, the PEM variants
// parse with openssl.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { buildProgram } from '../../src/adapters/cli/program.ts';
import type { CertificateAuthority } from '../../src/core/ssl/ca-port.ts';
import { Scratch, epoch } from './openssl.ts';
import { readFileSync } from 'node:fs';
import { runFlow } from '../../src/core/runner.ts';
import { changeClock } from '../../src/core/sandbox/flows/change-clock.ts';

let app: TestApp;
let ca: CertificateAuthority;
const sh = new Scratch();

beforeAll(async () => {
  app = await testApp();
  ca = app.services.ca!;
});
afterAll(async () => {
  await app.close();
  sh.remove();
});

describe('GET /_sandbox/ca/*', () => {
  it('serves the root and the intermediate as PEM (and DER for the AIA link), and they chain', async () => {
    const root = await app.http.inject({ method: 'GET', url: '/_sandbox/ca/root.pem' });
    expect(root.statusCode).toBe(200);
    expect(root.headers['content-type']).toContain('application/x-pem-file');
    expect(root.body).toBe(ca.rootPem());
    expect(root.body).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const int = await app.http.inject({ method: 'GET', url: '/_sandbox/ca/intermediate.pem' });
    expect(int.body).toBe(ca.intermediatePem());
    sh.file('root.pem', root.body);
    sh.file('int.pem', int.body);
    expect(sh.run(['verify', '-CAfile', 'root.pem', 'int.pem'])).toContain('int.pem: OK');
    const der = await app.http.inject({ method: 'GET', url: '/_sandbox/ca/intermediate.crt' });
    expect(der.headers['content-type']).toContain('application/pkix-cert');
    sh.file('int.der', der.rawPayload);
    expect(sh.run(['x509', '-inform', 'DER', '-in', 'int.der'])).toBe(int.body);
  });

  it('serves the CRL as DER (application/pkix-crl) and as PEM, listing a certificate revoked through the CA port', async () => {
    const { csrPem } = await ca.createCsr({ commonName: 'http.example.com', keyType: 'ecdsa256' });
    const now = app.clock.now();
    const cert = await ca.issue({ csrPem, commonName: 'http.example.com', sans: [], validFrom: now, validTo: new Date(now.getTime() + 30 * 86_400_000), profile: 'dv' });
    sh.file('leaf.crt', cert.certPem);
    expect(sh.run(['x509', '-in', 'leaf.crt', '-noout', '-ext', 'crlDistributionPoints'])).toContain(`URI:${app.config.publicUrl}/_sandbox/ca/crl`);
    await ca.revoke(cert.serial, 'superseded', now);
    const crl = await app.http.inject({ method: 'GET', url: '/_sandbox/ca/crl' });
    expect(crl.statusCode).toBe(200);
    expect(crl.headers['content-type']).toBe('application/pkix-crl');
    sh.file('crl.der', crl.rawPayload);
    expect(sh.run(['crl', '-inform', 'DER', '-in', 'crl.der', '-noout', '-text'])).toContain(`Serial Number: ${cert.serial.toUpperCase()}`);
    const pem = await app.http.inject({ method: 'GET', url: '/_sandbox/ca/crl.pem' });
    expect(pem.body).toMatch(/^-----BEGIN X509 CRL-----/);
    sh.file('crl.pem', pem.body);
    const v = sh.tryRun(['verify', '-attime', epoch(now), '-crl_check', '-CRLfile', 'crl.pem', '-CAfile', 'root.pem', '-untrusted', 'int.pem', 'leaf.crt']);
    expect(v.out).toContain('certificate revoked');
  });
});

describe('POST /_sandbox/ca/ocsp', () => {
  it('answers an openssl OCSP request: good for an issued certificate, revoked (with reason) after revocation, verified against the root', async () => {
    // OCSP times are checked against the machine clock by openssl: put the sandbox at real time for this test
    await runFlow(app.services, changeClock, { clock: app.clock, change: { set: new Date().toISOString(), freeze: true } });
    const { csrPem } = await ca.createCsr({ commonName: 'ocsp.example.com', keyType: 'ecdsa256' });
    const now = app.clock.now();
    const cert = await ca.issue({ csrPem, commonName: 'ocsp.example.com', sans: [], validFrom: now, validTo: new Date(now.getTime() + 30 * 86_400_000), profile: 'dv' });
    sh.file('o-leaf.crt', cert.certPem);
    expect(sh.run(['x509', '-in', 'o-leaf.crt', '-noout', '-ext', 'authorityInfoAccess'])).toContain(`OCSP - URI:${app.config.publicUrl}/_sandbox/ca/ocsp`);
    const ask = async (name: string) => {
      sh.run(['ocsp', '-issuer', 'int.pem', '-cert', 'o-leaf.crt', '-reqout', `${name}.req`]);
      const res = await app.http.inject({ method: 'POST', url: '/_sandbox/ca/ocsp', headers: { 'content-type': 'application/ocsp-request' }, payload: readFileSync(sh.path(`${name}.req`)) });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/ocsp-response');
      sh.file(`${name}.res`, res.rawPayload);
      // the response echoes the request's nonce and verifies against the root (openssl checks both with -reqin)
      const echo = sh.tryRun(['ocsp', '-reqin', `${name}.req`, '-respin', `${name}.res`, '-CAfile', 'root.pem']);
      expect(echo.out).toContain('Response verify OK');
      expect(echo.status).toBe(0);
      // the status of the certificate (with -cert openssl builds a fresh request, hence -no_nonce here)
      return sh.tryRun(['ocsp', '-respin', `${name}.res`, '-issuer', 'int.pem', '-cert', 'o-leaf.crt', '-CAfile', 'root.pem', '-no_nonce']);
    };
    const good = await ask('good');
    expect(good.out).toContain('Response verify OK');
    expect(good.out).toContain('o-leaf.crt: good');
    await ca.revoke(cert.serial, 'keyCompromise', now);
    const revoked = await ask('revoked');
    expect(revoked.out).toContain('Response verify OK');
    expect(revoked.out).toContain('o-leaf.crt: revoked');
    expect(revoked.out).toContain('Reason: keyCompromise');
  });

  it('answers a request that is not OCSP with the malformedRequest status', async () => {
    const res = await app.http.inject({ method: 'POST', url: '/_sandbox/ca/ocsp', headers: { 'content-type': 'application/ocsp-request' }, payload: Buffer.from('nonsense') });
    expect(res.statusCode).toBe(200);
    expect([...res.rawPayload]).toEqual([0x30, 0x03, 0x0a, 0x01, 0x01]);
  });
});

describe('resellbox ca root', () => {
  it('prints the same root PEM the server exports', async () => {
    const lines: string[] = [];
    const program = buildProgram({ withServices: (_o, fn) => fn(app.services, app.clock), serve: async () => {}, out: (l) => lines.push(l) });
    await program.parseAsync(['ca', 'root'], { from: 'user' });
    expect(`${lines.join('\n')}\n`).toBe(ca.rootPem());
  });

  it('reads the root from the database when the CLI has no CA wired', async () => {
    const lines: string[] = [];
    const { ca: _ignored, ...bare } = app.services;
    const program = buildProgram({ withServices: (_o, fn) => fn(bare, app.clock), serve: async () => {}, out: (l) => lines.push(l) });
    await program.parseAsync(['ca', 'root'], { from: 'user' });
    expect(`${lines.join('\n')}\n`).toBe(ca.rootPem());
  });
});
