// The request journal: every API call is recorded after its response, batched, secrets masked.
import { Worker, MessageChannel, type MessagePort } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import type { DbOptions } from '../persistence/db.ts';
import type { FromJournalThread, ToJournalThread } from './journal-thread.ts';
import type { Store } from '../core/ports.ts';
import type { Clock } from '../core/clock.ts';
import type { JournalEntry } from '../core/journal/model.ts';
import { maskSecrets, MASK, SECRET_KEY_NAMES } from '../core/journal/model.ts';
import { parseDuration } from '../core/clock.ts';

// what the journal keeps of a body: enough for any request and any single object; a list page of 100 domains
// (~235 KB) keeps its first ~16 KB (docs/adr/0005)
const MAX_BODY = 16 * 1024;

export function faceOf(url: string): string | null {
  if (url.startsWith('/_sandbox') || url === '/favicon.ico') return null;
  if (url.startsWith('/v1beta')) return 'openprovider';
  if (url.startsWith('/api/v3')) return 'ssl247';
  return 'mrdomain';
}

// a JSON text in which no key can be a secret: no quoted secret name, no \u escape that could spell one
const PLAIN_JSON = /^\s*[[{]/;
const SECRET_HINT = new RegExp(`\\\\u|"(?:${SECRET_KEY_NAMES.join('|')})"`, 'i');

/** masks secret values in JSON or XML text without parsing it */
function maskText(t: string): string {
  return t
    .replace(/("(?:password|apipasswd|token|p|k|secret_key|api_key|apikey|new_password|private_key|privatekey)"\s*:\s*")(?:[^"\\]|\\.)*"/gi, `$1${MASK}"`)
    .replace(/<(token|password|apipasswd)>[^<]*<\/\1>/g, `<$1>${MASK}</$1>`);
}

export function bodyText(v: unknown): string {
  if (v === undefined || v === null || v === '') return '';
  let t: string;
  if (typeof v === 'string') {
    // a large body is cut first and masked by pattern: parsing and walking a 200 KB list page costs milliseconds
    // (copied out of the large text, so the entry does not keep the whole response alive until the next flush)
    if (v.length > MAX_BODY) t = maskText(Buffer.from(v.slice(0, MAX_BODY)).toString());
    else if (PLAIN_JSON.test(v) && !SECRET_HINT.test(v)) t = v; // JSON naming no secret (nor escaping any name): kept as sent
    else {
      try {
        t = JSON.stringify(maskSecrets(JSON.parse(v)));
      } catch {
        t = maskText(v);
      }
    }
  } else if (Buffer.isBuffer(v)) t = `<${v.length} bytes>`;
  else t = JSON.stringify(maskSecrets(v));
  return t.length > MAX_BODY ? `${t.slice(0, MAX_BODY)}…` : t;
}

/**
 * A batch of calls as the main thread records them (the onSend hook of installJournal): one flat array,
 * JOURNAL_WIDTH values per call, bodies still as sent. Turning them into entries (masking secrets, cutting bodies,
 * dates) is left to whoever writes the batch: the writer thread when there is one, so the thread that answers calls
 * does the least per call (docs/adr/0012-hot-path.md). A flat array of strings and numbers is also what postMessage
 * copies fastest.
 */
export type JournalBatch = unknown[];
export const JOURNAL_WIDTH = 12;
// which bodies in a row are still the text as sent (bodyText still to run on them); the others are final
const RAW_REQUEST = 1;
const RAW_RESPONSE = 2;

/** whether the main thread keeps a body as sent (a short text) rather than making it final (bodyText) now */
const keptRaw = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_BODY;

/** the entries of a batch, secrets masked */
export function entriesOf(batch: JournalBatch): JournalEntry[] {
  const out: JournalEntry[] = [];
  for (let i = 0; i + JOURNAL_WIDTH <= batch.length; i += JOURNAL_WIDTH) {
    const raw = batch[i + 10] as number;
    const url = batch[i + 3] as string;
    const q = url.indexOf('?');
    out.push({
      id: batch[i + 11] as number,
      face: batch[i] as string,
      accountId: batch[i + 1] as number | null,
      method: batch[i + 2] as string,
      path: q < 0 ? url : url.slice(0, q),
      status: batch[i + 4] as number,
      requestBody: raw & RAW_REQUEST ? bodyText(batch[i + 5]) : (batch[i + 5] as string),
      responseBody: raw & RAW_RESPONSE ? bodyText(batch[i + 6]) : (batch[i + 6] as string),
      durationMs: Math.round((batch[i + 7] as number) * 100) / 100,
      ip: batch[i + 8] as string,
      createdAt: new Date(batch[i + 9] as number),
    });
  }
  return out;
}

/** where journal batches go: this thread's store, or a writer thread with a connection of its own */
export interface JournalSink {
  add(batch: JournalBatch): Promise<void>;
  close(): Promise<void>;
  /** "writer thread" or "in-process", for the start banner */
  mode: string;
}

export function storeSink(store: Store): JournalSink {
  return { add: (batch) => store.transaction((uow) => uow.journal.add(...entriesOf(batch))), close: async () => {}, mode: 'in-process' };
}

/** a sink whose batches go to a writer thread: `connect()` opens another way in, for another thread's journal */
export interface ThreadSink extends JournalSink {
  /** a port over which another thread (a peer serving HTTP) hands its batches to this writer thread (portSink) */
  connect(): MessagePort;
}

/** the add/done exchange over a port to a writer thread: what threadSink and portSink share */
function batchPoster(post: (m: ToJournalThread) => void): { add(batch: JournalBatch): Promise<void>; settle(m: FromJournalThread): void; fail(e: Error): void; dead(): Error | null } {
  const pending = new Map<number, { resolve(): void; reject(e: Error): void }>();
  let nextId = 1;
  let dead: Error | null = null;
  return {
    add(batch) {
      if (dead) return Promise.reject(dead);
      const id = nextId++;
      return new Promise<void>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        post({ t: 'add', id, batch });
      });
    },
    settle(m) {
      if (m.t !== 'done') return;
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.error) p?.reject(new Error(m.error));
      else p?.resolve();
    },
    fail(e) {
      dead = e;
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    },
    dead: () => dead,
  };
}

/** a writer thread over the same database (src/app/journal-thread.ts); fails when the thread cannot open it */
export async function threadSink(db: DbOptions): Promise<ThreadSink> {
  const worker = new Worker(new URL('./journal-thread.ts', import.meta.url), { workerData: db, name: 'journal' });
  const poster = batchPoster((m) => worker.postMessage(m));
  const exited = new Promise<void>((r) => worker.once('exit', () => r()));
  await new Promise<void>((resolve, reject) => {
    worker.on('message', (m: FromJournalThread) => {
      if (m.t === 'ready') resolve();
      else if (m.t === 'failed') reject(new Error(`journal writer thread failed to start: ${m.error}`));
      else poster.settle(m);
    });
    worker.on('error', (e) => reject(e));
    worker.on('exit', (code) => {
      const dead = new Error(`journal writer thread stopped (exit code ${code})`);
      reject(dead);
      poster.fail(dead);
    });
  });
  return {
    mode: 'writer thread',
    add: poster.add,
    connect() {
      const { port1, port2 } = new MessageChannel();
      worker.postMessage({ t: 'attach', port: port2 } satisfies ToJournalThread, [port2]);
      return port1;
    },
    async close() {
      if (poster.dead()) return;
      worker.postMessage({ t: 'close' } satisfies ToJournalThread);
      const t = setTimeout(() => void worker.terminate(), 10_000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** batches handed to another thread's writer thread through a port from its `connect()` (one writer for all HTTP threads) */
export function portSink(port: MessagePort): JournalSink {
  const poster = batchPoster((m) => port.postMessage(m));
  port.on('message', (m: FromJournalThread) => poster.settle(m));
  port.on('close', () => poster.fail(new Error('the journal writer thread closed its port')));
  return {
    mode: 'writer thread (the main thread’s)',
    add: poster.add,
    async close() {
      port.close();
    },
  };
}

/**
 * The ids the journal gives its entries, in the order calls are answered on any thread: a counter in a
 * SharedArrayBuffer that every thread serving HTTP shares, started past the largest id stored. So the journal lists
 * calls in the order they were answered, whichever thread answered them and whenever its batch was written.
 */
export function journalIds(buffer: SharedArrayBuffer = new SharedArrayBuffer(8)): BigInt64Array {
  return new BigInt64Array(buffer);
}

/** starts the counter past `maxId` (the largest id stored) */
export function startJournalIds(ids: BigInt64Array, maxId: number): void {
  Atomics.store(ids, 0, BigInt(maxId));
}

export function installJournal(app: FastifyInstance, store: Store, clock: Clock, retention: string, sink: JournalSink, ids: BigInt64Array): { flush: () => Promise<void>; stop: () => void; close: () => Promise<void> } {
  let buffer: JournalBatch = [];
  const retentionMs = parseDuration(retention) ?? 7 * 86_400_000;
  // batches are written in the order they are handed over; a flush returns once every batch before it is written
  let last: Promise<void> = Promise.resolve();
  const flush = async () => {
    if (buffer.length) {
      const batch = buffer;
      buffer = [];
      last = sink.add(batch).catch((err: unknown) => app.log.warn({ err }, 'journal flush failed'));
    }
    await last;
  };
  const prune = async () => {
    try {
      await store.transaction((uow) => uow.journal.prune(new Date(clock.now().getTime() - retentionMs)));
    } catch (err) {
      app.log.warn({ err }, 'journal prune failed');
    }
  };
  const timer = setInterval(() => void flush(), 250);
  const pruner = setInterval(() => void prune(), 60_000);
  timer.unref();
  pruner.unref();

  // one callback hook per call (not async: a promise per hook per call costs more than the hook). onSend sees the
  // response text before it is sent; the status is set by then, and the duration runs to this point. The call is
  // recorded as JOURNAL_WIDTH values at the end of the batch, bodies as sent (entriesOf makes the entries).
  app.addHook('onSend', (req, reply, payload, done) => {
    const face = faceOf(req.url);
    if (face) {
      const request = req.journalBody ?? req.body;
      const rawRequest = keptRaw(request);
      const rawResponse = keptRaw(payload);
      buffer.push(face, req.actor?.accountId ?? null, req.method, req.url, reply.statusCode, rawRequest ? request : bodyText(request), rawResponse ? payload : bodyText(payload),
        reply.elapsedTime, req.ip, clock.now().getTime(), (rawRequest ? RAW_REQUEST : 0) | (rawResponse ? RAW_RESPONSE : 0), Number(Atomics.add(ids, 0, 1n)) + 1);
      if (buffer.length >= 500 * JOURNAL_WIDTH) void flush();
    }
    done(null, payload);
  });
  const stop = () => (clearInterval(timer), clearInterval(pruner));
  return {
    flush,
    stop,
    async close() {
      stop();
      await flush();
      await sink.close();
    },
  };
}
