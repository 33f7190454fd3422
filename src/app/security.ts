// Password hashing (scrypt) with a small cache of verified pairs, and the random source.
// Login may be called before every request (Openprovider clients do; MrDomain and SSL247 send the password on
// every call), so a verified (hash, password) pair is remembered for a while: see docs/adr/0004-password-hashing.md.
import { scrypt, randomBytes, randomInt, createHash, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PasswordHasher, Random } from '../core/ports.ts';

const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 32;

function derive(password: string, salt: Buffer, o: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, KEYLEN, { ...o, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))));
}

export function scryptHasher(opts: { cacheSize?: number; cacheTtlMs?: number; cost?: number } = {}): PasswordHasher {
  const cost = opts.cost ?? N;
  const cacheSize = opts.cacheSize ?? 10_000;
  const ttl = opts.cacheTtlMs ?? 10 * 60_000;
  const verified = new Map<string, number>();
  const keyOf = (password: string, hash: string) => createHash('sha256').update(hash).update('\0').update(password).digest('base64');
  return {
    async hash(password) {
      const salt = randomBytes(16);
      const key = await derive(password, salt, { N: cost, r: R, p: P });
      return `scrypt$${cost}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
    },
    async verify(password, hash) {
      const k = keyOf(password, hash);
      const seen = verified.get(k);
      if (seen !== undefined && seen > Date.now()) return true;
      const parts = hash.split('$');
      if (parts.length !== 6 || parts[0] !== 'scrypt') {
        await derive(password, Buffer.alloc(16), { N: cost, r: R, p: P }); // same cost for unknown users
        return false;
      }
      const [, n, r, p, salt, expected] = parts;
      const key = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
      const want = Buffer.from(expected, 'base64');
      const ok = want.length === key.length && timingSafeEqual(want, key);
      if (ok) {
        if (verified.size >= cacheSize) verified.delete(verified.keys().next().value as string);
        verified.set(k, Date.now() + ttl);
      }
      return ok;
    },
  };
}

export const cryptoRandom: Random = {
  digits(n) {
    let s = '';
    for (let i = 0; i < n; i++) s += String(randomInt(0, 10));
    return s;
  },
  hex(bytes) {
    return randomBytes(bytes).toString('hex');
  },
};
