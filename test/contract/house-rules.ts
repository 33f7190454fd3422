// House rules for Openprovider bodies (../shared/guide/CONTRACTS.md, "The level to gate on" §4), checked beside the
// schema but reported apart: date-times are `YYYY-MM-DD HH:MM:SS` (or `0000-00-00 00:00:00`, or `""` when unset),
// dates are `YYYY-MM-DD` (or `""` when unset: the spec's own GetDomain example answers `"scheduled_at": ""`, a field
// documented as a date by the UpdateDomain example, and "never null" means `""` for an unset string).
//
// Which fields are dates is read from the spec, by name, over every string property of every definition:
// - a date-ish name is `*_date`, `*_at`, `*_until`, `date` or `modified` (that catches creation_date, expiration_date,
//   renewal_date, deleted_at, comments_last_changed_at, restorable_until, zone history `date`, statistics `modified`, …);
// - it is a DATE when every non-empty example value the spec gives for that name is `YYYY-MM-DD` (birth_date,
//   company_registration_subscription_date, passport_issue_date, …), a DATE-TIME otherwise;
// - EXCEPTIONS, because the spec's own examples say they are not calendar dates: promotion `start_date`/`end_date`
//   are epoch seconds as a string ("1577836800"), and `at` (transfer request) is request-only. `timestamp`
//   (domain history) is ISO 8601 with offset in the spec and is not matched by the name rule on purpose.
// Only response bodies are checked, so names that appear only in requests or order_by objects do no harm: an
// order_by object never comes back in a response.
import { swagger, type SwaggerSchema } from './swagger.ts';

const DATEISH = /(_date|_at|_until)$|^(date|modified)$/;
const NOT_CALENDAR = new Set(['start_date', 'end_date']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

export interface DateFields {
  dates: ReadonlySet<string>;
  dateTimes: ReadonlySet<string>;
}

let fields: DateFields | undefined;

/** The field names the house rules treat as dates and date-times, derived from the spec as described above. */
export function dateFields(): DateFields {
  if (fields) return fields;
  const names = new Set<string>();
  const examples = new Map<string, string[]>();
  const defs = swagger().definitions;
  const visit = (s: SwaggerSchema | undefined): void => {
    if (!s) return;
    for (const [name, sub] of Object.entries(s.properties ?? {})) {
      if (sub.type === 'string' && DATEISH.test(name) && !NOT_CALENDAR.has(name)) names.add(name);
      visit(sub);
    }
    if (s.items) visit(s.items);
  };
  const collect = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (typeof x === 'string' && x !== '') examples.set(k, [...(examples.get(k) ?? []), x]);
        collect(x);
      }
    }
  };
  for (const def of Object.values(defs)) {
    visit(def);
    collect(def.example);
  }
  const dates = new Set<string>();
  const dateTimes = new Set<string>();
  for (const name of names) {
    const seen = examples.get(name) ?? [];
    if (seen.length && seen.every((x) => DATE.test(x))) dates.add(name);
    else dateTimes.add(name);
  }
  fields = { dates, dateTimes };
  return fields;
}

const pointer = (parts: (string | number)[]): string => '/' + parts.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** Every house-rule violation in a body, as `<JSON pointer>: <message>`. */
export function houseRuleViolations(body: unknown): string[] {
  const { dates, dateTimes } = dateFields();
  const out: string[] = [];
  const walk = (v: unknown, at: (string | number)[]): void => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, i]));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        const here = [...at, k];
        if (typeof x === 'string') {
          if (dateTimes.has(k) && x !== '' && !DATE_TIME.test(x)) out.push(`${pointer(here)}: date-time must be "YYYY-MM-DD HH:MM:SS", "0000-00-00 00:00:00" or "" (got ${JSON.stringify(x)})`);
          else if (dateTimes.has(k) && x !== '' && x !== '0000-00-00 00:00:00' && !validCalendar(x)) out.push(`${pointer(here)}: not a real date-time (got ${JSON.stringify(x)})`);
          else if (dates.has(k) && x !== '' && !(DATE.test(x) && validCalendar(x))) out.push(`${pointer(here)}: date must be "YYYY-MM-DD" or "" (got ${JSON.stringify(x)})`);
        }
        walk(x, here);
      }
    }
  };
  walk(body, []);
  return out;
}

function validCalendar(x: string): boolean {
  const [y, mo, d] = x.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return false;
  if (x.length > 10) {
    const [h, mi, s] = x.slice(11).split(':').map(Number);
    if (h > 23 || mi > 59 || s > 59) return false;
  }
  return true;
}
