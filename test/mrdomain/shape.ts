// Field-by-field checks against the seed: the exact keys in the documented order, each with the seed's JSON type;
// and the XML form a JSON answer must have (true → "1", false → "", lists as <item>s, numbers as text).
import { expect } from 'vitest';

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

export function expectShape(obj: Record<string, unknown>, shape: Record<string, FieldType>): void {
  expect(Object.keys(obj)).toEqual(Object.keys(shape));
  for (const [k, t] of Object.entries(shape)) {
    const v = obj[k];
    const ok = t === 'integer' ? Number.isInteger(v) : t === 'array' ? Array.isArray(v) : t === 'object' ? !!v && typeof v === 'object' && !Array.isArray(v) : typeof v === t;
    expect(ok, `${k} should be ${t}, is ${JSON.stringify(v)}`).toBe(true);
  }
}

/** What fast-xml-parser (parseTagValue off, `item` always a list) gives back for the XML of a JSON value. */
export function xmlOf(v: unknown): unknown {
  if (v === true) return '1';
  if (v === false || v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.length ? { item: v.map(xmlOf) } : '';
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, xmlOf(x)]));
}

export const CONTACT_SHAPE: Record<string, FieldType> = {
  contactID: 'string',
  contactType: 'string',
  firstName: 'string',
  lastName: 'string',
  orgName: 'string',
  orgType: 'string',
  identNumber: 'string',
  email: 'string',
  phone: 'string',
  fax: 'string',
  address: 'string',
  postalCode: 'string',
  city: 'string',
  state: 'string',
  country: 'string',
  verificationstatus: 'string',
  daaccepted: 'boolean',
};

export const CONTACT_INFO_SHAPE: Record<string, FieldType> = { ...CONTACT_SHAPE, esNicHandle: 'string' };

export const LIST_ITEM_SHAPE: Record<string, FieldType> = {
  contactID: 'string',
  contactType: 'string',
  contactName: 'string',
  identNumber: 'string',
  email: 'string',
  country: 'string',
  verificationstatus: 'string',
  daaccepted: 'boolean',
};

export const QUERY_INFO_SHAPE: Record<string, FieldType> = { page: 'integer', pageLength: 'integer', results: 'integer', total: 'integer' };

export const RESEND_SHAPE: Record<string, FieldType> = {
  contactID: 'string',
  contactType: 'string',
  contactName: 'string',
  identNumber: 'string',
  email: 'string',
  country: 'string',
  verificationstatus: 'string',
};
