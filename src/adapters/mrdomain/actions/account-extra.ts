// account/zones (seed L608-693) and account/promos (L550-607).
// zones: every TLD of the simulated registry with its prices (the same catalogue domain/check and domain/create
// charge from). `tldtop` is the top label (`co.uk` → `uk`); `requirements` is present only for a TLD with additional
// data to give (the seed leaves its format open: the MrDomain parameter names, comma-separated); a block
// create/renew/transfer only when the TLD allows the operation; `years` a comma string (L682); `inPromo` never (no
// promotions here).
// promos: this sandbox runs no promotions, so the list is empty; `responseData` is the top-level array (L585-605).
import type { ActionHandler } from './types.ts';
import { registryOf } from '../../../core/registry/registry.ts';
import type { TldPolicy } from '../../../core/registry/policy.ts';
import { invalidParam, opt, positiveInt } from '../params.ts';
import { phpFloat } from '../wire.ts';

/** core requirement names → the MrDomain parameters that carry them (domain.ts TLD_PARAMS, reversed) */
const PARAM_OF: Record<string, string> = {
  intended_use: 'domainIntendedUse', birth_date: 'ownerDateOfBirth', ru_issuer: 'ruIssuer', ru_issuer_date: 'ruIssuerDate', aero_id: 'aeroId', aero_password: 'aeroPass',
  xxx_class: 'xxxClass', fr_trademark: 'frTradeMark', fr_siren: 'frSirenNumber', id_number: 'ownerContactIdentNumber',
};

function zoneOf(p: TldPolicy) {
  const years = p.periods.join(',');
  const block = (price: number) => ({ price: phpFloat(price / 100), years });
  const reqs = p.requirements.map((r) => PARAM_OF[r.name] ?? r.name);
  return {
    tld: p.tld,
    tldtop: p.tld.split('.').pop()!,
    authcodereq: p.transferAuthCode,
    ...(reqs.length ? { requirements: reqs.join(',') } : {}),
    create: block(p.prices.create),
    ...(p.renewAllowed ? { renew: block(p.prices.renew) } : {}),
    ...(p.transferAllowed ? { transfer: { price: phpFloat(p.prices.transfer / 100), years: '1' } } : {}),
  };
}

export const accountZones: ActionHandler = async ({ params, services }) => {
  const pageLength = positiveInt(params, 'pageLength', 100);
  const page = positiveInt(params, 'page', 1);
  const tld = opt(params, 'tld')?.toLowerCase().replace(/^\./, '');
  const tldtop = opt(params, 'tldtop')?.toLowerCase().replace(/^\./, '');
  if (tld !== undefined && !/^[a-z0-9.-]+$/.test(tld)) throw invalidParam('tld', 'must be a TLD such as com or es');
  const registry = registryOf(services);
  const names = registry.tlds().filter((t) => (tld === undefined || t === tld) && (tldtop === undefined || t.split('.').pop() === tldtop));
  const zones = names.slice((page - 1) * pageLength, page * pageLength).map((t) => zoneOf(registry.policy(t)));
  return { responseData: { queryInfo: { page, pageLength, results: zones.length, total: names.length }, zones } };
};

export const accountPromos: ActionHandler = async () => ({ responseData: [] });

export const ACCOUNT_EXTRA_ACTIONS: Readonly<Record<string, ActionHandler>> = {
  'account/zones': accountZones,
  'account/promos': accountPromos,
};
