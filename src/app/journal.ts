// The request journal: every API call is recorded after its response, batched, secrets masked.
import { Worker } from 'node:worker_threads';
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

/** where journal batches go: this thread's store, or a writer thread with a connection of its own */
export interface JournalSink {
  add(entries: Array<Omit<JournalEntry, 'id'>>): Promise<void>;
  close(): Promise<void>;
  /** "writer thread" or "in-process", for the start banner */
  mode: string;
}

export function storeSink(store: Store): JournalSink {
  return { add: (entries) => store.transaction((uow) => uow.journal.add(...entries)), close: async () => {}, mode: 'in-process' };
}

/** a writer thread over the same database (src/app/journal-thread.ts); fails when the thread cannot open it */
export async function threadSink(db: DbOptions): Promise<JournalSink> {
  const worker = new Worker(new URL('./journal-thread.ts', import.meta.url), { workerData: db, name: 'journal' });
  const pending = new Map<number, { resolve(): void; reject(e: Error): void }>();
  let nextId = 1;
  let dead: Error | null = null;
  const exited = new Promise<void>((r) => worker.once('exit', () => r()));
  await new Promise<void>((resolve, reject) => {
    worker.on('message', (m: FromJournalThread) => {
      if (m.t === 'ready') resolve();
      else if (m.t === 'failed') reject(new Error(`journal writer thread failed to start: ${m.error}`));
      else {
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (m.error) p?.reject(new Error(m.error));
        else p?.resolve();
      }
    });
    worker.on('error', (e) => reject(e));
    worker.on('exit', (code) => {
      dead = new Error(`journal writer thread stopped (exit code ${code})`);
      reject(dead);
      for (const p of pending.values()) p.reject(dead);
      pending.clear();
    });
  });
  return {
    mode: 'writer thread',
    add(entries) {
      if (dead) return Promise.reject(dead);
      const id = nextId++;
      return new Promise<void>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ t: 'add', id, entries } satisfies ToJournalThread);
      });
    },
    async close() {
      if (dead) return;
      worker.postMessage({ t: 'close' } satisfies ToJournalThread);
      const t = setTimeout(() => void worker.terminate(), 10_000);
      await exited;
      clearTimeout(t);
    },
  };
}

export function installJournal(app: FastifyInstance, store: Store, clock: Clock, retention: string, sink: JournalSink = storeSink(store)): { flush: () => Promise<void>; stop: () => void; close: () => Promise<void> } {
  let buffer: Array<Omit<JournalEntry, 'id'>> = [];
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
  // response text before it is sent; the status is set by then, and the duration runs to this point.
  app.addHook('onSend', (req, reply, payload, done) => {
    const face = faceOf(req.url);
    if (face) {
      buffer.push({
        face,
        accountId: req.actor?.accountId ?? null,
        method: req.method,
        path: req.url.split('?')[0],
        status: reply.statusCode,
        requestBody: bodyText(req.journalBody ?? req.body),
        responseBody: bodyText(payload),
        durationMs: Math.round(reply.elapsedTime * 100) / 100,
        ip: req.ip,
        createdAt: clock.now(),
      });
      if (buffer.length >= 500) void flush();
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
