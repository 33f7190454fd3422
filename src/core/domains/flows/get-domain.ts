// One domain of the account, settled to the clock. Domains no longer held (deleted, transferred out) are found
// only with `includeGone` (Openprovider `is_deleted`, MrDomain listdeleted).
// Run it with runFlow, like every domain flow that loads a domain: settling to the clock may write (an
// auto-renewal, a completed transfer), and that must happen in one transaction. searchDomains only reads.
// Errors: domain.not_found, domain.name_invalid
import type { Flow } from '../../runner.ts';
import type { Registry } from '../../registry/registry.ts';
import type { DomainKey, DomainResult } from '../ops.ts';
import { loadDomain, result } from '../ops.ts';

export const getDomain: Flow<{ registry: Registry; accountId: number; domain: DomainKey; includeGone?: boolean }, DomainResult> = async (ctx, i) => {
  return result(ctx, i.registry, await loadDomain(ctx, i.registry, i.accountId, i.domain, { includeGone: i.includeGone }));
};
