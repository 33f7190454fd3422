// The composition root: builds the whole product without listening. Tests use it with inject(); main.ts listens.
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { sqliteFile } from './config.ts';
import { openStore, type OpenedStore } from '../persistence/store.ts';
import { SandboxClock, type ClockState } from '../core/clock.ts';
import { AuthCache } from '../core/auth/cache.ts';
import type { Services } from '../core/runner.ts';
import type { PasswordHasher, Random, MailTransport } from '../core/ports.ts';
import { scryptHasher, cryptoRandom } from './security.ts';
import { installJournal, faceOf, storeSink, threadSink, portSink, journalIds, startJournalIds } from './journal.ts';
import type { MessagePort } from 'node:worker_threads';
import { threadPeers, type SharedState, type ThreadRole } from './http-threads.ts';
import { epochsBuffer } from '../persistence/store.ts';
import { sharedLocation } from '../persistence/location.ts';
import { smtpTransport } from './smtp.ts';
import { openproviderPlugin } from '../adapters/openprovider/plugin.ts';
import { mrdomainPlugin } from '../adapters/mrdomain/plugin.ts';
import { ssl247Plugin } from '../adapters/ssl247/plugin.ts';
import { sandboxPlugin } from '../adapters/sandbox/plugin.ts';
import { sslNet } from './ssl-net.ts';
import { scheduleSslLifecycle } from '../jobs/ssl-lifecycle.ts';
import { scheduleDomainLifecycle } from '../jobs/domain-lifecycle.ts';
import { readFileSync } from 'node:fs';
import { buildRegistry, parseRegistryConfig, type Registry } from '../core/registry/registry.ts';
import { openCa } from '../ca/authority.ts';

export interface App {
  http: FastifyInstance;
  services: Services;
  clock: SandboxClock;
  store: OpenedStore;
  config: Config;
  /** every route served, as the golden table lists them */
  routes: RouteLine[];
  /** writes the buffered journal entries now (tests) */
  flushJournal(): Promise<void>;
  /** where journal rows are written: "writer thread", "in-process", or "off" */
  journalMode: string;
  /** what threads serving HTTP beside this one share with it (src/app/http-threads.ts) */
  shared: SharedState;
  /** a port for another HTTP thread's journal into this app's writer thread (portSink); null when there is none */
  journalConnect: (() => MessagePort) | null;
  close(): Promise<void>;
}

export interface BuildOptions {
  /** use this store instead of opening one from the config (tests) */
  store?: OpenedStore;
  hasher?: PasswordHasher;
  random?: Random;
  mail?: MailTransport;
  /** keep the clock's state in step with the database every `clockPollMs` (0 = never) */
  clockPollMs?: number;
  /** SSL domain control validation ports (tests pass fakes) */
  dnsLookup?: Services['dnsLookup'];
  httpFetch?: Services['httpFetch'];
  /** the simulated registry (default: built from REGISTRY_CONFIG) */
  registry?: Registry;
  /** set on a thread serving HTTP beside the main one: the main thread's shared state (clock, cache epochs, journal
   *  ids). Such an app runs no jobs, does not poll the clock and does not prefill the CA's key pool. */
  shared?: SharedState;
  /** this app's place among the threads serving HTTP (a journal flush reaches them all) */
  thread?: ThreadRole;
  /** a peer's way into the main thread's journal writer (App.journalConnect): one writer thread for all */
  journalPort?: MessagePort;
}

export async function buildApp(config: Config, o: BuildOptions = {}): Promise<App> {
  const store = o.store ?? (await openStore({ databaseUrl: config.databaseUrl, sqliteFile: sqliteFile(config) }));
  const clock = o.shared ? SandboxClock.attach(o.shared.clock) : new SandboxClock((await store.read((uow) => uow.clock.load())) ?? undefined);
  const ids = journalIds(o.shared?.journalIds);
  if (!o.shared) startJournalIds(ids, await store.read((uow) => uow.journal.maxId()));
  const shared: SharedState = { clock: clock.buffer, epochs: epochsBuffer(), journalIds: ids.buffer as SharedArrayBuffer };
  // the main thread polls the clock and runs the jobs; a peer HTTP thread does neither
  const pollMs = o.shared ? 0 : (o.clockPollMs ?? 500);
  const http = Fastify({
    logger: { level: config.logLevel, redact: ['req.headers.authorization'] },
    bodyLimit: config.bodyLimit,
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true },
    trustProxy: false,
    return503OnClosing: true,
  });
  const routes: RouteLine[] = [];
  http.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD' && method !== 'OPTIONS') routes.push(routeLine(method, r.url));
  });
  const services: Services = {
    store,
    clock,
    hasher: o.hasher ?? scryptHasher(),
    random: o.random ?? cryptoRandom,
    mail: o.mail ?? (config.smtpUrl ? smtpTransport(config.smtpUrl) : undefined),
    publicUrl: config.publicUrl,
    log: http.log,
    authCache: new AuthCache(store, () => performance.now()),
  };
  // the simulated registry: shipped TLD policies, overridden by the JSON file in REGISTRY_CONFIG (docs/adr/0009-simulated-registry.md)
  (services as Services & { registry: Registry }).registry = o.registry ?? buildRegistry(process.env.REGISTRY_CONFIG ? parseRegistryConfig(readFileSync(process.env.REGISTRY_CONFIG, 'utf8')) : {});
  const net = sslNet(process.env, { host: config.dnsHost, port: config.dnsPort });
  services.dnsLookup = o.dnsLookup ?? net.dns;
  services.httpFetch = o.httpFetch ?? net.http;
  // the built-in CA: created in the database on first start, the same root ever after
  const ca = await openCa({ store, clock, publicUrl: config.publicUrl, prefill: pollMs > 0, log: http.log });
  services.ca = ca;
  // the journal's writes go to a thread of their own when the database can be opened there (file or PostgreSQL URL)
  const where = config.journalEnabled && config.journalThread ? await sharedLocation(store, config.databaseUrl) : null;
  const writer = !o.journalPort && where && 'db' in where ? await threadSink(where.db) : null;
  const sink = o.journalPort && config.journalEnabled ? portSink(o.journalPort) : (writer ?? storeSink(store));
  const journal = config.journalEnabled ? installJournal(http, store, clock, config.journalRetention, sink, ids) : { flush: async () => {}, stop: () => {}, close: async () => {} };
  // a flush for /_sandbox/requests writes what every HTTP thread holds, not only this one's
  const peers = o.thread ? threadPeers(o.thread, journal.flush) : null;
  const flushJournal = peers ? peers.flushAll : journal.flush;
  const face = { services, clock, bodyLimit: config.bodyLimit };

  await http.register(sandboxPlugin, { ...face, prefix: '/_sandbox', journalFlush: flushJournal, thread: o.thread?.index ?? 0 });
  await http.register(openproviderPlugin, { ...face, prefix: '/v1beta' });
  await http.register(ssl247Plugin, { ...face, prefix: '/api/v3' });
  await http.register(mrdomainPlugin, face);

  // another process (the CLI) may move the clock: follow the stored state, unless a thread of this process moved it
  // while the read was under way (the read may be of the state before that move)
  const poll = pollMs > 0 ? setInterval(() => {
    const version = clock.version();
    store.read((uow) => uow.clock.load()).then((s) => s && !sameClockState(s, clock.getState()) && clock.setStateIf(version, s), () => {});
  }, pollMs) : null;
  poll?.unref();
  // the domain lifecycle job (jobs/domain-lifecycle.ts); tests (clockPollMs 0) run it by hand
  const stopDomainJob = pollMs > 0 ? scheduleDomainLifecycle(services, 2000) : null;
  // the SSL lifecycle job (jobs/ssl-lifecycle.ts); tests (clockPollMs 0) run it by hand
  const stopSslJob = pollMs > 0 ? scheduleSslLifecycle(services, () => ({ ca, dns: services.dnsLookup, http: services.httpFetch })) : null;

  await http.ready();
  return {
    http,
    services,
    clock,
    store,
    config,
    routes,
    flushJournal,
    journalMode: config.journalEnabled ? sink.mode : 'off',
    shared,
    journalConnect: writer ? () => writer.connect() : null,
    async close() {
      if (poll) clearInterval(poll);
      peers?.close();
      stopSslJob?.();
      stopDomainJob?.();
      await journal.close();
      await http.close();
      await ca.close();
      if (!o.store) await store.close();
    },
  };
}

export { faceOf };

function sameClockState(a: ClockState, b: ClockState): boolean {
  return a.offsetMs === b.offsetMs && (a.frozenAt?.getTime() ?? null) === (b.frozenAt?.getTime() ?? null);
}

export interface RouteLine {
  surface: string;
  method: string;
  path: string;
}

/** `openprovider GET /v1beta/customers/{handle}`: the vendor's own notation for path parameters */
export function routeLine(method: string, url: string): RouteLine {
  const path = url.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/\/+$/, '') || '/';
  return { surface: faceOf(path) ?? 'sandbox', method, path };
}

export function routeTable(routes: RouteLine[]): string {
  const lines = [...new Set(routes.map((r) => `${r.surface} ${r.method} ${r.path}`))].sort();
  return `# Every route Resellbox serves: <surface> <METHOD> <path>. Regenerate with \`npm run routes:golden\`.\n${lines.join('\n')}\n`;
}
