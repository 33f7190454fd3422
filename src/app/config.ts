// Configuration, from the environment and CLI flags (flags win). Documented in the README.
import { resolve, join } from 'node:path';

export interface Config {
  host: string;
  port: number;
  dnsHost: string;
  dnsPort: number;
  dataDir: string;
  /** postgres://… selects PostgreSQL; absent = SQLite in dataDir */
  databaseUrl?: string;
  /** base URL used in links (verification mails, approvals); default http://host:port */
  publicUrl: string;
  smtpUrl?: string;
  /** how long the request journal keeps entries, like "7d" */
  journalRetention: string;
  journalEnabled: boolean;
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
    dataDir,
    databaseUrl: flags.databaseUrl ?? (env.DATABASE_URL || undefined),
    publicUrl: (flags.publicUrl ?? env.PUBLIC_URL ?? `http://${hostForUrl}:${port}`).replace(/\/+$/, ''),
    smtpUrl: flags.smtpUrl ?? (env.SMTP_URL || undefined),
    journalRetention: flags.journalRetention ?? env.JOURNAL_RETENTION ?? '7d',
    journalEnabled: flags.journalEnabled ?? env.JOURNAL !== 'off',
    logLevel: flags.logLevel ?? env.LOG_LEVEL ?? 'warn',
    bodyLimit: flags.bodyLimit ?? Number(env.BODY_LIMIT ?? 1024 * 1024),
    demo: flags.demo ?? env.DEMO !== 'off',
  };
}

export function sqliteFile(c: Config): string {
  return join(c.dataDir, 'resellbox.sqlite');
}
