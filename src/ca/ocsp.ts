// An OCSP responder (RFC 6960) for the intermediate's certificates, signed by the intermediate itself (the issuing CA
// may sign its own responses, 4.2.2.2). Status: `revoked` (with time and reason) for a revoked serial, `good` for any
// other serial of this issuer (the sandbox keeps no table of issued serials), `unknown` for another issuer.
// The request is read with the small DER reader; the response is encoded directly. A request that cannot be read
// gets `malformedRequest`.
import { createHash, sign, type KeyObject } from 'node:crypto';
import type { Revocation } from '../core/ssl/ca-port.ts';
import { REVOCATION_REASONS } from '../core/ssl/ca-port.ts';
import { DerError, bitString, children, ctx, enumerated, gtime, octets, oid, oidOf, read, seq, type Bytes } from './der.ts';

const HASHES: Record<string, string> = { '1.3.14.3.2.26': 'sha1', '2.16.840.1.101.3.4.2.1': 'sha256', '2.16.840.1.101.3.4.2.2': 'sha384', '2.16.840.1.101.3.4.2.3': 'sha512' };
const NONCE = '1.3.6.1.5.5.7.48.1.2';
const MALFORMED = seq(enumerated(1));
const NEXT_UPDATE_MS = 86_400_000;

export interface Responder {
  /** DER of the issuer Name (the intermediate's subject) */
  issuerName: Bytes;
  /** the intermediate's subjectPublicKey BIT STRING value (without the unused-bits byte) */
  issuerKeyBits: Bytes;
  issuerCertDer: Bytes;
  key: KeyObject;
}

export function ocspRespond(r: Responder, req: Uint8Array, revocations: Map<string, Revocation>, now: Date): Uint8Array {
  let certIds: Array<{ raw: Bytes; hash: string | undefined; nameHash: Buffer; keyHash: Buffer; serial: string }>;
  let nonce: Bytes | undefined;
  try {
    const outer = read(req, 0);
    if (outer.tag !== 0x30 || outer.end !== req.length) throw new DerError('not an OCSPRequest');
    const tbs = children(req, outer)[0];
    if (!tbs || tbs.tag !== 0x30) throw new DerError('no TBSRequest');
    const parts = children(req, tbs);
    const list = parts.find((p) => p.tag === 0x30);
    if (!list) throw new DerError('no requestList');
    certIds = children(req, list).map((one) => {
      const certId = children(req, one)[0];
      const [alg, nameHash, keyHash, serial] = children(req, certId);
      if (!alg || !nameHash || !keyHash || !serial || nameHash.tag !== 0x04 || keyHash.tag !== 0x04 || serial.tag !== 0x02) throw new DerError('bad CertID');
      const s = Buffer.from(req.subarray(serial.body, serial.end)).toString('hex').replace(/^(00)+(?=[0-9a-f]{2})/, '');
      return { raw: req.subarray(certId.start, certId.end), hash: HASHES[oidOf(req, children(req, alg)[0])], nameHash: Buffer.from(req.subarray(nameHash.body, nameHash.end)), keyHash: Buffer.from(req.subarray(keyHash.body, keyHash.end)), serial: s };
    });
    if (!certIds.length) throw new DerError('empty requestList');
    const exts = parts.find((p) => p.tag === 0xa2);
    if (exts) {
      for (const e of children(req, children(req, exts)[0])) {
        const [id] = children(req, e);
        if (oidOf(req, id) === NONCE) nonce = req.subarray(e.start, e.end);
      }
    }
  } catch {
    return MALFORMED;
  }
  const at = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const responses = certIds.map((c) => {
    const ours = !!c.hash && createHash(c.hash).update(r.issuerName).digest().equals(c.nameHash) && createHash(c.hash).update(r.issuerKeyBits).digest().equals(c.keyHash);
    const rev = ours ? revocations.get(c.serial) : undefined;
    const status = !ours ? Uint8Array.of(0x82, 0x00) : rev ? ctx(1, true, gtime(rev.revokedAt), ctx(0, true, enumerated(reasonCode(rev.reason)))) : Uint8Array.of(0x80, 0x00);
    return seq(c.raw, status, gtime(at), ctx(0, true, gtime(new Date(at.getTime() + NEXT_UPDATE_MS))));
  });
  const responderId = ctx(2, true, octets(createHash('sha1').update(r.issuerKeyBits).digest()));
  const tbs = seq(responderId, gtime(at), seq(...responses), ...(nonce ? [ctx(1, true, seq(nonce))] : []));
  const alg = seq(oid('1.2.840.10045.4.3.2'));
  const basic = seq(tbs, alg, bitString(sign('sha256', tbs, r.key)), ctx(0, true, seq(r.issuerCertDer)));
  return seq(enumerated(0), ctx(0, true, seq(oid('1.3.6.1.5.5.7.48.1.1'), octets(basic))));
}

function reasonCode(reason: string): number {
  const i = (REVOCATION_REASONS as readonly string[]).indexOf(reason);
  // the list skips value 7 (unused in RFC 5280): privilegeWithdrawn = 9, aACompromise = 10
  return i < 0 ? 0 : i >= 7 ? i + 2 : i;
}
