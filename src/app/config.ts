// Configuration, from the environment and CLI flags (flags win). Documented in the README.
import { resolve, join } from 'node:path';
import { availableParallelism } from 'node:os';

export interface Config {
  host: string;
  port: number;
  dnsHost: string;
  dnsPort: number;
  /** DNS worker threads sharing the port (SO_REUSEPORT); 0 = the DNS server runs in the HTTP process's own thread.
   *  An in-memory database cannot be shared across threads: then the server runs in-process whatever this says. */
  dnsWorkers: number;
  /** threads serving HTTP on the same port (SO_REUSEPORT), the main one included; 1 = the main thread only. An
   *  in-memory database cannot be shared across threads: then HTTP is served by the main thread whatever this says. */
  httpThreads: number;
  dataDir: string;
  /** postgres://… selects PostgreSQL; absent = SQLite in dataDir */
  databaseUrl?: string;
  /** base URL used in links (verification mails, approvals); default http://host:port */
  publicUrl: string;
  smtpUrl?: string;
  /** how long the request journal keeps entries, like "7d" */
  journalRetention: string;
  journalEnabled: boolean;
  /** write the journal from a thread of its own (when the database can be opened from another thread); JOURNAL_THREAD=off keeps it in-process */
  journalThread: boolean;
  logLevel: string;
  /** largest accepted request body, bytes */
  bodyLimit: number;
  demo: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, flags: Partial<Config> = {}): Config {
  const host = flags.host ?? env.HOST ?? '127.0.0.1';
  const port = flags.port ?? Number(env.PORT ?? 8080);
  const dataDir = resolve(flags.dataDir ?? env.DATA_DIR ?? './data');
  const hostForUrl = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    host,
    port,
    dnsHost: flags.dnsHost ?? env.DNS_HOST ?? '127.0.0.1',
    dnsPort: flags.dnsPort ?? Number(env.DNS_PORT ?? 5353),
    dnsWorkers: flags.dnsWorkers ?? (env.DNS_WORKERS ? parseDnsWorkers(env.DNS_WORKERS) : defaultDnsWorkers()),
    httpThreads: flags.httpThreads ?? (env.HTTP_THREADS ? parseHttpThreads(env.HTTP_THREADS) : defaultHttpThreads()),
    dataDir,
    databaseUrl: flags.databaseUrl ?? (env.DATABASE_URL || undefined),
    publicUrl: (flags.publicUrl ?? env.PUBLIC_URL ?? `http://${hostForUrl}:${port}`).replace(/\/+$/, ''),
    smtpUrl: flags.smtpUrl ?? (env.SMTP_URL || undefined),
    journalRetention: flags.journalRetention ?? env.JOURNAL_RETENTION ?? '7d',
    journalEnabled: flags.journalEnabled ?? env.JOURNAL !== 'off',
    journalThread: flags.journalThread ?? env.JOURNAL_THREAD !== 'off',
    logLevel: flags.logLevel ?? env.LOG_LEVEL ?? 'warn',
    bodyLimit: flags.bodyLimit ?? Number(env.BODY_LIMIT ?? 1024 * 1024),
    demo: flags.demo ?? env.DEMO !== 'off',
  };
}

/** the default for DNS_WORKERS and HTTP_THREADS: one thread per core, at most two (the benchmarks' machine has two) */
export function defaultThreads(): number {
  return Math.min(2, availableParallelism());
}
export const defaultDnsWorkers = defaultThreads;
export const defaultHttpThreads = defaultThreads;

export const MAX_THREADS = 64;

/** a count of threads from the environment: a whole number from `min` to MAX_THREADS, or a clear error */
function parseThreads(name: string, v: string, min: number, meaning: string): number {
  const n = Number(v.trim());
  if (!v.trim() || !Number.isInteger(n) || n < min || n > MAX_THREADS) throw new Error(`${name} must be a whole number from ${min} to ${MAX_THREADS} (${meaning}), not "${v}"`);
  return n;
}

/** DNS_WORKERS / --dns-workers: a whole number from 0 (in-process) to 64 */
export const parseDnsWorkers = (v: string) => parseThreads('DNS_WORKERS', v, 0, '0 = in-process');

/** HTTP_THREADS / --http-threads: a whole number from 1 (the main thread only) to 64 */
export const parseHttpThreads = (v: string) => parseThreads('HTTP_THREADS', v, 1, '1 = the main thread only');

export function sqliteFile(c: Config): string {
  return join(c.dataDir, 'resellbox.sqlite');
}
