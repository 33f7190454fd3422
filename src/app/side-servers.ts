// Servers beside HTTP that `serve` starts: the authoritative DNS server (UDP and TCP on DNS_HOST:DNS_PORT).
import type { App } from './build-app.ts';
import { startDnsServer } from '../dns-server/server.ts';
import { storeZoneSource } from '../core/dns/zone-source.ts';

export async function startSideServers(app: App): Promise<{ describe: string[]; close(): Promise<void> }> {
  const dns = await startDnsServer({ host: app.config.dnsHost, port: app.config.dnsPort, source: storeZoneSource(app.store), log: app.services.log });
  const host = dns.host.includes(':') ? `[${dns.host}]` : dns.host;
  return {
    describe: [`Authoritative DNS          ${host}:${dns.port} (UDP and TCP, ${dns.zoneCount()} zones)`],
    close: () => dns.close(),
  };
}
