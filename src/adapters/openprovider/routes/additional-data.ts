// Additional data (AdditionalData, CustomerAdditionalData; seed 000:975-1128): the fields an extension asks for,
// `[{name, type, required, description, options?}]`. Domain additional data goes in the domain's `additional_data`;
// customer additional data in the owner's `extension_additional_data` (the domain routes merge it in before the
// registry checks it). Choice: the registrant's personal facts (citizenship, birth date, US nexus, passport issuer)
// are customer data, everything else domain data; .eu also lists the optional `whois_email` of seed 000:1010.
import type { RegisterArea } from './area.ts';
import type { RequirementField } from '../../../core/registry/policy.ts';
import { invalid } from '../../../core/errors.ts';
import { parseDomainName } from '../../../core/registry/names.ts';
import { actorOf } from '../auth.ts';
import { ok, one, queryOf, type Query } from '../wire.ts';
import { registry } from './domain-support.ts';

const CUSTOMER_FIELDS = new Set(['country_of_citizenship', 'birth_date', 'nexus_category', 'application_purpose', 'ru_issuer', 'ru_issuer_date']);
const OPERATIONS = ['', 'create', 'transfer', 'trade', 'update', 'renew'];

const specOut = (r: RequirementField) => ({
  description: r.description,
  name: r.name,
  ...(r.options ? { options: r.options.map((o) => ({ description: o.description, value: o.value })) } : {}),
  required: r.required,
  type: r.type,
});

function extensionOf(q: Query) {
  const extension = one(q, 'domain.extension');
  if (!extension) throw invalid('domain.extension', 'is required');
  return parseDomainName({ name: one(q, 'domain.name') || 'example', extension: extension.replace(/^\./, '') }).tld;
}

export const additionalDataRoutes: RegisterArea = (app, { services }) => {
  app.get('/domains/additional-data', async (req) => {
    actorOf(req);
    const q = queryOf(req);
    const op = (one(q, 'operation') ?? '').toLowerCase();
    if (!OPERATIONS.includes(op)) throw invalid('operation', 'must be create, transfer, trade, update or renew');
    const p = registry(services).policy(extensionOf(q));
    const fields = op === 'renew' || op === 'update' ? [] : p.requirements.filter((r) => !CUSTOMER_FIELDS.has(r.name));
    return ok(fields.map(specOut));
  });

  app.get('/domains/additional-data/customers', async (req) => {
    actorOf(req);
    const p = registry(services).policy(extensionOf(queryOf(req)));
    const fields = p.requirements.filter((r) => CUSTOMER_FIELDS.has(r.name)).map(specOut);
    if (p.tld === 'eu') fields.unshift({ description: 'The WHOIS email address of a registrant will only be visible on the web-based WHOIS https://whois.eurid.eu/en/ instead of current email', name: 'whois_email', required: false, type: 'text' });
    return ok(fields);
  });
};
