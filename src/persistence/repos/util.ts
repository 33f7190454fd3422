// Small helpers shared by the repositories.
import { sql, type RawBuilder, type Kysely, type CompiledQuery, type Compilable } from 'kysely';
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

// Kysely builds and compiles a query on every call (about 10 µs of JavaScript). A read on the hot path (every
// domain check) compiles once per dialect and binds new values: `build` returns the query with placeholder values,
// and `params` gives the real ones in the same order.
const compiledQueries = new WeakMap<object, Map<string, CompiledQuery>>();
export async function compiledOnce<R>(db: Kysely<any>, key: string, build: () => Compilable<R>, params: unknown[]): Promise<R[]> {
  const adapter = db.getExecutor().adapter;
  let byKey = compiledQueries.get(adapter);
  if (!byKey) compiledQueries.set(adapter, (byKey = new Map()));
  let q = byKey.get(key);
  if (!q) byKey.set(key, (q = build().compile()));
  if (q.parameters.length !== params.length) throw new Error(`compiledOnce(${key}): ${q.parameters.length} placeholders, ${params.length} values`);
  return (await db.executeQuery<R>({ ...q, parameters: params })).rows;
}
