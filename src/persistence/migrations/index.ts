// Every schema change, in order. Each runs on both dialects; one change per file. Add yours at the end.
import type { MigrationDef } from './helpers.ts';
import { foundation } from './0001-foundation.ts';

export const MIGRATIONS: MigrationDef[] = [foundation];
