// How every SSL247 route runs: parse the JSON body, authenticate `u`/`p`/`k`, call the handler, wrap its `Data`.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FaceOptions } from '../shared/http.ts';
import { clientIp } from '../shared/http.ts';
import type { Actor } from '../../core/users/model.ts';
import { DomainError } from '../../core/errors.ts';
import { runQuery } from '../../core/runner.ts';
import { authenticateKey } from '../../core/auth/flows/authenticate-key.ts';
import { ok, parseBody, type Body } from './wire.ts';

export interface RouteContext {
  req: FastifyRequest;
  body: Body;
  actor: Actor;
  params: Record<string, string>;
}

const credential = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/**
 * `u` = the user's email; `k` = an API user's own key, or the account key with `p` = the password of a standard or
 * super user (inventory §1.2). All checks are the core's `authenticateKey`, the client IP included.
 */
export async function authenticate(o: FaceOptions, req: FastifyRequest, body: Body): Promise<Actor> {
  const u = credential(body.u).trim();
  const k = credential(body.k);
  if (!u || !k) throw new DomainError('auth.required', 'Credentials are required: u (user email) and k (API key), with p (password) for a standard or super user');
  const { actor } = await runQuery(o.services, authenticateKey, { email: u, password: credential(body.p), key: k, ip: clientIp(req) });
  return actor;
}

export function post(app: FastifyInstance, o: FaceOptions, path: string, handler: (c: RouteContext) => Promise<unknown>): void {
  app.post(path, async (req) => {
    const body = parseBody(req.body, req.headers['content-type']);
    req.journalBody = body;
    const actor = await authenticate(o, req, body);
    req.actor = actor;
    const data = await handler({ req, body, actor, params: (req.params ?? {}) as Record<string, string> });
    return ok(data, o.clock.now());
  });
}

/** A numeric id from the path, or the not-found error of the object it names. */
export function idParam(value: string | undefined, notFound: () => DomainError): number {
  if (!value || !/^\d{1,9}$/.test(value)) throw notFound();
  return Number(value);
}
