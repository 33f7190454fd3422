// The journal writer thread (started by src/app/journal.ts when the database can be opened from another thread):
// its own store connection, one transaction per batch the main thread hands over, secrets masked here. Writing the
// journal here keeps the masking, the insert and the disk waits of SQLite's checkpoints off the thread that answers
// API calls (docs/adr/0012-hot-path.md).
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../persistence/store.ts';
import type { DbOptions } from '../persistence/db.ts';
import { entriesOf, type JournalBatch } from './journal.ts';

export type ToJournalThread = { t: 'add'; id: number; batch: JournalBatch } | { t: 'close' };
export type FromJournalThread = { t: 'ready' } | { t: 'failed'; error: string } | { t: 'done'; id: number; error?: string };

const port = parentPort!;
const send = (m: FromJournalThread) => port.postMessage(m);
const text = (e: unknown) => String((e as Error)?.stack ?? e);

try {
  const store = await openStore({ ...(workerData as DbOptions), poolSize: 1 });
  send({ t: 'ready' });
  // one batch at a time, in the order handed over
  let queue = Promise.resolve();
  port.on('message', (m: ToJournalThread) => {
    if (m.t === 'add') {
      queue = queue.then(() =>
        store.transaction((uow) => uow.journal.add(...entriesOf(m.batch))).then(
          () => send({ t: 'done', id: m.id }),
          (e: unknown) => send({ t: 'done', id: m.id, error: text(e) }),
        ),
      );
    } else {
      void queue.then(() => store.close()).finally(() => port.close());
    }
  });
} catch (e) {
  send({ t: 'failed', error: text(e) });
  port.close();
}
