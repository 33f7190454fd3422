// The built-in CA over HTTP, under /_sandbox/ca: the root and intermediate to trust or chain (PEM, and DER for the
// AIA caIssuers link in issued certificates), and the CRL (DER as RFC 5280 publishes it, plus a PEM variant).
// OCSP (RFC 6960) over POST at /_sandbox/ca/ocsp: DER request in, DER response out (src/ca/ocsp.ts).
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../core/runner.ts';
import { DomainError } from '../../core/errors.ts';
import type { CertificateAuthority } from '../../core/ssl/ca-port.ts';

function pemToDer(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64');
}

function derToPem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  return `-----BEGIN ${label}-----\n${(b64.match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${label}-----\n`;
}

export async function caRoutes(app: FastifyInstance, o: { services: Services }): Promise<void> {
  const ca = (): CertificateAuthority => {
    if (!o.services.ca) throw new DomainError('request.not_implemented', 'The certificate authority is not configured on this server');
    return o.services.ca;
  };
  app.get('/ca/root.pem', async (_req, reply) => reply.type('application/x-pem-file').send(ca().rootPem()));
  app.get('/ca/root.crt', async (_req, reply) => reply.type('application/pkix-cert').send(pemToDer(ca().rootPem())));
  app.get('/ca/intermediate.pem', async (_req, reply) => reply.type('application/x-pem-file').send(ca().intermediatePem()));
  app.get('/ca/intermediate.crt', async (_req, reply) => reply.type('application/pkix-cert').send(pemToDer(ca().intermediatePem())));
  app.get('/ca/chain.pem', async (_req, reply) => reply.type('application/x-pem-file').send(ca().intermediatePem() + ca().rootPem()));
  app.get('/ca/crl', async (_req, reply) => reply.type('application/pkix-crl').send(Buffer.from(await ca().crl())));
  app.addContentTypeParser('application/ocsp-request', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.post('/ca/ocsp', async (req, reply) => {
    const body = req.body;
    const der = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
    return reply.type('application/ocsp-response').send(Buffer.from(await ca().ocsp(der)));
  });
  app.get('/ca/crl.pem', async (_req, reply) => reply.type('application/x-pem-file').send(derToPem('X509 CRL', await ca().crl())));
}
