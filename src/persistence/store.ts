// The Store: the core's unit of work over Kysely, the same code for SQLite and PostgreSQL.
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { Store, UnitOfWork } from '../core/ports.ts';
import { openDb, migrate, type DbOptions } from './db.ts';
import { accountRepo } from './repos/accounts.ts';
import { userRepo } from './repos/users.ts';
import { contactRepo } from './repos/contacts.ts';
import { tagRepo, verificationRepo, ledgerRepo, outboxRepo, journalRepo, tokenRepo, clockRepo } from './repos/misc.ts';
import { dnsRepo } from './repos/dns.ts';
import { sslRepo } from './repos/ssl.ts';
import { domainRepo } from './repos/domains.ts';
import { caRepo } from './repos/ca.ts';
import { subuserRepo } from './repos/subusers.ts';

function unitOfWork(db: Kysely<Database>): UnitOfWork {
  return {
    accounts: accountRepo(db),
    users: userRepo(db),
    contacts: contactRepo(db),
    tags: tagRepo(db),
    verifications: verificationRepo(db),
    ledger: ledgerRepo(db),
    outbox: outboxRepo(db),
    journal: journalRepo(db),
    tokens: tokenRepo(db),
    clock: clockRepo(db),
    // SSL orders count theirs; the domain capability adds its own here
    contactUsage: async (contactId) => (await sslRepo(db).contactUsage(contactId)) + (await domainRepo(db).contactUsage(contactId)),
    dns: dnsRepo(db),
    ssl: sslRepo(db),
    domains: domainRepo(db),
    ca: caRepo(db),
    subusers: subuserRepo(db),
  };
}

export interface OpenedStore extends Store {
  db: Kysely<Database>;
}

export async function openStore(o: DbOptions): Promise<OpenedStore> {
  const opened = openDb(o);
  try {
    await migrate(opened);
  } catch (e) {
    await opened.db.destroy();
    throw e;
  }
  const plain = unitOfWork(opened.db);
  return {
    db: opened.db,
    dialect: opened.dialect,
    transaction: (fn) => opened.db.transaction().execute((trx) => fn(unitOfWork(trx))),
    read: (fn) => fn(plain),
    close: () => opened.db.destroy(),
  };
}
