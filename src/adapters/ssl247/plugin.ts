// The SSL247 API v3 face under /api/v3: every call is POST with a JSON body carrying `u`, `p`, `k`; success is
// {"StatusCode","StatusDescription","Date","Data"}, failure {"Response":{"Error":{"Code","Message"},"Date"}} with the
// HTTP status of errors.ts. Unknown route → 404, another method on a documented route → 405, a documented route not
// served yet → 501, always in the error envelope.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FaceOptions } from '../shared/http.ts';
import { DomainError, toDomainError } from '../../core/errors.ts';
import { SSL247_ERRORS } from './errors.ts';
import { failure } from './wire.ts';
import { CONTACT_FIELD } from './mapping.ts';
import { documentedRoute } from './documented-routes.ts';
import { accountRoutes } from './routes/account.ts';
import { userRoutes } from './routes/users.ts';
import { contactProfileRoutes } from './routes/contact-profiles.ts';
import { genericRoutes } from './routes/generic.ts';
import { certificateRoutes } from './routes/certificates.ts';
import { orderRoutes } from './routes/orders.ts';
import { productRoutes } from './routes/products.ts';
import { invoiceRoutes } from './routes/invoices.ts';

const PREFIX = '/api/v3';

/** Fastify's own errors (body parsing, limits) as core errors; everything else through toDomainError. */
function asDomainError(err: unknown): DomainError {
  if (err instanceof DomainError) return err;
  const f = err as Partial<FastifyError>;
  if (f.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || f.statusCode === 413) return new DomainError('request.too_large', 'The request body is too large');
  if (f.validation || f.statusCode === 400 || f.statusCode === 415) return new DomainError('request.malformed', 'Malformed request: the body could not be read');
  return toDomainError(err);
}

/** The public message; a core contact field name is replaced by this face's name for it. */
function messageOf(e: DomainError): string {
  const field = typeof e.details.field === 'string' ? e.details.field : undefined;
  if (e.code === 'contact.invalid' && field && CONTACT_FIELD[field]) return `${CONTACT_FIELD[field]}: ${e.details.reason ?? 'is invalid'}`;
  return e.publicMessage;
}

export async function ssl247Plugin(app: FastifyInstance, o: FaceOptions): Promise<void> {
  // JSON whatever the Content-Type (inventory §1.1): every body reaches the route as text, parsed there
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: o.bodyLimit }, (_req, body, done) => done(null, body));

  const send = (reply: FastifyReply, e: DomainError) => {
    const row = SSL247_ERRORS[e.code];
    return reply.code(row.http).type('application/json; charset=utf-8').send(failure(row.code, messageOf(e), o.clock.now()));
  };

  app.setErrorHandler((err, req, reply) => {
    const e = asDomainError(err);
    if (e.code === 'internal') req.log.error({ err, reqId: req.id }, 'ssl247 internal error');
    return send(reply, e);
  });

  app.setNotFoundHandler((req: FastifyRequest, reply) => {
    const path = req.url.split('?')[0].slice(PREFIX.length) || '/';
    const route = documentedRoute(path);
    if (!route) return send(reply, new DomainError('request.unknown_route', `No such operation: ${req.method} ${PREFIX}${path}`));
    if (req.method !== 'POST') return send(reply, new DomainError('request.method_not_allowed', `${req.method} is not allowed: every SSL247 operation is POST`));
    return send(reply, new DomainError('request.not_implemented', `POST ${PREFIX}${route} is documented but not served by this server yet`));
  });

  accountRoutes(app, o);
  userRoutes(app, o);
  contactProfileRoutes(app, o);
  genericRoutes(app, o);
  for (const routes of [certificateRoutes, orderRoutes, productRoutes, invoiceRoutes]) routes(app, o);
}
