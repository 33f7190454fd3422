// DNSSEC entries as registries accept them: DNSKEY data (flags 256/257, protocol 3, algorithm, base64 key) or
// DS data (key tag, algorithm, digest type, hex digest). Errors: request.invalid
import { invalid } from '../errors.ts';
import type { DnssecEntry } from './model.ts';

const ALGORITHMS = [3, 5, 6, 7, 8, 10, 13, 14, 15, 16];
const DIGEST_LENGTH: Record<number, number> = { 1: 40, 2: 64, 4: 96 };

export function checkDnssec(e: DnssecEntry, field: string): DnssecEntry {
  const alg = Number(e.alg);
  if (!ALGORITHMS.includes(alg)) throw invalid(`${field}.alg`, `unknown algorithm ${e.alg}`);
  if (e.kind === 'key') {
    const flags = Number(e.flags);
    const protocol = Number(e.protocol ?? 3);
    const pubKey = String(e.pubKey ?? '').replace(/\s+/g, '');
    if (flags !== 256 && flags !== 257) throw invalid(`${field}.flags`, 'must be 256 (ZSK) or 257 (KSK)');
    if (protocol !== 3) throw invalid(`${field}.protocol`, 'must be 3');
    if (!pubKey || !/^[A-Za-z0-9+/]+=*$/.test(pubKey)) throw invalid(`${field}.pub_key`, 'must be a base64 public key');
    return { kind: 'key', flags, protocol, alg, pubKey };
  }
  const keytag = Number(e.keytag);
  const digestType = Number(e.digestType);
  const digest = String(e.digest ?? '').trim().toUpperCase();
  if (!Number.isInteger(keytag) || keytag < 0 || keytag > 65535) throw invalid(`${field}.keytag`, 'must be 0-65535');
  if (!DIGEST_LENGTH[digestType]) throw invalid(`${field}.digesttype`, 'must be 1, 2 or 4');
  if (!new RegExp(`^[0-9A-F]{${DIGEST_LENGTH[digestType]}}$`).test(digest)) throw invalid(`${field}.digest`, `must be ${DIGEST_LENGTH[digestType]} hex digits`);
  return { kind: 'ds', keytag, alg, digestType, digest };
}

export function sameDnssec(a: DnssecEntry, b: DnssecEntry): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
