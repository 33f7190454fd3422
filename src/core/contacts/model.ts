// A contact: registrant / admin / tech / billing / organisation data used in orders.
// One entity behind an Openprovider customer handle (XX123456-XX), a MrDomain contact (contactID XXX-12345678)
// and an SSL247 contact profile (numeric id). Created through one face, read and changed through the others.

import type { Address, Phone, PersonName } from '../people.ts';
import { initialsOf, isCountryCode, isEmail } from '../people.ts';
import { DomainError } from '../errors.ts';

export type ContactKind = 'individual' | 'organization';
export type EmailVerificationStatus = '' | 'in progress' | 'verified' | 'failed' | 'expired';
/** the registry-side verification of the contact's data (MrDomain `verificationstatus`) */
export type DataVerificationStatus = 'notapplicable' | 'inprocess' | 'verified' | 'failed';

export interface ContactTag {
  key: string;
  value: string;
}

export interface ExtensionData {
  /** the extension the data is for, e.g. "eu" */
  name: string;
  data: Record<string, unknown>;
}

export interface Contact {
  id: number;
  accountId: number;
  /** Openprovider-style handle: two initials, six digits, dash, country */
  handle: string;
  /** MrDomain-style contact id: three letters, dash, eight digits */
  ref: string;
  kind: ContactKind;
  name: PersonName;
  companyName: string;
  /** a trading or assumed name */
  assumedName: string;
  /** ES organisation type code and similar registry classifications */
  orgType: string;
  email: string;
  phone: Phone | null;
  fax: Phone | null;
  mobile: Phone | null;
  address: Address;
  vat: string;
  /** VAT, passport or national id number as registries require it */
  identNumber: string;
  registrationNumber: string;
  locale: string;
  comments: string;
  commentsChangedAt: Date | null;
  tags: ContactTag[];
  additionalData: Record<string, unknown>;
  extensionData: ExtensionData[];
  /** default roles some faces give a contact profile (SSL247) */
  roles: { admin: boolean; tech: boolean; billing: boolean };
  emailVerification: EmailVerificationStatus;
  dataVerification: DataVerificationStatus;
  /** designated agent accepted (transfer-lock consent for owner changes) */
  daAccepted: boolean;
  active: boolean;
  /** face-only fields kept as they were sent (skype, direct_line, es NIC handle, …) */
  extra: Record<string, unknown>;
  deletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** The fields a create or update may carry; everything optional so updates stay partial. */
export type ContactInput = Partial<Omit<Contact, 'id' | 'accountId' | 'handle' | 'ref' | 'createdAt' | 'updatedAt' | 'version' | 'deletedAt' | 'commentsChangedAt'>>;

export function contactType(c: Pick<Contact, 'companyName' | 'kind'>): ContactKind {
  return c.kind === 'organization' || c.companyName.trim() ? 'organization' : 'individual';
}

/** Checks that a contact holds the minimum an order needs. Throws contact.invalid naming the first missing field. */
export function assertComplete(c: Contact): void {
  const need = (ok: boolean, field: string, reason = 'is required') => {
    if (!ok) throw new DomainError('contact.invalid', `${field} ${reason}`, { field, reason });
  };
  need(!!c.name.firstName.trim() || !!c.companyName.trim(), 'name.first_name');
  need(!!c.name.lastName.trim() || !!c.companyName.trim(), 'name.last_name');
  need(!!c.email.trim(), 'email');
  need(isEmail(c.email), 'email', 'is not a valid email address');
  need(!!c.address.country, 'address.country');
  need(isCountryCode(c.address.country), 'address.country', 'must be an ISO 3166-1 alpha-2 code');
  need(!!c.phone && !!c.phone.subscriberNumber, 'phone');
  if (c.kind === 'organization') need(!!c.companyName.trim(), 'company_name', 'is required for an organization');
}

/** The six digits and letters that make up a handle and a ref, from a random source. */
export function makeHandle(c: Pick<Contact, 'name' | 'address' | 'companyName'>, random6: string): string {
  let initials = initialsOf(c.name).replace(/[^A-Z]/g, '');
  if (initials.length < 2) initials = (initials + c.companyName.replace(/[^A-Za-z]/g, '').toUpperCase() + 'XX').slice(0, 2);
  const country = isCountryCode(c.address.country) ? c.address.country : 'XX';
  return `${initials}${random6}-${country}`;
}

export function makeRef(c: Pick<Contact, 'name' | 'companyName'>, random8: string): string {
  const letters = (c.name.lastName + c.name.firstName + c.companyName).replace(/[^A-Za-z]/g, '').toUpperCase();
  return `${(letters + 'XXX').slice(0, 3)}-${random8}`;
}

/** Case-insensitive match of a `*` pattern against the whole text (`Car*ten` matches "Carsten"). */
export function globMatch(pattern: string, text: string): boolean {
  const re = pattern
    .toLowerCase()
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${re}$`, 's').test(text.toLowerCase());
}
