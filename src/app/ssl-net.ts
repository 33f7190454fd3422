// The SSL core's DCV ports over the real network:
//  - DnsLookup over node:dns `Resolver` pointed at one configurable server (default: our own DNS server at
//    DNS_HOST:DNS_PORT, so a record created through Resellbox's DNS API validates an order);
//  - HttpFetch over node:http/https, with the hostname resolved through the same kind of resolver (A record);
//    Host header and TLS SNI stay the hostname. Redirects are not followed (CAs follow a few; the sandbox keeps it
//    simple); bodies are cut at 64 KiB; every request times out after 5 s.
// Environment: SSL_DCV_DNS=host:port overrides the DNS server; SSL_DCV_HTTP_RESOLVER=host:port the resolver of
// HTTP file checks (default: the DCV DNS server; "system" = the operating system's resolver); SSL_DCV_HTTP_PORT /
// SSL_DCV_HTTPS_PORT send file checks to another port than 80 / 443 (a local web server in a sandbox).
import { Resolver } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { DnsLookup, HttpFetch } from '../core/ssl/ports.ts';
import { dnsQuery } from './dns-query.ts';

export function parseServer(text: string | undefined, fallback: { host: string; port: number }): { host: string; port: number } {
  if (!text) return fallback;
  const m = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(text.trim());
  return m ? { host: m[1], port: m[2] ? Number(m[2]) : 53 } : fallback;
}

function resolverAt(server: { host: string; port: number }): Resolver {
  const r = new Resolver({ timeout: 2000, tries: 2 });
  r.setServers([server.host.includes(':') ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`]);
  return r;
}

const none = (e: unknown): string[] => {
  const code = (e as { code?: string }).code;
  if (code === 'ENODATA' || code === 'ENOTFOUND' || code === 'NXDOMAIN') return [];
  throw e;
};

export function dnsLookup(server: { host: string; port: number }): DnsLookup {
  const r = resolverAt(server);
  return {
    txt: (name) => r.resolveTxt(name).then((rows) => rows.map((parts) => parts.join('')), none),
    cname: (name) => r.resolveCname(name).catch(none),
    query: dnsQuery(server),
  };
}

export function httpFetch(resolver: { host: string; port: number } | 'system', ports: { http?: number; https?: number } = {}): HttpFetch {
  const r = resolver === 'system' ? null : resolverAt(resolver);
  // the hostname is resolved through our resolver; Host header and TLS SNI stay the hostname's
  const lookup: LookupFunction | undefined = r
    ? (hostname, options, cb) => {
      r.resolve4(hostname).then(
        (ips) => (ips.length ? ((options as { all?: boolean }).all ? cb(null, ips.map((address) => ({ address, family: 4 }))) : cb(null, ips[0], 4)) : cb(Object.assign(new Error(`${hostname} has no A record`), { code: 'ENOTFOUND' }), '', 4)),
        (e) => cb(e, '', 4),
      );
    }
    : undefined;
  return {
    get(url) {
      const u = new URL(url);
      const secure = u.protocol === 'https:';
      const port = u.port ? Number(u.port) : ((secure ? ports.https : ports.http) ?? (secure ? 443 : 80));
      return new Promise((resolve, reject) => {
        const req = (secure ? httpsRequest : httpRequest)({ hostname: u.hostname, port, path: `${u.pathname}${u.search}`, method: 'GET', lookup, headers: { host: u.host, 'user-agent': 'Resellbox-DCV/1' }, timeout: 5000, rejectUnauthorized: false }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => {
            if (body.length < 65536) body += c;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: body.slice(0, 65536) }));
          res.on('error', reject);
        });
        req.on('timeout', () => req.destroy(new Error(`${url}: timed out`)));
        req.on('error', reject);
        req.end();
      });
    },
  };
}

/** the DCV ports as configured: DNS at SSL_DCV_DNS or our own DNS server; HTTP through SSL_DCV_HTTP_RESOLVER or the same */
export function sslNet(env: NodeJS.ProcessEnv, dnsServer: { host: string; port: number }): { dns: DnsLookup; http: HttpFetch } {
  const dns = parseServer(env.SSL_DCV_DNS, dnsServer);
  const httpResolver = env.SSL_DCV_HTTP_RESOLVER === 'system' ? 'system' : parseServer(env.SSL_DCV_HTTP_RESOLVER, dns);
  const port = (v: string | undefined) => (v && Number.isInteger(Number(v)) ? Number(v) : undefined);
  return { dns: dnsLookup(dns), http: httpFetch(httpResolver, { http: port(env.SSL_DCV_HTTP_PORT), https: port(env.SSL_DCV_HTTPS_PORT) }) };
}
