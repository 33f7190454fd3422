// tool/idnconverter (seed L221-259), tool/domainsuggests (L260-315), tool/gettable (L316-402).
// idnconverter: Unicode ↔ Punycode of a name or a single label, by Node's UTS #46 implementation (node:url), the same
//   the core uses for domain names.
// domainsuggests: the word itself and a few variants built with prefixes/suffixes of the chosen language, each under
//   the asked TLDs (default com,net), `true` when the name is free in the simulated registry (the same answer
//   domain/check gives). Any TLD of the registry's catalogue is accepted (the seed's own example answers `es`, outside
//   its documented com,net,tv,cc); others → 105 (inventory A-54).
// gettable: `countries` = ISO 3166-1 alpha-2 codes with their English names (ICU data through Intl.DisplayNames);
//   `es_juridic` = the ES-NIC organisation types (the codes ssl/contact OrgType take), names in Spanish as the seed's
//   example writes them (L373-400, its spelling "Asocicación Deportiva" kept).
import { domainToASCII, domainToUnicode } from 'node:url';
import type { ActionHandler } from './types.ts';
import { runReadFirst } from '../../../core/runner.ts';
import { checkDomain } from '../../../core/domains/flows/check-domain.ts';
import { registryOf } from '../../../core/registry/registry.ts';
import { invalidParam, oneOf, opt, req } from '../params.ts';
import type { Wire } from '../wire.ts';

export const toolIdnConverter: ActionHandler = async ({ params }) => {
  const query = req(params, 'query');
  const punycode = domainToASCII(query.toLowerCase());
  if (!punycode) throw invalidParam('query', 'is not a valid domain name or label');
  const unicode = domainToUnicode(punycode);
  return { responseData: { query, unicode, punycode } };
};

const AFFIXES: Record<string, { prefix: string[]; suffix: string[] }> = {
  es: { prefix: ['los', 'mi', 'tu'], suffix: ['online', 'web'] },
  en: { prefix: ['the', 'my', 'get'], suffix: ['online', 'hq'] },
  fr: { prefix: ['le', 'mon'], suffix: ['enligne', 'web'] },
  de: { prefix: ['mein', 'das'], suffix: ['online', 'shop'] },
  pt: { prefix: ['meu', 'o'], suffix: ['online', 'web'] },
  tr: { prefix: ['benim'], suffix: ['online', 'net'] },
  zh: { prefix: ['my'], suffix: ['online', 'china'] },
  kr: { prefix: ['my'], suffix: ['online', 'korea'] },
};

export const toolDomainSuggests: ActionHandler = async ({ params, actor, services }) => {
  const query = req(params, 'query');
  const language = oneOf(params, 'language', ['es', 'en', 'zh', 'fr', 'de', 'kr', 'pt', 'tr'] as const, false) ?? 'es';
  const tlds = (opt(params, 'tlds') ?? 'com,net').split(',').map((t) => t.trim().toLowerCase().replace(/^\./, '')).filter(Boolean);
  const registry = registryOf(services);
  for (const t of tlds) {
    try {
      registry.policy(t);
    } catch {
      throw invalidParam('tlds', `.${t} is not a TLD this registry offers`);
    }
  }
  // the word: the label left of a domain's extension, or the query itself, as ASCII
  const ascii = domainToASCII(query.toLowerCase());
  const word = (ascii.includes('.') ? ascii.split('.')[0] : ascii).replace(/[^a-z0-9-]/g, '');
  if (!word) throw invalidParam('query', 'must contain a word or domain name');
  const a = AFFIXES[language];
  const words = [...new Set([word, ...a.suffix.map((s) => `${word}${s}`), ...a.prefix.map((p) => `${p}${word}`)])].filter((w) => w.length <= 63);
  const names = words.flatMap((w) => tlds.map((t) => `${w}.${t}`));
  const checked = await runReadFirst(services, checkDomain, { registry, accountId: actor.accountId, names });
  const suggests: Record<string, Record<string, Wire>> = {};
  for (const r of checked) (suggests[r.name.sld] ??= {})[r.name.tld] = r.status === 'free';
  return { responseData: { query, suggests } };
};

// region codes ICU names that are not ISO 3166-1 assigned codes (exceptional reservations, groupings, private use)
const NOT_COUNTRIES = new Set(['AC', 'CP', 'CQ', 'DG', 'EA', 'IC', 'TA', 'EU', 'EZ', 'UN', 'ZZ', 'QO', 'XA', 'XB', 'AA', 'QM', 'QN', 'QP', 'QQ', 'QR', 'QS', 'QT', 'QU', 'QV', 'QW', 'QX', 'QY', 'QZ', 'XK']);
let countries: { code: string; name: string }[] | null = null;
function countryTable(): { code: string; name: string }[] {
  if (countries) return countries;
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const out: { code: string; name: string }[] = [];
  for (let i = 65; i <= 90; i++) {
    for (let j = 65; j <= 90; j++) {
      const code = String.fromCharCode(i, j);
      if (NOT_COUNTRIES.has(code) || code.startsWith('X')) continue;
      const name = names.of(code);
      if (name && name !== code) out.push({ code, name });
    }
  }
  return (countries = out);
}

export const ES_JURIDIC: [string, string][] = [
  ['1', 'Persona física'], ['39', 'Agrupación de Interés Económico'], ['47', 'Asociación'], ['59', 'Asocicación Deportiva'], ['68', 'Asociación Profesional'],
  ['124', 'Caja de Ahorros'], ['150', 'Comunidad de Bienes'], ['152', 'Comunidad de Propietarios'], ['164', 'Orden o Entidad Religiosa'], ['181', 'Consulado'],
  ['197', 'Asociación de Derecho Público'], ['203', 'Embajada'], ['229', 'Entidad Local'], ['269', 'Federación Deportiva'], ['286', 'Fundación'],
  ['365', 'Mutua de Seguros'], ['434', 'Órgano de la Administración Autonómica'], ['436', 'Órgano de la Administración del Estado'], ['439', 'Partido Político'],
  ['476', 'Sindicato'], ['510', 'Sociedad Agraria de Transformación'], ['524', 'Sociedad Anónima'], ['525', 'Sociedad Anónima Deportiva'], ['554', 'Sociedad Civil'],
  ['560', 'Sociedad Colectiva'], ['562', 'Sociedad Comanditaria'], ['566', 'Sociedad Cooperativa'], ['608', 'Sociedad Laboral'], ['612', 'Sociedad de Responsabilidad Limitada'],
  ['713', 'Sucursal en España'], ['717', 'Unión Temporal de Empresas'], ['744', 'Sociedad Anónima Laboral'], ['745', 'Entidad Pública Autonómica'],
  ['746', 'Entidad Pública Estatal'], ['747', 'Entidad Pública Local'], ['877', 'Otros'], ['878', 'Consejo Regulador de Denominación de Origen'],
  ['879', 'Entidad Gestora de Espacios Naturales'],
];

export const toolGetTable: ActionHandler = async ({ params }) => {
  const type = oneOf(params, 'tableType', ['countries', 'es_juridic'] as const, true)!;
  const items = type === 'countries' ? countryTable() : ES_JURIDIC.map(([code, name]) => ({ code, name }));
  return { responseData: { items } };
};

export const TOOL_EXTRA_ACTIONS: Readonly<Record<string, ActionHandler>> = {
  'tool/idnconverter': toolIdnConverter,
  'tool/domainsuggests': toolDomainSuggests,
  'tool/gettable': toolGetTable,
};
