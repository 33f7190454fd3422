// Starts Resellbox's DNS server alone over an existing SQLite database (for the benchmark).
// node bench/dns/serve.ts <sqlite-file> <port> [workers]  — workers > 1: that many processes on one port (SO_REUSEPORT).
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../src/persistence/store.ts';
import { storeZoneSource } from '../../src/core/dns/zone-source.ts';
import { startDnsServer } from '../../src/dns-server/server.ts';

const [file, portText, workersText] = process.argv.slice(2);
const port = Number(portText);
const workers = Number(workersText ?? 1);

if (workers > 1) {
  const children = Array.from({ length: workers }, () => fork(fileURLToPath(import.meta.url), [file!, String(port), '1', 'reuse'], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] }));
  let ready = 0;
  for (const c of children) c.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('ready') && ++ready === workers) console.log(`ready ${workers} workers`); });
  const stop = () => { for (const c of children) c.kill('SIGTERM'); process.exit(0); };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  const store = await openStore({ sqliteFile: file! });
  const server = await startDnsServer({ host: '127.0.0.1', port, source: storeZoneSource(store), reusePort: process.argv[5] === 'reuse' });
  console.log(`ready ${server.zoneCount()} zones on ${server.port}`);
  const stop = async () => { await server.close(); await store.close(); process.exit(0); };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}
