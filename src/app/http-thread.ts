// A peer thread serving HTTP (started by src/app/http-threads.ts): the same app as the main thread's, on a database
// connection of its own and the main thread's shared state, listening on the same port (SO_REUSEPORT).
import { parentPort, workerData } from 'node:worker_threads';
import { openStore, shareEpochs } from '../persistence/store.ts';
import { buildApp } from './build-app.ts';
import { reusePortListen, type FromHttpThread, type HttpThreadData, type ToHttpThread } from './http-threads.ts';

const port = parentPort!;
const send = (m: FromHttpThread) => port.postMessage(m);
const data = workerData as HttpThreadData;

try {
  // before any store is opened here: a write on any thread empties every thread's caches
  shareEpochs(data.shared.epochs);
  const store = await openStore(data.db);
  const app = await buildApp(data.config, { store, shared: data.shared, thread: data.thread, journalPort: data.journal });
  await app.http.listen(reusePortListen(data.config.host, data.config.port, true));
  port.on('message', (m: ToHttpThread) => {
    if (m.t !== 'close') return;
    void app
      .close()
      .then(() => store.close())
      .finally(() => {
        send({ t: 'closed' });
        port.close();
      });
  });
  send({ t: 'ready' });
} catch (e) {
  send({ t: 'failed', error: String((e as Error)?.stack ?? e) });
  port.close();
}
