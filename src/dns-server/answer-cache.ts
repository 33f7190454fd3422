// The response cache of the DNS server: answers to plain queries (one question, nothing else but at most an OPT),
// keyed by the question's raw bytes with ASCII letters folded to lower case (RFC 4343), the transport, and the
// EDNS UDP size and DO bit, which shape the answer (truncation, the OPT echoed back). The key is read straight from
// the request's bytes and hashed to a small integer: no string is built per query. A hit is copied, and the
// request's ID, RD bit and question (case as asked) are written into the copy. Emptied whenever a zone changes;
// bounded by `max` entries and `maxBytes` of answers (emptied when either is full). docs/adr/0007-dns-server.md.
import { Buffer } from 'node:buffer';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const DO = 0x80; // the DO bit, high byte of the OPT TTL's flags half

export type Transport = 'udp' | 'tcp';

/** what `read` found in a request: its key, and where its question section ends */
export interface QuestionKey {
  hash: number;
  sig: number;
  /** offset of the first byte after the question section */
  qend: number;
}

const lower = (b: number) => (b >= 65 && b <= 90 ? b | 32 : b);

/**
 * The key of a plain query, or null when the request is not one this cache answers: a response, another opcode,
 * not exactly one question, answer or authority records, more than one additional or one that is not an OPT
 * (version 0), a compressed or malformed name, trailing bytes, or a zone transfer (AXFR, IXFR).
 */
export function readQuestion(msg: Uint8Array, transport: Transport): QuestionKey | null {
  const len = msg.length;
  if (len < 17) return null;
  // QR=0 and opcode QUERY; QDCOUNT 1, ANCOUNT 0, NSCOUNT 0, ARCOUNT 0 or 1
  if (msg[2]! & 0xf8 || msg[4] !== 0 || msg[5] !== 1 || msg[6] !== 0 || msg[7] !== 0 || msg[8] !== 0 || msg[9] !== 0 || msg[10] !== 0) return null;
  const ar = msg[11]!;
  if (ar > 1) return null;
  const t = transport === 'udp' ? 0 : 1;
  let h = Math.imul(FNV_OFFSET ^ t, FNV_PRIME);
  let o = 12;
  for (;;) {
    const l = msg[o];
    if (l === undefined || l > 63) return null; // a compression pointer or a reserved label type
    h = Math.imul(h ^ l, FNV_PRIME);
    const end = o + 1 + l;
    if (end > len) return null;
    for (o++; o < end; o++) h = Math.imul(h ^ lower(msg[o]!), FNV_PRIME);
    if (l === 0) break;
  }
  if (o + 4 > len) return null;
  if (msg[o] === 0 && (msg[o + 1] === 252 || msg[o + 1] === 251)) return null; // AXFR, IXFR
  for (let i = o; i < o + 4; i++) h = Math.imul(h ^ msg[i]!, FNV_PRIME);
  const qend = o + 4;
  let sig = t;
  if (ar === 1) {
    // OPT: root name, type 41, class = UDP size, TTL = extended rcode | version | DO and zero bits, rdlength
    if (qend + 11 > len || msg[qend] !== 0 || msg[qend + 1] !== 0 || msg[qend + 2] !== 41 || msg[qend + 6] !== 0) return null;
    sig |= 2 | (msg[qend + 7]! & DO ? 4 : 0) | (((msg[qend + 3]! << 8) | msg[qend + 4]!) << 3);
  } else if (qend !== len) return null;
  return { hash: (h ^ Math.imul(sig, FNV_PRIME)) & 0x3fffffff, sig, qend };
}

/**
 * Answers by key in an open-addressed hash table of Int32Array slots (hash + 1 and an offset; 0 = empty), pointing
 * into one growing byte arena that holds every stored answer behind a 6-byte head (its signature and length), with
 * its question lower-cased. A lookup reads one 8-byte slot and compares the request with the answer's own question:
 * no object is visited, so a lookup costs one or two cache misses however many answers are kept. Nothing is ever
 * removed but all at once.
 */
export class AnswerCache {
  private slots = new Int32Array(2 * 1024);
  private mask = 1024 - 1;
  private arena = new Uint8Array(64 * 1024);
  private used = 0;
  private count = 0;
  private readonly max: number;
  private readonly maxBytes: number;
  constructor(max: number, maxBytes = 32 << 20) {
    this.max = max;
    this.maxBytes = maxBytes;
  }

  get size(): number {
    return this.count;
  }

  clear(): void {
    this.slots.fill(0);
    this.used = 0;
    this.count = 0;
  }

  /** the cached answer to this request, made its own (ID, RD, question as asked), or null */
  answer(msg: Uint8Array, key: QuestionKey): Buffer | null {
    const at = this.find(msg, key);
    if (at < 0) return null;
    const a = this.arena;
    const len = (a[at + 4]! << 8) | a[at + 5]!;
    const out = Buffer.allocUnsafe(len);
    out.set(a.subarray(at + HEAD, at + HEAD + len));
    out[0] = msg[0]!;
    out[1] = msg[1]!;
    out[2] = (out[2]! & ~1) | (msg[2]! & 1); // RD copied
    for (let i = 12; i < key.qend; i++) out[i] = msg[i]!; // the question exactly as asked (case included)
    return out;
  }

  /** keeps a copy of `answer` (what the resolver answered to `msg`) for later requests with the same key */
  remember(msg: Uint8Array, key: QuestionKey, answer: Uint8Array): void {
    if (answer.length < key.qend || answer.length > 0xffff || this.find(msg, key) >= 0) return;
    const size = HEAD + answer.length;
    if (this.count >= this.max || this.used + size > this.maxBytes) this.clear();
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    if (this.used + size > this.arena.length) {
      const bigger = new Uint8Array(Math.max(this.arena.length * 2, this.used + size));
      bigger.set(this.arena.subarray(0, this.used));
      this.arena = bigger;
    }
    const at = this.used;
    const a = this.arena;
    a[at] = key.sig >>> 24;
    a[at + 1] = (key.sig >>> 16) & 0xff;
    a[at + 2] = (key.sig >>> 8) & 0xff;
    a[at + 3] = key.sig & 0xff;
    a[at + 4] = answer.length >>> 8;
    a[at + 5] = answer.length & 0xff;
    a.set(answer, at + HEAD);
    for (let i = 12; i < key.qend - 4; i++) a[at + HEAD + i] = lower(msg[i]!); // the name; type and class as they are
    this.used += size;
    this.place(key.hash, at);
    this.count++;
  }

  /** the arena offset of the entry holding this request's answer, or -1 */
  private find(msg: Uint8Array, key: QuestionKey): number {
    const s = this.slots;
    const mask = this.mask;
    const tag = key.hash + 1;
    for (let i = key.hash & mask; ; i = (i + 1) & mask) {
      const h = s[i << 1]!;
      if (h === 0) return -1;
      if (h === tag) {
        const at = s[(i << 1) + 1]!;
        if (same(this.arena, at, msg, key)) return at;
      }
    }
  }

  private place(hash: number, at: number): void {
    const s = this.slots;
    let i = hash & this.mask;
    while (s[i << 1] !== 0) i = (i + 1) & this.mask;
    s[i << 1] = hash + 1;
    s[(i << 1) + 1] = at;
  }

  /** twice the slots, every answer placed again (the arena stays as it is) */
  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = this.mask * 2 + 1;
    for (let j = 0; j < old.length; j += 2) if (old[j] !== 0) this.place(old[j]! - 1, old[j + 1]!);
  }
}

/** the entry head: signature (4 bytes) and answer length (2 bytes), big-endian */
const HEAD = 6;

/**
 * the entry at `at` answers the request's question: the same signature, the name equal once ASCII letters are
 * folded, type and class equal. Equal bytes up to qend mean equal labels, so both names end at the same root label.
 */
function same(a: Uint8Array, at: number, msg: Uint8Array, key: QuestionKey): boolean {
  const sig = ((a[at]! << 24) | (a[at + 1]! << 16) | (a[at + 2]! << 8) | a[at + 3]!) >>> 0;
  if (sig !== key.sig) return false;
  const qend = key.qend;
  if (((a[at + 4]! << 8) | a[at + 5]!) < qend) return false;
  const base = at + HEAD;
  const name = qend - 4;
  for (let i = name; i < qend; i++) if (msg[i] !== a[base + i]) return false;
  for (let i = 12; i < name; i++) if (lower(msg[i]!) !== a[base + i]) return false;
  return true;
}
