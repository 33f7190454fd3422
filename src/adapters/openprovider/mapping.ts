// Openprovider shapes ↔ core shapes, shared by the areas: name, address, phone, customer (core contact) and
// contact (core user). Field names and key order follow the Swagger definitions (alphabetical, as the seed shows).
import type { Address, Phone, PersonName } from '../../core/people.ts';
import { fullName } from '../../core/people.ts';
import type { Contact, ContactInput, EmailVerificationStatus } from '../../core/contacts/model.ts';
import type { User } from '../../core/users/model.ts';
import { S, opDateTime, type JsonSchema } from './wire.ts';

// ------------------------------------------------------------------------------------------------- wire schemas

export const NAME = S.obj({ first_name: S.str, full_name: S.str, initials: S.str, last_name: S.str, prefix: S.str });
export const ADDRESS = S.obj({ city: S.str, country: S.str, number: S.str, state: S.str, street: S.str, suffix: S.str, zipcode: S.str });
export const PHONE = S.obj({ area_code: S.str, country_code: S.str, subscriber_number: S.str });
export const TAGS = S.arr(S.obj({ key: S.str, value: S.str }, ['key', 'value']));
/** items `{name, data}`; the seed's other spelling `{domain, value}` (inventory D9) is accepted too */
export const EXTENSION_DATA = S.arr({ type: 'object', properties: { name: S.str, data: S.open, domain: S.str, value: S.str }, additionalProperties: false } as JsonSchema);

export interface WireName { first_name?: string; full_name?: string; initials?: string; last_name?: string; prefix?: string }
export interface WireAddress { city?: string; country?: string; number?: string; state?: string; street?: string; suffix?: string; zipcode?: string }
export interface WirePhone { area_code?: string; country_code?: string; subscriber_number?: string }

export function nameIn(n: WireName | undefined): Partial<PersonName> | undefined {
  if (!n) return undefined;
  const out: Partial<PersonName> = {};
  if (n.first_name !== undefined) out.firstName = n.first_name;
  if (n.last_name !== undefined) out.lastName = n.last_name;
  if (n.initials !== undefined) out.initials = n.initials;
  if (n.prefix !== undefined) out.prefix = n.prefix;
  return out;
}

export function addressIn(a: WireAddress | undefined): Partial<Address> | undefined {
  if (!a) return undefined;
  const out: Partial<Address> = {};
  if (a.street !== undefined) out.street = a.street;
  if (a.number !== undefined) out.number = a.number;
  if (a.suffix !== undefined) out.suffix = a.suffix;
  if (a.zipcode !== undefined) out.zipcode = a.zipcode;
  if (a.city !== undefined) out.city = a.city;
  if (a.state !== undefined) out.state = a.state;
  if (a.country !== undefined) out.country = a.country.toUpperCase();
  return out;
}

/** `country_code` as "+31" (the seed's form); a bare "31" gets its plus sign */
export function phoneIn(p: WirePhone | undefined, previous: Phone | null = null): Phone | null | undefined {
  if (!p) return undefined;
  const cc = p.country_code ?? previous?.countryCode ?? '';
  return {
    countryCode: cc && !cc.startsWith('+') ? `+${cc}` : cc,
    areaCode: p.area_code ?? previous?.areaCode ?? '',
    subscriberNumber: p.subscriber_number ?? previous?.subscriberNumber ?? '',
  };
}

export const nameOut = (n: PersonName) => ({ first_name: n.firstName, full_name: fullName(n), initials: n.initials, last_name: n.lastName, prefix: n.prefix });
export const addressOut = (a: Address) => ({ city: a.city, country: a.country, number: a.number, state: a.state, street: a.street, suffix: a.suffix, zipcode: a.zipcode });
export const phoneOut = (p: Phone | null) => ({ area_code: p?.areaCode ?? '', country_code: p?.countryCode ?? '', subscriber_number: p?.subscriberNumber ?? '' });

// ------------------------------------------------------------------------------------------------ customers

/** customerCustomerAdditionalData: the documented keys (all strings) besides attached_files */
const CUSTOMER_ADDITIONAL = ['birth_address', 'birth_city', 'birth_country', 'birth_date', 'birth_state', 'birth_zipcode', 'company_registration_city', 'company_registration_number', 'company_registration_subscription_date', 'company_url', 'headquarters_address', 'headquarters_city', 'headquarters_country', 'headquarters_state', 'headquarters_zipcode', 'passport_number', 'social_security_number', 'trading_name'];
/** customerExtensionData: the documented keys (all strings) */
const EXTENSION_KEYS = ['admin_type', 'applicant_purpose', 'birth_date', 'company_name_cyrillic', 'company_name_latin', 'company_registration_number', 'contact_title', 'country_of_citizenship', 'customer_uin', 'ens_auth_id', 'ens_key', 'first_name_cyrillic', 'first_name_latin', 'hr_member', 'industry_class', 'is_private_enterpreneur', 'last_name_cyrillic', 'last_name_latin', 'legal_address_cyrillic', 'legal_type', 'middle_name_cyrillic', 'middle_name_latin', 'mobile_phone_number', 'nexus_category', 'org_type', 'passport_issue_date', 'passport_issuer', 'passport_number', 'passport_series', 'postal_address_cyrillic', 'social_security_number', 'tax_payer_number', 'uin', 'user_type', 'vat', 'website', 'whois_email'];

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');

/**
 * Every documented key, `""` when never given; only documented keys leave (closed schema): other keys a client sent
 * stay stored, not shown.
 */
function customerAdditionalOut(d: Record<string, unknown>) {
  const files = Array.isArray(d.attached_files) ? d.attached_files.filter((f): f is Record<string, unknown> => !!f && typeof f === 'object') : [];
  const out: Record<string, unknown> = { attached_files: files.map((f) => ({ description: text(f.description), doc_type: text(f.doc_type), path: text(f.path) })) };
  for (const k of CUSTOMER_ADDITIONAL) out[k] = text(d[k]);
  return out;
}

function extensionOut(list: Contact['extensionData']) {
  return list.map((e) => {
    const data: Record<string, string> = {};
    for (const k of EXTENSION_KEYS) if (e.data[k] !== undefined && e.data[k] !== null) data[k] = text(e.data[k]);
    return { data, name: e.name };
  });
}

/**
 * The customer's email verification as Openprovider shows it on a customer (seed 000:8614 shows "ACT"): the
 * three-letter status vocabulary of the API — verified ACT, in progress REQ, failed FAI, expired EXP; never started "".
 */
export function verificationStatusOut(s: EmailVerificationStatus): string {
  return ({ '': '', 'in progress': 'REQ', verified: 'ACT', failed: 'FAI', expired: 'EXP' } as const)[s];
}

interface CustomerIn {
  additional_data?: Record<string, unknown>;
  address?: WireAddress;
  comments?: string;
  company_name?: string;
  email?: string;
  extension_additional_data?: Array<{ name?: string; data?: Record<string, unknown>; domain?: string; value?: string }>;
  fax?: WirePhone;
  inn?: string;
  locale?: string;
  name?: WireName;
  phone?: WirePhone;
  tags?: Array<{ key: string; value: string }>;
  vat?: string;
}

/** A create or (partial) update body → core input; fields left out stay undefined. */
export function customerIn(b: CustomerIn, previous?: Contact): ContactInput {
  const input: ContactInput = {};
  const name = nameIn(b.name);
  if (name) input.name = name as PersonName;
  if (b.company_name !== undefined) input.companyName = b.company_name;
  if (b.email !== undefined) input.email = b.email;
  const address = addressIn(b.address);
  if (address) input.address = address as Address;
  const phone = phoneIn(b.phone, previous?.phone ?? null);
  if (phone !== undefined) input.phone = phone;
  const fax = phoneIn(b.fax, previous?.fax ?? null);
  if (fax !== undefined) input.fax = fax;
  if (b.vat !== undefined) input.vat = b.vat;
  if (b.locale !== undefined) input.locale = b.locale;
  if (b.comments !== undefined) input.comments = b.comments;
  if (b.tags !== undefined) input.tags = b.tags.map((t) => ({ key: t.key, value: t.value }));
  if (b.additional_data !== undefined) input.additionalData = b.additional_data;
  if (b.extension_additional_data !== undefined) {
    input.extensionData = b.extension_additional_data.map((e) => (e.name !== undefined ? { name: e.name, data: e.data ?? {} } : { name: e.domain ?? '', data: e.value !== undefined ? { value: e.value } : {} }));
  }
  if (b.inn !== undefined) input.extra = { inn: b.inn };
  return input;
}

function customerCommon(c: Contact, withAdditional: boolean) {
  return {
    additional_data: withAdditional ? customerAdditionalOut(c.additionalData) : {},
    address: addressOut(c.address),
    comments: c.comments,
    comments_last_changed_at: opDateTime(c.commentsChangedAt),
    company_name: c.companyName,
    deleted_at: opDateTime(c.deletedAt, '0000-00-00 00:00:00'),
    email: c.email,
    email_verification_status: verificationStatusOut(c.emailVerification),
    extension_additional_data: extensionOut(c.extensionData),
  };
}

/** GetCustomer data (customerGetCustomerResponseData) */
export function customerOut(c: Contact, accountId: number, withAdditional: boolean) {
  return {
    ...customerCommon(c, withAdditional),
    fax: phoneOut(c.fax),
    handle: c.handle,
    id: c.id,
    inn: text(c.extra.inn),
    is_deleted: !!c.deletedAt,
    locale: c.locale,
    name: nameOut(c.name),
    phone: phoneOut(c.phone),
    reseller_id: accountId,
    tags: c.tags.map((t) => ({ key: t.key, value: t.value })),
    vat: c.vat,
  };
}

/** ListCustomers item (customerListCustomersResponseDataResults: no fax, inn, vat) */
export function customerListItem(c: Contact, accountId: number, withAdditional: boolean) {
  return {
    ...customerCommon(c, withAdditional),
    handle: c.handle,
    id: c.id,
    is_deleted: !!c.deletedAt,
    locale: c.locale,
    name: nameOut(c.name),
    phone: phoneOut(c.phone),
    reseller_id: accountId,
    tags: c.tags.map((t) => ({ key: t.key, value: t.value })),
  };
}

// ------------------------------------------------------------------------------------- contacts (core users)

const CONTACT_ADDITIONAL = ['birth_city', 'birth_date', 'social_security_number'];

/** personcontactContact. The password never leaves; `secret_key` (a 2FA secret) is never shown either: "". */
export function contactOut(u: User, withAdditional: boolean) {
  const extra = u.extra as Record<string, unknown>;
  const additional = (extra.additionalData ?? {}) as Record<string, unknown>;
  const additionalOut: Record<string, string> = {};
  if (withAdditional) for (const k of CONTACT_ADDITIONAL) additionalOut[k] = text(additional[k]);
  return {
    additional_data: additionalOut,
    address: addressOut(u.address),
    api_access_enabled: u.apiAccessEnabled,
    api_client_ip_list: { allow: [...u.apiIps.allow], deny: [...u.apiIps.deny] },
    auth_type: text(extra.authType) || 'simple',
    comments: u.comments,
    company_name: u.companyName,
    email: u.email,
    hash_changed_at: opDateTime(u.passwordChangedAt),
    id: u.id,
    is_active: u.isActive,
    last_api_call_at: opDateTime(u.lastApiCallAt),
    last_login_at: opDateTime(u.lastLoginAt),
    locale: u.locale,
    name: nameOut(u.name),
    password_change_declined_at: text(extra.passwordChangeDeclinedAt),
    password_changed_at: opDateTime(u.passwordChangedAt),
    phone: phoneOut(u.phone),
    rcp_client_ip_list: { allow: [...u.panelIps.allow], deny: [...u.panelIps.deny] },
    reseller_id: u.accountId,
    role: u.role,
    secret_key: '',
    username: u.username,
    vat: u.vat,
  };
}
