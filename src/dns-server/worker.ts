// One DNS worker thread (started by workers.ts): opens its own ZoneSource through the module the main thread names
// (its own store connection), runs startDnsServer on the shared host:port with SO_REUSEPORT, and answers the main
// thread's requests (refresh, counters, close). Nothing here is shared with the other threads but the port.
import { parentPort, workerData } from 'node:worker_threads';
import type { ZoneSource } from '../core/dns/zone-source.ts';
import { startDnsServer } from './server.ts';
import type { ToMain, ToWorker, WorkerData } from './workers.ts';

const data = workerData as WorkerData;
const port = parentPort!;
const send = (m: ToMain) => port.postMessage(m);
const text = (e: unknown) => String((e as Error)?.stack ?? e);

async function main(): Promise<void> {
  let closeSource: (() => Promise<void>) | undefined;
  let server: Awaited<ReturnType<typeof startDnsServer>>;
  try {
    const mod = (await import(data.source.module)) as Record<string, (options: unknown) => Promise<{ source: ZoneSource; close(): Promise<void> }>>;
    const open = mod[data.source.name];
    if (typeof open !== 'function') throw new Error(`${data.source.module} has no export ${data.source.name}`);
    const opened = await open(data.source.options);
    closeSource = () => opened.close();
    server = await startDnsServer({
      host: data.host,
      port: data.port,
      source: opened.source,
      pollMs: data.pollMs,
      axfrAllow: data.axfrAllow,
      reusePort: true,
      log: { warn: (obj, msg) => send({ t: 'warn', msg: msg ?? 'dns worker', err: text((obj as { err?: unknown })?.err ?? obj) }) },
    });
  } catch (e) {
    await closeSource?.().catch(() => undefined);
    send({ t: 'failed', error: text(e) });
    port.close();
    return;
  }
  send({ t: 'ready', port: server.port, zones: server.zoneCount() });

  port.on('message', (m: ToWorker) => {
    void (async () => {
      switch (m.t) {
        case 'refresh':
          await server.refresh();
          send({ t: 'done', id: m.id, zones: server.zoneCount(), answered: server.answered() });
          return;
        case 'stats':
          send({ t: 'done', id: m.id, zones: server.zoneCount(), answered: server.answered() });
          return;
        case 'close':
          try {
            await server.close();
            await closeSource?.();
          } catch (e) {
            send({ t: 'warn', msg: 'dns worker: closing failed', err: text(e) });
          }
          // nothing is left open: the thread ends once the port is closed
          port.close();
          return;
      }
    })().catch((e) => send({ t: 'warn', msg: `dns worker: ${m.t} failed`, err: text(e) }));
  });
}

void main();
