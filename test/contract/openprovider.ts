// Openprovider contract validator: every Openprovider response a test receives is checked against the official
// Swagger file (../shared/specs/openprovider-v1beta-swagger.json) at the strictness of ../shared/guide/CONTRACTS.md.
// Validate the PARSED BYTES (JSON.parse(res.body)), never the object before serialisation.
//
//   const res = await app.http.inject({ method: 'GET', url: '/v1beta/customers/JD000001-US', headers });
//   expectOpenproviderContract('GET', '/v1beta/customers/JD000001-US', res.statusCode, res.json());
//
// Conversion rules: ./swagger.ts. House rules (dates): ./house-rules.ts. Coverage across workers: ./coverage.ts and
// ./global-setup.ts.
import AjvModule from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { recordValidated } from './coverage.ts';
import { houseRuleViolations } from './house-rules.ts';
import { convertedDefinitions, deref, errorSchema, matchOperation, operationSchema, swagger, type SwaggerSchema } from './swagger.ts';

export { houseRuleViolations, dateFields } from './house-rules.ts';

// ajv and ajv-formats are CommonJS with `exports.default`; under nodenext the default import is the module object.
const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule) as unknown as typeof AjvModule.default;
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as typeof addFormatsModule.default;

const DEFS_ID = 'openprovider-v1beta';

let ajvInstance: InstanceType<typeof Ajv> | undefined;
function ajv(): InstanceType<typeof Ajv> {
  if (ajvInstance) return ajvInstance;
  const a = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
  addFormats(a, ['int32', 'double']);
  a.addSchema({ $id: DEFS_ID, definitions: convertedDefinitions() });
  ajvInstance = a;
  return a;
}

const successValidators = new Map<string, ValidateFunction>();
let errorValidator: ValidateFunction | undefined;

/** The compiled success validator of an operation (once per worker). */
export function successValidator(operationId: string): ValidateFunction {
  let v = successValidators.get(operationId);
  if (!v) {
    const entry = matchById(operationId);
    v = ajv().compile(operationSchema(entry.op, DEFS_ID));
    successValidators.set(operationId, v);
  }
  return v;
}

/** The compiled closed errorError validator. */
export function errorBodyValidator(): ValidateFunction {
  errorValidator ??= ajv().compile(errorSchema());
  return errorValidator;
}

function matchById(operationId: string) {
  for (const [template, ops] of Object.entries(swagger().paths)) {
    for (const [method, op] of Object.entries(ops)) if (op.operationId === operationId) return { template, method: method.toUpperCase(), op };
  }
  throw new Error(`unknown Openprovider operationId ${operationId}`);
}

export function operationFor(method: string, path: string): { operationId: string; template: string } | null {
  const hit = matchOperation(method, path);
  return hit ? { operationId: hit.operationId, template: hit.template } : null;
}

/** operationId reported for a path or method that is no operation of the spec (only error bodies are judged there) */
export const NO_OPERATION = '(no operation of the spec)';

const validated = new Set<string>();

/** operationIds whose success body was validated (and passed) so far in this worker */
export function validatedOperations(): ReadonlySet<string> {
  return validated;
}

/** Ajv errors as `<JSON pointer>: <message>` lines. */
export function formatErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const at = e.instancePath || '/';
    const p = e.params as Record<string, unknown>;
    if (e.keyword === 'additionalProperties') return `${at}: unexpected property "${String(p.additionalProperty)}" (closed object)`;
    if (e.keyword === 'required') return `${at}: missing required property "${String(p.missingProperty)}"`;
    if (e.keyword === 'not' && e.instancePath === '/code') return `${at}: an error body needs a non-zero code`;
    if (e.keyword === 'enum') return `${at}: ${e.message} ${JSON.stringify(p.allowedValues)}`;
    return `${at}: ${e.message}`;
  });
}

/** Whether a response is judged against the operation's 200 schema (else: the error schema). */
export function isSuccess(status: number, body: unknown): boolean {
  return status === 200 && !!body && typeof body === 'object' && !Array.isArray(body) && (body as { code?: unknown }).code === 0;
}

/** Schema violations only (no house rules), for one response. */
export function contractViolations(method: string, path: string, status: number, body: unknown): { operationId: string; success: boolean; violations: string[] } {
  const hit = matchOperation(method, path);
  const success = isSuccess(status, body);
  // A path or method the spec lacks (a test probing 404/405) can still be judged: its answer must be an error body.
  if (!hit && success) throw new Error(`Openprovider contract: no operation of the spec matches ${method.toUpperCase()} ${path}, yet it answered a success`);
  const operationId = hit ? hit.operationId : NO_OPERATION;
  const v = success ? successValidator(operationId) : errorBodyValidator();
  const violations = v(body) ? [] : formatErrors(v.errors);
  // WIRE-FACTS (Openprovider 8, 10): every success is HTTP 200; errors come with a non-2xx status.
  if (!success && status >= 200 && status < 300) violations.unshift(`/: HTTP ${status} with a body that is not a success (code 0): errors are answered with a non-2xx status, successes with 200`);
  return { operationId, success, violations };
}

/** Validates one Openprovider response (the parsed JSON bytes as received) against the schema of the operation
 *  matched by method + concrete request path (e.g. 'GET', '/v1beta/customers/JD123456-US'; query string allowed and
 *  ignored; trailing slash tolerated). status 200 with code 0 → the operation's 200 schema at the gated strictness;
 *  anything else → the closed errorError schema (code non-zero integer, desc string required, data string optional).
 *  Throws an Error whose message lists every violation (JSON pointer + message) and the operationId.
 *  A path or method the spec does not have may only answer an error body (judged against errorError).
 *  Records the operationId as validated for the coverage check (success bodies that pass only).
 *  `body` may also be the raw response text (`res.body`): it is then parsed first (and must be JSON). */
export function expectOpenproviderContract(method: string, path: string, status: number, body: unknown): void {
  // An Openprovider body is never a JSON string: a string here is the raw bytes (`res.body`), so parse them.
  if (typeof body === 'string') body = parseBytes(method, path, body);
  const { operationId, success, violations } = contractViolations(method, path, status, body);
  const house = houseRuleViolations(body);
  if (violations.length || house.length) {
    const parts = [`Openprovider contract violated by ${method.toUpperCase()} ${path} → HTTP ${status} (operation ${operationId}, ${success ? '200 schema' : 'errorError schema'}):`];
    if (violations.length) parts.push(`schema (${violations.length}):`, ...violations.map((x) => `  ${x}`));
    if (house.length) parts.push(`house rules (${house.length}):`, ...house.map((x) => `  ${x}`));
    throw new Error(parts.join('\n'));
  }
  if (success && !validated.has(operationId)) {
    validated.add(operationId);
    recordValidated(operationId);
  }
}

function parseBytes(method: string, path: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`Openprovider contract violated by ${method.toUpperCase()} ${path}: the body is not JSON: ${JSON.stringify(text.slice(0, 200))}`);
  }
}

/** Report-only: the documented fields a success body does not carry, below `data`, one line per documented field —
 *  a field of a definition counts as carried when it appears in ANY object of that definition in the body (the
 *  guide's counting: "GetReseller documents 205, GetDomain 155" counts each definition's fields once). Each missing
 *  field is reported at the first place it is documented, as a JSON pointer in which `*` stands for array items.
 *  An empty array reports nothing below it (nothing to carry); a missing
 *  object reports its own fields too. Recursion stops at a definition already on the path (self-reference). */
export function missingDocumentedFields(method: string, path: string, body: unknown): string[] {
  const hit = matchOperation(method, path);
  if (!hit) throw new Error(`Openprovider contract: no operation of the spec matches ${method.toUpperCase()} ${path}`);
  const data = deref(hit.op.responses['200'].schema!).properties?.data;
  if (!data) return [];
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>).data : undefined;
  return fieldReport(data, value === undefined ? [] : [value]).filter((f) => !f.present).map((f) => f.at);
}

/** The documented fields of an operation's success body as the guide counts them: each (definition, field) pair once,
 *  below the envelope — the fields of `data` and of `warnings[]` (GetDomain 155, GetReseller 205). */
export function documentedFieldCount(operationId: string): number {
  const envelope = deref(matchById(operationId).op.responses['200'].schema!);
  const seen = new Map<string, FieldState>();
  for (const [name, sub] of Object.entries(envelope.properties ?? {})) walkFields(sub, [], `/${name}`, [], seen, `envelope#${name}`);
  return seen.size;
}

/** Every documented field below `data` (deduplicated as in missingDocumentedFields), with where it is first documented. */
export function documentedFields(operationId: string): string[] {
  const data = deref(matchById(operationId).op.responses['200'].schema!).properties?.data;
  return data ? fieldReport(data, []).map((f) => f.at) : [];
}

interface FieldState {
  at: string;
  present: boolean;
}

function fieldReport(data: SwaggerSchema, values: unknown[]): FieldState[] {
  const seen = new Map<string, FieldState>();
  walkFields(data, values, '/data', [], seen, 'envelope#data');
  return [...seen.values()];
}

function walkFields(schema: SwaggerSchema, values: unknown[], at: string, stack: string[], seen: Map<string, FieldState>, inlineOwner: string): void {
  let s = schema;
  let owner = inlineOwner; // an inline object schema is keyed by the field that declares it
  if (s.$ref) {
    if (stack.includes(s.$ref)) return;
    stack = [...stack, s.$ref];
    owner = s.$ref;
    s = deref(s);
  }
  if (s.type === 'array' && s.items) {
    const items = values.flatMap((v) => (Array.isArray(v) ? v : []));
    if (values.length && !items.length) return; // present and empty: nothing to carry below it
    walkFields(s.items, items, `${at}/*`, stack, seen, owner);
    return;
  }
  if (!s.properties) return;
  const objects = values.filter((v): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v));
  for (const [name, sub] of Object.entries(s.properties)) {
    const here = `${at}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const present = objects.filter((o) => name in o).map((o) => o[name]);
    const key = `${owner}#${name}`;
    const state = seen.get(key);
    if (!state) seen.set(key, { at: here, present: present.length > 0 });
    else if (present.length) state.present = true;
    walkFields(sub, present, here, stack, seen, key);
  }
}
