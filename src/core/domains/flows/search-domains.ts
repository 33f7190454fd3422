// Lists the account's domains with filters and paging (Openprovider GET /domains, MrDomain domain/list and
// listdeleted). Filters read the materialised columns (the lifecycle job keeps them in step with the clock);
// each returned domain carries its projection at `now`. A million domains per account: every filter is one
// index range, `after` pages by keyset, `withoutTotal` skips the count.
// Errors: request.invalid
import type { Flow } from '../../runner.ts';
import { invalid } from '../../errors.ts';
import type { Registry } from '../../registry/registry.ts';
import type { DomainFilter, DomainPage } from '../ports.ts';
import type { DomainResult } from '../ops.ts';
import { result } from '../ops.ts';

export interface SearchDomainsInput {
  registry: Registry;
  accountId: number;
  filter: DomainFilter;
  page: DomainPage;
}

export const MAX_PAGE = 1000;

export const searchDomains: Flow<SearchDomainsInput, { results: DomainResult[]; total: number }> = async (ctx, i) => {
  const { limit, offset } = i.page;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw invalid('limit', `must be 1-${MAX_PAGE}`);
  if (!Number.isInteger(offset) || offset < 0) throw invalid('offset', 'must be 0 or more');
  const page = await ctx.uow.domains.search(i.accountId, i.filter, i.page);
  return { total: page.total, results: page.results.map((d) => result(ctx, i.registry, d)) };
};
