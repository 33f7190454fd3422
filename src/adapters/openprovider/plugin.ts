// The Openprovider REST v1beta face under /v1beta: its own body parser (JSON whatever the Content-Type, empty bodies
// accepted, parsed only by routes that take one), compact JSON, the `{code,data,desc}` envelope, one error table
// (errors.ts), a not-found handler for unknown /v1beta paths, 413 in the same envelope, and Bearer auth on every
// route but login. Each area registers its routes from `routes/<area>.ts`; adding an area = adding one file + one line.
import type { FastifyError, FastifyInstance, onRequestHookHandler } from 'fastify';
import type { FaceOptions } from '../shared/http.ts';
import { DomainError, toDomainError } from '../../core/errors.ts';
import { errorBody } from './errors.ts';
import { RawBody } from './wire.ts';
import { authenticate } from './auth.ts';
import type { AreaContext } from './routes/area.ts';
import { authRoutes } from './routes/auth.ts';
import { customerRoutes } from './routes/customers.ts';
import { contactRoutes } from './routes/contacts.ts';
import { tagRoutes } from './routes/tags.ts';
import { verificationRoutes } from './routes/verifications.ts';
import { resellerRoutes } from './routes/resellers.ts';
import { dnsZoneRoutes } from './routes/dns-zones.ts';
import { dnsRecordRoutes } from './routes/dns-records.ts';
import { dnsTemplateRoutes } from './routes/dns-templates.ts';
import { domainTokenRoutes } from './routes/domain-token.ts';
import { sslRoutes } from './routes/ssl-area.ts';
import { domainRoutes } from './routes/domains.ts';
import { domainOpRoutes } from './routes/domain-ops.ts';
import { tldRoutes } from './routes/tlds.ts';
import { priceRoutes } from './routes/prices.ts';
import { additionalDataRoutes } from './routes/additional-data.ts';
import { nameserverRoutes } from './routes/nameservers.ts';
import { transactionRoutes } from './routes/transactions.ts';
import { nsGroupRoutes } from './routes/ns-groups.ts';

const AREAS = [authRoutes, customerRoutes, contactRoutes, tagRoutes, verificationRoutes, resellerRoutes, dnsZoneRoutes, dnsRecordRoutes, dnsTemplateRoutes, domainTokenRoutes, sslRoutes,
  domainRoutes, domainOpRoutes, tldRoutes, priceRoutes, additionalDataRoutes, nameserverRoutes, nsGroupRoutes, transactionRoutes];

/** Fastify's own client errors (parser, limits) as core errors; anything else passes through toDomainError. */
function fromFastify(err: FastifyError): DomainError {
  if (err instanceof DomainError) return err;
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new DomainError('request.too_large', `The request body is larger than the limit`);
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) return new DomainError('request.malformed', 'The request could not be read');
  return toDomainError(err);
}

export async function openproviderPlugin(app: FastifyInstance, o: FaceOptions): Promise<void> {
  const ctx: AreaContext = { services: o.services, clock: o.clock };

  // WIRE-FACTS §9: any Content-Type (or none) is JSON to us; the text is kept and parsed by the routes that take a
  // body. The journal keeps the text as sent (a route may replace it, e.g. with the part it read).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: o.bodyLimit }, (req, body, done) => {
    const text = String(body);
    req.journalBody = text;
    done(null, new RawBody(text));
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const e = fromFastify(err);
    if (e.code === 'internal') req.log.error({ err }, 'openprovider internal error');
    const { status, body } = errorBody(e);
    return reply.code(status).type('application/json').send(body);
  });

  app.setNotFoundHandler((req, reply) => {
    const { status, body } = errorBody(new DomainError('request.unknown_route', `No such operation: ${req.method} ${req.url.split('?')[0]}`));
    return reply.code(status).type('application/json').send(body);
  });

  // Bearer auth as an onRequest hook of every route but the public ones (login), chosen once when the route is
  // added rather than on every call; unknown paths (the not-found handler) have no route and so no hook
  const auth: onRequestHookHandler = (req, _reply, done) => {
    let pending: Promise<void> | undefined;
    try {
      pending = authenticate(o.services, req);
    } catch (e) {
      return done(e as Error);
    }
    if (pending) pending.then(() => done(), done);
    else done();
  };
  app.addHook('onRoute', (route) => {
    if (route.config?.openproviderPublic) return;
    route.onRequest = [auth, ...[route.onRequest ?? []].flat()];
  });

  for (const register of AREAS) register(app, ctx);
}
