// Reads a domain's auth code (for a transfer away), optionally generating a new one first (Openprovider GET
// /domains/{id}/authcode and reset-authcode; MrDomain getauthcode). Only for a domain that holds its name.
// Errors: domain.not_found, domain.invalid_state, domain.update_blocked (reset while blocked)
import type { Flow } from '../../runner.ts';
import type { Registry } from '../../registry/registry.ts';
import { newAuthCode, projectAt } from '../model.ts';
import type { Actor, DomainKey } from '../ops.ts';
import { assertNotBlocked, assertPhase, history, loadDomain, save } from '../ops.ts';

export interface AuthCodeInput {
  registry: Registry;
  accountId: number;
  domain: DomainKey;
  reset?: boolean;
  actor?: Actor;
}

export const getAuthCode: Flow<AuthCodeInput, { domainId: number; name: string; authCode: string }> = async (ctx, i) => {
  let d = await loadDomain(ctx, i.registry, i.accountId, i.domain);
  assertPhase(d, projectAt(d, i.registry.policy(d.tld), ctx.now), ['active', 'grace', 'redemption'], 'Reading the auth code');
  if (i.reset) {
    assertNotBlocked(d);
    d = await save(ctx, i.registry, { ...d, authCode: newAuthCode(ctx.random.hex(16)) });
    await history(ctx, d, 'authcode', 'Auth code reset', 'A new auth code has been generated.', i.actor);
  }
  return { domainId: d.id, name: d.name, authCode: d.authCode };
};
