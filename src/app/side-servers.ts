// Servers beside HTTP that `serve` starts: the authoritative DNS server (UDP and TCP on DNS_HOST:DNS_PORT), in
// DNS_WORKERS worker threads sharing the port (SO_REUSEPORT), or in this thread (docs/adr/0007-dns-server.md).
import type { App } from './build-app.ts';
import { startDnsServer, type DnsServer } from '../dns-server/server.ts';
import { startDnsWorkers } from '../dns-server/workers.ts';
import { storeZoneSource, type ZoneSource } from '../core/dns/zone-source.ts';
import { openStore, type OpenedStore } from '../persistence/store.ts';
import type { DbOptions } from '../persistence/db.ts';
import { sharedLocation } from '../persistence/location.ts';
import { reusePortUnsupported } from './http-threads.ts';

export interface DnsStartOptions {
  host: string;
  port: number;
  /** worker threads wanted (Config.dnsWorkers); 0 = this thread */
  workers: number;
  /** the store the app runs on: served from directly in-process, and told apart (file, schema) for the threads */
  store: OpenedStore;
  /** the PostgreSQL URL the store was opened with (the threads open their own pool on it) */
  databaseUrl?: string;
  pollMs?: number;
  log?: { warn(obj: unknown, msg?: string): void; error?(obj: unknown, msg?: string): void };
}

export interface StartedDns {
  server: DnsServer;
  /** worker threads serving (0 = in-process) */
  workers: number;
  /** for the banner: "2 worker threads", "in-process", "in-process: in-memory database" */
  mode: string;
}

/** runs inside each DNS worker thread (named by startDns): the thread's own store connection and ZoneSource */
export async function openWorkerZoneSource(db: DbOptions): Promise<{ source: ZoneSource; close(): Promise<void> }> {
  const store = await openStore({ ...db, poolSize: 2 });
  return { source: storeZoneSource(store), close: () => store.close() };
}

/** the DNS server as the product runs it (serve, and the benchmark): worker threads when the database can be shared */
export async function startDns(o: DnsStartOptions): Promise<StartedDns> {
  const inProcess = async (mode: string): Promise<StartedDns> => ({
    server: await startDnsServer({ host: o.host, port: o.port, source: storeZoneSource(o.store), pollMs: o.pollMs, log: o.log }),
    workers: 0,
    mode,
  });
  if (o.workers <= 0) return inProcess('in-process');
  const where = await sharedLocation(o.store, o.databaseUrl);
  if ('why' in where) return inProcess(`in-process: ${where.why}`);
  let server: DnsServer;
  try {
    server = await startDnsWorkers({
      host: o.host,
      port: o.port,
      workers: o.workers,
      pollMs: o.pollMs,
      log: o.log,
      source: { module: import.meta.url, name: 'openWorkerZoneSource', options: where.db },
    });
  } catch (e) {
    // threads share the port with SO_REUSEPORT, which some platforms (macOS, Windows) do not offer: serve in-process
    if (reusePortUnsupported(e)) return inProcess('in-process: SO_REUSEPORT is not supported on this platform');
    throw e;
  }
  return { server, workers: o.workers, mode: `${o.workers} worker thread${o.workers === 1 ? '' : 's'}` };
}

export async function startSideServers(app: App): Promise<{ describe: string[]; close(): Promise<void> }> {
  const { server: dns, mode } = await startDns({ host: app.config.dnsHost, port: app.config.dnsPort, workers: app.config.dnsWorkers, store: app.store, databaseUrl: app.config.databaseUrl, log: app.services.log });
  const host = dns.host.includes(':') ? `[${dns.host}]` : dns.host;
  return {
    describe: [`Authoritative DNS          ${host}:${dns.port} (UDP and TCP, ${dns.zoneCount()} zones, ${mode})`],
    close: () => dns.close(),
  };
}
