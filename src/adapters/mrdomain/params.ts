// Reading Simple-POST parameters the way the SDK validates them (../shared/specs/dondominio-sdk-php-2.0.13-actions.json):
// required, types, allowed values. A missing required parameter → 101 "Syntax error: parameter fault", a present but
// invalid one → 105 "Syntax error: invalid parameter"; both name the parameter in `messages`.
// An empty string counts as absent (inventory A-38); unknown parameters are ignored.
import { DomainError } from '../../core/errors.ts';
import { isCountryCode, isEmail } from '../../core/people.ts';

export type Params = Record<string, string>;

export function missing(name: string): DomainError {
  return new DomainError('request.invalid', `Missing parameter: ${name}`, { field: name, reason: 'is required', missing: true });
}

export function invalidParam(name: string, reason: string): DomainError {
  return new DomainError('request.invalid', `Invalid parameter ${name}: ${reason}`, { field: name, reason });
}

/** The value, trimmed; undefined when absent or empty. */
export function opt(p: Params, name: string): string | undefined {
  const v = p[name];
  if (v === undefined) return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

export function req(p: Params, name: string): string {
  const v = opt(p, name);
  if (v === undefined) throw missing(name);
  return v;
}

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off', '']);

/** A boolean as clients send it (`1`/`true`, `0`/`false`/`""`); undefined when absent. */
export function boolOf(p: Params, name: string): boolean | undefined {
  const v = p[name];
  if (v === undefined) return undefined;
  const t = v.trim().toLowerCase();
  if (TRUE.has(t)) return true;
  if (FALSE.has(t)) return false;
  throw invalidParam(name, 'must be a boolean (1, true, 0, false)');
}

/** An optional boolean filter: absent or "" means "no filter". */
export function boolFilter(p: Params, name: string): boolean | undefined {
  return opt(p, name) === undefined ? undefined : boolOf(p, name);
}

/** A positive integer, or the default when absent. */
export function positiveInt(p: Params, name: string, dflt: number): number {
  const v = opt(p, name);
  if (v === undefined) return dflt;
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 2_147_483_647) throw invalidParam(name, 'must be a positive integer');
  return Number(v);
}

export function oneOf<T extends string>(p: Params, name: string, allowed: readonly T[], required: boolean): T | undefined {
  const v = required ? req(p, name) : opt(p, name);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw invalidParam(name, `must be one of ${allowed.join(', ')}`);
  return v as T;
}

const PHONE = /^\+\d{1,3}\.\d{4,14}$/;
/** `+DD.DDDDDDDD` (seed L887; the SDK checks `^\+\d+\.\d+$`). */
export function phoneOf(p: Params, name: string, required: boolean): string | undefined {
  const v = required ? req(p, name) : opt(p, name);
  if (v === undefined) return undefined;
  if (!PHONE.test(v)) throw invalidParam(name, 'must be a phone number in +DD.DDDDDDDD format');
  return v;
}

export function emailOf(p: Params, name: string, required: boolean): string | undefined {
  const v = required ? req(p, name) : opt(p, name);
  if (v === undefined) return undefined;
  if (!isEmail(v)) throw invalidParam(name, 'must be an email address');
  return v;
}

/** ISO 3166-1 alpha-2, upper-cased. */
export function countryOf(p: Params, name: string, required: boolean): string | undefined {
  const v = required ? req(p, name) : opt(p, name);
  if (v === undefined) return undefined;
  const c = v.toUpperCase();
  if (!isCountryCode(c)) throw invalidParam(name, 'must be a 2-letter ISO 3166-1 country code');
  return c;
}
