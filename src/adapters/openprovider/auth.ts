// Bearer authentication (seed 000:37-41, 001:33-35): every route but login needs `Authorization: Bearer <token>`.
// Missing, unknown or expired (48 h on the sandbox clock) tokens → code 196, HTTP 401.
import type { FastifyRequest } from 'fastify';
import type { Services } from '../../core/runner.ts';
import { runQuery } from '../../core/runner.ts';
import { DomainError } from '../../core/errors.ts';
import { authenticateToken, cachedActor } from '../../core/auth/flows/authenticate-token.ts';
import type { Actor } from '../../core/users/model.ts';
import { clientIp } from '../shared/http.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** the route needs no bearer token (login) */
    openproviderPublic?: boolean;
  }
}

/**
 * resolves the bearer token onto req.actor: synchronously when the token is cached (most calls), else a promise.
 * Run for every route but those whose config says `openproviderPublic` (the plugin adds it to each route).
 */
export function authenticate(services: Services, req: FastifyRequest): Promise<void> | undefined {
  const header = req.headers.authorization ?? '';
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) throw new DomainError('auth.required');
  const ip = clientIp(req);
  const cached = cachedActor(services.authCache, m[1], ip, services.clock.now());
  if (cached) {
    req.actor = cached;
    return undefined;
  }
  return runQuery(services, authenticateToken, { token: m[1], ip, cache: services.authCache }).then((actor) => {
    req.actor = actor;
  });
}

/** the authenticated caller (the hook has run for every non-public route) */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new DomainError('auth.required');
  return req.actor;
}
