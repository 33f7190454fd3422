// The Openprovider wire: envelope, dates, the raw-body parser, request-body validation (Ajv) and query parsing.
// WIRE-FACTS Openprovider §1, §7-§11: compact JSON, `{"code":0,"data":…,"desc":""}`, HTTP 200 for every success,
// JSON parsed whatever the Content-Type, empty bodies accepted, bodies ignored where a route takes none.
import type { FastifyRequest } from 'fastify';
import AjvModule from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { DomainError, invalid } from '../../core/errors.ts';
import { intOf } from '../shared/http.ts';

// ajv is CommonJS with `exports.default`; under nodenext the default import is the module object.
const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule) as unknown as typeof AjvModule.default;
const ajv = new Ajv({ allErrors: false, strict: false });

export interface Envelope<T> {
  code: 0;
  data: T;
  desc: '';
}

/** The success envelope. Key order code, data, desc as the seed prints it. */
export function ok<T>(data: T): Envelope<T> {
  return { code: 0, data, desc: '' };
}

export const success = (): Envelope<{ success: true }> => ok({ success: true });

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD HH:MM:SS` (UTC, the sandbox clock's zone); `unset` when there is no date. */
export function opDateTime(d: Date | null | undefined, unset = ''): string {
  if (!d) return unset;
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

// ------------------------------------------------------------------------------------------------------- bodies

/** What the face's content-type parser leaves on `request.body`: the text, parsed only by routes that take a body. */
export class RawBody {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

export type JsonSchema = Record<string, unknown>;
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

function describe(e: ErrorObject): { field: string; reason: string } {
  const at = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') return { field: at ? `${at}.${String(p.additionalProperty)}` : String(p.additionalProperty), reason: 'is not a known field' };
  if (e.keyword === 'required') return { field: at ? `${at}.${String(p.missingProperty)}` : String(p.missingProperty), reason: 'is required' };
  if (e.keyword === 'enum') return { field: at, reason: `must be one of ${(p.allowedValues as unknown[]).map((x) => JSON.stringify(x)).join(', ')}` };
  return { field: at || 'body', reason: e.message ?? 'is invalid' };
}

/**
 * The JSON body of a route that takes one, checked against the route's wire schema. An empty body is `{}` (so
 * missing required fields are reported as such). Malformed JSON → request.malformed; not an object, wrong types,
 * unknown fields, missing required fields → request.invalid naming the field.
 */
export function jsonBody<T = Record<string, unknown>>(req: FastifyRequest, schema: JsonSchema): T {
  const text = req.body instanceof RawBody ? req.body.text : typeof req.body === 'string' ? req.body : '';
  let parsed: unknown = {};
  if (text.trim()) {
    try {
      parsed = JSON.parse(text);
    } catch {
      req.journalBody = text;
      throw new DomainError('request.malformed', 'Malformed JSON in request body', { field: 'body' });
    }
  }
  // the journal masks secrets from the text (cheaper than from the parsed object)
  req.journalBody = text;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new DomainError('request.invalid', 'The request body must be a JSON object', { field: 'body' });
  let v = compiled.get(schema);
  if (!v) {
    v = ajv.compile(schema);
    compiled.set(schema, v);
  }
  if (!v(parsed)) {
    const { field, reason } = describe(v.errors![0]);
    throw invalid(field, reason);
  }
  return parsed as T;
}

// Schema builders for request bodies (closed objects unless said otherwise).
export const S = {
  str: { type: 'string' } as JsonSchema,
  int: { type: 'integer' } as JsonSchema,
  /** booleans as real clients send them (WIRE-FACTS §11, inventory A10) */
  bool: { enum: [true, false, 'true', 'false', '1', '0', 1, 0, 'on', 'off'] } as JsonSchema,
  strings: { type: 'array', items: { type: 'string' } } as JsonSchema,
  /** an object whose keys are open (additional data: arbitrary keys are accepted, inventory D14) */
  open: { type: 'object' } as JsonSchema,
  obj(props: Record<string, JsonSchema>, required: string[] = []): JsonSchema {
    return { type: 'object', properties: props, additionalProperties: false, ...(required.length ? { required } : {}) };
  },
  arr(items: JsonSchema): JsonSchema {
    return { type: 'array', items };
  },
  oneOf(values: string[]): JsonSchema {
    return { type: 'string', enum: values };
  },
};

export function toBool(v: unknown): boolean | undefined {
  if (v === undefined) return undefined;
  return v === true || v === 1 || v === '1' || v === 'true' || v === 'on';
}

// ------------------------------------------------------------------------------------------------------- queries

export type Query = Record<string, string | string[] | undefined>;

export function queryOf(req: FastifyRequest): Query {
  return (req.query ?? {}) as Query;
}

/** one value of a query key (the last one when repeated) */
export function one(q: Query, key: string): string | undefined {
  const v = q[key] ?? q[`${key}[]`];
  if (Array.isArray(v)) return v[v.length - 1];
  return v;
}

/** every value of an array parameter: repeated keys, `key[]=`, or comma-separated (inventory A9) */
export function many(q: Query, key: string): string[] {
  const raw = [q[key], q[`${key}[]`]].flat().filter((x): x is string => typeof x === 'string');
  return raw.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

/** a boolean query parameter: `true`/`1`/`on` true, `false`/`0`/`off`/empty false, anything else 400 */
export function flag(q: Query, key: string): boolean {
  const v = one(q, key);
  if (v === undefined || v === '') return false;
  const t = v.toLowerCase();
  if (['true', '1', 'on', 'yes'].includes(t)) return true;
  if (['false', '0', 'off', 'no'].includes(t)) return false;
  throw invalid(key, 'must be true, false, 1 or 0');
}

/** an integer query parameter, 400 when present and not an integer */
export function intParam(q: Query, key: string): number | undefined {
  const v = one(q, key);
  if (v === undefined || v === '') return undefined;
  const n = intOf(v);
  if (n === undefined) throw invalid(key, 'must be an integer');
  return n;
}

/** dotted keys under a prefix: `order_by.domain_name=asc` → {domain_name: 'asc'} (WIRE-FACTS §11) */
export function dotted(q: Query, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(q)) if (key.startsWith(`${prefix}.`)) out[key.slice(prefix.length + 1)] = one(q, key) ?? '';
  return out;
}

/**
 * `limit`/`offset` with an endpoint's documented default and maximum. `limit=0` or absent = the default; above the
 * maximum = the maximum (inventory A8); negative or junk = 400.
 */
export function paging(q: Query, o: { def: number; max: number }): { limit: number; offset: number } {
  const limit = intParam(q, 'limit');
  const offset = intParam(q, 'offset');
  if (limit !== undefined && limit < 0) throw invalid('limit', 'must not be negative');
  if (offset !== undefined && offset < 0) throw invalid('offset', 'must not be negative');
  return { limit: !limit ? o.def : Math.min(limit, o.max), offset: offset ?? 0 };
}

/** `order` asc/desc (any case) */
export function descending(q: Query): boolean {
  const o = (one(q, 'order') ?? 'asc').toLowerCase();
  if (o !== 'asc' && o !== 'desc' && o !== '') throw invalid('order', 'must be asc or desc');
  return o === 'desc';
}
