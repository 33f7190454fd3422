// Adds or removes one DNSSEC entry (MrDomain dnsseccreate / dnssecdelete; an entry is matched on all its values).
// Errors: domain.not_found, domain.invalid_state, domain.update_blocked, domain.not_supported, request.invalid
import type { Flow } from '../../runner.ts';
import { DomainError } from '../../errors.ts';
import type { Registry } from '../../registry/registry.ts';
import type { DnssecEntry } from '../model.ts';
import { projectAt } from '../model.ts';
import type { Actor, DomainKey, DomainResult } from '../ops.ts';
import { assertNotBlocked, assertPhase, history, loadDomain, result, save } from '../ops.ts';
import { checkDnssec, sameDnssec } from '../dnssec.ts';

export interface DnssecEntryInput {
  registry: Registry;
  accountId: number;
  domain: DomainKey;
  action: 'add' | 'remove';
  entry: DnssecEntry;
  actor?: Actor;
}

export const changeDnssecEntry: Flow<DnssecEntryInput, DomainResult> = async (ctx, i) => {
  const d = await loadDomain(ctx, i.registry, i.accountId, i.domain);
  const policy = i.registry.policy(d.tld);
  assertPhase(d, projectAt(d, policy, ctx.now), ['active', 'grace'], 'Changing DNSSEC');
  assertNotBlocked(d);
  if (!policy.dnssec) throw new DomainError('domain.not_supported', `.${policy.tld} does not support DNSSEC`);
  const e = checkDnssec(i.entry, 'dnssec');
  const has = d.dnssec.some((x) => sameDnssec(x, e));
  if (i.action === 'add' && has) throw new DomainError('domain.invalid_state', 'This DNSSEC entry already exists', { reason: 'duplicate' });
  if (i.action === 'remove' && !has) throw new DomainError('domain.invalid_state', 'No such DNSSEC entry', { reason: 'not found' });
  const dnssec = i.action === 'add' ? [...d.dnssec, e] : d.dnssec.filter((x) => !sameDnssec(x, e));
  const next = await save(ctx, i.registry, { ...d, dnssec });
  await history(ctx, next, 'dnssec', i.action === 'add' ? 'DNSSEC entry added' : 'DNSSEC entry removed', `${dnssec.length} DNSSEC entr${dnssec.length === 1 ? 'y' : 'ies'}`, i.actor);
  return result(ctx, i.registry, next);
};
