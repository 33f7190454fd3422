// The history of every operation on a domain, oldest first (Openprovider with_history, MrDomain gethistory).
// Errors: domain.not_found, request.invalid
import type { Flow } from '../../runner.ts';
import type { Registry } from '../../registry/registry.ts';
import type { DomainHistoryEntry } from '../ports.ts';
import type { DomainKey } from '../ops.ts';
import { findDomain } from '../ops.ts';
import { invalid } from '../../errors.ts';

export const domainHistory: Flow<{ registry: Registry; accountId: number; domain: DomainKey; page: { limit: number; offset: number } }, { results: DomainHistoryEntry[]; total: number }> = async (ctx, i) => {
  if (!Number.isInteger(i.page.limit) || i.page.limit < 1 || i.page.limit > 1000) throw invalid('limit', 'must be 1-1000');
  const d = await findDomain(ctx, i.accountId, i.domain);
  return ctx.uow.domains.history(d.id, i.page);
};
