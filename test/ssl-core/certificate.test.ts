// parseCertificate (core/ssl/certificate.ts), which imports read external certificates with: names, serial as
// openssl prints it, the chain after the leaf, and request.invalid for what names no hostname or is no certificate.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCertificate } from '../../src/core/ssl/certificate.ts';

const dir = mkdtempSync(join(tmpdir(), 'ssl-core-cert-'));
let n = 0;
function selfSigned(subj: string, san: string | null, extra: string[] = []): string {
  const out = join(dir, `c${++n}.pem`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(dir, `k${n}.pem`), '-out', out, '-days', '30', '-subj', subj,
    ...(san ? ['-addext', `subjectAltName=${san}`] : []), ...extra], { stdio: ['ignore', 'ignore', 'pipe'] });
  return readFileSync(out, 'utf8');
}

describe('parseCertificate', () => {
  it('takes the first DNS SAN as common name when the subject has no CN, skipping IP SANs and normalising case', () => {
    const c = parseCertificate(selfSigned('/O=No CN Ltd', 'IP:192.0.2.1,DNS:Api.Example.COM,DNS:www.example.com'));
    expect(c.commonName).toBe('api.example.com');
    expect(c.sans).toEqual(['www.example.com']);
    expect(c.selfSigned).toBe(true);
    expect(c.subjectDn).toBe('O=No CN Ltd');
  });

  it('prints the serial as openssl does, without the DER sign byte', () => {
    const pem = selfSigned('/CN=serial.example.com', null, ['-set_serial', '0x80000000000000a1']);
    expect(parseCertificate(pem).serial).toBe('80000000000000a1');
  });

  it('keeps the leaf first and the rest of the PEM as its chain', () => {
    const leaf = selfSigned('/CN=leaf.example.com', null);
    const other = selfSigned('/CN=ca.example.com', null);
    const c = parseCertificate(`${leaf}\n${other}`);
    expect(c.commonName).toBe('leaf.example.com');
    expect(c.chainPem.replace(/\s+/g, '')).toBe(other.replace(/\s+/g, ''));
    expect(c.leafPem.replace(/\s+/g, '')).toBe(leaf.replace(/\s+/g, ''));
  });

  it('refuses with request.invalid a certificate that names no hostname, and text that is no certificate', () => {
    expect(() => parseCertificate(selfSigned('/CN=My Server', 'IP:192.0.2.1'))).toThrow(expect.objectContaining({ code: 'request.invalid' }));
    expect(() => parseCertificate('')).toThrow(expect.objectContaining({ code: 'request.invalid' }));
    expect(() => parseCertificate('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')).toThrow(expect.objectContaining({ code: 'request.invalid' }));
  });
});
