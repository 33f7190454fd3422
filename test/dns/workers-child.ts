// Run by workers.test.ts as a process of its own: starts the DNS server in two worker threads over a SQLite file,
// asks it until both threads have answered, closes it, and then must end by itself (no process.exit: a thread or
// socket left open would keep the process alive and the test would time out).
//   node test/dns/workers-child.ts <sqlite-file>
import { openStore } from '../../src/persistence/store.ts';
import { SandboxClock } from '../../src/core/clock.ts';
import { runFlow, type Services } from '../../src/core/runner.ts';
import { createAccount } from '../../src/core/accounts/flows/create-account.ts';
import { createZone } from '../../src/core/dns/flows/create-zone.ts';
import { scryptHasher, cryptoRandom } from '../../src/app/security.ts';
import { startDns } from '../../src/app/side-servers.ts';
import type { DnsWorkerServer } from '../../src/dns-server/workers.ts';
import { udp } from './client.ts';

const store = await openStore({ sqliteFile: process.argv[2]! });
const s: Services = { store, clock: new SandboxClock(), hasher: scryptHasher({ cost: 1024 }), random: cryptoRandom, publicUrl: 'http://127.0.0.1' };
const { account } = await runFlow(s, createAccount, { username: 'child', password: 'correct horse battery', email: 'child@example.test', balance: 0 });
await runFlow(s, createZone, { accountId: account.id, name: 'child.test', records: [{ name: '', type: 'A', value: '192.0.2.1' }] });
const { server } = await startDns({ host: '127.0.0.1', port: 0, workers: 2, store, pollMs: 50 });
const dns = server as DnsWorkerServer;
for (let i = 0; i < 20; i++) {
  const rs = await Promise.all(Array.from({ length: 16 }, () => udp(dns.port, { name: 'child.test', type: 'A' })));
  const stats = await dns.stats();
  if (rs.every((r) => r.rcode === 'NOERROR') && stats.length === 2 && stats.every((w) => w.answered.udp > 0)) {
    console.log('answered NOERROR by 2 threads');
    break;
  }
}
await dns.close();
await store.close();
console.log('closed');
