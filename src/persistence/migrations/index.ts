// Every schema change, in order. Each runs on both dialects; one change per file. Add yours at the end.
import type { MigrationDef } from './helpers.ts';
import { foundation } from './0001-foundation.ts';
import { dns } from './0002-dns.ts';
import { ssl } from './0005-ssl.ts';
import { domains } from './0004-domains.ts';
import { ca } from './0003-ca.ts';
import { subusers } from './0006-subusers.ts';
import { domainListIndexes } from './0007-domain-list-indexes.ts';
import { domainCountsTld } from './0008-domain-counts-tld.ts';

export const MIGRATIONS: MigrationDef[] = [foundation, dns, ssl, domains, ca, subusers, domainListIndexes, domainCountsTld];
