// runFlow: one transaction per write; a dry run is the same flow rolled back.
// Side effects outside the database (SMTP) are queued on the context and run only after commit.

import type { Clock } from './clock.ts';
import type { PasswordHasher, Random, Store, UnitOfWork, MailTransport } from './ports.ts';
import type { OutboxMail } from './outbox/model.ts';
import type { DnsLookup, HttpFetch } from './ssl/ports.ts';
import type { CertificateAuthority } from './ssl/ca-port.ts';
import { DomainError, toDomainError } from './errors.ts';
import type { AuthCache } from './auth/cache.ts';

export interface Services {
  store: Store;
  clock: Clock;
  hasher: PasswordHasher;
  random: Random;
  mail?: MailTransport;
  /** public base URL of this instance, for links in mails */
  publicUrl: string;
  log?: { warn(obj: unknown, msg?: string): void; error(obj: unknown, msg?: string): void };
  /** SSL domain control validation over DNS and HTTP (src/app/ssl-net.ts); absent = those checks cannot pass */
  dnsLookup?: DnsLookup;
  httpFetch?: HttpFetch;
  /** the built-in certificate authority (src/ca/), wired by the app */
  ca?: CertificateAuthority;
  /** bearer tokens already resolved (src/core/auth/cache.ts); absent = every call reads the rows */
  authCache?: AuthCache;
}

export interface FlowContext {
  uow: UnitOfWork;
  clock: Clock;
  now: Date;
  hasher: PasswordHasher;
  random: Random;
  publicUrl: string;
  /** mails written in this transaction, handed to the transport after commit */
  sent: OutboxMail[];
  /** run by runReadFirst without a transaction: the flow calls mustWrite(ctx) before its first write */
  readOnly?: boolean;
}

export type Flow<I, O> = (ctx: FlowContext, input: I) => Promise<O>;

class DryRunRollback extends Error {}

export async function runFlow<I, O>(s: Services, flow: Flow<I, O>, input: I, opts: { dryRun?: boolean } = {}): Promise<O> {
  const sent: OutboxMail[] = [];
  let result: O | undefined;
  try {
    await s.store.transaction(async (uow) => {
      const ctx: FlowContext = { uow, clock: s.clock, now: s.clock.now(), hasher: s.hasher, random: s.random, publicUrl: s.publicUrl, sent };
      result = await flow(ctx, input);
      if (opts.dryRun) throw new DryRunRollback();
    });
  } catch (e) {
    if (e instanceof DryRunRollback) return result as O;
    throw toDomainError(e);
  }
  if (s.mail && sent.length) {
    const transport = s.mail;
    // delivery is best effort and never fails the command: the outbox already holds the mail
    void Promise.allSettled(sent.map((m) => transport.send(m))).then((rs) => {
      for (const r of rs) if (r.status === 'rejected') s.log?.warn({ err: r.reason }, 'smtp delivery failed');
    });
  }
  return result as O;
}

/** A read: no transaction, same context shape. */
export async function runQuery<I, O>(s: Services, flow: Flow<I, O>, input: I): Promise<O> {
  try {
    return await s.store.read((uow) => flow({ uow, clock: s.clock, now: s.clock.now(), hasher: s.hasher, random: s.random, publicUrl: s.publicUrl, sent: [] }, input));
  } catch (e) {
    throw toDomainError(e);
  }
}

/** thrown by mustWrite in a read-only run: runReadFirst runs the flow again as a write */
class NeedsWrite extends Error {}

/** a flow that usually only reads calls this before it writes (see runReadFirst) */
export function mustWrite(ctx: FlowContext): void {
  if (ctx.readOnly) throw new NeedsWrite('this read needs a write');
}

/**
 * A flow that usually only reads but sometimes writes (a check that settles a domain whose lifecycle event is due):
 * run as a read, without a transaction; if it reaches mustWrite, run again from the start with runFlow. The flow must
 * call mustWrite(ctx) before every write it can make.
 */
export async function runReadFirst<I, O>(s: Services, flow: Flow<I, O>, input: I): Promise<O> {
  try {
    return await s.store.read((uow) => flow({ uow, clock: s.clock, now: s.clock.now(), hasher: s.hasher, random: s.random, publicUrl: s.publicUrl, sent: [], readOnly: true }, input));
  } catch (e) {
    if (e instanceof NeedsWrite) return runFlow(s, flow, input);
    throw toDomainError(e);
  }
}

export function notFound(code: 'account.not_found' | 'user.not_found' | 'contact.not_found' | 'tag.not_found' | 'verification.not_found', what: string): DomainError {
  return new DomainError(code, `${what} not found`);
}
