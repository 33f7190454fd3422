// The DNS server's answer cache (src/dns-server/answer-cache.ts): a cached answer is byte for byte what the
// resolver answers to the same request, whatever the request's ID, RD bit and letter case; requests that the
// resolver answers differently (transport, EDNS size, DO bit, type, class) never share an entry; the table holds
// any number of answers and colliding hashes; and only plain queries are cached at all.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import packet from 'dns-packet';
import { runFlow } from '../../src/core/runner.ts';
import { createAccount } from '../../src/core/accounts/flows/create-account.ts';
import { createZone } from '../../src/core/dns/flows/create-zone.ts';
import { storeZoneSource } from '../../src/core/dns/zone-source.ts';
import type { ServedZone } from '../../src/core/dns/ports.ts';
import { DnsResponder } from '../../src/dns-server/server.ts';
import { AnswerCache, readQuestion, type QuestionKey } from '../../src/dns-server/answer-cache.ts';
import { testServices } from '../harness/services.ts';

type S = Awaited<ReturnType<typeof testServices>>;
let s: S;
let zones: ServedZone[];
const Z = 'cache.test';
const BIG = ['a', 'b', 'c'].map((c) => c.repeat(300));

beforeAll(async () => {
  s = await testServices();
  const acct = (await runFlow(s, createAccount, { username: 'dnscache', password: 'correct horse battery', email: 'dnscache@example.test', balance: 0 })).account.id;
  await runFlow(s, createZone, {
    accountId: acct,
    name: Z,
    records: [
      { name: '', type: 'A', value: '192.0.2.1', ttl: 3600 },
      { name: 'www', type: 'A', value: '192.0.2.2', ttl: 3600 },
      { name: 'www', type: 'AAAA', value: '2001:db8::2', ttl: 3600 },
      { name: 'alias', type: 'CNAME', value: 'www.cache.test', ttl: 900 },
      ...BIG.map((v) => ({ name: 'big', type: 'TXT', value: v, ttl: 3600 })),
    ],
  });
  zones = await storeZoneSource(s.store).snapshot();
});
afterAll(async () => {
  await s?.drop();
});

function responder(): DnsResponder {
  const r = new DnsResponder();
  r.index.load(zones);
  return r;
}

interface Ask {
  name: string;
  type?: string;
  class?: string;
  id?: number;
  rd?: boolean;
  edns?: number;
  dnssecOk?: boolean;
}
function query(a: Ask): Buffer {
  const additionals = a.edns ? [{ name: '.', type: 'OPT', udpPayloadSize: a.edns, extendedRcode: 0, ednsVersion: 0, flags: a.dnssecOk ? packet.DNSSEC_OK : 0, options: [] }] : [];
  return packet.encode({ id: a.id ?? 1, type: 'query', flags: a.rd === false ? 0 : packet.RECURSION_DESIRED, questions: [{ name: a.name, type: (a.type ?? 'A') as 'A', class: (a.class ?? 'IN') as 'IN' }], additionals: additionals as never });
}
/** what the resolver itself answers (a responder that has cached nothing) */
const fresh = (msg: Buffer, transport: 'udp' | 'tcp' = 'udp') => responder().handle(msg, transport, '127.0.0.1')![0]!;

describe('DNS answer cache', () => {
  it('answers a repeated question byte for byte as the resolver does, with the ID, RD bit and letter case of each request', () => {
    const r = responder();
    const asks: Ask[] = [
      { name: 'www.cache.test', id: 1 },
      { name: 'WWW.Cache.TEST', id: 0xbeef, rd: false },
      { name: 'wWw.cAcHe.tEsT', id: 7 },
      { name: 'alias.cache.test', id: 2 },
      { name: 'ALIAS.cache.test', id: 3, rd: false },
      { name: 'nothere.cache.test', id: 4 },
      { name: 'NoThere.Cache.Test', id: 5 },
      { name: 'www.cache.test', type: 'AAAA', id: 6, edns: 1232 },
      { name: 'WWW.cache.test', type: 'AAAA', id: 8, edns: 1232 },
    ];
    for (const a of asks) {
      const msg = query(a);
      const first = r.udp(msg)!;
      const again = r.udp(msg)!;
      expect(again.equals(fresh(msg)), a.name).toBe(true);
      expect(first.equals(again)).toBe(true);
      const d = packet.decode(again);
      expect(d.id).toBe(a.id);
      expect(d.questions![0]!.name).toBe(a.name);
      expect(!!(d.flags! & packet.RECURSION_DESIRED)).toBe(a.rd !== false);
    }
  });

  it('keeps apart what is answered differently: transport, EDNS or not, the UDP size, the DO bit, the type, the class', () => {
    const r = responder();
    // each pair differs only in what the key must tell apart; the first of each is cached before the second is asked
    const variants: [string, Buffer, 'udp' | 'tcp'][] = [
      ['UDP without EDNS (truncated)', query({ name: 'big.cache.test', type: 'TXT' }), 'udp'],
      ['TCP', query({ name: 'big.cache.test', type: 'TXT' }), 'tcp'],
      ['UDP, EDNS 4096', query({ name: 'big.cache.test', type: 'TXT', edns: 4096 }), 'udp'],
      ['UDP, EDNS 512', query({ name: 'big.cache.test', type: 'TXT', edns: 512 }), 'udp'],
      ['UDP, EDNS 4096, DO', query({ name: 'big.cache.test', type: 'TXT', edns: 4096, dnssecOk: true }), 'udp'],
      ['AAAA', query({ name: 'big.cache.test', type: 'AAAA' }), 'udp'],
      ['class CH', query({ name: 'big.cache.test', type: 'TXT', class: 'CH' }), 'udp'],
    ];
    for (let round = 0; round < 2; round++) {
      for (const [what, msg, transport] of variants) {
        const got = transport === 'udp' ? r.udp(msg)! : r.tcp(msg, '127.0.0.1')![0]!;
        expect(got.equals(fresh(msg, transport)), `${what}, round ${round + 1}`).toBe(true);
      }
    }
    const truncated = packet.decode(r.udp(variants[0]![1])!);
    expect(truncated.flags! & packet.TRUNCATED_RESPONSE).toBe(packet.TRUNCATED_RESPONSE);
    expect(packet.decode(r.tcp(variants[1]![1], '127.0.0.1')![0]!).answers).toHaveLength(3);
  });

  it('never mistakes one question for another under the same hash: every answer is compared with its question', () => {
    const cache = new AnswerCache(100);
    const a = query({ name: 'www.cache.test' });
    const b = query({ name: 'www.cache.tesu' });
    const typed = (t: number) => {
      const m = Buffer.from(a);
      m.writeUInt16BE(t, m.length - 4);
      return m;
    };
    const c = typed(97); // a lower-case 'a' byte in the type field
    const d = typed(65); // HTTPS: an upper-case 'A' byte there, which folding letters would confuse with 97
    const same = (m: Buffer): QuestionKey => ({ ...readQuestion(m, 'udp')!, hash: 12345 });
    cache.remember(a, same(a), fresh(a));
    expect(cache.answer(b, same(b))).toBeNull();
    cache.remember(b, same(b), fresh(b));
    cache.remember(c, same(c), fresh(c));
    expect(cache.answer(d, same(d))).toBeNull();
    cache.remember(d, same(d), fresh(d));
    for (const m of [a, b, c, d]) expect(cache.answer(m, same(m))!.equals(fresh(m))).toBe(true);
    expect(cache.size).toBe(4);
    // a key with another signature (here: TCP) under the same hash is a different entry
    expect(cache.answer(a, { ...same(a), sig: readQuestion(a, 'tcp')!.sig })).toBeNull();
  });

  it('holds thousands of answers across its growth, and is emptied when it reaches its bound in entries or bytes', () => {
    const cache = new AnswerCache(5000);
    const answer = fresh(query({ name: 'www.cache.test' }));
    const msgs = Array.from({ length: 4000 }, (_, i) => query({ name: `n${i}.cache.test` }));
    for (const m of msgs) cache.remember(m, readQuestion(m, 'udp')!, Buffer.concat([m, answer.subarray(answer.length - 16)]));
    expect(cache.size).toBe(4000);
    expect(msgs.every((m) => cache.answer(m, readQuestion(m, 'udp')!) !== null)).toBe(true);
    for (let i = 4000; i < 5001; i++) {
      const m = query({ name: `n${i}.cache.test` });
      cache.remember(m, readQuestion(m, 'udp')!, m);
    }
    expect(cache.size).toBe(1); // emptied at 5,000, then the 5,001st kept
    expect(cache.answer(msgs[0]!, readQuestion(msgs[0]!, 'udp')!)).toBeNull();

    const small = new AnswerCache(1000, 1000);
    const m1 = query({ name: 'www.cache.test' });
    const big = Buffer.concat([m1, Buffer.alloc(600)]);
    small.remember(m1, readQuestion(m1, 'udp')!, big);
    const m2 = query({ name: 'alias.cache.test' });
    small.remember(m2, readQuestion(m2, 'udp')!, Buffer.concat([m2, Buffer.alloc(600)]));
    expect(small.size).toBe(1);
    expect(small.answer(m1, readQuestion(m1, 'udp')!)).toBeNull();
    expect(small.answer(m2, readQuestion(m2, 'udp')!)).not.toBeNull();
  });

  it('is emptied by the responder when zones change', () => {
    const r = responder();
    const msg = query({ name: 'www.cache.test' });
    expect(packet.decode(r.udp(msg)!).answers).toHaveLength(1);
    r.index.load([]);
    r.clearCache();
    expect((packet.decode(r.udp(msg)!) as unknown as { rcode: string }).rcode).toBe('REFUSED');
  });

  it('caches plain queries only: not responses, other opcodes, several questions or records, other EDNS versions, compressed names, trailing bytes or transfers', () => {
    const plain = query({ name: 'www.cache.test' });
    expect(readQuestion(plain, 'udp')).not.toBeNull();
    expect(readQuestion(query({ name: 'www.cache.test', edns: 1232 }), 'udp')).not.toBeNull();
    const set = (m: Buffer, at: number, v: number) => {
      const c = Buffer.from(m);
      c[at] = v;
      return c;
    };
    const refused: [string, Buffer][] = [
      ['a response', set(plain, 2, plain[2]! | 0x80)],
      ['opcode NOTIFY', set(plain, 2, (plain[2]! & 0x87) | (4 << 3))],
      ['two questions', set(plain, 5, 2)],
      ['an answer record', set(plain, 7, 1)],
      ['an authority record', set(plain, 9, 1)],
      ['two additionals', set(query({ name: 'www.cache.test', edns: 1232 }), 11, 2)],
      ['EDNS version 1', packet.encode({ id: 1, type: 'query', questions: [{ name: 'www.cache.test', type: 'A' }], additionals: [{ name: '.', type: 'OPT', udpPayloadSize: 1232, extendedRcode: 0, ednsVersion: 1, flags: 0, options: [] }] as never })],
      ['an additional that is not an OPT', packet.encode({ id: 1, type: 'query', questions: [{ name: 'www.cache.test', type: 'A' }], additionals: [{ name: 'x.test', type: 'A', data: '192.0.2.9' }] })],
      ['a compressed name', Buffer.concat([plain.subarray(0, 12), Buffer.from([0xc0, 0x0c, 0, 1, 0, 1])])],
      ['a trailing byte', Buffer.concat([plain, Buffer.from([0])])],
      ['a cut question', plain.subarray(0, plain.length - 2)],
      ['AXFR', query({ name: 'cache.test', type: 'AXFR' })],
      ['IXFR', query({ name: 'cache.test', type: 'IXFR' })],
    ];
    for (const [what, msg] of refused) expect(readQuestion(msg, 'udp'), what).toBeNull();
  });
});
