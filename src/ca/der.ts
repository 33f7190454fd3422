// A minimal DER writer and reader: the issuing path encodes certificates directly (the constant parts once), which is
// what makes issuance fast (docs/adr/0010-built-in-ca.md). Everything here is plain X.690 DER.

export type Bytes = Uint8Array;

export function concat(parts: Bytes[]): Bytes {
  return Buffer.concat(parts);
}

function lengthBytes(n: number): Bytes {
  if (n < 0x80) return Uint8Array.of(n);
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return Uint8Array.of(0x80 | out.length, ...out);
}

/** one TLV */
export function tlv(tag: number, ...content: Bytes[]): Bytes {
  const body = content.length === 1 ? content[0] : concat(content);
  return concat([Uint8Array.of(tag), lengthBytes(body.length), body]);
}

export const seq = (...c: Bytes[]) => tlv(0x30, ...c);
export const set = (...c: Bytes[]) => tlv(0x31, ...c);
export const octets = (b: Bytes) => tlv(0x04, b);
export const bitString = (b: Bytes) => tlv(0x03, Uint8Array.of(0), b);
export const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
export const printable = (s: string) => tlv(0x13, Buffer.from(s, 'latin1'));
export const ia5 = (s: string) => tlv(0x16, Buffer.from(s, 'latin1'));
export const bool = (v: boolean) => tlv(0x01, Uint8Array.of(v ? 0xff : 0));
export const NULL = Uint8Array.of(0x05, 0x00);
/** context-specific tag n; constructed (explicit wrapper) or primitive (implicit) */
export const ctx = (n: number, constructed: boolean, ...c: Bytes[]) => tlv((constructed ? 0xa0 : 0x80) | n, ...c);

/** a non-negative INTEGER from its big-endian magnitude */
export function uint(b: Bytes): Bytes {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  const m = b.subarray(i);
  return tlv(0x02, m[0] & 0x80 ? concat([Uint8Array.of(0), m]) : m);
}
export const small = (n: number) => uint(Uint8Array.of(n));

export function oid(dotted: string): Bytes {
  const p = dotted.split('.').map(Number);
  const out: number[] = [p[0] * 40 + p[1]];
  for (const v of p.slice(2)) {
    const chunk: number[] = [v & 0x7f];
    for (let x = Math.floor(v / 128); x > 0; x = Math.floor(x / 128)) chunk.unshift((x & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Uint8Array.from(out));
}

const two = (n: number) => String(n).padStart(2, '0');
/** UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 4.1.2.5) */
export function time(d: Date): Bytes {
  const y = d.getUTCFullYear();
  const rest = `${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}Z`;
  return y < 2050 && y >= 1950 ? tlv(0x17, Buffer.from(`${two(y % 100)}${rest}`, 'latin1')) : tlv(0x18, Buffer.from(`${y}${rest}`, 'latin1'));
}

export function pem(label: string, der: Bytes): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

// ---- reading ----

export interface Node {
  tag: number;
  /** offset of the tag byte */
  start: number;
  /** offset of the content */
  body: number;
  /** offset just past the element */
  end: number;
}

export class DerError extends Error {}

/** reads the element at `at`, checking every length against the buffer */
export function read(b: Bytes, at: number, limit = b.length): Node {
  if (at + 2 > limit) throw new DerError('truncated DER');
  const tag = b[at];
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte tags are not used here');
  let len = b[at + 1];
  let body = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || body + n > limit) throw new DerError('bad DER length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[body + i];
    body += n;
  }
  const end = body + len;
  if (end > limit) throw new DerError('DER length runs past the end');
  return { tag, start: at, body, end };
}

/** the children of a constructed element */
export function children(b: Bytes, n: Node): Node[] {
  const out: Node[] = [];
  for (let at = n.body; at < n.end; ) {
    const c = read(b, at, n.end);
    out.push(c);
    at = c.end;
  }
  return out;
}

export function oidOf(b: Bytes, n: Node): string {
  if (n.tag !== 0x06) throw new DerError('expected an OBJECT IDENTIFIER');
  const v = b.subarray(n.body, n.end);
  if (!v.length) throw new DerError('empty OBJECT IDENTIFIER');
  const parts = [Math.floor(v[0] / 40), v[0] % 40];
  let acc = 0;
  for (let i = 1; i < v.length; i++) {
    acc = acc * 128 + (v[i] & 0x7f);
    if (!(v[i] & 0x80)) {
      parts.push(acc);
      acc = 0;
    }
  }
  return parts.join('.');
}

/** GeneralizedTime, always (OCSP, RFC 6960) */
export function gtime(d: Date): Bytes {
  const rest = `${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}Z`;
  return tlv(0x18, Buffer.from(`${d.getUTCFullYear()}${rest}`, 'latin1'));
}

export const enumerated = (n: number) => tlv(0x0a, Uint8Array.of(n));
