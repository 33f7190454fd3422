// Grants a domain of the account to an external user (with a level per area), changes the levels of a granted
// domain, or revokes it. Granting a domain already granted, or changing/revoking one not granted, is refused.
// Errors: user.not_found, domain.not_found, user.update_refused
import type { Flow } from '../../runner.ts';
import { DomainError } from '../../errors.ts';
import type { AccessLevel, Subuser } from '../model.ts';
import { ownSubuser } from './get-subuser.ts';

export interface GrantInput {
  accountId: number;
  username: string;
  domainId: number;
  action: 'add' | 'update' | 'remove';
  /** add: the full set of levels; update: the levels that change */
  areas?: Record<string, AccessLevel>;
}

export const grantSubuserDomain: Flow<GrantInput, Subuser> = async (ctx, i) => {
  const s = await ownSubuser(ctx, i.accountId, i.username);
  const d = await ctx.uow.domains.get(i.accountId, i.domainId);
  if (!d || !d.holdsName) throw new DomainError('domain.not_found', `Domain ${i.domainId} not found`);
  const has = s.grants.find((g) => g.domainId === d.id);
  let grants = s.grants;
  if (i.action === 'add') {
    if (has) throw new DomainError('user.update_refused', `${d.name} is already granted to ${s.username}`, { field: 'domain', reason: 'granted' });
    grants = [...s.grants, { domainId: d.id, areas: { ...(i.areas ?? {}) } }];
  } else {
    if (!has) throw new DomainError('user.update_refused', `${d.name} is not granted to ${s.username}`, { field: 'domain', reason: 'not granted' });
    grants = i.action === 'remove' ? s.grants.filter((g) => g.domainId !== d.id) : s.grants.map((g) => (g.domainId === d.id ? { ...g, areas: { ...g.areas, ...(i.areas ?? {}) } } : g));
  }
  return ctx.uow.subusers.update({ ...s, grants, updatedAt: ctx.now });
};
