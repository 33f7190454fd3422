// The MrDomain (DonDominio) Simple-POST face, API v1.0.20 (seed 003; inventory ../shared/guide/mrdomain-inventory.md).
//
// Transport: `POST /<module>/<action>/` (trailing slash optional, case-insensitive), parameters from an
// application/x-www-form-urlencoded or multipart/form-data body only — the query string is never read. Any other
// method is a request without parameters (so it answers 200 "Login required"). Every answer is HTTP 200 with the
// envelope `{success, errorCode, errorCodeMsg, action, version, messages?, responseData}` in JSON (PHP json_encode
// style) or XML (`output-format=xml`), pretty with `output-pretty`.
//
// Order of checks: route (102 unknown / 104 documented but not implemented) → body syntax (100) → output options
// (105) → credentials (200 missing, 201 invalid, 1007 IP not registered, 1002 account inactive) → parameters
// (101 missing, 105 invalid) → the action.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { FaceOptions } from '../shared/http.ts';
import { clientIp } from '../shared/http.ts';
import { runQuery } from '../../core/runner.ts';
import { authenticatePassword } from '../../core/auth/flows/authenticate-password.ts';
import { DomainError, toDomainError } from '../../core/errors.ts';
import { DOCUMENTED_ACTIONS } from './documented.ts';
import { ERROR_MESSAGES, ERROR_TABLE } from './errors.ts';
import { envelope, phpJson, xml, type Envelope } from './wire.ts';
import type { Params } from './params.ts';
import { boolOf, invalidParam } from './params.ts';
import type { ActionHandler } from './actions/types.ts';
import { toolHello } from './actions/tool.ts';
import { toolDig, toolZonecheck } from './actions/tool-dns.ts';
import { accountInfo } from './actions/account.ts';
import { contactCreate, contactGetInfo, contactList, contactResendVerificationMail } from './actions/contact.ts';
import { SSL_ACTIONS } from './actions/ssl.ts';
import { DOMAIN_ACTIONS } from './actions/domain.ts';
import { USER_ACTIONS, subuserMayCall } from './actions/user.ts';
import { ACCOUNT_EXTRA_ACTIONS } from './actions/account-extra.ts';
import { TOOL_EXTRA_ACTIONS } from './actions/tool-extra.ts';
import { runFlow } from '../../core/runner.ts';
import { authenticateSubuser } from '../../core/subusers/flows/authenticate-subuser.ts';
import type { Subuser } from '../../core/subusers/model.ts';
import type { Actor } from '../../core/users/model.ts';

/** The actions this server implements; every other documented action answers 104. */
export const IMPLEMENTED: Readonly<Record<string, ActionHandler>> = {
  'tool/hello': toolHello,
  'tool/dig': toolDig,
  'tool/zonecheck': toolZonecheck,
  'account/info': accountInfo,
  'contact/create': contactCreate,
  'contact/list': contactList,
  'contact/getinfo': contactGetInfo,
  'contact/resendverificationmail': contactResendVerificationMail,
  ...SSL_ACTIONS,
  ...DOMAIN_ACTIONS,
  ...ACCOUNT_EXTRA_ACTIONS,
  ...TOOL_EXTRA_ACTIONS,
  ...USER_ACTIONS,
};

interface Output {
  format: 'json' | 'xml';
  pretty: boolean;
}

/** `module/action` from a request URL: no query, no leading/trailing or repeated slashes, lower case (inventory A-8). */
export function actionOf(url: string): string {
  const path = url.split('?')[0];
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // keep the raw path
  }
  return decoded.split('/').filter(Boolean).join('/').toLowerCase();
}

/** Body parameters as PHP's $_POST sees them: strings, the last of repeated names wins. */
function paramsOf(body: unknown): Params {
  const out: Params = {};
  if (!body || typeof body !== 'object' || Buffer.isBuffer(body)) return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    const last = Array.isArray(v) ? v[v.length - 1] : v;
    if (typeof last === 'string') out[k] = last;
    else if (Buffer.isBuffer(last)) out[k] = last.toString('utf8');
  }
  return out;
}

function outputOf(p: Params): { out: Output; error?: DomainError } {
  const out: Output = { format: 'json', pretty: false };
  try {
    const f = (p['output-format'] ?? '').trim().toLowerCase();
    if (f === 'xml') out.format = 'xml';
    else if (f !== '' && f !== 'json') throw invalidParam('output-format', 'must be json or xml');
    out.pretty = boolOf(p, 'output-pretty') ?? false;
    return { out };
  } catch (e) {
    return { out, error: toDomainError(e) };
  }
}

function send(reply: FastifyReply, out: Output, e: Envelope): FastifyReply {
  reply.code(200);
  if (out.format === 'xml') return reply.type('application/xml; charset=utf-8').send(xml(e, out.pretty));
  return reply.type('application/json; charset=utf-8').send(phpJson(e, out.pretty));
}

function errorEnvelope(action: string, err: DomainError): Envelope {
  const row: { code: number; ifMissing?: number } = ERROR_TABLE[err.code];
  const code = err.details.missing && row.ifMissing ? row.ifMissing : row.code;
  const messages = code === 102 ? ['invalid object/action'] : [err.publicMessage];
  return envelope(action, code, ERROR_MESSAGES[code] ?? ERROR_MESSAGES[1], [], messages);
}

function routeError(action: string): DomainError | null {
  if (Object.hasOwn(IMPLEMENTED, action)) return null;
  return DOCUMENTED_ACTIONS.has(action) ? new DomainError('request.not_implemented', `${action} is not implemented by this server`) : new DomainError('request.unknown_route');
}

function tooLarge(): Error {
  return Object.assign(new Error('Request body is too large'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 });
}

export async function mrdomainPlugin(app: FastifyInstance, o: FaceOptions): Promise<void> {
  const { services, bodyLimit } = o;

  // Only the two documented encodings carry parameters; any other body is read (within the limit) and ignored,
  // as PHP ignores it — the request then has no parameters.
  app.removeAllContentTypeParsers();
  await app.register(formbody, { bodyLimit });
  await app.register(multipart, { limits: { fieldSize: bodyLimit, fileSize: bodyLimit, fields: 10_000, parts: 10_000 } });
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_req, _body, done) => done(null, undefined));

  // Fastify enforces bodyLimit for the buffered parsers; a multipart body is streamed, so it is checked here by its
  // declared length and, when chunked, by the size of the fields read (readParams).
  app.addHook('preParsing', async (req, _reply, payload) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > bodyLimit) throw tooLarge();
    return payload;
  });

  async function readParams(req: FastifyRequest): Promise<Params> {
    if (req.method !== 'POST') return {};
    if (!req.isMultipart()) return paramsOf(req.body);
    const out: Params = {};
    let size = 0;
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        // a part with Content-Type application/json arrives parsed: keep it as the text it was
        out[part.fieldname] = typeof part.value === 'string' ? part.value : JSON.stringify(part.value ?? '');
        size += part.fieldname.length + out[part.fieldname].length;
      } else size += (await part.toBuffer()).length; // files are not parameters; drained and counted
      if (size > bodyLimit) throw new DomainError('request.too_large', 'Request body is too large');
    }
    return out;
  }

  /** the account's own user, or else an external user of an account (user module, actions/user.ts) */
  async function login(apiuser: string, apipasswd: string, ip: string): Promise<{ actor: Actor; subuser?: Subuser }> {
    try {
      return { actor: (await runQuery(services, authenticatePassword, { login: apiuser, password: apipasswd, ip, by: 'username' })).actor };
    } catch (e) {
      if (toDomainError(e).code !== 'auth.failed') throw e;
      const subuser = await runFlow(services, authenticateSubuser, { username: apiuser, password: apipasswd, ip }).catch((se: unknown) => {
        throw toDomainError(se).code === 'auth.failed' ? e : se;
      });
      return { actor: { accountId: subuser.accountId, userId: 0, username: subuser.username, ip }, subuser };
    }
  }

  async function handle(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const action = actionOf(req.url);
    const denied = routeError(action);
    let params: Params = {};
    try {
      params = await readParams(req);
    } catch (err) {
      req.journalBody = {};
      // routing comes first: an unknown action is 102 whatever its body
      const e = denied ?? (toDomainError(err).code === 'internal' ? new DomainError('request.malformed', 'The request body could not be parsed') : toDomainError(err));
      return send(reply, { format: 'json', pretty: false }, errorEnvelope(action, e));
    }
    req.journalBody = params;
    const { out, error } = outputOf(params);
    try {
      if (denied) throw denied;
      if (error) throw error;
      const apiuser = (params.apiuser ?? '').trim();
      const apipasswd = params.apipasswd ?? '';
      if (!apiuser || !apipasswd) throw new DomainError('auth.required', 'Login required');
      const ip = clientIp(req);
      const { actor, subuser } = await login(apiuser, apipasswd, ip);
      req.actor = actor;
      if (subuser && !subuserMayCall(action)) throw new DomainError('auth.forbidden', 'External users may not call this action');
      const result = await IMPLEMENTED[action]({ params, actor, services, ip, subuser });
      return send(reply, out, envelope(action, 0, '', result.responseData, result.messages));
    } catch (err) {
      const e = toDomainError(err);
      if (e.code === 'internal') req.log.error({ err }, 'mrdomain internal error');
      return send(reply, out, errorEnvelope(action, e));
    }
  }

  // A body the parsers refuse (too large, broken) is a syntax error in the envelope, never an HTTP error page.
  app.setErrorHandler((err, req, reply) => {
    const action = actionOf(req.url);
    const code = (err as { code?: string }).code;
    const e = routeError(action) ?? (code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? new DomainError('request.too_large', 'Request body is too large') : (err as { statusCode?: number }).statusCode && (err as { statusCode: number }).statusCode < 500 ? new DomainError('request.malformed', 'The request body could not be parsed') : toDomainError(err));
    if (e.code === 'internal') req.log.error({ err }, 'mrdomain internal error');
    req.journalBody ??= {};
    return send(reply, { format: 'json', pretty: false }, errorEnvelope(action, e));
  });
  // Unknown paths, other methods and upper-case paths of known actions come here.
  app.setNotFoundHandler((req, reply) => handle(req, reply));

  for (const action of Object.keys(IMPLEMENTED)) app.post(`/${action}`, (req, reply) => handle(req, reply));
}
