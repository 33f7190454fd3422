// Sandbox: the auth codes of names registered elsewhere, so a tester can transfer them in. Lists the configured
// names plus the well-known labels under a few TLDs, and any `names` asked for (those not registered elsewhere
// are reported with an empty code).
// Errors: domain.name_invalid, domain.tld_not_supported
import type { Flow } from '../../runner.ts';
import type { Registry } from '../registry.ts';
import { WELL_KNOWN } from '../registry.ts';
import { parseDomainName } from '../names.ts';

export interface ElsewhereCode {
  name: string;
  unicode: string;
  registeredElsewhere: boolean;
  authCode: string;
}

export const listElsewhereCodes: Flow<{ registry: Registry; names?: string[]; tlds?: string[] }, ElsewhereCode[]> = async (ctx, i) => {
  const wanted = i.names?.length ? i.names : [...i.registry.elsewhereNames(), ...WELL_KNOWN.flatMap((l) => (i.tlds ?? ['com', 'net', 'org', 'eu', 'es']).map((t) => `${l}.${t}`))];
  const out: ElsewhereCode[] = [];
  for (const raw of wanted) {
    const n = parseDomainName(raw);
    const elsewhere = i.registry.isRegisteredElsewhere(n) && !i.registry.isReserved(n) && !(await ctx.uow.domains.everActive(n.name));
    out.push({ name: n.name, unicode: n.unicode, registeredElsewhere: elsewhere, authCode: elsewhere ? i.registry.elsewhereAuthCode(n.name) : '' });
  }
  return out;
};
