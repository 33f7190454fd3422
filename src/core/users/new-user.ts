// Builds a complete user from a partial one, with the house defaults.
import type { User } from './model.ts';
import { EMPTY_ADDRESS, EMPTY_NAME } from '../people.ts';

export type UserDraft = Partial<Omit<User, 'id' | 'version' | 'passwordHash' | 'createdAt' | 'updatedAt'>> & { accountId: number; username: string; email: string };

export function newUser(d: UserDraft, passwordHash: string, now: Date): Omit<User, 'id' | 'version'> {
  return {
    accountId: d.accountId,
    username: d.username,
    email: d.email,
    passwordHash,
    apiKey: d.apiKey ?? '',
    role: d.role ?? 'admin',
    kind: d.kind ?? 'standard',
    isActive: d.isActive ?? true,
    apiAccessEnabled: d.apiAccessEnabled ?? true,
    apiIps: d.apiIps ?? { allow: [], deny: [] },
    panelIps: d.panelIps ?? { allow: [], deny: [] },
    name: { ...EMPTY_NAME, ...d.name },
    companyName: d.companyName ?? '',
    phone: d.phone ?? null,
    mobile: d.mobile ?? null,
    fax: d.fax ?? null,
    address: { ...EMPTY_ADDRESS, ...d.address },
    locale: d.locale ?? 'en_GB',
    vat: d.vat ?? '',
    comments: d.comments ?? '',
    extra: d.extra ?? {},
    lastLoginAt: null,
    lastApiCallAt: null,
    passwordChangedAt: now,
    createdAt: now,
    updatedAt: now,
  };
}
