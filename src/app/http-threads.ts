// HTTP served from more than one thread (HTTP_THREADS, default one per core up to two): the main thread builds the
// app and listens; each further thread (src/app/http-thread.ts) builds the same app on a database connection of its
// own and listens on the same port with SO_REUSEPORT, so the kernel spreads connections over the threads. One
// thread at 100% of a core cannot use the second core; two can (docs/adr/0013-http-threads.md).
//
// What a call may see must not depend on the thread that answers it, so the state kept in memory is either shared or
// bounded:
// - the sandbox clock lives in a SharedArrayBuffer (SandboxClock.buffer): a move on one thread is seen by all at once;
// - the cache epochs (src/persistence/store.ts) are shared: a write on one thread empties the caches of all;
// - the journal's ids come from a shared counter, so entries list in the order calls were answered; a flush for
//   /_sandbox/requests reaches every thread (threadPeers, over a BroadcastChannel); every thread hands its batches
//   to the main thread's journal writer thread, through a port of its own;
// - the jobs, the clock poll, the CA's key prefill, DNS and the side servers run on the main thread only.
import { Worker, BroadcastChannel, type MessagePort } from 'node:worker_threads';
import type { Config } from './config.ts';
import type { DbOptions } from '../persistence/db.ts';
import type { FastifyInstance, FastifyListenOptions } from 'fastify';
import { createServer } from 'node:net';

/** what the threads serving HTTP share */
export interface SharedState {
  /** the sandbox clock's state (SandboxClock.attach) */
  clock: SharedArrayBuffer;
  /** the cache epochs (shareEpochs) */
  epochs: SharedArrayBuffer;
  /** the journal's id counter (journalIds) */
  journalIds: SharedArrayBuffer;
}

/** an app's place among the threads serving HTTP */
export interface ThreadRole {
  /** 0 = the main thread */
  index: number;
  /** the BroadcastChannel the threads of this server talk on */
  channel: string;
}

/** what a peer thread is started with (src/app/http-thread.ts) */
export interface HttpThreadData {
  config: Config;
  db: DbOptions;
  shared: SharedState;
  thread: ThreadRole;
  /** the way into the main thread's journal writer (one writer thread for all); absent when it has none */
  journal?: MessagePort;
}

export type FromHttpThread = { t: 'ready' } | { t: 'failed'; error: string } | { t: 'closed' };
export type ToHttpThread = { t: 'close' };

type PeerMessage =
  | { t: 'up'; from: number; answer: boolean }
  | { t: 'down'; from: number }
  | { t: 'flush'; id: number; from: number }
  | { t: 'flushed'; id: number; from: number; to: number };

// how long a flush waits for a thread that does not answer (a thread busy that long is not serving either)
const FLUSH_WAIT_MS = 5000;

/**
 * The journal flush across threads: `flushAll` writes this thread's entries, asks every other live thread to write
 * its own, and returns when all have (or after FLUSH_WAIT_MS). Threads announce themselves when they start and
 * leave when they close; the main thread announces a peer that stopped without leaving.
 */
export function threadPeers(role: ThreadRole, flushLocal: () => Promise<void>): { flushAll(): Promise<void>; close(): void } {
  const ch = new BroadcastChannel(role.channel);
  ch.unref();
  const live = new Set<number>();
  const waiting = new Map<number, { want: Set<number>; done(): void }>();
  let nextId = 0;
  const post = (m: PeerMessage) => ch.postMessage(m);
  const forget = (thread: number) => {
    live.delete(thread);
    for (const w of waiting.values()) if (w.want.delete(thread) && !w.want.size) w.done();
  };
  ch.onmessage = (ev) => {
    const m = (ev as { data: PeerMessage }).data;
    if (m.t === 'up') {
      live.add(m.from);
      if (m.answer) post({ t: 'up', from: role.index, answer: false });
    } else if (m.t === 'down') forget(m.from);
    else if (m.t === 'flush') void flushLocal().finally(() => post({ t: 'flushed', id: m.id, from: role.index, to: m.from }));
    else if (m.t === 'flushed' && m.to === role.index) {
      const w = waiting.get(m.id);
      if (w?.want.delete(m.from) && !w.want.size) w.done();
    }
  };
  post({ t: 'up', from: role.index, answer: true });
  return {
    async flushAll() {
      await flushLocal();
      if (!live.size) return;
      const id = nextId++;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => done(), FLUSH_WAIT_MS);
        const done = () => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve();
        };
        waiting.set(id, { want: new Set(live), done });
        post({ t: 'flush', id, from: role.index });
      });
    },
    close() {
      post({ t: 'down', from: role.index });
      for (const w of [...waiting.values()]) w.done();
      ch.close();
    },
  };
}

/**
 * Whether a listen or bind failed because this platform has no SO_REUSEPORT for it (Node's `reusePort` works on
 * Linux and a few BSDs; elsewhere, macOS and Windows among them, it raises ENOTSUP): the caller then serves from one
 * thread instead of failing the start.
 */
export function reusePortUnsupported(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException)?.code;
  return code === 'ENOTSUP' || code === 'EOPNOTSUPP' || /\b(ENOTSUP|EOPNOTSUPP)\b/.test(String((e as Error)?.message ?? e));
}

/**
 * Listens for the main thread: with SO_REUSEPORT when other threads will share the port. SO_REUSEPORT would also
 * let the port be shared with another server already on it (a second Resellbox, say) without an error, so the port
 * is first bound once without the option: a taken port fails the start as it does with one thread. Where the
 * platform has no SO_REUSEPORT, it listens without it and says so (`shared: false`): one thread serves.
 */
export async function listenMain(app: FastifyInstance, host: string, port: number, reusePort: boolean, listen: (o: FastifyListenOptions) => Promise<string> = (o) => app.listen(o)): Promise<{ address: string; shared: boolean }> {
  if (reusePort && port !== 0) {
    const probe = createServer();
    try {
      await new Promise<void>((resolve, reject) => {
        probe.once('error', reject);
        probe.listen({ host, port }, () => resolve());
      });
    } catch (e) {
      throw new Error(`HTTP port ${host}:${port} is taken (${(e as NodeJS.ErrnoException).code ?? String(e)}): another server is listening there`, { cause: e });
    } finally {
      if (probe.listening) await new Promise<void>((r) => probe.close(() => r()));
    }
  }
  if (!reusePort) return { address: await listen(reusePortListen(host, port, false)), shared: false };
  try {
    return { address: await listen(reusePortListen(host, port, true)), shared: true };
  } catch (e) {
    if (!reusePortUnsupported(e)) throw e;
    return { address: await listen(reusePortListen(host, port, false)), shared: false };
  }
}

/** Fastify's listen options with SO_REUSEPORT (Fastify hands them to net.Server.listen, whose types it does not repeat) */
export function reusePortListen(host: string, port: number, reusePort: boolean): FastifyListenOptions {
  const o: FastifyListenOptions & { reusePort: boolean } = { host, port, reusePort };
  return o;
}

/** tells the threads of `channel` that `thread` is gone (it stopped without saying so) */
export function announceDown(channel: string, thread: number): void {
  const ch = new BroadcastChannel(channel);
  ch.postMessage({ t: 'down', from: thread } satisfies PeerMessage);
  ch.close();
}

export interface HttpThreads {
  /** peer threads serving (the main thread not counted) */
  count: number;
  close(): Promise<void>;
}

/**
 * Starts `count` peer threads serving HTTP on `port` beside the main thread (which must already listen there with
 * reusePort). Resolves when every one listens; rejects, stopping those started, when one fails to.
 */
export async function startHttpThreads(o: { count: number; config: Config; port: number; db: DbOptions; shared: SharedState; channel: string; journalConnect?: (() => MessagePort) | null; log: { error(obj: unknown, msg?: string): void }; startTimeoutMs?: number }): Promise<HttpThreads> {
  const threads: Array<{ worker: Worker; exited: Promise<void> }> = [];
  let closing = false;
  const stopAll = async () => {
    closing = true;
    await Promise.all(
      threads.map(async ({ worker, exited }) => {
        worker.postMessage({ t: 'close' } satisfies ToHttpThread);
        const t = setTimeout(() => void worker.terminate(), 10_000);
        await exited;
        clearTimeout(t);
      }),
    );
  };
  try {
    await Promise.all(
      Array.from({ length: o.count }, (_, i) => {
        const index = i + 1;
        const journal = o.journalConnect?.() ?? undefined;
        const data: HttpThreadData = { config: { ...o.config, port: o.port }, db: o.db, shared: o.shared, thread: { index, channel: o.channel }, journal };
        const worker = new Worker(new URL('./http-thread.ts', import.meta.url), { workerData: data, name: `http-${index}`, transferList: journal ? [journal] : [] });
        const exited = new Promise<void>((r) => worker.once('exit', () => r()));
        threads.push({ worker, exited });
        return new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`HTTP thread ${index} did not start within ${o.startTimeoutMs ?? 120_000} ms`)), o.startTimeoutMs ?? 120_000);
          worker.on('message', (m: FromHttpThread) => {
            if (m.t === 'ready') {
              clearTimeout(timer);
              resolve();
            } else if (m.t === 'failed') {
              clearTimeout(timer);
              reject(new Error(`HTTP thread ${index} failed to start: ${m.error}`));
            }
          });
          worker.on('error', (e) => (clearTimeout(timer), reject(e)));
          worker.on('exit', (code) => {
            clearTimeout(timer);
            reject(new Error(`HTTP thread ${index} stopped (exit code ${code})`));
            if (!closing) {
              // the kernel sends new connections to the threads still listening; the others stop waiting for it
              o.log.error({ thread: index, code }, 'an HTTP thread stopped; the others go on serving');
              announceDown(o.channel, index);
            }
          });
        });
      }),
    );
  } catch (e) {
    await stopAll();
    throw e;
  }
  return { count: o.count, close: stopAll };
}
