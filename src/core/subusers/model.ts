// An external user of an account (a sub-user): a login with no access of its own but the domains the account grants
// it, each with a level per area. The account's own users (users/model.ts) are the reseller's staff; a sub-user is a
// customer of the reseller who may look after a few domains (MrDomain "user" module, seed 003 L7185-7779).
// Areas are named by the face that grants them (MrDomain: domain_dns, domain_authcode, …); the core only stores and
// compares levels. Vendor-neutral: none of the names below are a vendor's.

export type AccessLevel = 'none' | 'read' | 'write';

export interface SubuserGrant {
  domainId: number;
  /** area → level; an area not listed is `none` */
  areas: Record<string, AccessLevel>;
}

export interface Subuser {
  id: number;
  accountId: number;
  username: string;
  passwordHash: string;
  enabled: boolean;
  lastLoginAt: Date | null;
  grants: SubuserGrant[];
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export const LEVEL_RANK: Record<AccessLevel, number> = { none: 0, read: 1, write: 2 };

/** whether the sub-user may act on the domain's area at `level` */
export function mayAccess(s: Subuser, domainId: number, area: string, level: 'read' | 'write'): boolean {
  const g = s.grants.find((x) => x.domainId === domainId);
  if (!g || !s.enabled) return false;
  return LEVEL_RANK[g.areas[area] ?? 'none'] >= LEVEL_RANK[level];
}

/** 3-64 characters: letters, digits, dot, dash, underscore, @ */
export const USERNAME = /^[A-Za-z0-9._@-]{3,64}$/;
export const MIN_PASSWORD = 6;
