// SSL247 wire format: the two envelopes, dates, and the parsing of body fields (inventory §1.3, §1.4, §1.6).
import { DomainError, invalid } from '../../core/errors.ts';
import type { Phone } from '../../core/people.ts';
import { isEmail } from '../../core/people.ts';
import { isIsoCountry } from './reference/countries.ts';

export type Body = Record<string, unknown>;

/** Every date on this face: `YYYY-MM-DD HH:MM:SS`, UTC (the seed never gives a format; inventory §1.6). */
export function wireDate(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/** Minor units as the decimal string the seed types money as, e.g. 123456 → "1234.56". */
export function money(minor: number): string {
  return (Math.round(minor) / 100).toFixed(2);
}

export function ok(data: unknown, now: Date) {
  return { StatusCode: '200', StatusDescription: 'OK', Date: wireDate(now), Data: data };
}

export function failure(code: string, message: string, now: Date) {
  return { Response: { Error: { Code: code, Message: message }, Date: wireDate(now) } };
}

/**
 * The body as an object. JSON whatever the Content-Type says; a form-encoded body is accepted too (inventory §1.1).
 * An absent or empty body is `{}` (authentication then fails with 401). Anything else is `request.malformed`.
 */
export function parseBody(raw: unknown, contentType: string | undefined): Body {
  if (raw === undefined || raw === null) return {};
  if (typeof raw === 'object' && !Buffer.isBuffer(raw)) return isPlainObject(raw) ? raw : malformed('the body must be a JSON object');
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw);
  if (!text.trim()) return {};
  try {
    const v: unknown = JSON.parse(text);
    return isPlainObject(v) ? v : malformed('the body must be a JSON object');
  } catch {
    if ((contentType ?? '').toLowerCase().includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
    return malformed('the body is not valid JSON');
  }
}

function isPlainObject(v: unknown): v is Body {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function malformed(reason: string): never {
  throw new DomainError('request.malformed', `Malformed request: ${reason}`);
}

export const MAX_TEXT = 255;

/** A string field: absent (or null) → undefined; numbers are taken as their text; anything else is invalid. */
export function text(b: Body, field: string, max = MAX_TEXT): string | undefined {
  const v = b[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') throw invalid(field, 'must be a string');
  const t = v.trim();
  if (t.length > max) throw invalid(field, `must have at most ${max} characters`);
  return t;
}

/** A string field that must not be empty when `required` (callers pass "sent" on edits, so a sent field cannot be emptied). */
export function need(b: Body, field: string, required: boolean, max = MAX_TEXT): string | undefined {
  const t = text(b, field, max);
  if (required && !t) throw invalid(field, 'is required');
  return t;
}

/** `required` for a field that add needs: always on add, on edit only when the field is sent. */
export function requiredOn(b: Body, field: string, mode: 'add' | 'edit'): boolean {
  return mode === 'add' || (b[field] !== undefined && b[field] !== null);
}

/** A secret (password): taken exactly as sent, never trimmed, so the password stored is the one the user logs in with. */
export function secret(b: Body, field: string, max = 128): string {
  const v = b[field];
  const t = typeof v === 'number' && Number.isFinite(v) ? String(v) : v;
  if (t === undefined || t === null || t === '') throw invalid(field, 'is required');
  if (typeof t !== 'string') throw invalid(field, 'must be a string');
  if (t.length > max) throw invalid(field, `must have at most ${max} characters`);
  return t;
}

/** A boolean field: JSON booleans, 0/1, and the strings "true"/"false"/"1"/"0"/"" (= false). */
export function flag(b: Body, field: string): boolean | undefined {
  const v = b[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === 'string' && /^(true|false|1|0|)$/i.test(v.trim())) return /^(true|1)$/i.test(v.trim());
  throw invalid(field, 'must be a boolean');
}

/** An email field. */
export function emailField(b: Body, field: string, required: boolean): string | undefined {
  const t = text(b, field);
  if (t === undefined || t === '') {
    if (required || t === '') throw invalid(field, 'is required');
    return undefined;
  }
  if (!isEmail(t)) throw invalid(field, 'is not a valid email address');
  return t;
}

/** A country field: an ISO 3166-1 alpha-2 code, any case, returned upper case; "" clears it unless required. */
export function countryField(b: Body, field: string, required: boolean): string | undefined {
  const t = text(b, field);
  if (t === undefined || t === '') {
    if (required) throw invalid(field, 'is required');
    return t;
  }
  const c = t.toUpperCase();
  if (!isIsoCountry(c)) throw invalid(field, 'must be an ISO 3166-1 alpha-2 country code (see generic/get-country-list)');
  return c;
}

// E.164 country calling codes are prefix-free: 1 and 7 are the only one-digit codes, these are the two-digit
// ones, every other code has three digits.
const CC2 = new Set('20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'.split(' '));

/**
 * A phone number in international form: "+44.2071234567" (the house form, also what we answer), or
 * "+44 20 7123 4567", "+44 (0)20 7123 4567", "+442071234567". "" clears it. A national number without the
 * country code is refused: we could only guess the country.
 */
export function phoneField(b: Body, field: string, required: boolean): Phone | null | undefined {
  const t = text(b, field, 40);
  if (t === undefined || t === '') {
    if (required) throw invalid(field, 'is required');
    return t === '' ? null : undefined;
  }
  const dotted = /^\+(\d{1,3})\.(\d{4,14})$/.exec(t);
  if (dotted) return { countryCode: `+${dotted[1]}`, areaCode: '', subscriberNumber: dotted[2] };
  const cleaned = t.replace(/\(0\)/g, '');
  if (/^\+[\d\s().-]+$/.test(cleaned)) {
    const digits = cleaned.replace(/\D/g, '');
    const grouped = /^\+(\d{1,3})[\s.-]/.exec(cleaned);
    const cc = grouped ? grouped[1] : digits[0] === '1' || digits[0] === '7' ? digits.slice(0, 1) : CC2.has(digits.slice(0, 2)) ? digits.slice(0, 2) : digits.slice(0, 3);
    const rest = digits.slice(cc.length);
    if (rest.length >= 4 && rest.length <= 14) return { countryCode: `+${cc}`, areaCode: '', subscriberNumber: rest };
  }
  throw invalid(field, 'must be an international phone number, e.g. +44.2071234567');
}

