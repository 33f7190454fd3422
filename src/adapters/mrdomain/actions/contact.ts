// The contact module (seed L2749-3034): create, list, getinfo, resendverificationmail.
// A MrDomain contact is the core contact (the same object as an Openprovider customer handle and an SSL247 contact
// profile). `contactID` is the core `ref` (e.g. `DOE-12345678`); getinfo and resendverificationmail also accept the
// Openprovider handle or the numeric id (core `contacts.byKey`).
import type { ActionHandler } from './types.ts';
import { DONE } from './types.ts';
import type { Contact, ContactInput } from '../../../core/contacts/model.ts';
import { contactType } from '../../../core/contacts/model.ts';
import { runFlow, runQuery } from '../../../core/runner.ts';
import { createContact } from '../../../core/contacts/flows/create-contact.ts';
import { getContact } from '../../../core/contacts/flows/get-contact.ts';
import { searchContacts } from '../../../core/contacts/flows/search-contacts.ts';
import { startVerification } from '../../../core/verifications/flows/start-verification.ts';
import { restartVerification } from '../../../core/verifications/flows/restart-verification.ts';
import { DomainError, isDomainError } from '../../../core/errors.ts';
import { fullName, phoneFromDotted, phoneToDotted, type Address } from '../../../core/people.ts';
import type { Params } from '../params.ts';
import { boolFilter, countryOf, emailOf, invalidParam, oneOf, opt, phoneOf, positiveInt, req } from '../params.ts';

const VERIFICATION_STATUSES = ['verified', 'notapplicable', 'inprocess', 'failed'] as const;
type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

/**
 * `verificationstatus` (seed L2741-2747). The core keeps the registry-side status (`dataVerification`) and the email
 * verification separately; MrDomain verifies contact data by email, so while the data status is `notapplicable` the
 * email verification shows through: in progress → `inprocess`, verified → `verified`, failed or expired → `failed`.
 */
export function verificationStatus(c: Contact): VerificationStatus {
  if (c.dataVerification !== 'notapplicable') return c.dataVerification;
  switch (c.emailVerification) {
    case 'in progress':
      return 'inprocess';
    case 'verified':
      return 'verified';
    case 'failed':
    case 'expired':
      return 'failed';
    default:
      return 'notapplicable';
  }
}

/** One address line: the core keeps street, number and suffix apart (Openprovider), MrDomain has one `address`. */
function addressLine(a: Address): string {
  const first = [a.street, a.number, a.suffix].filter((s) => s && s.trim()).join(' ');
  return [first, a.line2, a.line3].filter((s) => s && s.trim()).join(', ');
}

const identOf = (c: Contact) => c.identNumber || c.vat;
const nameOf = (c: Contact) => (contactType(c) === 'organization' && c.companyName.trim() ? c.companyName : fullName(c.name));

/** The Contact Response (seed L2615-2666), in the field order of the examples. */
function contactOut(c: Contact, withEsNicHandle: boolean) {
  return {
    contactID: c.ref,
    contactType: contactType(c),
    firstName: c.name.firstName,
    lastName: c.name.lastName,
    orgName: c.companyName,
    // a code string, "" when absent (inventory A-50)
    orgType: c.orgType,
    identNumber: identOf(c),
    email: c.email,
    phone: phoneToDotted(c.phone),
    fax: phoneToDotted(c.fax),
    address: addressLine(c.address),
    postalCode: c.address.zipcode,
    city: c.address.city,
    state: c.address.state,
    country: c.address.country,
    verificationstatus: verificationStatus(c),
    daaccepted: c.daAccepted,
    ...(withEsNicHandle ? { esNicHandle: typeof c.extra.esNicHandle === 'string' ? c.extra.esNicHandle : '' } : {}),
  };
}

/** The list item (seed L2882-2890; `identNumber` from the example, inventory A-26). */
function listItem(c: Contact) {
  return {
    contactID: c.ref,
    contactType: contactType(c),
    contactName: nameOf(c),
    identNumber: identOf(c),
    email: c.email,
    country: c.address.country,
    verificationstatus: verificationStatus(c),
    daaccepted: c.daAccepted,
  };
}

const CREATE_REQUIRED = ['Type', 'FirstName', 'LastName', 'IdentNumber', 'Email', 'Phone', 'Address', 'PostalCode', 'City', 'State', 'Country'] as const;

/** The parameters of contact/create (seed L2775-2793) as a core contact input. */
export function contactInputOf(p: Params): ContactInput {
  for (const name of CREATE_REQUIRED) req(p, name);
  const kind = oneOf(p, 'Type', ['individual', 'organization'] as const, true)!;
  const email = emailOf(p, 'Email', true)!;
  const phone = phoneOf(p, 'Phone', true)!;
  const fax = phoneOf(p, 'Fax', false);
  const country = countryOf(p, 'Country', true)!;
  const orgName = opt(p, 'OrgName');
  const orgType = opt(p, 'OrgType');
  if (orgType !== undefined && !/^\d{1,4}$/.test(orgType)) throw invalidParam('OrgType', 'must be a Spanish organisation type code (tool/gettable es_juridic)');
  if (kind === 'organization') {
    // conditional requirements are contact data errors, not syntax errors (inventory A-59)
    if (!orgName) throw new DomainError('contact.invalid', 'OrgName is required when Type is organization', { field: 'OrgName', reason: 'is required' });
    if (country === 'ES' && !orgType) throw new DomainError('contact.invalid', 'OrgType is required when Type is organization and Country is ES', { field: 'OrgType', reason: 'is required' });
  }
  return {
    kind,
    name: { title: '', firstName: req(p, 'FirstName'), lastName: req(p, 'LastName'), initials: '', prefix: '' },
    // an individual has no organisation: a stray OrgName is not kept (it would make the contact an organisation)
    companyName: kind === 'organization' ? orgName! : '',
    orgType: kind === 'organization' ? (orgType ?? '') : '',
    identNumber: req(p, 'IdentNumber'),
    email,
    phone: phoneFromDotted(phone),
    fax: fax ? phoneFromDotted(fax) : null,
    address: { street: req(p, 'Address'), number: '', suffix: '', line2: '', line3: '', zipcode: req(p, 'PostalCode'), city: req(p, 'City'), state: req(p, 'State'), country },
  };
}

export const contactCreate: ActionHandler = async ({ params, actor, services }) => {
  const input = contactInputOf(params);
  const c = await runFlow(services, createContact, { accountId: actor.accountId, input });
  return { responseData: contactOut(c, false), messages: DONE };
};

export const contactList: ActionHandler = async ({ params, actor, services }) => {
  const pageLength = positiveInt(params, 'pageLength', 1000);
  const page = positiveInt(params, 'page', 1);
  const name = opt(params, 'name')?.toLowerCase();
  const email = emailOf(params, 'email', false)?.toLowerCase();
  const country = countryOf(params, 'country', false);
  const identNumber = opt(params, 'identNumber')?.toLowerCase();
  const status = oneOf(params, 'verificationstatus', VERIFICATION_STATUSES, false);
  const daaccepted = boolFilter(params, 'daaccepted');
  // The core search knows wildcards on single columns; MrDomain's filters (name OR organisation substring, derived
  // verification status) are applied here over the account's contacts, oldest first.
  const all = await runQuery(services, searchContacts, { accountId: actor.accountId, filter: {}, page: { limit: 1_000_000, offset: 0 } });
  const matched = all.results.filter(
    (c) =>
      (name === undefined || nameOf(c).toLowerCase().includes(name) || fullName(c.name).toLowerCase().includes(name) || c.companyName.toLowerCase().includes(name)) &&
      (email === undefined || c.email.toLowerCase() === email) &&
      (country === undefined || c.address.country === country) &&
      (identNumber === undefined || identOf(c).toLowerCase() === identNumber) &&
      (status === undefined || verificationStatus(c) === status) &&
      (daaccepted === undefined || c.daAccepted === daaccepted),
  );
  const items = matched.slice((page - 1) * pageLength, page * pageLength).map(listItem);
  return { responseData: { queryInfo: { page, pageLength, results: items.length, total: matched.length }, contacts: items } };
};

export const contactGetInfo: ActionHandler = async ({ params, actor, services }) => {
  const key = req(params, 'contactID');
  oneOf(params, 'infoType', ['data'] as const, false);
  const c = await runQuery(services, getContact, { accountId: actor.accountId, key });
  return { responseData: contactOut(c, true) };
};

/**
 * Sends the contact's verification mail (to the outbox) again: a new verification when none is running, a fresh link
 * when one is. A contact whose email is already verified gets no mail; the call still succeeds and shows `verified`.
 */
export const contactResendVerificationMail: ActionHandler = async ({ params, actor, services }) => {
  const key = req(params, 'contactID');
  const c = await runQuery(services, getContact, { accountId: actor.accountId, key });
  if (c.emailVerification !== 'verified') {
    try {
      await runFlow(services, startVerification, { accountId: actor.accountId, email: c.email, handle: c.handle });
    } catch (e) {
      if (!isDomainError(e) || e.code !== 'verification.in_progress') throw e;
      await runFlow(services, restartVerification, { accountId: actor.accountId, email: c.email });
    }
  }
  const after = await runQuery(services, getContact, { accountId: actor.accountId, key: c.ref });
  const { daaccepted: _da, ...item } = listItem(after);
  return { responseData: item, messages: DONE };
};
