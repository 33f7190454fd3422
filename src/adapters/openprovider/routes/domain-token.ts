// Domain token, DomainToken (seed 000:3100-3160; inventory §3.8): POST /dns/domain-token {domain, zone_provider}
// → {token, url}, the url embedding `?token=`. The seed's sample asks for "example.com" and gets a url on
// "single-domain.example.com"; we build the url the same way (`https://single-domain.<domain>?token=<token>`).
// `zone_provider` (e.g. "sectigo") is accepted and not used. A domain that is no valid name → 400 code 873.
import type { RegisterArea } from './area.ts';
import { runQuery } from '../../../core/runner.ts';
import { createDomainToken } from '../../../core/dns/flows/create-domain-token.ts';
import { actorOf } from '../auth.ts';
import { S, jsonBody, ok } from '../wire.ts';

const CREATE_TOKEN = S.obj({ domain: S.str, zone_provider: S.str }, ['domain']);

export const domainTokenRoutes: RegisterArea = (app, { services }) => {
  app.post('/dns/domain-token', async (req) => {
    const actor = actorOf(req);
    const b = jsonBody<{ domain: string; zone_provider?: string }>(req, CREATE_TOKEN);
    const t = await runQuery(services, createDomainToken, { accountId: actor.accountId, domain: b.domain });
    return ok({ token: t.token, url: `https://single-domain.${t.domain}?token=${t.token}` });
  });
};
