// The built-in CA judged by openssl: certificates issued from CSRs made by createCsr and by `openssl req` verify
// against the root through the intermediate, carry the validated names and the CSR's key, are capped by the CA/B
// schedule on the sandbox date; revocation shows in the CRL and makes `openssl verify -crl_check` fail; the root
// survives a restart on the same database; bad CSRs get clear errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCa, type BuiltInCa } from '../../src/ca/authority.ts';
import { openStore } from '../../src/persistence/store.ts';
import { DomainError } from '../../src/core/errors.ts';
import { testStore } from '../harness/store.ts';
import { Scratch, epoch, opensslPresent } from './openssl.ts';

class MovableClock {
  at: Date;
  constructor(at: string) {
    this.at = new Date(at);
  }
  now(): Date {
    return new Date(this.at);
  }
}

const DAY = 86_400_000;
const clock = new MovableClock('2026-06-01T12:00:00Z');
let store: Awaited<ReturnType<typeof testStore>>;
let ca: BuiltInCa;
const sh = new Scratch();

beforeAll(async () => {
  store = await testStore();
  ca = await openCa({ store, clock, publicUrl: 'http://127.0.0.1:8080/' });
  sh.file('root.pem', ca.rootPem());
  sh.file('int.pem', ca.intermediatePem());
});
afterAll(async () => {
  await ca.close();
  await store.drop();
  sh.remove();
});

async function issue(csrPem: string, cn: string, sans: string[], days = 365, profile: string = 'dv') {
  const now = clock.now();
  return ca.issue({ csrPem, commonName: cn, sans, validFrom: now, validTo: new Date(now.getTime() + days * DAY), profile });
}

function verify(certFile: string, at: Date, extra: string[] = []) {
  return sh.tryRun(['verify', '-attime', epoch(at), '-CAfile', 'root.pem', '-untrusted', 'int.pem', ...extra, certFile]);
}

function datesOf(certFile: string): { notBefore: Date; notAfter: Date } {
  const out = sh.run(['x509', '-in', certFile, '-noout', '-startdate', '-enddate']);
  const get = (k: string) => new Date(/^(?:notBefore|notAfter)=(.*)$/m.exec(out.split('\n').find((l) => l.startsWith(k)) ?? '')![1]);
  return { notBefore: get('notBefore'), notAfter: get('notAfter') };
}

const codeOf = async (p: Promise<unknown>) => p.then(() => 'no error', (e) => (e instanceof DomainError ? `${e.code}: ${e.publicMessage}` : `not a DomainError: ${e}`));

describe('the machine', () => {
  it('has openssl, which judges every certificate here (fail, never skip)', () => {
    expect(opensslPresent()).toBe(true);
  });
});

describe('issuing from a CSR made by createCsr', () => {
  it('issues an ECDSA P-256 certificate that openssl verifies against root + intermediate, with the requested SANs and the CSR key', async () => {
    const { csrPem, privateKeyPem } = await ca.createCsr({ commonName: 'www.example.com', sans: ['example.com'], keyType: 'ecdsa256' });
    sh.file('ec.csr', csrPem);
    sh.file('ec.key', privateKeyPem);
    const cert = await issue(csrPem, 'www.example.com', ['example.com', 'shop.example.com']);
    sh.file('ec.crt', cert.certPem);
    const v = verify('ec.crt', clock.now());
    expect(v.out).toContain('ec.crt: OK');
    expect(v.status).toBe(0);
    const san = sh.run(['x509', '-in', 'ec.crt', '-noout', '-ext', 'subjectAltName']);
    expect(san).toContain('DNS:www.example.com, DNS:example.com, DNS:shop.example.com');
    // the certificate holds the CSR's public key, and the private key matches it
    const certKey = sh.run(['x509', '-in', 'ec.crt', '-noout', '-pubkey']);
    expect(sh.run(['req', '-in', 'ec.csr', '-noout', '-pubkey'])).toBe(certKey);
    expect(sh.run(['pkey', '-in', 'ec.key', '-pubout'])).toBe(certKey);
    expect(cert.chainPem).toBe(ca.intermediatePem());
    expect(cert.serial).toMatch(/^[0-9a-f]{32}$/);
  });

  it('issues for an RSA-2048 key from the pool, with keyUsage digitalSignature + keyEncipherment, serverAuth, CA:FALSE and the CRL/OCSP/caIssuers URLs from the public URL', async () => {
    const { csrPem } = await ca.createCsr({ commonName: 'rsa.example.org', keyType: 'rsa2048', subject: { organization: 'Example BV', country: 'nl' } });
    const info = await ca.decodeCsr(csrPem);
    expect(info).toMatchObject({ commonName: 'rsa.example.org', sans: ['rsa.example.org'], keyType: 'RSA', keySize: 2048, signatureAlgorithm: 'sha256WithRSAEncryption', subject: { organization: 'Example BV', country: 'NL' } });
    const cert = await issue(csrPem, 'rsa.example.org', []);
    sh.file('rsa.crt', cert.certPem);
    expect(verify('rsa.crt', clock.now()).status).toBe(0);
    const text = sh.run(['x509', '-in', 'rsa.crt', '-noout', '-text']);
    expect(text).toMatch(/Basic Constraints: critical\s+CA:FALSE/);
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Key Encipherment/);
    expect(text).toMatch(/Extended Key Usage:\s+TLS Web Server Authentication\n/);
    expect(text).toContain('URI:http://127.0.0.1:8080/_sandbox/ca/crl');
    expect(text).toContain('CA Issuers - URI:http://127.0.0.1:8080/_sandbox/ca/intermediate.crt');
    expect(text).toContain('OCSP - URI:http://127.0.0.1:8080/_sandbox/ca/ocsp');
    expect(text).toContain('Policy: 2.23.140.1.2.1');
    expect(text).toContain('Subject: CN = rsa.example.org');
    expect(text).toContain('X509v3 Subject Key Identifier');
    expect(text).toContain('X509v3 Authority Key Identifier');
  });

  it('creates ECDSA P-384 and RSA-4096 CSRs that decode to their key type and size', async () => {
    const p384 = await ca.decodeCsr((await ca.createCsr({ commonName: 'p384.example.com', keyType: 'ecdsa384' })).csrPem);
    expect(p384).toMatchObject({ keyType: 'EC', keySize: 384, curve: 'P-384', signatureAlgorithm: 'ecdsa-with-SHA384' });
    const rsa4096 = await ca.decodeCsr((await ca.createCsr({ commonName: 'big.example.com', keyType: 'rsa4096' })).csrPem);
    expect(rsa4096).toMatchObject({ keyType: 'RSA', keySize: 4096 });
  });

  it('refuses to create a CSR for a name that is not a host name (request.invalid)', async () => {
    expect(await codeOf(ca.createCsr({ commonName: 'not a host', keyType: 'ecdsa256' }))).toMatch(/^request.invalid: commonName/);
    expect(await codeOf(ca.createCsr({ commonName: 'ok.example.com', keyType: 'dsa' as never }))).toMatch(/^request.invalid: keyType/);
  });
});

describe('issuing from a CSR made by openssl req', () => {
  it('decodes subject, SANs, key and algorithm, and issues an OV certificate openssl verifies, with the same public key', async () => {
    sh.run(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'o.key', '-out', 'o.csr', '-subj', '/C=NL/ST=Noord-Holland/L=Amsterdam/O=Example BV/CN=secure.example.net/emailAddress=ops@example.net', '-addext', 'subjectAltName=DNS:secure.example.net,DNS:api.example.net']);
    const csrPem = sh.run(['req', '-in', 'o.csr']);
    const info = await ca.decodeCsr(csrPem);
    expect(info).toMatchObject({
      commonName: 'secure.example.net', sans: ['secure.example.net', 'api.example.net'], keyType: 'RSA', keySize: 2048, signatureAlgorithm: 'sha256WithRSAEncryption',
      subject: { country: 'NL', state: 'Noord-Holland', locality: 'Amsterdam', organization: 'Example BV', commonName: 'secure.example.net', email: 'ops@example.net' },
    });
    const cert = await issue(csrPem, 'secure.example.net', ['api.example.net'], 365, 'ov');
    sh.file('o.crt', cert.certPem);
    expect(verify('o.crt', clock.now()).status).toBe(0);
    expect(sh.run(['x509', '-in', 'o.crt', '-noout', '-pubkey'])).toBe(sh.run(['req', '-in', 'o.csr', '-noout', '-pubkey']));
    expect(sh.run(['x509', '-in', 'o.crt', '-noout', '-modulus'])).toBe(sh.run(['rsa', '-in', 'o.key', '-noout', '-modulus']));
    expect(sh.run(['x509', '-in', 'o.crt', '-noout', '-ext', 'subjectAltName'])).toContain('DNS:secure.example.net, DNS:api.example.net');
    expect(sh.run(['x509', '-in', 'o.crt', '-noout', '-text'])).toContain('Policy: 2.23.140.1.2.2');
  });

  it('puts the organisation of an OV profile in the subject', async () => {
    const { csrPem } = await ca.createCsr({ commonName: 'org.example.com', keyType: 'ecdsa256' });
    const cert = await ca.issue({ csrPem, commonName: 'org.example.com', sans: [], validFrom: clock.now(), validTo: new Date(clock.now().getTime() + 90 * DAY), profile: { validation: 'OV', organization: 'Example BV', locality: 'Amsterdam', country: 'NL' } });
    sh.file('org.crt', cert.certPem);
    expect(sh.run(['x509', '-in', 'org.crt', '-noout', '-subject'])).toContain('subject=C = NL, L = Amsterdam, O = Example BV, CN = org.example.com');
  });
});

describe('validity on different sandbox dates', () => {
  const cases: Array<[string, number]> = [['2026-03-14T10:00:00Z', 398], ['2026-06-01T12:00:00Z', 200], ['2027-03-15T00:00:00Z', 100], ['2029-03-15T08:00:00Z', 47]];
  for (const [at, days] of cases) {
    it(`caps a 2-year request issued on ${at.slice(0, 10)} at ${days} days (notAfter - notBefore = ${days} d - 1 s), still verifying on that date`, async () => {
      const saved = clock.at;
      clock.at = new Date(at);
      try {
        const { csrPem } = await ca.createCsr({ commonName: 'cap.example.com', keyType: 'ecdsa256' });
        const cert = await issue(csrPem, 'cap.example.com', [], 730);
        const f = sh.file(`cap-${days}.crt`, cert.certPem);
        const { notBefore, notAfter } = datesOf(f);
        expect(notBefore.toISOString()).toBe(new Date(at).toISOString());
        expect(notAfter.getTime() - notBefore.getTime()).toBe(days * DAY - 1000);
        expect(cert.notAfter.getTime()).toBe(notAfter.getTime());
        expect(verify(f, new Date(at)).status).toBe(0);
      } finally {
        clock.at = saved;
      }
    });
  }
});

describe('revocation', () => {
  it('lists a revoked serial in the CRL, and openssl verify -crl_check then fails with "certificate revoked" (a sibling still passes)', async () => {
    const { csrPem } = await ca.createCsr({ commonName: 'revoke.example.com', keyType: 'ecdsa256' });
    const bad = await issue(csrPem, 'revoke.example.com', []);
    const good = await issue(csrPem, 'revoke.example.com', []);
    sh.file('bad.crt', bad.certPem);
    sh.file('good.crt', good.certPem);
    await ca.revoke(bad.serial, 'keyCompromise', clock.now());
    const crl = await ca.crl();
    sh.file('crl.der', crl);
    const text = sh.run(['crl', '-inform', 'DER', '-in', 'crl.der', '-noout', '-text']);
    expect(text).toContain(`Serial Number: ${bad.serial.toUpperCase()}`);
    expect(text).not.toContain(good.serial.toUpperCase());
    expect(text).toContain('Key Compromise');
    expect(text).toMatch(/X509v3 CRL Number:\s+\d+/);
    sh.run(['crl', '-inform', 'DER', '-in', 'crl.der', '-out', 'crl.pem']);
    const revoked = verify('bad.crt', clock.now(), ['-crl_check', '-CRLfile', 'crl.pem']);
    expect(revoked.status).not.toBe(0);
    expect(revoked.out).toContain('certificate revoked');
    expect(verify('good.crt', clock.now(), ['-crl_check', '-CRLfile', 'crl.pem']).status).toBe(0);
  });

  it('publishes a new CRL with a higher number after another revocation', async () => {
    const number = (der: Uint8Array) => Number(/X509v3 CRL Number:\s+(\d+)/.exec(sh.run(['crl', '-inform', 'DER', '-in', sh.file('n.der', der), '-noout', '-text']))![1]);
    const before = number(await ca.crl());
    expect(number(await ca.crl())).toBe(before); // unchanged content, same CRL
    await ca.revoke('0a0b0c', 'superseded', clock.now());
    const after = await ca.crl();
    expect(number(after)).toBeGreaterThan(before);
    expect(sh.run(['crl', '-inform', 'DER', '-in', sh.file('n2.der', after), '-noout', '-text'])).toContain('Serial Number: 0A0B0C');
  });
});

describe('persistence', () => {
  it('keeps the same root, intermediate and revocations when the CA is opened again over the same store', async () => {
    const again = await openCa({ store, clock, publicUrl: 'http://127.0.0.1:8080' });
    expect(again.rootPem()).toBe(ca.rootPem());
    expect(again.intermediatePem()).toBe(ca.intermediatePem());
    const { csrPem } = await again.createCsr({ commonName: 'again.example.com', keyType: 'ecdsa256' });
    const cert = await again.issue({ csrPem, commonName: 'again.example.com', sans: [], validFrom: clock.now(), validTo: new Date(clock.now().getTime() + 30 * DAY), profile: 'dv' });
    expect(verify(sh.file('again.crt', cert.certPem), clock.now()).status).toBe(0);
    await again.close();
  });

  it('keeps the root across a real restart of an SQLite file database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'resellbox-ca-db-'));
    try {
      const file = join(dir, 'resellbox.sqlite');
      const s1 = await openStore({ sqliteFile: file });
      const c1 = await openCa({ store: s1, clock, publicUrl: 'http://x' });
      const root = c1.rootPem();
      await c1.revoke('01ff', 'unspecified', clock.now());
      await c1.close();
      await s1.close();
      const s2 = await openStore({ sqliteFile: file });
      const c2 = await openCa({ store: s2, clock, publicUrl: 'http://x' });
      expect(c2.rootPem()).toBe(root);
      expect(sh.run(['crl', '-inform', 'DER', '-in', sh.file('restart.der', await c2.crl()), '-noout', '-text'])).toContain('Serial Number: 01FF');
      await c2.close();
      await s2.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bad CSRs', () => {
  it('refuses text that is not a PEM CSR with ssl.csr_invalid and says what is expected', async () => {
    expect(await codeOf(ca.decodeCsr('hello'))).toMatch(/^ssl.csr_invalid: The CSR must be PEM/);
  });
  it('refuses a PEM CSR whose body is not a certification request with ssl.csr_invalid "malformed"', async () => {
    const junk = `-----BEGIN CERTIFICATE REQUEST-----\n${Buffer.from('definitely not DER').toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
    expect(await codeOf(ca.decodeCsr(junk))).toMatch(/^ssl.csr_invalid: The CSR is malformed/);
    expect(await codeOf(issue(junk, 'x.example.com', []))).toMatch(/^ssl.csr_invalid/);
  });
  it('refuses a CSR whose signature does not match its key (tampered) with ssl.csr_invalid', async () => {
    const { csrPem } = await ca.createCsr({ commonName: 'tamper.example.com', keyType: 'ecdsa256' });
    const der = Buffer.from(csrPem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64');
    const at = der.indexOf(Buffer.from('tamper'));
    der[at] = 'T'.charCodeAt(0);
    const tampered = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
    expect(await codeOf(ca.decodeCsr(tampered))).toMatch(/^ssl.csr_invalid: The CSR signature does not verify/);
  });
  it('refuses a SHA-1 signed CSR from openssl with ssl.csr_weak', async () => {
    sh.run(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-sha1', '-keyout', 's1.key', '-out', 's1.csr', '-subj', '/CN=sha1.example.com']);
    const e = await codeOf(ca.decodeCsr(sh.run(['req', '-in', 's1.csr'])));
    expect(e).toBe('ssl.csr_weak: The CSR is signed with SHA1; SHA-256 or stronger is required');
    expect(await codeOf(issue(sh.run(['req', '-in', 's1.csr']), 'sha1.example.com', []))).toMatch(/^ssl.csr_weak/);
  });
  it('refuses an RSA-1024 CSR from openssl with ssl.csr_weak naming the key size', async () => {
    sh.run(['req', '-new', '-newkey', 'rsa:1024', '-nodes', '-keyout', 'r1.key', '-out', 'r1.csr', '-subj', '/CN=small.example.com']);
    expect(await codeOf(ca.decodeCsr(sh.run(['req', '-in', 'r1.csr'])))).toBe('ssl.csr_weak: The CSR has an RSA key of 1024 bits; at least 2048 bits are required');
  });
  it('refuses an Ed25519 CSR with ssl.csr_invalid (not a Web PKI algorithm)', async () => {
    sh.run(['req', '-new', '-newkey', 'ed25519', '-nodes', '-keyout', 'ed.key', '-out', 'ed.csr', '-subj', '/CN=ed.example.com']);
    expect(await codeOf(ca.decodeCsr(sh.run(['req', '-in', 'ed.csr'])))).toMatch(/^ssl.csr_invalid: The CSR's signature algorithm \(1.3.101.112\) is not supported/);
  });
});
