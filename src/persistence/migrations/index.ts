// Every schema change, in order. Each runs on both dialects; one change per file. Add yours at the end.
import type { MigrationDef } from './helpers.ts';
import { foundation } from './0001-foundation.ts';
import { dns } from './0002-dns.ts';
import { ssl } from './0005-ssl.ts';

export const MIGRATIONS: MigrationDef[] = [foundation, dns, ssl];
