// The list query shapes the benchmark measures: Openprovider `GET /v1beta/domains` query strings and the core
// filter each one means (what the Openprovider route hands to searchDomains). Shared by the HTTP run (list.ts)
// and the in-process SQL run (sql.ts) that explains a slow shape. Openprovider ACT = phases active + grace
// (adapters/openprovider/domain-mapping.ts PHASES_OF).
import type { DomainFilter, DomainPage } from '../../src/core/domains/ports.ts';

export interface Shape {
  id: string;
  /** query string for GET /v1beta/domains */
  query: string;
  filter: DomainFilter;
  page: DomainPage;
  /** part of the mixed run whose p50/p99 is the headline figure (the others are measured one by one) */
  mix: boolean;
}

export const SHAPES: Shape[] = [
  { id: 'first-page', query: 'limit=100', filter: {}, page: { limit: 100, offset: 0 }, mix: true },
  { id: 'status', query: 'status=ACT&limit=100', filter: { phases: ['active', 'grace'] }, page: { limit: 100, offset: 0 }, mix: true },
  { id: 'extension', query: 'extension=com&limit=100', filter: { tld: 'com' }, page: { limit: 100, offset: 0 }, mix: true },
  { id: 'pattern', query: 'domain_name_pattern=bra*&limit=100', filter: { sldPattern: 'bra*' }, page: { limit: 100, offset: 0 }, mix: true },
  { id: 'expiry-order', query: 'order_by.expiration_date=asc&limit=100', filter: { orderBy: { field: 'expiresAt', desc: false } }, page: { limit: 100, offset: 0 }, mix: true },
  { id: 'status+ext+expiry', query: 'status=ACT&extension=com&order_by.expiration_date=asc&limit=100', filter: { phases: ['active', 'grace'], tld: 'com', orderBy: { field: 'expiresAt', desc: false } }, page: { limit: 100, offset: 0 }, mix: false },
  { id: 'pattern+ext', query: 'domain_name_pattern=st*&extension=nl&limit=100', filter: { sldPattern: 'st*', tld: 'nl' }, page: { limit: 100, offset: 0 }, mix: true },
  { id: 'offset-1000', query: 'extension=com&limit=100&offset=1000', filter: { tld: 'com' }, page: { limit: 100, offset: 1000 }, mix: true },
  { id: 'offset-100k', query: 'limit=100&offset=100000', filter: {}, page: { limit: 100, offset: 100_000 }, mix: false },
];
