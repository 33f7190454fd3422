// Shapes shared by users and contacts: names, addresses, phones.

export interface Phone {
  /** with the plus sign, e.g. "+31" */
  countryCode: string;
  areaCode: string;
  subscriberNumber: string;
}

export interface Address {
  street: string;
  number: string;
  suffix: string;
  /** further address lines some faces take (address_2, address_3) */
  line2: string;
  line3: string;
  zipcode: string;
  city: string;
  state: string;
  /** ISO 3166-1 alpha-2, upper case */
  country: string;
}

export interface PersonName {
  title: string;
  firstName: string;
  lastName: string;
  initials: string;
  prefix: string;
}

export const EMPTY_ADDRESS: Address = { street: '', number: '', suffix: '', line2: '', line3: '', zipcode: '', city: '', state: '', country: '' };
export const EMPTY_NAME: PersonName = { title: '', firstName: '', lastName: '', initials: '', prefix: '' };

export function fullName(n: Pick<PersonName, 'firstName' | 'prefix' | 'lastName'>): string {
  return [n.firstName, n.prefix, n.lastName].filter((s) => s && s.trim()).join(' ');
}

/** "JD" from John Doe: first letter of the first name and of the last name. */
export function initialsOf(n: Pick<PersonName, 'firstName' | 'lastName'>): string {
  const f = n.firstName.trim()[0] ?? '';
  const l = n.lastName.trim()[0] ?? '';
  return (f + l).toUpperCase();
}

/** "+31.201234567" style (E.164 with a dot after the country code) for faces that take one string. */
export function phoneToDotted(p: Phone | null): string {
  if (!p || (!p.countryCode && !p.subscriberNumber)) return '';
  return `${p.countryCode}.${p.areaCode}${p.subscriberNumber}`;
}

/** Parses "+31.201234567" (or "+31 20 1234567", "+31201234567" with a known prefix) into a Phone; null if not a phone. */
export function phoneFromDotted(text: string): Phone | null {
  const t = text.trim();
  if (!t) return null;
  const dotted = /^\+(\d{1,3})\.(\d{4,14})$/.exec(t);
  if (dotted) return { countryCode: `+${dotted[1]}`, areaCode: '', subscriberNumber: dotted[2] };
  const spaced = /^\+(\d{1,3})[\s-]+([\d\s-]{4,20})$/.exec(t);
  if (spaced) return { countryCode: `+${spaced[1]}`, areaCode: '', subscriberNumber: spaced[2].replace(/[\s-]/g, '') };
  return null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function isEmail(s: string): boolean {
  return EMAIL.test(s) && s.length <= 254;
}

export function isCountryCode(s: string): boolean {
  return /^[A-Z]{2}$/.test(s);
}
