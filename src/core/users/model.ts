// A user of an account: a person or program that logs in for it.
// One entity behind an Openprovider reseller contact, an SSL247 user and a MrDomain API login.

import type { Address, Phone, PersonName } from '../people.ts';

export type UserRole = 'admin' | 'tech' | 'billing' | 'sales' | 'api';
/** how the user authenticates where a face distinguishes it (SSL247): API key alone, or password + account key */
export type UserKind = 'standard' | 'super' | 'api';

export interface IpLists {
  allow: string[];
  deny: string[];
}

export interface User {
  id: number;
  accountId: number;
  username: string;
  email: string;
  passwordHash: string;
  /** the user's own API key (SSL247 API users) */
  apiKey: string;
  role: UserRole;
  kind: UserKind;
  isActive: boolean;
  apiAccessEnabled: boolean;
  apiIps: IpLists;
  panelIps: IpLists;
  name: PersonName;
  companyName: string;
  phone: Phone | null;
  mobile: Phone | null;
  fax: Phone | null;
  address: Address;
  locale: string;
  vat: string;
  comments: string;
  /** flags some faces keep on a user (SSL247: admin_contact, billing_contact, …) and other face-only fields */
  extra: Record<string, unknown>;
  lastLoginAt: Date | null;
  lastApiCallAt: Date | null;
  passwordChangedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** What an authenticated request acts as. */
export interface Actor {
  accountId: number;
  userId: number;
  username: string;
  ip: string;
}
