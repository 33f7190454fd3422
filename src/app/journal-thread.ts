// The journal writer thread (started by src/app/journal.ts when the database can be opened from another thread):
// its own store connection, one transaction per batch the main thread hands over, secrets masked here. Writing the
// journal here keeps the masking, the insert and the disk waits of SQLite's checkpoints off the thread that answers
// API calls (docs/adr/0012-hot-path.md).
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { openStore } from '../persistence/store.ts';
import type { DbOptions } from '../persistence/db.ts';
import { entriesOf, type JournalBatch } from './journal.ts';

export type ToJournalThread = { t: 'add'; id: number; batch: JournalBatch } | { t: 'close' } | { t: 'attach'; port: MessagePort };
export type FromJournalThread = { t: 'ready' } | { t: 'failed'; error: string } | { t: 'done'; id: number; error?: string };

const port = parentPort!;
const text = (e: unknown) => String((e as Error)?.stack ?? e);

try {
  const store = await openStore({ ...(workerData as DbOptions), poolSize: 1 });
  port.postMessage({ t: 'ready' } satisfies FromJournalThread);
  // one batch at a time, in the order handed over, from the main thread and from every attached port (the other
  // threads serving HTTP hand theirs over through a port the main thread made: journal.ts, connect)
  let queue = Promise.resolve();
  const attached = new Set<MessagePort>();
  const add = (from: MessagePort | typeof port, m: { id: number; batch: JournalBatch }) => {
    queue = queue.then(() =>
      store.transaction((uow) => uow.journal.add(...entriesOf(m.batch))).then(
        () => from.postMessage({ t: 'done', id: m.id } satisfies FromJournalThread),
        (e: unknown) => from.postMessage({ t: 'done', id: m.id, error: text(e) } satisfies FromJournalThread),
      ),
    );
  };
  port.on('message', (m: ToJournalThread) => {
    if (m.t === 'add') add(port, m);
    else if (m.t === 'attach') {
      attached.add(m.port);
      m.port.on('message', (a: ToJournalThread) => a.t === 'add' && add(m.port, a));
      m.port.on('close', () => attached.delete(m.port));
    } else {
      void queue
        .then(() => store.close())
        .finally(() => {
          for (const p of attached) p.close();
          port.close();
        });
    }
  });
} catch (e) {
  port.postMessage({ t: 'failed', error: text(e) } satisfies FromJournalThread);
  port.close();
}
