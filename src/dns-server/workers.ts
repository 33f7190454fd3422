// The authoritative DNS server in N worker threads (docs/adr/0007-dns-server.md): each thread opens its own
// ZoneSource (its own store connection, index, response cache and change-log polling) and binds its own UDP and TCP
// sockets on the same host:port with SO_REUSEPORT, so the kernel spreads the queries over the threads. With port 0
// the main thread picks a free port without SO_REUSEPORT and every thread binds that number. The main thread keeps
// the DnsServer interface.
//
// The threads cannot be handed the main thread's store: each one imports `source.module` and calls its export
// `source.name` with `source.options` (structured-cloneable), which returns the thread's ZoneSource and how to
// close it. The composition root names that module (src/app/side-servers.ts), so this folder imports no persistence.
import { Worker } from 'node:worker_threads';
import { bindBoth, type DnsCounters, type DnsServer } from './server.ts';

export interface WorkerSourceSpec {
  /** URL (file:) of the module that opens a ZoneSource inside a worker thread */
  module: string;
  /** its export: `(options) => Promise<{ source: ZoneSource; close(): Promise<void> }>` */
  name: string;
  options: unknown;
}

export interface DnsWorkersOptions {
  host: string;
  /** 0 = an ephemeral port, chosen once for all threads */
  port: number;
  /** how many threads (at least 1) */
  workers: number;
  source: WorkerSourceSpec;
  pollMs?: number;
  axfrAllow?: string[];
  log?: { warn(obj: unknown, msg?: string): void; error?(obj: unknown, msg?: string): void };
  /** how long one thread may take to load its snapshot and bind; default 120 s (10,000 zones load in seconds) */
  startTimeoutMs?: number;
}

export interface WorkerStats {
  zones: number;
  answered: DnsCounters;
}

export interface DnsWorkerServer extends DnsServer {
  workers: number;
  /** zones and queries answered, per live thread */
  stats(): Promise<WorkerStats[]>;
}

/** messages between the threads (worker.ts) */
export interface WorkerData {
  host: string;
  port: number;
  pollMs?: number;
  axfrAllow?: string[];
  source: WorkerSourceSpec;
}
export type ToWorker = { t: 'refresh'; id: number } | { t: 'stats'; id: number } | { t: 'close' };
export type ToMain =
  | { t: 'ready'; port: number; zones: number }
  | { t: 'failed'; error: string }
  | { t: 'done'; id: number; zones: number; answered: DnsCounters }
  | { t: 'warn'; msg: string; err: string };

const WORKER_URL = new URL('./worker.ts', import.meta.url);

interface Thread {
  n: number;
  worker: Worker;
  zones: number;
  alive: boolean;
  ready: boolean;
  pending: Map<number, (r: WorkerStats | null) => void>;
  exited: Promise<void>;
}

export async function startDnsWorkers(o: DnsWorkersOptions): Promise<DnsWorkerServer> {
  if (!Number.isInteger(o.workers) || o.workers < 1) throw new Error(`DNS workers: ${o.workers} is not a number of threads`);
  const threads: Thread[] = [];
  let closing = false;
  let nextId = 1;

  const spawn = (n: number, port: number): Promise<{ thread: Thread; port: number }> =>
    new Promise((resolve, reject) => {
      const data: WorkerData = { host: o.host, port, pollMs: o.pollMs, axfrAllow: o.axfrAllow, source: o.source };
      const worker = new Worker(WORKER_URL, { workerData: data, name: `dns-${n}` });
      let started = false;
      let exit!: () => void;
      const thread: Thread = { n, worker, zones: 0, alive: true, ready: false, pending: new Map(), exited: new Promise((r) => (exit = r)) };
      threads.push(thread);
      const fail = (why: string) => {
        if (started) return;
        started = true;
        clearTimeout(timer);
        reject(new Error(`DNS worker thread ${n} failed to start on ${o.host}:${port}: ${why}`));
      };
      const timer = setTimeout(() => fail(`not ready within ${o.startTimeoutMs ?? 120_000} ms`), o.startTimeoutMs ?? 120_000);
      worker.on('message', (m: ToMain) => {
        switch (m.t) {
          case 'ready':
            thread.zones = m.zones;
            thread.ready = true;
            started = true;
            clearTimeout(timer);
            resolve({ thread, port: m.port });
            return;
          case 'failed':
            fail(m.error);
            return;
          case 'done': {
            thread.zones = m.zones;
            const settle = thread.pending.get(m.id);
            thread.pending.delete(m.id);
            settle?.({ zones: m.zones, answered: m.answered });
            return;
          }
          case 'warn':
            o.log?.warn({ err: m.err, worker: n }, m.msg);
            return;
        }
      });
      worker.on('error', (e) => {
        if (!started) return fail(String(e?.stack ?? e));
        (o.log?.error ?? o.log?.warn)?.call(o.log, { err: e, worker: n }, `dns: worker thread ${n} failed`);
      });
      worker.on('exit', (code) => {
        thread.alive = false;
        for (const settle of thread.pending.values()) settle(null);
        thread.pending.clear();
        exit();
        if (!started) return fail(`the thread exited (code ${code})`);
        if (!closing) (o.log?.error ?? o.log?.warn)?.call(o.log, { worker: n, code }, `dns: worker thread ${n} stopped (exit code ${code}); the other threads keep serving the port`);
      });
    });

  const ask = (t: 'refresh' | 'stats'): Promise<WorkerStats[]> =>
    Promise.all(
      threads
        .filter((th) => th.alive)
        .map(
          (th) =>
            new Promise<WorkerStats | null>((resolve) => {
              const id = nextId++;
              th.pending.set(id, resolve);
              th.worker.postMessage({ t, id } satisfies ToWorker);
            }),
        ),
    ).then((rs) => rs.filter((r): r is WorkerStats => r !== null));

  const stopAll = async () => {
    closing = true;
    await Promise.all(
      threads.map(async (th) => {
        if (!th.alive) return;
        if (!th.ready) return void (await th.worker.terminate());
        th.worker.postMessage({ t: 'close' } satisfies ToWorker);
        // a thread that does not end by itself (a handle left open) is stopped
        const t = setTimeout(() => void th.worker.terminate(), 10_000);
        await th.exited;
        clearTimeout(t);
      }),
    );
  };

  // SO_REUSEPORT would let the threads share the port with another server already on it (a second Resellbox, say)
  // without an error: bind it once without the option first, so a taken port fails the start as EADDRINUSE. Port 0
  // is chosen the same way: Linux may hand a SO_REUSEPORT socket asking for port 0 a port that another process's
  // SO_REUSEPORT socket (same user) already holds, and the two servers would then split each other's queries.
  const wanted = o.port === 0 ? await probe(o.host, 0) : (await assertPortFree(o.host, o.port), o.port);

  let port: number;
  try {
    // every thread binds that number
    port = (await spawn(1, wanted)).port;
    await Promise.all(Array.from({ length: o.workers - 1 }, (_, i) => spawn(i + 2, port)));
  } catch (e) {
    await stopAll();
    throw e;
  }

  return {
    host: o.host,
    port,
    workers: o.workers,
    zoneCount: () => threads.find((th) => th.alive)?.zones ?? 0,
    refresh: async () => void (await ask('refresh')),
    stats: () => ask('stats'),
    close: stopAll,
  };
}

/** binds host:port for UDP and for TCP without SO_REUSEPORT, and lets go: throws when either is taken */
async function assertPortFree(host: string, port: number): Promise<void> {
  try {
    await probe(host, port);
  } catch (e) {
    throw new Error(`DNS port ${host}:${port} is taken (${(e as NodeJS.ErrnoException).code ?? String(e)}): another DNS server is listening there`, { cause: e });
  }
}

/** binds UDP on host:port (0 = the kernel chooses) and TCP on the same number, without SO_REUSEPORT, and lets go */
async function probe(host: string, port: number): Promise<number> {
  const bound = await bindBoth(host, port, false);
  await Promise.all([new Promise<void>((r) => bound.udp.close(() => r())), new Promise<void>((r) => bound.tcp.close(() => r()))]);
  return bound.port;
}
