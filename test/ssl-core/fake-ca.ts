// A stand-in certificate authority for the SSL core tests while src/ca/ is being written: it really decodes CSRs
// (with @peculiar/x509), and "issues" by recording the request and returning a numbered serial and a fake PEM.
// `makeCsr` builds real CSRs with a fresh key.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { CsrInfo, IssueRequest, IssuedCert, SslCa } from '../../src/core/ssl/ports.ts';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export async function makeCsr(commonName: string, sans: string[] = []): Promise<string> {
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const extensions = sans.length ? [new x509.SubjectAlternativeNameExtension(sans.map((value) => ({ type: 'dns' as const, value })))] : [];
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: `CN=${commonName}, O=Example BV, C=NL`, keys, signingAlgorithm: ALG, extensions });
  return csr.toString('pem');
}

export class FakeCa implements SslCa {
  issued: IssueRequest[] = [];
  revoked: Array<{ serial: string; reason: string; at: Date }> = [];
  private n = 0;

  issue(r: IssueRequest): IssuedCert {
    this.issued.push(r);
    this.n++;
    const serial = `5e${String(this.n).padStart(6, '0')}`;
    return { serial, certPem: `-----BEGIN CERTIFICATE-----\nFAKE${serial}\n-----END CERTIFICATE-----\n`, chainPem: '-----BEGIN CERTIFICATE-----\nFAKEINTERMEDIATE\n-----END CERTIFICATE-----\n', notBefore: r.validFrom, notAfter: r.validTo };
  }

  revoke(serial: string, reason: string, at: Date): void {
    this.revoked.push({ serial, reason, at });
  }

  decodeCsr(pem: string): CsrInfo {
    const csr = new x509.Pkcs10CertificateRequest(pem);
    const cn = csr.subjectName.getField('CN')[0] ?? '';
    const san = csr.extensions.find((e) => e.type === '2.5.29.17');
    const names = san ? new x509.SubjectAlternativeNameExtension(san.rawData).names.toJSON() : [];
    return { commonName: cn, sans: names.filter((i) => i.type === 'dns').map((i) => i.value) };
  }

  /** the CA/Browser Forum schedule (ballot SC-081): 398 days, 200 from 15 March 2026, 100 from 15 March 2027 */
  maxValidityDays(at: Date): number {
    if (at >= new Date('2027-03-15T00:00:00Z')) return 100;
    if (at >= new Date('2026-03-15T00:00:00Z')) return 200;
    return 398;
  }
}
