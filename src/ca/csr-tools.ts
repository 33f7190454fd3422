// CSR decoding (subject, SANs, key type/size/curve, signature algorithm; proof of possession checked) and CSR creation.
// The raw structure is walked with the small DER reader (so we see the exact signed bytes and the algorithm OID
// before any library interprets it); the subject and the extension request are read with @peculiar/x509.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { isIPv4 } from 'node:net';
import { DomainError, invalid } from '../core/errors.ts';
import type { CsrKeyType, CsrSubject, DecodedCsr } from '../core/ssl/ca-port.ts';
import { CURVES, SIGNATURE_ALGORITHMS, csrWeakness } from '../core/ssl/csr.ts';
import { DerError, bitString, children, concat, ctx, ia5, octets, oid, oidOf, pem, printable, read, seq, set, small, utf8, NULL, type Bytes } from './der.ts';
import type { KeyPool } from './key-pool.ts';

x509.cryptoProvider.set(globalThis.crypto);

const bad = (message: string, cause?: unknown) => new DomainError('ssl.csr_invalid', message, { field: 'csr' }, cause ? { cause } : undefined);

/** The parts of a CSR the CA needs to issue from it: the DER SubjectPublicKeyInfo and its facts. */
export interface CsrKey {
  spki: Bytes;
  keyType: 'RSA' | 'EC';
  keySize: number;
  curve?: string;
  signatureAlgorithm: string;
}

const PEM_RE = /-----BEGIN (?:NEW )?CERTIFICATE REQUEST-----([\s\S]*?)-----END (?:NEW )?CERTIFICATE REQUEST-----/;

function derOf(text: string): Buffer {
  const m = PEM_RE.exec(String(text ?? ''));
  if (!m) throw bad('The CSR must be PEM: -----BEGIN CERTIFICATE REQUEST----- … -----END CERTIFICATE REQUEST-----');
  const b64 = m[1].replace(/\s+/g, '');
  if (!b64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) throw bad('The CSR body is not valid base64');
  return Buffer.from(b64, 'base64');
}

type Checked = CsrKey & { der: Buffer; weakness: string | null };

/**
 * Checks structure, algorithm, key strength and the signature (proof of possession); returns the key facts.
 * With `allowWeak` (decoding only, never ordering) a weak key or signature hash is reported in `weakness` instead
 * of refused. Errors: ssl.csr_invalid, ssl.csr_weak
 */
export function checkCsr(text: string, opts: { allowWeak?: boolean } = {}): Checked {
  const der = derOf(text);
  // a CSR is checked when the order is placed and again when the certificate is issued: remember the checked ones
  // (a weak one only after a lenient decode; the strict path still refuses it from the memo)
  const memo = der.toString('base64');
  let res = CHECKED.get(memo);
  if (!res) {
    res = checkDer(der, !!opts.allowWeak);
    if (CHECKED.size >= CHECKED_MAX) CHECKED.delete(CHECKED.keys().next().value as string);
    CHECKED.set(memo, res);
  }
  if (res.weakness && !opts.allowWeak) throw new DomainError('ssl.csr_weak', res.weakness, { field: 'csr', reason: res.weakness });
  return res;
}

const CHECKED = new Map<string, Checked>();
const CHECKED_MAX = 1024;

function checkDer(der: Buffer, allowWeak: boolean): Checked {
  let cri, algOid: string, sig: Bytes, spki: Bytes;
  try {
    const outer = read(der, 0);
    if (outer.tag !== 0x30 || outer.end !== der.length) throw new DerError('not one DER SEQUENCE');
    const [criN, algN, sigN, ...more] = children(der, outer);
    if (!criN || !algN || !sigN || more.length || criN.tag !== 0x30 || algN.tag !== 0x30 || sigN.tag !== 0x03) throw new DerError('not a PKCS#10 CertificationRequest');
    const kids = children(der, criN);
    if (kids.length < 3 || kids[0].tag !== 0x02 || kids[1].tag !== 0x30 || kids[2].tag !== 0x30) throw new DerError('bad CertificationRequestInfo');
    if (kids[0].end - kids[0].body !== 1 || der[kids[0].body] !== 0) throw new DerError('CSR version must be 0 (v1)');
    cri = der.subarray(criN.start, criN.end);
    spki = der.subarray(kids[2].start, kids[2].end);
    algOid = oidOf(der, children(der, algN)[0]);
    if (der[sigN.body] !== 0) throw new DerError('bad signature BIT STRING');
    sig = der.subarray(sigN.body + 1, sigN.end);
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw bad(`The CSR is malformed: ${(e as Error).message}`, e);
  }
  const alg = SIGNATURE_ALGORITHMS[algOid];
  if (!alg) throw bad(`The CSR's signature algorithm (${algOid}) is not supported; use RSA or ECDSA with SHA-256 or stronger`);
  let pub: KeyObject;
  try {
    pub = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  } catch (e) {
    throw bad('The CSR public key cannot be read', e);
  }
  const kt = pub.asymmetricKeyType;
  if (kt !== 'rsa' && kt !== 'ec') throw bad(`The CSR key type (${kt ?? 'unknown'}) is not supported; use RSA or ECDSA`);
  const d = pub.asymmetricKeyDetails ?? {};
  const keyType = kt === 'rsa' ? 'RSA' : 'EC';
  const curve = keyType === 'EC' ? (CURVES[d.namedCurve ?? '']?.name ?? d.namedCurve) : undefined;
  const keySize = keyType === 'RSA' ? (d.modulusLength ?? 0) : (CURVES[d.namedCurve ?? '']?.bits ?? 0);
  if (alg.key !== keyType) throw bad(`The CSR is signed with ${alg.name} but holds an ${keyType} key`);
  const weak = csrWeakness({ keyType, keySize, curve, signatureHash: alg.hash });
  if (weak && !allowWeak) throw new DomainError('ssl.csr_weak', weak, { field: 'csr', reason: weak });
  let ok = false;
  try {
    ok = verify(alg.hash, cri, pub, sig);
  } catch {
    ok = false;
  }
  if (!ok) throw bad('The CSR signature does not verify with its own public key');
  return { der, spki, keyType, keySize, curve, signatureAlgorithm: alg.name, weakness: weak };
}

const FIELDS: Array<[keyof CsrSubject, string]> = [['commonName', 'CN'], ['organization', 'O'], ['organizationalUnit', 'OU'], ['locality', 'L'], ['state', 'ST'], ['country', 'C'], ['email', 'E']];

/** Errors: ssl.csr_invalid, ssl.csr_weak (unless `allowWeak`: then `weakness` says why ordering would refuse it) */
export function decodeCsr(text: string, opts: { allowWeak?: boolean } = {}): DecodedCsr {
  const k = checkCsr(text, opts);
  let req: x509.Pkcs10CertificateRequest;
  const subject: CsrSubject = {};
  const sans: string[] = [];
  const ipSans: string[] = [];
  let subjectDn = '';
  try {
    req = new x509.Pkcs10CertificateRequest(k.der);
    const name = req.subjectName;
    for (const [field, short] of FIELDS) {
      const v = name.getField(short === 'E' ? '1.2.840.113549.1.9.1' : short)[0];
      if (v !== undefined) subject[field] = v;
    }
    subjectDn = name.toString();
    const ext = req.getExtension('2.5.29.17');
    if (ext) {
      for (const n of new x509.SubjectAlternativeNameExtension(ext.rawData).names.toJSON()) {
        if (n.type === 'dns') sans.push(n.value);
        else if (n.type === 'ip') ipSans.push(n.value);
      }
    }
  } catch (e) {
    throw bad('The CSR subject or extensions cannot be read', e);
  }
  const commonName = subject.commonName ?? sans[0] ?? '';
  if (!commonName) throw bad('The CSR has neither a common name (CN) nor a DNS name in subjectAltName');
  return {
    commonName,
    sans,
    ipSans,
    subject,
    subjectDn,
    keyType: k.keyType,
    keySize: k.keySize,
    ...(k.curve ? { curve: k.curve } : {}),
    signatureAlgorithm: k.signatureAlgorithm,
    ...(k.weakness ? { weakness: k.weakness } : {}),
    publicKeySha256: createHash('sha256').update(k.spki).digest('hex'),
  };
}

// ---- names (shared with issuance) ----

const ATTR: Record<string, string> = { C: '2.5.4.6', ST: '2.5.4.8', L: '2.5.4.7', O: '2.5.4.10', OU: '2.5.4.11', CN: '2.5.4.3', serialNumber: '2.5.4.5', businessCategory: '2.5.4.15', jurisdictionC: '1.3.6.1.4.1.311.60.2.1.3', E: '1.2.840.113549.1.9.1' };

/** an X.501 Name, one attribute per RDN, in the order given */
export function nameDer(attrs: Array<[keyof typeof ATTR, string]>): Bytes {
  return seq(...attrs.map(([k, v]) => set(seq(oid(ATTR[k]), k === 'C' || k === 'jurisdictionC' || k === 'serialNumber' ? printable(v) : k === 'E' ? ia5(v) : utf8(v)))));
}

const HOST = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

/** a subjectAltName extension value for DNS names and IPv4 addresses */
export function sanValue(names: string[]): Bytes {
  return seq(...names.map((n) => (isIPv4(n) ? ctx(7, false, Uint8Array.from(n.split('.').map(Number))) : ctx(2, false, Buffer.from(n, 'latin1')))));
}

export function checkName(field: string, n: string): string {
  const v = String(n ?? '').trim().toLowerCase();
  if (!isIPv4(v) && (!HOST.test(v) || v.length > 253)) throw invalid(field, `"${n}" is not a host name`);
  return v;
}

// ---- creation ----

const CSR_ALG: Record<CsrKeyType, { hash: string; algId: Bytes }> = {
  rsa2048: { hash: 'sha256', algId: seq(oid('1.2.840.113549.1.1.11'), NULL) },
  rsa4096: { hash: 'sha256', algId: seq(oid('1.2.840.113549.1.1.11'), NULL) },
  ecdsa256: { hash: 'sha256', algId: seq(oid('1.2.840.10045.4.3.2')) },
  ecdsa384: { hash: 'sha384', algId: seq(oid('1.2.840.10045.4.3.3')) },
};

/** Errors: request.invalid */
export async function createCsr(pool: KeyPool, r: { commonName: string; sans?: string[]; subject?: CsrSubject; keyType: CsrKeyType }): Promise<{ csrPem: string; privateKeyPem: string }> {
  if (!(r.keyType in CSR_ALG)) throw invalid('keyType', 'must be rsa2048, rsa4096, ecdsa256 or ecdsa384');
  const cn = checkName('commonName', r.commonName);
  if (cn.length > 64) throw invalid('commonName', 'is longer than 64 characters');
  const names = [...new Set([cn, ...(r.sans ?? []).map((s) => checkName('sans', s))])];
  const s = r.subject ?? {};
  for (const [k, v] of Object.entries(s)) {
    if (v !== undefined && (typeof v !== 'string' || !v.trim() || v.length > 64 || [...v].some((ch) => ch.charCodeAt(0) < 0x20))) throw invalid(k, 'must be 1 to 64 printable characters');
  }
  if (s.country !== undefined && !/^[A-Z]{2}$/i.test(s.country)) throw invalid('country', 'must be an ISO 3166 two-letter code');
  if (s.email !== undefined && !/^[^@\s]+@[^@\s]+$/.test(s.email)) throw invalid('email', 'is not an email address');
  const attrs: Array<[string, string]> = [];
  if (s.country) attrs.push(['C', s.country.toUpperCase()]);
  if (s.state) attrs.push(['ST', s.state]);
  if (s.locality) attrs.push(['L', s.locality]);
  if (s.organization) attrs.push(['O', s.organization]);
  if (s.organizationalUnit) attrs.push(['OU', s.organizationalUnit]);
  attrs.push(['CN', cn]);
  if (s.email) attrs.push(['E', s.email]);
  const keys = await pool.take(r.keyType);
  const spki = keys.publicKey.export({ type: 'spki', format: 'der' });
  const extReq = seq(oid('1.2.840.113549.1.9.14'), set(seq(seq(oid('2.5.29.17'), octets(sanValue(names))))));
  const cri = seq(small(0), nameDer(attrs as Array<[keyof typeof ATTR, string]>), spki, ctx(0, true, extReq));
  const alg = CSR_ALG[r.keyType];
  const signature = sign(alg.hash, cri, keys.privateKey);
  return { csrPem: pem('CERTIFICATE REQUEST', concat([seq(cri, alg.algId, bitString(signature))])), privateKeyPem: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}
