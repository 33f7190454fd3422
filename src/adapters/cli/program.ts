// The `resellbox` command line: every command calls core flows. The composition root (app/cli-main.ts) gives it
// the ways to open services and to serve.
import { Command, InvalidArgumentError } from 'commander';
import type { Services } from '../../core/runner.ts';
import type { SandboxClock } from '../../core/clock.ts';
import { runFlow, runQuery } from '../../core/runner.ts';
import { isDomainError } from '../../core/errors.ts';
import { createAccount } from '../../core/accounts/flows/create-account.ts';
import { listAccounts } from '../../core/accounts/flows/list-accounts.ts';
import { changeClock } from '../../core/sandbox/flows/change-clock.ts';
import { fromMinor } from '../../core/billing/model.ts';
import { isCidr } from '../../core/auth/ip.ts';

export interface CommonOptions {
  dataDir?: string;
  databaseUrl?: string;
}

export interface ServeOptions extends CommonOptions {
  host?: string;
  port?: number;
  dnsHost?: string;
  dnsPort?: number;
  dnsWorkers?: number;
  httpThreads?: number;
  demo: boolean;
}

export interface CliDeps {
  withServices<T>(o: CommonOptions, fn: (s: Services, clock: SandboxClock) => Promise<T>): Promise<T>;
  serve(o: ServeOptions): Promise<void>;
  out: (line: string) => void;
}

const port = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('not a port number');
  return n;
};
/** a number of threads from `min` to 64 */
const threadsFrom = (min: number) => (v: string) => {
  const n = Number(v.trim());
  if (!v.trim() || !Number.isInteger(n) || n < min || n > 64) throw new InvalidArgumentError(`not a number of threads (${min} to 64)`);
  return n;
};
const threads = threadsFrom(0);
const httpThreads = threadsFrom(1);
const amount = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('not a non-negative amount');
  return n;
};
const cidr = (v: string, prev: string[] = []) => {
  if (!isCidr(v)) throw new InvalidArgumentError('not an IP address or CIDR');
  return [...prev, v];
};

function common(c: Command): Command {
  return c.option('--data-dir <dir>', 'where the embedded database lives (env DATA_DIR)', process.env.DATA_DIR).option('--database-url <url>', 'postgres://… to use PostgreSQL (env DATABASE_URL)', process.env.DATABASE_URL);
}

export function buildProgram(deps: CliDeps): Command {
  const program = new Command('resellbox').description('Resellbox: Openprovider, MrDomain and SSL247 APIs over one sandbox core').showHelpAfterError().exitOverride().enablePositionalOptions();

  common(program.command('serve').description('serve every API, the sandbox API and DNS (what `npm start` runs)'))
    .option('--host <host>', 'HTTP address (env HOST, default 127.0.0.1)')
    .option('--port <port>', 'HTTP port (env PORT, default 8080)', port)
    .option('--dns-host <host>', 'DNS address (env DNS_HOST, default 127.0.0.1)')
    .option('--dns-port <port>', 'DNS port (env DNS_PORT, default 5353)', port)
    .option('--dns-workers <n>', 'DNS worker threads sharing the port; 0 = in the HTTP process (env DNS_WORKERS, default 2)', threads)
    .option('--http-threads <n>', 'threads serving HTTP on the port, the main one included; 1 = the main thread only (env HTTP_THREADS, default 2)', httpThreads)
    .option('--no-demo', 'do not create the demo account on an empty database')
    .action((o: ServeOptions) => deps.serve(o));

  const account = program.command('account').description('reseller accounts');
  common(account.command('create <username>').description('create a reseller account and its first user'))
    .requiredOption('--password <pw>', 'the first user’s password (at least 8 characters)')
    .option('--email <email>', 'the first user’s email (SSL247 logs in with it; default <username>@resellbox.test)')
    .option('--balance <amount>', 'opening balance', amount, 0)
    .option('--currency <code>', 'EUR, USD or GBP', 'EUR')
    .option('--allow-ip <cidr>', 'allow API calls only from this address or range (repeatable)', cidr, [])
    .action((username: string, o: CommonOptions & { password: string; email?: string; balance: number; currency: string; allowIp: string[] }) =>
      deps.withServices(o, async (s) => {
        const { account: a, user } = await runFlow(s, createAccount, { username, password: o.password, email: o.email, balance: o.balance, currency: o.currency, allowIps: o.allowIp });
        deps.out(`account ${a.id} (${a.code}) created for ${user.username}`);
        deps.out(`  Openprovider: POST /v1beta/auth/login {"username":"${user.username}","password":"…"}`);
        deps.out(`  MrDomain:     apiuser=${user.username} apipasswd=…`);
        deps.out(`  SSL247:       u=${user.email} p=… k=${a.apiKey}`);
        deps.out(`  balance:      ${o.balance.toFixed(2)} ${a.currency}`);
      }),
    );
  common(account.command('list').description('list the reseller accounts')).action((o: CommonOptions) =>
    deps.withServices(o, async (s) => {
      const rows = await runQuery(s, listAccounts, {});
      if (!rows.length) deps.out('no accounts');
      for (const r of rows) deps.out(`${r.account.id}\t${r.account.code}\t${r.account.name}\t${fromMinor(r.balanceMinor).toFixed(2)} ${r.account.currency}\t${r.users} user(s)\t${r.account.status}`);
    }),
  );

  const clock = common(program.command('clock').description('show the sandbox clock; `clock advance 5d` moves it').enablePositionalOptions()).action((o: CommonOptions) =>
    deps.withServices(o, async (_s, c) => deps.out(`${c.now().toISOString()}${c.getState().frozenAt ? ' (frozen)' : ''}`)),
  );
  common(clock.command('advance <duration>').description('move the clock forward, e.g. 5d, 36h, 90m')).action((duration: string, o: CommonOptions) =>
    deps.withServices(o, async (s, c) => {
      await runFlow(s, changeClock, { clock: c, change: { advance: duration } });
      deps.out(c.now().toISOString());
    }),
  );
  common(clock.command('set <instant>').description('set the clock, e.g. 2027-01-01T00:00:00Z')).action((at: string, o: CommonOptions) =>
    deps.withServices(o, async (s, c) => {
      await runFlow(s, changeClock, { clock: c, change: { set: at } });
      deps.out(c.now().toISOString());
    }),
  );
  const caCmd = program.command('ca').description('the built-in certificate authority');
  common(caCmd.command('root').description('print the root certificate (PEM) that clients trust')).action((o: CommonOptions) =>
    deps.withServices(o, async (s) => {
      const pem = s.ca ? s.ca.rootPem() : (await s.store.read((uow) => uow.ca.load()))?.rootCertPem;
      if (!pem) throw new Error('no CA yet: it is created when the server first starts (`resellbox serve`)');
      deps.out(pem.trimEnd());
    }),
  );
  return program;
}

export function describeError(e: unknown): string {
  if (isDomainError(e)) return `error: ${e.publicMessage}${e.code === 'internal' ? '' : ` (${e.code})`}`;
  return `error: ${(e as Error)?.message ?? String(e)}`;
}
