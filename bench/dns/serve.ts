// Starts Resellbox's DNS server alone over an existing SQLite database (for the benchmark), through the function
// `serve` uses (startDns, src/app/side-servers.ts): workers 0 = in the process's own thread, N = N worker threads
// on one port (SO_REUSEPORT), exactly as `npm start` runs it with DNS_WORKERS=N.
// node bench/dns/serve.ts <sqlite-file> <port> <workers>
import { openStore } from '../../src/persistence/store.ts';
import { startDns } from '../../src/app/side-servers.ts';

const [file, portText, workersText] = process.argv.slice(2);
const store = await openStore({ sqliteFile: file! });
const { server, mode } = await startDns({ host: '127.0.0.1', port: Number(portText), workers: Number(workersText ?? 0), store });
console.log(`ready ${server.zoneCount()} zones on ${server.port} (${mode})`);
const stop = async () => {
  await server.close();
  await store.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
