// A small DNS client over dns-packet for the server tests: UDP (with or without EDNS0) and TCP (framed, several
// messages for zone transfers).
import dgram from 'node:dgram';
import net from 'node:net';
import packet, { type Packet } from 'dns-packet';

let nextId = 1;

/** a decoded response (dns-packet decodes `rcode`, its types omit it) */
export type Reply = Packet & { raw: Buffer; rcode: string };

export interface Ask {
  name: string;
  type: string;
  /** EDNS0 UDP size; absent = no OPT record */
  edns?: number;
  ednsVersion?: number;
  do?: boolean;
  class?: string;
  opcode?: string;
}

function query(a: Ask): { id: number; buf: Buffer } {
  const id = nextId++ & 0xffff;
  const additionals = a.edns ? [{ name: '.', type: 'OPT', udpPayloadSize: a.edns, extendedRcode: 0, ednsVersion: a.ednsVersion ?? 0, flags: a.do ? packet.DNSSEC_OK : 0, options: [] }] : [];
  const buf = packet.encode({ id, type: 'query', flags: packet.RECURSION_DESIRED, questions: [{ name: a.name, type: a.type as 'A', class: (a.class ?? 'IN') as 'IN' }], additionals: additionals as never });
  return { id, buf };
}

export function udpRaw(port: number, buf: Buffer, timeoutMs = 2000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket('udp4');
    const t = setTimeout(() => {
      s.close();
      reject(new Error('udp timeout'));
    }, timeoutMs);
    s.on('message', (m) => {
      clearTimeout(t);
      s.close();
      resolve(m);
    });
    s.send(buf, port, '127.0.0.1');
  });
}

export async function udp(port: number, a: Ask): Promise<Reply> {
  const q = query(a);
  const raw = await udpRaw(port, q.buf);
  const p = packet.decode(raw);
  if (p.id !== q.id) throw new Error('id mismatch');
  return Object.assign(p, { raw }) as unknown as Reply;
}

/** sends one query over TCP and reads `messages` framed responses (or until the final SOA of a transfer) */
export function tcp(port: number, a: Ask, opts: { transfer?: boolean } = {}): Promise<Reply[]> {
  const q = query(a);
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1');
    const out: Reply[] = [];
    let buf = Buffer.alloc(0);
    let soaSeen = 0;
    const t = setTimeout(() => {
      s.destroy();
      reject(new Error('tcp timeout'));
    }, 3000);
    const done = () => {
      clearTimeout(t);
      s.destroy();
      resolve(out);
    };
    s.on('connect', () => {
      const framed = Buffer.alloc(2 + q.buf.length);
      framed.writeUInt16BE(q.buf.length, 0);
      q.buf.copy(framed, 2);
      s.write(framed);
    });
    s.on('error', reject);
    s.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        const raw = buf.subarray(2, 2 + buf.readUInt16BE(0));
        buf = buf.subarray(2 + raw.length);
        const p = Object.assign(packet.decode(raw), { raw: Buffer.from(raw) }) as unknown as Reply;
        out.push(p);
        if (!opts.transfer || p.rcode !== 'NOERROR') return done();
        soaSeen += (p.answers ?? []).filter((x) => x.type === 'SOA').length;
        if (soaSeen >= 2) return done();
      }
    });
  });
}
