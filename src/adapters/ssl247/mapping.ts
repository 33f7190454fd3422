// SSL247 users and contact profiles ↔ core users and contacts (inventory §3.2, §3.3, A11, A12).
// Vendor field names stop here. Where the seed's input and output differ we store what comes in and show it under the
// output name: contact `state` is shown as `county`; `mobile`, `direct_line`, `skype` are kept though the view omits
// them; phones are answered in the house form "+CC.NNNN" whatever form was sent.
import type { User } from '../../core/users/model.ts';
import type { UserChanges } from '../../core/users/flows/update-user.ts';
import type { Contact, ContactInput } from '../../core/contacts/model.ts';
import type { Address } from '../../core/people.ts';
import { fullName, phoneToDotted } from '../../core/people.ts';
import { type Body, countryField, emailField, flag, need, phoneField, requiredOn, secret, text } from './wire.ts';

type Mode = 'add' | 'edit';

const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** address_1 … address_3, city, state, postcode, country → the parts of a core address that were sent */
function addressIn(b: Body, countryRequired: boolean): Partial<Address> {
  const line1 = text(b, 'address_1');
  return defined({
    // the whole first line goes to `street`; number and suffix (Openprovider's split) are cleared when it is sent
    street: line1,
    number: line1 === undefined ? undefined : '',
    suffix: line1 === undefined ? undefined : '',
    line2: text(b, 'address_2'),
    line3: text(b, 'address_3'),
    city: text(b, 'city'),
    state: text(b, 'state'),
    zipcode: text(b, 'postcode', 32),
    country: countryField(b, 'country', countryRequired),
  });
}

/** street, number and suffix as one line: what other faces split, SSL247 shows together */
function line1(a: Address): string {
  return [a.street, a.number, a.suffix].filter((s) => s && s.trim()).join(' ');
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const yes = (v: unknown): boolean => v === true;

// ---- users -------------------------------------------------------------------------------------------------------

export const USER_FLAGS = ['admin_contact', 'billing_contact', 'technical_contact', 'mailing_contact', 'subscribed'] as const;

/** The fields of `account/users/add` (mode add) or `account/user/{id}/edit` (mode edit) as core user changes. */
export function userIn(b: Body, mode: Mode): UserChanges & { email?: string; password?: string } {
  const firstName = need(b, 'firstname', requiredOn(b, 'firstname', mode));
  const lastName = need(b, 'lastname', requiredOn(b, 'lastname', mode));
  const title = text(b, 'title', 32);
  const email = emailField(b, 'email', mode === 'add');
  // the seed's edit has no password; one sent there is ignored (a password change is not an SSL247 operation)
  const password = mode === 'add' ? secret(b, 'password') : undefined;
  const phone = phoneField(b, 'phone', false);
  const mobile = phoneField(b, 'mobile', false);
  const fax = phoneField(b, 'fax', false);
  const address = addressIn(b, false);
  const extra: Record<string, unknown> = defined({ direct_line: text(b, 'direct_line'), skype: text(b, 'skype') });
  for (const f of USER_FLAGS) {
    const v = flag(b, f);
    if (v !== undefined) extra[f] = v;
  }
  const name = defined({ title, firstName, lastName });
  return defined({
    email,
    password,
    name: Object.keys(name).length ? name : undefined,
    phone,
    mobile,
    fax,
    address: Object.keys(address).length ? address : undefined,
    vat: text(b, 'vat_number', 64),
    extra: Object.keys(extra).length ? extra : undefined,
  }) as UserChanges & { email?: string; password?: string };
}

/** `account/user/{id}`: the 24 fields of the seed, no wrapper, no id (inventory A12). */
export function userOut(u: User) {
  return {
    full_name: fullName(u.name),
    account_id: String(u.accountId),
    email: u.email,
    title: u.name.title,
    firstname: u.name.firstName,
    lastname: u.name.lastName,
    phone: phoneToDotted(u.phone),
    second_factor_mobile: str(u.extra.second_factor_mobile),
    mobile: phoneToDotted(u.mobile),
    fax: phoneToDotted(u.fax),
    direct_line: str(u.extra.direct_line),
    skype: str(u.extra.skype),
    address_1: line1(u.address),
    address_2: u.address.line2,
    address_3: u.address.line3,
    admin_contact: yes(u.extra.admin_contact),
    billing_contact: yes(u.extra.billing_contact),
    technical_contact: yes(u.extra.technical_contact),
    mailing_contact: yes(u.extra.mailing_contact),
    city: u.address.city,
    state: u.address.state,
    postcode: u.address.zipcode,
    country: u.address.country,
    subscribed: yes(u.extra.subscribed),
  };
}

export function userSummary(u: User) {
  return { id: String(u.id), full_name: fullName(u.name), email: u.email };
}

// ---- contact profiles ----------------------------------------------------------------------------------------------

/** The 19 fields of `account/contact-profile/add` and `…/{id}/edit` as a core contact input. */
export function contactIn(b: Body, mode: Mode): ContactInput {
  const firstName = need(b, 'firstname', requiredOn(b, 'firstname', mode));
  const lastName = need(b, 'lastname', requiredOn(b, 'lastname', mode));
  const title = text(b, 'title', 32);
  const email = emailField(b, 'email', mode === 'add');
  const phone = phoneField(b, 'phone', requiredOn(b, 'phone', mode));
  const mobile = phoneField(b, 'mobile', false);
  const fax = phoneField(b, 'fax', false);
  const address = addressIn(b, requiredOn(b, 'country', mode));
  const roles = defined({ admin: flag(b, 'admin'), tech: flag(b, 'tech'), billing: flag(b, 'billing') });
  const extra = defined({ direct_line: text(b, 'direct_line'), skype: text(b, 'skype') });
  const name = defined({ title, firstName, lastName });
  return defined({
    name: Object.keys(name).length ? (name as ContactInput['name']) : undefined,
    email,
    phone: phone === undefined ? undefined : phone,
    mobile,
    fax,
    address: Object.keys(address).length ? (address as Address) : undefined,
    roles: Object.keys(roles).length ? (roles as Contact['roles']) : undefined,
    extra: Object.keys(extra).length ? extra : undefined,
  });
}

/** `account/contact-profile/{id}`: the 25 fields of the seed. */
export function contactOut(c: Contact) {
  return {
    id: String(c.id),
    email: c.email,
    title: c.name.title,
    firstname: c.name.firstName,
    lastname: c.name.lastName,
    admin: c.roles.admin,
    tech: c.roles.tech,
    billing: c.roles.billing,
    company_name: c.companyName,
    assumed_name: c.assumedName,
    address_1: line1(c.address),
    address_2: c.address.line2,
    address_3: c.address.line3,
    city: c.address.city,
    county: c.address.state,
    postcode: c.address.zipcode,
    country: c.address.country,
    phone: phoneToDotted(c.phone),
    fax: phoneToDotted(c.fax),
    registration_number: c.registrationNumber,
    vat_number: c.vat,
    business_category_code: str(c.extra.business_category_code),
    duns: str(c.extra.duns),
    active: c.active && !c.deletedAt,
    deleted: !!c.deletedAt,
  };
}

export function contactSummary(c: Contact) {
  return { id: String(c.id), full_name: fullName(c.name) || c.companyName, email: c.email, tech: c.roles.tech, admin: c.roles.admin, billing: c.roles.billing };
}

/** core contact field names (in contact.invalid details) → this face's names */
export const CONTACT_FIELD: Record<string, string> = {
  'name.first_name': 'firstname',
  'name.last_name': 'lastname',
  email: 'email',
  'address.country': 'country',
  phone: 'phone',
  company_name: 'company_name',
};
