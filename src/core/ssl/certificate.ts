// Reading an X.509 certificate issued elsewhere (PEM), for imports: the leaf's names, validity, serial, issuer and
// subject, and the rest of the PEM as its chain. Pure; @peculiar/x509 does the ASN.1.
// Errors: request.invalid (field `certificate`: no PEM certificate, or one that cannot be parsed)
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { invalid } from '../errors.ts';
import { normalizeHostname } from './model.ts';

export interface ParsedCertificate {
  /** the subject CN, or the first DNS SAN when the subject has no CN; lower-case, normalised */
  commonName: string;
  /** the DNS subjectAltNames besides the common name, normalised, in certificate order */
  sans: string[];
  /** hex, lower case, whole bytes, without the DER sign byte (as `openssl x509 -serial` prints it) */
  serial: string;
  notBefore: Date;
  notAfter: Date;
  subjectDn: string;
  issuerDn: string;
  selfSigned: boolean;
  /** the first certificate of the PEM, re-encoded as PEM */
  leafPem: string;
  /** the other certificates of the PEM, in order ('' when none) */
  chainPem: string;
}

const BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export function parseCertificate(pem: string, field = 'certificate'): ParsedCertificate {
  const text = String(pem ?? '').replace(/\r\n/g, '\n').trim();
  const blocks = text.match(BLOCK) ?? [];
  if (!blocks.length) throw invalid(field, 'must be a PEM certificate (-----BEGIN CERTIFICATE-----)');
  let certs: x509.X509Certificate[];
  try {
    certs = blocks.map((b) => new x509.X509Certificate(b));
  } catch (e) {
    throw invalid(field, `cannot be parsed as an X.509 certificate (${e instanceof Error ? e.message : String(e)})`);
  }
  const leaf = certs[0];
  let cn = '';
  const dns: string[] = [];
  let subjectDn: string;
  let issuerDn: string;
  try {
    cn = leaf.subjectName.getField('CN')[0] ?? '';
    subjectDn = leaf.subject;
    issuerDn = leaf.issuer;
    const ext = leaf.getExtension('2.5.29.17');
    if (ext) for (const n of new x509.SubjectAlternativeNameExtension(ext.rawData).names.toJSON()) if (n.type === 'dns') dns.push(n.value);
  } catch (e) {
    throw invalid(field, `has a subject or extensions that cannot be read (${e instanceof Error ? e.message : String(e)})`);
  }
  const names: string[] = [];
  for (const n of [cn, ...dns]) {
    const h = n ? normalizeHostname(n) : null;
    if (h && !names.includes(h)) names.push(h);
  }
  if (!names.length) throw invalid(field, 'names no hostname: neither its subject CN nor a DNS subjectAltName is a hostname');
  const pemOf = (c: x509.X509Certificate) => `${c.toString('pem').replace(/\r\n/g, '\n').trim()}\n`;
  return {
    commonName: names[0],
    sans: names.slice(1),
    serial: leaf.serialNumber.toLowerCase().replace(/^00(?=[89a-f])/, ''),
    notBefore: leaf.notBefore,
    notAfter: leaf.notAfter,
    subjectDn,
    issuerDn,
    selfSigned: subjectDn === issuerDn,
    leafPem: pemOf(leaf),
    chainPem: certs.slice(1).map(pemOf).join(''),
  };
}
