// Counts what an account holds, for statistics pages: contacts (and when they last changed), DNS zones, domains and
// certificates by status, licenses. Domains, certificates and licenses are 0 until those capabilities exist; their
// counts belong here, next to the others, when they do.
// Errors: account.not_found
import type { Flow } from '../../runner.ts';
import { DomainError } from '../../errors.ts';

export type ProductStatus = 'ACT' | 'FAI' | 'NSR' | 'PEN' | 'REJ' | 'REQ';

export interface AccountStatistics {
  currency: string;
  /** when the account's currency was set */
  currencySetAt: Date;
  contacts: { total: number; lastModified: Date | null };
  dnsZones: number;
  domains: { total: number; byStatus: Record<ProductStatus, number> };
  certificates: { total: number; byStatus: Record<ProductStatus, number> };
  licenses: number;
}

const none = (): Record<ProductStatus, number> => ({ ACT: 0, FAI: 0, NSR: 0, PEN: 0, REJ: 0, REQ: 0 });

export const getStatistics: Flow<{ accountId: number }, AccountStatistics> = async (ctx, { accountId }) => {
  const account = await ctx.uow.accounts.get(accountId);
  if (!account) throw new DomainError('account.not_found');
  const contacts = await ctx.uow.contacts.search(accountId, { includeDeleted: true }, { limit: 1_000_000, offset: 0 });
  const live = contacts.results.filter((c) => !c.deletedAt);
  const lastModified = contacts.results.reduce<Date | null>((m, c) => (!m || c.updatedAt > m ? c.updatedAt : m), null);
  const zones = await ctx.uow.dns.searchZones(accountId, {}, { limit: 1, offset: 0 });
  return {
    currency: account.currency,
    currencySetAt: account.createdAt,
    contacts: { total: live.length, lastModified },
    dnsZones: zones.total,
    domains: { total: 0, byStatus: none() },
    certificates: { total: 0, byStatus: none() },
    licenses: 0,
  };
};
