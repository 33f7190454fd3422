// The official Openprovider v1beta Swagger 2.0 file, read once per worker, and its conversion to JSON Schema (draft-07)
// at the strictness of ../shared/guide/CONTRACTS.md ("The level to gate on"):
// - types and int32/double formats as written; `format: boolean` dropped (unknown to Ajv); no `null` anywhere
//   (the spec declares one type per schema and never `nullable`, so a JSON null simply fails the type);
// - every object closed (`additionalProperties: false`) except the declared `sku_values` maps, whose
//   `additionalProperties` schema is kept;
// - schema keywords (title, description, example, default) are stripped at schema level only — a `properties` map
//   is walked as a map of names, so fields called `type`, `title`, `items`, `required`, … stay fields;
// - the sibling `title` beside a `$ref` is dropped; refs stay `$ref`s into `definitions` (never inlined recursively:
//   `licenseExtendedLicense.extensions` refers to itself).
// Required lists are added per operation (see `operationSchema`), never to the shared definitions, because the same
// definition is a list item in one place (all fields required) and a nested object in another (all optional).
import { readFileSync } from 'node:fs';

export type SwaggerSchema = {
  $ref?: string;
  type?: string;
  format?: string;
  title?: string;
  description?: string;
  example?: unknown;
  default?: unknown;
  enum?: unknown[];
  items?: SwaggerSchema;
  properties?: Record<string, SwaggerSchema>;
  additionalProperties?: SwaggerSchema | boolean;
};

export interface SwaggerOperation {
  operationId: string;
  responses: Record<string, { schema?: SwaggerSchema }>;
}

export interface Swagger {
  paths: Record<string, Record<string, SwaggerOperation>>;
  definitions: Record<string, SwaggerSchema>;
}

export const SPEC_URL = new URL('../../../shared/specs/openprovider-v1beta-swagger.json', import.meta.url);
export const SPEC_FILE = process.env.OPENPROVIDER_SWAGGER ?? SPEC_URL;

let cached: Swagger | undefined;
export function swagger(): Swagger {
  cached ??= JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as Swagger;
  return cached;
}

export const REF_PREFIX = '#/definitions/';
export const refName = (ref: string): string => {
  if (!ref.startsWith(REF_PREFIX)) throw new Error(`unsupported $ref ${ref}`);
  return ref.slice(REF_PREFIX.length);
};

/** the definition a schema points at (one step), or the schema itself */
export function deref(s: SwaggerSchema): SwaggerSchema {
  return s.$ref ? swagger().definitions[refName(s.$ref)] : s;
}

// Keywords of the Swagger file that carry no validation meaning for a response: stripped at schema level.
const ANNOTATIONS = new Set(['title', 'description', 'example', 'default']);
const KEPT = new Set(['type', 'format', 'enum', 'items', 'properties', 'additionalProperties']);

export type JsonSchema = Record<string, unknown>;

/** Swagger 2.0 schema → closed draft-07 schema with no required lists; `refBase` prefixes `#/definitions/…` refs. */
export function convert(s: SwaggerSchema, refBase = ''): JsonSchema {
  if (s.$ref) return { $ref: `${refBase}${REF_PREFIX}${refName(s.$ref)}` }; // siblings (title ×265, description ×1) dropped
  const out: JsonSchema = {};
  for (const key of Object.keys(s)) {
    if (!ANNOTATIONS.has(key) && !KEPT.has(key)) throw new Error(`unexpected Swagger keyword "${key}" in ${JSON.stringify(s).slice(0, 120)}`);
  }
  if (s.type) out.type = s.type;
  if (s.format && s.format !== 'boolean') out.format = s.format;
  if (s.enum) out.enum = s.enum;
  if (s.items) out.items = convert(s.items, refBase);
  if (s.type === 'object' || s.properties || s.additionalProperties) {
    out.type = 'object';
    const props: Record<string, JsonSchema> = {};
    for (const [name, sub] of Object.entries(s.properties ?? {})) props[name] = convert(sub, refBase);
    out.properties = props;
    out.additionalProperties = s.additionalProperties && typeof s.additionalProperties === 'object' ? convert(s.additionalProperties, refBase) : false;
  }
  return out;
}

/** All definitions converted, for one shared Ajv schema. */
export function convertedDefinitions(refBase = ''): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const [name, def] of Object.entries(swagger().definitions)) out[name] = convert(def, refBase);
  return out;
}

/** A declared map (`sku_values`: an object with an `additionalProperties` schema and no properties). */
export const isMap = (s: SwaggerSchema): boolean => !s.properties && !!s.additionalProperties && typeof s.additionalProperties === 'object';

/** `convert` of the schema's target with every documented property required (one level only) — except the declared
 *  maps (`sku_values`), which CONTRACTS.md says to leave out rather than fill. */
function allRequired(s: SwaggerSchema, refBase: string): JsonSchema {
  const target = deref(s);
  const out = convert(target, refBase);
  const names = Object.entries(target.properties ?? {}).filter(([, sub]) => !isMap(deref(sub))).map(([name]) => name);
  if (out.type === 'object' && names.length) out.required = names;
  return out;
}

/**
 * The success schema of one operation (its 200 `…Response` definition):
 * envelope closed with `code`, `data`, `desc` required (`maintenance`/`warnings` only where documented, optional);
 * every documented field of `data` required; for `{results, total}` lists every documented field of each item too;
 * below that, typed and closed, optional.
 */
export function operationSchema(op: SwaggerOperation, refBase: string): JsonSchema {
  const ref = op.responses['200']?.schema;
  if (!ref) throw new Error(`${op.operationId}: no 200 schema`);
  const envelope = deref(ref);
  const root = convert(envelope, refBase);
  const props = root.properties as Record<string, JsonSchema>;
  root.required = ['code', 'data', 'desc'].filter((k) => k in props);
  const dataSwagger = envelope.properties?.data;
  if (dataSwagger) {
    const data = allRequired(dataSwagger, refBase);
    const dataProps = deref(dataSwagger).properties ?? {};
    if (dataProps.results && dataProps.total && dataProps.results.items) {
      const resultsSchema = (data.properties as Record<string, JsonSchema>).results;
      (data.properties as Record<string, JsonSchema>).results = { ...resultsSchema, items: allRequired(dataProps.results.items, refBase) };
    }
    props.data = data;
  }
  return root;
}

/** Closed errorError: `code` non-zero int32 and `desc` required, `data` a string, optional. */
export function errorSchema(): JsonSchema {
  const def = swagger().definitions.errorError;
  const out = convert(def);
  const props = out.properties as Record<string, JsonSchema>;
  props.code = { ...props.code, not: { const: 0 } };
  out.required = ['code', 'desc'];
  return out;
}

// ---------------------------------------------------------------------------------------------- operation matching

export interface OperationEntry {
  method: string;
  template: string;
  operationId: string;
  segments: string[]; // '' marks a path parameter
  op: SwaggerOperation;
}

let table: OperationEntry[] | undefined;
export function operations(): OperationEntry[] {
  if (table) return table;
  table = [];
  for (const [template, ops] of Object.entries(swagger().paths)) {
    for (const [method, op] of Object.entries(ops)) {
      table.push({ method: method.toUpperCase(), template, operationId: op.operationId, segments: splitPath(template).map((s) => (/^\{.+\}$/.test(s) ? '' : s)), op });
    }
  }
  return table;
}

function splitPath(path: string): string[] {
  let p = path.split(/[?#]/, 1)[0];
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p.split('/').slice(1);
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The operation for a method and a concrete path (query string ignored, trailing slash tolerated). Among the
 * templates that fit, a static segment beats a parameter at the first position where they differ
 * (`/customers/verifications/emails/start` is StartEmailVerification, not a customer handle). A path written as a
 * template (`/v1beta/customers/{id}`) matches the template of the same shape whatever the parameter names.
 */
export function matchOperation(method: string, path: string): OperationEntry | null {
  const m = method.toUpperCase();
  const segs = splitPath(path).map(decode);
  let best: OperationEntry | null = null;
  for (const entry of operations()) {
    if (entry.method !== m || entry.segments.length !== segs.length) continue;
    const fits = entry.segments.every((s, i) => (s === '' ? segs[i] !== '' : s === segs[i] && !/^\{.+\}$/.test(segs[i])));
    const templateFits = entry.segments.every((s, i) => (s === '' ? /^\{.+\}$/.test(segs[i]) : s === segs[i]));
    if (!fits && !templateFits) continue;
    if (!best || beats(entry, best)) best = entry;
  }
  return best;
}

function beats(a: OperationEntry, b: OperationEntry): boolean {
  for (let i = 0; i < a.segments.length; i++) {
    const aStatic = a.segments[i] !== '';
    const bStatic = b.segments[i] !== '';
    if (aStatic !== bStatic) return aStatic;
  }
  return false;
}
