// The built-in certificate authority: an ECDSA P-384 root and a P-256 intermediate, created on first start and kept
// in the database (so SQLite and PostgreSQL deployments keep the same trusted root across restarts), issuing leaf
// certificates from CSRs, publishing revocations in a CRL. Choices: docs/adr/0010-built-in-ca.md.
//
// Speed: a leaf is encoded directly in DER with every constant part (issuer, algorithm, basicConstraints,
// keyUsage, extKeyUsage, AKI, CRL distribution point, AIA, policies) built once, and signed with node:crypto.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createHash, createPrivateKey, randomBytes, sign, webcrypto, type KeyObject } from 'node:crypto';
import type { Clock } from '../core/clock.ts';
import type { Store } from '../core/ports.ts';
import { DomainError, invalid } from '../core/errors.ts';
import type { IssuedCert } from '../core/ssl/ports.ts';
import { REVOCATION_REASONS, capValidity, maxValidityDays, type CaIssueRequest, type CaState, type CertificateAuthority, type CsrKeyType, type CsrSubject, type IssueProfile, type Revocation, type RevocationReason, type Validation } from '../core/ssl/ca-port.ts';
import { bitString, bool, concat, ctx, octets, oid, pem, read, children, seq, small, time, uint, type Bytes } from './der.ts';
import { checkCsr, checkName, createCsr, decodeCsr, nameDer, sanValue } from './csr-tools.ts';
import { KeyPool, type KeyPoolOptions } from './key-pool.ts';
import { ocspRespond } from './ocsp.ts';

x509.cryptoProvider.set(globalThis.crypto);
const subtle = webcrypto.subtle;

/** the CA certificates cover any sandbox date from 2020 to 2049 (the sandbox clock moves freely) */
const CA_NOT_BEFORE = new Date('2020-01-01T00:00:00Z');
const ROOT_NOT_AFTER = new Date('2049-12-31T23:59:59Z');
const INTERMEDIATE_NOT_AFTER = new Date('2044-12-31T23:59:59Z');
const CRL_LIFETIME_MS = 7 * 86_400_000;
/** a cached CRL is re-signed once the sandbox clock is a day past its thisUpdate */
const CRL_REFRESH_MS = 86_400_000;

const POLICY: Record<Validation, string> = { DV: '2.23.140.1.2.1', OV: '2.23.140.1.2.2', EV: '2.23.140.1.1' };
const SIG_ALG: Record<'sha256' | 'sha384' | 'sha512', Bytes> = {
  sha256: seq(oid('1.2.840.10045.4.3.2')),
  sha384: seq(oid('1.2.840.10045.4.3.3')),
  sha512: seq(oid('1.2.840.10045.4.3.4')),
};

export interface CaOptions {
  store: Store;
  clock: Clock;
  /** base URL the CRL / AIA links in issued certificates point at */
  publicUrl: string;
  pool?: KeyPoolOptions;
  /** start generating RSA keys for createCsr now (the server does; tests and the CLI do not) */
  prefill?: boolean;
  log?: { warn(obj: unknown, msg?: string): void };
}

export interface BuiltInCa extends CertificateAuthority {
  /** waits until every revocation is stored */
  flush(): Promise<void>;
  /** stops the key pool */
  close(): Promise<void>;
  readonly pool: KeyPool;
}

const ext = (id: string, critical: boolean, value: Bytes) => (critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value)));
const keyId = (spki: Bytes) => {
  // RFC 5280 4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING value
  const node = read(spki, 0);
  const bits = children(spki, node)[1];
  return createHash('sha1').update(spki.subarray(bits.body + 1, bits.end)).digest();
};

type WebKey = webcrypto.CryptoKey;
async function pkcs8Pem(k: WebKey): Promise<string> {
  return pem('PRIVATE KEY', new Uint8Array(await subtle.exportKey('pkcs8', k)));
}
async function webKey(keyPem: string, curve: 'P-256' | 'P-384'): Promise<WebKey> {
  const der = createPrivateKey(keyPem).export({ type: 'pkcs8', format: 'der' });
  return subtle.importKey('pkcs8', der, { name: 'ECDSA', namedCurve: curve }, false, ['sign']);
}

/** makes a new root and intermediate (first start only) */
async function createHierarchy(now: Date): Promise<CaState> {
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const rootKeys = (await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const intKeys = (await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const rootName = `CN=Resellbox Sandbox Root CA ${tag}, O=Resellbox Sandbox, C=NL`;
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: `01${randomBytes(15).toString('hex')}`,
    name: rootName,
    notBefore: CA_NOT_BEFORE,
    notAfter: ROOT_NOT_AFTER,
    keys: rootKeys,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-384' },
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  const intermediate = await x509.X509CertificateGenerator.create({
    serialNumber: `01${randomBytes(15).toString('hex')}`,
    subject: `CN=Resellbox Sandbox TLS Issuing CA ${tag} E1, O=Resellbox Sandbox, C=NL`,
    issuer: root.subject,
    notBefore: CA_NOT_BEFORE,
    notAfter: INTERMEDIATE_NOT_AFTER,
    publicKey: intKeys.publicKey,
    signingKey: rootKeys.privateKey,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-384' },
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      await x509.SubjectKeyIdentifierExtension.create(intKeys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  return {
    rootKeyPem: await pkcs8Pem(rootKeys.privateKey),
    rootCertPem: root.toString('pem') + '\n',
    intermediateKeyPem: await pkcs8Pem(intKeys.privateKey),
    intermediateCertPem: intermediate.toString('pem') + '\n',
    crlNumber: 0,
    createdAt: now,
  };
}

function normaliseSerial(serial: string): string {
  const s = String(serial ?? '').trim().toLowerCase().replace(/^0x/, '').replace(/:/g, '');
  if (!/^[0-9a-f]{1,40}$/.test(s)) throw invalid('serial', 'must be the certificate serial number in hex');
  return s.replace(/^(00)+(?=[0-9a-f]{2})/, '');
}

function profileOf(p: IssueProfile | string | undefined): IssueProfile {
  if (p && typeof p === 'object') return p;
  const v = String(p ?? 'dv').toUpperCase();
  if (v !== 'DV' && v !== 'OV' && v !== 'EV') throw invalid('profile', 'must be DV, OV or EV');
  return { validation: v };
}

/** Opens the CA of this database, creating it on first start. */
export async function openCa(o: CaOptions): Promise<BuiltInCa> {
  let state = await o.store.read((uow) => uow.ca.load());
  if (!state) {
    const fresh = await createHierarchy(o.clock.now());
    const created = await o.store.transaction((uow) => uow.ca.create(fresh));
    state = created ? fresh : await o.store.read((uow) => uow.ca.load());
    if (!state) throw new Error('the CA could not be created');
  }
  const st = state;
  const intKey: KeyObject = createPrivateKey(st.intermediateKeyPem);
  const intCert = new x509.X509Certificate(st.intermediateCertPem);
  const intDer = new Uint8Array(intCert.rawData);
  const intSpki = new Uint8Array(intCert.publicKey.rawData);
  // the issuer Name exactly as encoded in the intermediate (its subject)
  const intTbs = children(intDer, read(intDer, 0))[0];
  const intTbsKids = children(intDer, intTbs);
  const issuerName = intDer.subarray(intTbsKids[5].start, intTbsKids[5].end);
  const intKeyBits = (() => {
    const bits = children(intSpki, read(intSpki, 0))[1];
    return intSpki.subarray(bits.body + 1, bits.end);
  })();

  const base = o.publicUrl.replace(/\/+$/, '');
  const crlUrl = `${base}/_sandbox/ca/crl`;
  const issuerUrl = `${base}/_sandbox/ca/intermediate.crt`;
  const ocspUrl = `${base}/_sandbox/ca/ocsp`;
  const constExts = (keyType: 'RSA' | 'EC', v: Validation) =>
    concat([
      ext('2.5.29.19', true, seq()),
      // RSA: digitalSignature + keyEncipherment; EC: digitalSignature (BR 7.1.2.7.11)
      ext('2.5.29.15', true, keyType === 'RSA' ? Uint8Array.of(0x03, 0x02, 0x05, 0xa0) : Uint8Array.of(0x03, 0x02, 0x07, 0x80)),
      ext('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))),
      ext('2.5.29.35', false, seq(ctx(0, false, keyId(intSpki)))),
      ext('2.5.29.31', false, seq(seq(ctx(0, true, ctx(0, true, ctx(6, false, Buffer.from(crlUrl, 'latin1'))))))),
      ext('1.3.6.1.5.5.7.1.1', false, seq(seq(oid('1.3.6.1.5.5.7.48.1'), ctx(6, false, Buffer.from(ocspUrl, 'latin1'))), seq(oid('1.3.6.1.5.5.7.48.2'), ctx(6, false, Buffer.from(issuerUrl, 'latin1'))))),
      ext('2.5.29.32', false, seq(seq(oid(POLICY[v])))),
    ]);
  const CONST: Record<string, Bytes> = {};
  for (const k of ['RSA', 'EC'] as const) for (const v of ['DV', 'OV', 'EV'] as const) CONST[`${k}${v}`] = constExts(k, v);
  const VERSION = ctx(0, true, small(2));
  const chainPem = st.intermediateCertPem;

  const pool = new KeyPool(o.pool);
  if (o.prefill) pool.prefill();
  let writes: Promise<void> = Promise.resolve();
  let cachedCrl: { key: string; der: Uint8Array; thisUpdate: number } | null = null;

  function subjectOf(cn: string, p: IssueProfile): Bytes {
    if (p.validation === 'DV') return nameDer([['CN', cn]]);
    const a: Array<[Parameters<typeof nameDer>[0][number][0], string]> = [];
    if (p.validation === 'EV') {
      if (p.businessCategory) a.push(['businessCategory', p.businessCategory]);
      if (p.jurisdictionCountry) a.push(['jurisdictionC', p.jurisdictionCountry.toUpperCase()]);
      if (p.serialNumber) a.push(['serialNumber', p.serialNumber]);
    }
    if (p.country) a.push(['C', p.country.toUpperCase()]);
    if (p.state) a.push(['ST', p.state]);
    if (p.locality) a.push(['L', p.locality]);
    if (p.organization) a.push(['O', p.organization]);
    a.push(['CN', cn]);
    return nameDer(a);
  }

  const ca: BuiltInCa = {
    pool,
    maxValidityDays,
    rootPem: () => st.rootCertPem,
    intermediatePem: () => st.intermediateCertPem,
    async decodeCsr(text, opts) {
      return decodeCsr(text, opts);
    },
    createCsr: (r: { commonName: string; sans?: string[]; subject?: CsrSubject; keyType: CsrKeyType }) => createCsr(pool, r),

    /** Errors: ssl.csr_invalid, ssl.csr_weak, request.invalid */
    async issue(r: CaIssueRequest): Promise<IssuedCert> {
      const p = profileOf(r.profile);
      const key = checkCsr(r.csrPem);
      if (p.keyTypes && !p.keyTypes.includes(key.keyType)) throw new DomainError('ssl.csr_weak', `This product does not accept ${key.keyType} keys; use ${p.keyTypes.join(' or ')}`, { field: 'csr' });
      const cn = checkName('commonName', r.commonName);
      if (cn.length > 64) throw invalid('commonName', 'is longer than 64 characters');
      const names = [...new Set([cn, ...(r.sans ?? []).map((s) => checkName('sans', s))])];
      const from = new Date(r.validFrom), to = new Date(r.validTo);
      if (!(to.getTime() > from.getTime())) throw invalid('validTo', 'must be after validFrom');
      const { validFrom, validTo } = capValidity(from, to, o.clock.now());
      const hash = p.signatureHash ?? 'sha256';
      const sigAlg = SIG_ALG[hash];
      if (!sigAlg) throw invalid('signatureHash', 'must be sha256, sha384 or sha512');
      const serial = nextSerialBytes();
      serial[0] = (serial[0] & 0x7f) | 0x01;
      const tbs = seq(
        VERSION,
        uint(serial),
        sigAlg,
        issuerName,
        seq(time(validFrom), time(validTo)),
        subjectOf(cn, p),
        key.spki,
        ctx(3, true, seq(CONST[`${key.keyType}${p.validation}`], ext('2.5.29.14', false, octets(keyId(key.spki))), ext('2.5.29.17', false, sanValue(names)))),
      );
      const signature = sign(hash, tbs, intKey);
      const cert = seq(tbs, sigAlg, bitString(signature));
      return { serial: serial.toString('hex'), certPem: pem('CERTIFICATE', cert), chainPem, notBefore: validFrom, notAfter: validTo };
    },

    async revoke(serial, reason, at) {
      const r: Revocation = { serial: normaliseSerial(serial), reason: (REVOCATION_REASONS as readonly string[]).includes(reason) ? (reason as RevocationReason) : 'unspecified', revokedAt: new Date(at) };
      writes = writes.then(() => o.store.transaction((uow) => uow.ca.addRevocation(r))).catch((err) => o.log?.warn({ err }, 'storing a revocation failed'));
    },

    async ocsp(request) {
      await writes;
      const list = await o.store.read((uow) => uow.ca.revocations());
      return ocspRespond({ issuerName, issuerKeyBits: intKeyBits, issuerCertDer: intDer, key: intKey }, request, new Map(list.map((r) => [r.serial, r])), o.clock.now());
    },

    async flush() {
      await writes;
    },

    async crl() {
      await writes;
      const list = await o.store.read((uow) => uow.ca.revocations());
      const now = o.clock.now().getTime();
      const key = list.map((r) => `${r.serial}:${r.reason}:${r.revokedAt.getTime()}`).join(',');
      if (cachedCrl && cachedCrl.key === key && now >= cachedCrl.thisUpdate && now < cachedCrl.thisUpdate + CRL_REFRESH_MS) return cachedCrl.der;
      const number = await o.store.transaction((uow) => uow.ca.nextCrlNumber());
      const thisUpdate = new Date(Math.floor(now / 1000) * 1000);
      const crl = await x509.X509CrlGenerator.create({
        issuer: intCert.subject,
        thisUpdate,
        nextUpdate: new Date(thisUpdate.getTime() + CRL_LIFETIME_MS),
        signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
        signingKey: await webKey(st.intermediateKeyPem, 'P-256'),
        extensions: [await x509.AuthorityKeyIdentifierExtension.create(intCert.publicKey), new x509.Extension('2.5.29.20', false, uint(bigEndian(number)))],
        entries: list.map((r) => ({ serialNumber: r.serial, revocationDate: r.revokedAt, reason: x509.X509CrlReason[r.reason as keyof typeof x509.X509CrlReason] })),
      });
      cachedCrl = { key, der: new Uint8Array(crl.rawData), thisUpdate: thisUpdate.getTime() };
      return cachedCrl.der;
    },

    async close() {
      pool.stop();
      await writes;
    },
  };
  return ca;
}

// 128-bit random serials (BR 7.1: at least 64 bits of CSPRNG output), drawn from a refilled block
let randomBlock = Buffer.alloc(0);
let randomAt = 0;
function nextSerialBytes(): Buffer {
  if (randomAt + 16 > randomBlock.length) {
    randomBlock = randomBytes(4096);
    randomAt = 0;
  }
  const b = Buffer.from(randomBlock.subarray(randomAt, randomAt + 16));
  randomAt += 16;
  return b;
}

function bigEndian(n: number): Uint8Array {
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return Uint8Array.from(out.length ? out : [0]);
}
