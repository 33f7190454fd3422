// Contract coverage across vitest workers: every worker appends the operationIds it validated (one per line) to a
// file of its own in the directory named by CONTRACT_DIR_ENV, which test/contract/global-setup.ts creates before the
// workers start; the global teardown reads them all and compares with the routed Openprovider operations.
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { matchOperation } from './swagger.ts';

export const CONTRACT_DIR_ENV = 'RESELLBOX_CONTRACT_DIR';
export const ROUTES_URL = new URL('../golden/routes.txt', import.meta.url);
/** override of the route table read by the teardown (used by the self-test of the teardown itself) */
export const ROUTES_FILE_ENV = 'RESELLBOX_CONTRACT_ROUTES_FILE';

export function recordValidated(operationId: string): void {
  const dir = process.env[CONTRACT_DIR_ENV];
  if (!dir) return;
  appendFileSync(join(dir, `validated-${process.pid}-${threadId}.txt`), operationId + '\n');
}

export function readValidated(dir: string): Set<string> {
  const out = new Set<string>();
  for (const file of readdirSync(dir)) {
    if (!file.startsWith('validated-')) continue;
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) if (line.trim()) out.add(line.trim());
  }
  return out;
}

export interface RoutedOperations {
  /** operationId → "METHOD /path" as routed */
  routed: Map<string, string>;
  /** Openprovider routes that are no operation of the spec */
  undocumented: string[];
}

/** The `openprovider` lines of the golden route table, mapped to the spec's operationIds. */
export function routedOperations(routesText: string = readFileSync(process.env[ROUTES_FILE_ENV] ?? ROUTES_URL, 'utf8')): RoutedOperations {
  const routed = new Map<string, string>();
  const undocumented: string[] = [];
  for (const line of routesText.split('\n')) {
    const [surface, method, path] = line.trim().split(/\s+/);
    if (surface !== 'openprovider' || !method || !path) continue;
    if (method === 'HEAD' || method === 'OPTIONS') continue;
    const hit = matchOperation(method, path);
    if (hit) routed.set(hit.operationId, `${method} ${path}`);
    else undocumented.push(`${method} ${path}`);
  }
  return { routed, undocumented };
}

/** Human-readable failure (or null) for "the set validated equals the set routed". */
export function coverageFailure(validated: ReadonlySet<string>, routed: RoutedOperations): string | null {
  const never = [...routed.routed].filter(([id]) => !validated.has(id)).map(([id, route]) => `  ${id}  (${route})`).sort();
  if (!never.length) return null;
  return `Openprovider contract coverage: ${never.length} routed operation(s) never had a success body validated by expectOpenproviderContract:\n${never.join('\n')}`;
}
