// CSR tools (seed 000:1806-1908, 000:9948-10143). POST /ssl/csr makes a private key and a CSR through the CA port
// ("you should store the returned value of the Private key", 000:1810) and returns the openssl command that would do
// the same; POST /ssl/csr/decode reads one. Required on create (guide 000:1821-1836): bits (2048 or 4096),
// common_name, country (two letters), email; `with_config` defaults to false (a client leaving it out gets no config
// rather than an error). A malformed CSR → code 903 (ssl.csr_invalid), HTTP 400. A weak one (RSA < 2048, SHA-1) is
// decoded as it is (`public_key.bits`, `signature_hash_algorithm: sha1`): ordering with it is what gets refused.
import type { RegisterArea } from './area.ts';
import { invalid } from '../../../core/errors.ts';
import { normalizeHostname } from '../../../core/ssl/model.ts';
import { actorOf } from '../auth.ts';
import { S, jsonBody, ok, toBool } from '../wire.ts';
import { CREATE_CSR, caOf, csrCommand, csrDetails, hashIn, type WireCsrRequest } from '../ssl-mapping.ts';

const DECODE = S.obj({ csr: S.str }, ['csr']);

export const sslCsrRoutes: RegisterArea = (app, { services }) => {
  app.post('/ssl/csr', async (req) => {
    actorOf(req);
    const b = jsonBody<WireCsrRequest>(req, CREATE_CSR);
    hashIn(b.signature_hash_algorithm);
    if (!normalizeHostname(b.common_name)) throw invalid('common_name', `"${b.common_name}" is not a valid hostname`);
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(b.email)) throw invalid('email', 'is not a valid email address');
    const sans = (Array.isArray(b.subject_alternative_name) ? b.subject_alternative_name : (b.subject_alternative_name ?? '').split(',')).map((s) => s.trim()).filter(Boolean);
    for (const s of sans) if (!normalizeHostname(s)) throw invalid('subject_alternative_name', `"${s}" is not a valid hostname`);
    const unit = b.unit ?? b.with_organizationalUnit;
    const country = b.country.toUpperCase();
    const subject: Array<[string, string]> = [['C', country]];
    if (b.state) subject.push(['ST', b.state]);
    if (b.locality) subject.push(['L', b.locality]);
    if (b.organization) subject.push(['O', b.organization]);
    if (unit) subject.push(['OU', unit]);
    subject.push(['CN', b.common_name], ['emailAddress', b.email]);
    const made = await caOf(services).createCsr({
      commonName: b.common_name,
      sans,
      subject: { commonName: b.common_name, country, state: b.state, locality: b.locality, organization: b.organization, organizationalUnit: unit, email: b.email },
      keyType: Number(b.bits) === 4096 ? 'rsa4096' : 'rsa2048',
    });
    const extra = csrCommand(b, subject, sans, toBool(b.with_config) ?? false);
    return ok({ command: extra.command, config: extra.config, config_path: extra.config_path, csr: made.csrPem, key: made.privateKeyPem, key_path: extra.key_path });
  });

  app.post('/ssl/csr/decode', async (req) => {
    actorOf(req);
    const b = jsonBody<{ csr: string }>(req, DECODE);
    if (!b.csr.trim()) throw invalid('csr', 'is required');
    return ok(csrDetails(b.csr, await caOf(services).decodeCsr(b.csr, { allowWeak: true })));
  });
};
