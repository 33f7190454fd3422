// Small helpers shared by the repositories.
import { sql, type RawBuilder } from 'kysely';
import { DomainError } from '../../core/errors.ts';

export const iso = (d: Date): string => d.toISOString();
export const isoOrNull = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
export const date = (s: string): Date => new Date(s);
export const dateOrNull = (s: string | null): Date | null => (s ? new Date(s) : null);
export const bool = (n: number | boolean): boolean => n === 1 || n === true;

/** `*` wildcards to a LIKE pattern with `\` as escape */
export function likePattern(p: string): string {
  return p.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*/g, '%');
}

/** case-insensitive match of a column against a `*` pattern, the same on SQLite and PostgreSQL */
export function matches(column: string, pattern: string): RawBuilder<boolean> {
  return sql<boolean>`lower(${sql.ref(column)}) like ${likePattern(pattern.toLowerCase())} escape '\\'`;
}

export function assertUpdated(n: bigint | number, what: string): void {
  if (Number(n) !== 1) throw new DomainError('conflict.concurrent_update', undefined, { reason: `${what} changed by another request` });
}

export function countOf(row: { n: unknown } | undefined): number {
  return Number(row?.n ?? 0);
}
