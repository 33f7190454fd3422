// Bearer authentication (seed 000:37-41, 001:33-35): every route but login needs `Authorization: Bearer <token>`.
// Missing, unknown or expired (48 h on the sandbox clock) tokens → code 196, HTTP 401.
import type { FastifyRequest } from 'fastify';
import type { Services } from '../../core/runner.ts';
import { runQuery } from '../../core/runner.ts';
import { DomainError } from '../../core/errors.ts';
import { authenticateToken } from '../../core/auth/flows/authenticate-token.ts';
import type { Actor } from '../../core/users/model.ts';
import { clientIp } from '../shared/http.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** the route needs no bearer token (login) */
    openproviderPublic?: boolean;
  }
}

export async function authenticate(services: Services, req: FastifyRequest): Promise<void> {
  if (req.is404 || req.routeOptions.config?.openproviderPublic) return;
  const header = req.headers.authorization ?? '';
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) throw new DomainError('auth.required');
  req.actor = await runQuery(services, authenticateToken, { token: m[1], ip: clientIp(req), cache: services.authCache });
}

/** the authenticated caller (the hook has run for every non-public route) */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new DomainError('auth.required');
  return req.actor;
}
