// The journal flush across HTTP threads (threadPeers, src/app/http-threads.ts): a flush asked on one thread writes
// what every live thread holds, and does not wait for a thread that stopped. The peers here are BroadcastChannel
// instances in one thread, which talk exactly as threads do; the flush's 5 s give-up timer is faked and never runs,
// so a flush that returns did so because every live peer answered or was announced gone.
import { describe, it, expect, afterEach, vi } from 'vitest';
import { BroadcastChannel } from 'node:worker_threads';
import { threadPeers, announceDown } from '../../src/app/http-threads.ts';

const closers: Array<() => void> = [];
afterEach(() => {
  for (const c of closers.splice(0)) c();
  vi.useRealTimers();
});

const channelName = () => `test-peers-${process.pid}-${Math.random().toString(36).slice(2)}`;
const tick = () => new Promise((r) => setImmediate(r));
async function settle(n = 10) {
  for (let i = 0; i < n; i++) await tick();
}

describe('the journal flush across HTTP threads', () => {
  it('writes this thread’s entries and every live peer’s before it returns', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const channel = channelName();
    const flushed: string[] = [];
    const a = threadPeers({ index: 0, channel }, async () => void flushed.push('main'));
    const b = threadPeers({ index: 1, channel }, async () => {
      await tick();
      flushed.push('peer 1');
    });
    closers.push(a.close, b.close);
    await settle();
    await a.flushAll();
    expect(flushed.sort()).toEqual(['main', 'peer 1']);
  });

  it('stops waiting for a peer that stopped without saying so, once the main thread announces it gone', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const channel = channelName();
    const a = threadPeers({ index: 0, channel }, async () => {});
    closers.push(a.close);
    // a peer that announced itself and then hangs: it never answers a flush
    const hung = new BroadcastChannel(channel);
    closers.push(() => hung.close());
    hung.postMessage({ t: 'up', from: 1, answer: false });
    await settle();
    let done = false;
    const flush = a.flushAll().then(() => (done = true));
    await settle();
    expect(done).toBe(false);
    announceDown(channel, 1);
    await flush;
    expect(done).toBe(true);
    // and later flushes do not wait for it at all
    await a.flushAll();
  });

  it('a peer that closes says so: a flush after that does not wait for it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const channel = channelName();
    const a = threadPeers({ index: 0, channel }, async () => {});
    const b = threadPeers({ index: 1, channel }, async () => {});
    closers.push(a.close);
    await settle();
    b.close();
    await settle();
    await a.flushAll();
  });
});
