// The process entry: `resellbox <command>`. Wires the CLI to the composition root.
import { CommanderError } from 'commander';
import { buildProgram, describeError, type CommonOptions, type ServeOptions } from '../adapters/cli/program.ts';
import { loadConfig, sqliteFile } from './config.ts';
import { openStore } from '../persistence/store.ts';
import { SandboxClock } from '../core/clock.ts';
import { scryptHasher, cryptoRandom } from './security.ts';
import { buildApp } from './build-app.ts';
import { ensureDemoAccount, DEMO } from './demo.ts';
import { startSideServers } from './side-servers.ts';
import { openCa } from '../ca/authority.ts';
import { startHttpThreads, listenMain, type HttpThreads } from './http-threads.ts';
import { sharedLocation } from '../persistence/location.ts';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';

const out = (l: string) => process.stdout.write(`${l}\n`);

async function serve(o: ServeOptions): Promise<void> {
  const config = loadConfig(process.env, { host: o.host, port: o.port, dnsHost: o.dnsHost, dnsPort: o.dnsPort, dnsWorkers: o.dnsWorkers, httpThreads: o.httpThreads, dataDir: o.dataDir, databaseUrl: o.databaseUrl, demo: o.demo });
  const channel = `resellbox-http-${process.pid}-${randomBytes(6).toString('hex')}`;
  const app = await buildApp(config, { thread: { index: 0, channel } });
  const demo = config.demo ? await ensureDemoAccount(app.services) : { created: false };
  // more threads serving HTTP when the database can be opened from them (docs/adr/0013-http-threads.md)
  let where: Awaited<ReturnType<typeof sharedLocation>> = config.httpThreads > 1 ? await sharedLocation(app.store, config.databaseUrl) : { why: 'HTTP_THREADS=1' };
  let address: string;
  try {
    const listened = await listenMain(app.http, config.host, config.port, 'db' in where);
    address = listened.address;
    if ('db' in where && !listened.shared) where = { why: 'SO_REUSEPORT is not supported on this platform' };
  } catch (e) {
    await app.close();
    throw e;
  }
  // the other HTTP threads and the side servers (DNS) start together: both mostly wait for their threads to load
  const started = await Promise.allSettled([
    'db' in where ? startHttpThreads({ count: config.httpThreads - 1, config, port: (app.http.server.address() as AddressInfo).port, db: where.db, shared: app.shared, channel, journalConnect: app.journalConnect, log: app.http.log }) : Promise.resolve(null),
    startSideServers(app),
  ]);
  if (started[0].status === 'rejected' || started[1].status === 'rejected') {
    if (started[0].status === 'fulfilled') await started[0].value?.close();
    if (started[1].status === 'fulfilled') await started[1].value.close();
    await app.close();
    throw started[0].status === 'rejected' ? started[0].reason : (started[1] as PromiseRejectedResult).reason;
  }
  const peers: HttpThreads | null = started[0].value;
  const side = started[1].value;
  // one write: a reader of the pipe sees the whole banner at once
  const banner: string[] = [];
  banner.push(`Resellbox is serving on ${address} (database: ${app.store.dialect === 'sqlite' ? sqliteFile(config) : 'PostgreSQL'})`);
  banner.push(`  Openprovider REST v1beta   ${address}/v1beta/…   (POST /v1beta/auth/login)`);
  banner.push(`  MrDomain Simple-POST       ${address}/<module>/<action>/`);
  banner.push(`  SSL247 API v3              ${address}/api/v3/…`);
  banner.push(`  Sandbox control            ${address}/_sandbox/…   (health, clock, outbox, requests)`);
  banner.push(`  HTTP threads               ${peers ? `${peers.count + 1} (sharing the port)` : `1 (${'why' in where ? where.why : ''})`}`);
  for (const line of side.describe) banner.push(`  ${line}`);
  banner.push(`  Request journal            ${app.journalMode}`);
  if (demo.created) {
    banner.push(`Demo account ${demo.accountId} created:`);
    banner.push(`  username ${DEMO.username}  password ${DEMO.password}  (Openprovider login, MrDomain apiuser/apipasswd)`);
    banner.push(`  SSL247   u=${DEMO.email}  p=${DEMO.password}  k=${demo.apiKey}`);
  }
  out(banner.join('\n'));
  const stop = async () => {
    await side.close();
    await peers?.close();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

async function withServices<T>(o: CommonOptions, fn: Parameters<Parameters<typeof buildProgram>[0]['withServices']>[1]): Promise<T> {
  const config = loadConfig(process.env, { dataDir: o.dataDir, databaseUrl: o.databaseUrl });
  const store = await openStore({ databaseUrl: config.databaseUrl, sqliteFile: sqliteFile(config), poolSize: 2 });
  try {
    const clock = new SandboxClock((await store.read((uow) => uow.clock.load())) ?? undefined);
    // the CA is created on first use (here or by the server) and kept in the database
    const ca = await openCa({ store, clock, publicUrl: config.publicUrl, prefill: false });
    try {
      return (await fn({ store, clock, hasher: scryptHasher(), random: cryptoRandom, publicUrl: config.publicUrl, ca }, clock)) as T;
    } finally {
      await ca.close();
    }
  } finally {
    await store.close();
  }
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram({ withServices, serve, out });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) process.exit(e.exitCode);
    process.stderr.write(`${describeError(e)}\n`);
    process.exit(1);
  }
}
