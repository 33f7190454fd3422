// Domains (DomainService, seed 000:407-960 guide, 000:4554-5600 reference): check, suggest-name, create, transfer,
// trade, list, get, update, delete. Renew, restore, transfer approval, FOA1, restart and auth codes: domain-ops.ts.
// Every write is one core flow (one transaction, ledger entry included); every answer is HTTP 200 with the envelope.
//
// Choices where the documents are silent:
// - check `status`: "free", "active" for a name held anywhere (inventory E11), "reserved"; `reason` says why.
// - `accept_premium_fee` (major units, per year) must cover the premium create/transfer price.
// - Early access (EAP; docs/adr/0009-simulated-registry.md): while a TLD is in an EAP phase a create owes a one-time
//   fee. The check result's schema has no EAP field, so check shows it the way a client sees any extra create fee:
//   `is_premium: true` and `premium: {currency, price: {create: <create price per year (premium if premium) + EAP
//   fee>}}`; `price` (with_price) stays the base product/reseller price. Create needs `accept_eap_fee` (major units,
//   like accept_premium_fee) ≥ the fee due (premium check price − `price`), else 348 with the fee in `desc`;
//   a premium name in EAP needs both fees accepted. Transfers owe no EAP fee.
// - `ns_group` on create/transfer/update: the domain takes the group's nameservers and follows the group (its name is
//   kept in the domain's additional data under `ns_group`); `name_servers` without `ns_group` on update stops
//   following. `ns_template_id`/`ns_template_name` are accepted and ignored (DNS templates apply to zones).
// - suggest-name: the label plus every asked TLD (default com, net, org, eu, nl), then hyphen/prefix variants,
//   filtered to names free now; deterministic (no external provider).
// - list `order_by.*`: domain_name → name, expiration_date/renewal_date → expiry, order_date/active_date/
//   transfer_date → order date, id/status/domain_extension → id. `comment_pattern`, `ns_group_pattern`,
//   `queue_status`, `application_mode` filter in memory (a sandbox's portfolio is small).
import type { FastifyRequest, onSendHookHandler } from 'fastify';
import type { RegisterArea } from './area.ts';
import type { Services } from '../../../core/runner.ts';
import { runFlow, runQuery, runReadFirst } from '../../../core/runner.ts';
import { DomainError, invalid } from '../../../core/errors.ts';
import { parseDomainName } from '../../../core/registry/names.ts';
import type { Autorenew, DomainPhase } from '../../../core/domains/model.ts';
import type { DomainFilter } from '../../../core/domains/ports.ts';
import type { DomainResult } from '../../../core/domains/ops.ts';
import { checkDomain } from '../../../core/domains/flows/check-domain.ts';
import { registerDomain } from '../../../core/domains/flows/register-domain.ts';
import { transferDomain } from '../../../core/domains/flows/transfer-domain.ts';
import { tradeDomain } from '../../../core/domains/flows/trade-domain.ts';
import { getDomain } from '../../../core/domains/flows/get-domain.ts';
import { searchDomains } from '../../../core/domains/flows/search-domains.ts';
import { updateDomain, type DomainPatch } from '../../../core/domains/flows/update-domain.ts';
import { deleteDomain } from '../../../core/domains/flows/delete-domain.ts';
import { domainHistory } from '../../../core/domains/flows/domain-history.ts';
import { getContact } from '../../../core/contacts/flows/get-contact.ts';
import { checkDnssec } from '../../../core/domains/dnssec.ts';
import { clientIp } from '../../shared/http.ts';
import { actorOf } from '../auth.ts';
import { S, dotted, flag, jsonBody, many, ok, one, opDateTime, paging, queryOf, toBool, type JsonSchema, type Query } from '../wire.ts';
import {
  ADDITIONAL_DATA, DNSSEC_KEY, DOMAIN, NAMESERVER, PHASES_OF, STATUS_OF, additionalIn, additionalOut, dnssecIn, domainOut, nameserversIn, priceGroup,
  type WireDnssecKey, type WireNameserver,
} from '../domain-mapping.ts';
import { acceptedFee, domainKey, handlesOf, nsGroupIds, nsGroupOf, registry, requireHandles, withCustomerData } from './domain-support.ts';

const AUTORENEW = S.oneOf(['on', 'off', 'default']);
const HANDLES = { admin_handle: S.str, billing_handle: S.str, owner_handle: S.str, reseller_handle: S.str, tech_handle: S.str };
const NUM = { type: 'number' } as JsonSchema;

const CHECK = S.obj({ additional_data: S.obj({ idn_script: S.str }), application_mode: S.str, domains: { ...S.arr(DOMAIN), minItems: 1 }, provider: S.str, with_price: S.bool }, ['domains']);
const SUGGEST = S.obj({ language: S.str, limit: S.int, name: { type: 'string', minLength: 1 }, provider: S.str, sensitive: S.bool, tlds: S.strings }, ['name']);
const CREATE = S.obj({
  ...HANDLES, accept_eap_fee: NUM, accept_premium_fee: NUM, accept_premium_plus_fee: NUM, additional_data: ADDITIONAL_DATA, application_mode: S.str,
  application_notice_id: S.str, application_smd: S.str, auth_code: S.str, autorenew: AUTORENEW, comments: S.str, dnssec_keys: S.arr(DNSSEC_KEY), domain: DOMAIN,
  is_dnssec_enabled: S.bool, is_easy_dmarc_enabled: S.bool, is_private_whois_enabled: S.bool, is_sectigo_dns_enabled: S.bool, is_spamexperts_enabled: S.bool,
  name_servers: S.arr(NAMESERVER), ns_group: S.str, ns_template_id: S.int, ns_template_name: S.str, period: S.int, promo_code: S.str, provider: S.str,
  unit: S.oneOf(['y']), use_domicile: S.bool,
}, ['domain']);
const TRANSFER = S.obj({
  ...HANDLES, accept_premium_fee: NUM, additional_data: ADDITIONAL_DATA, at: S.str, auth_code: S.str, autorenew: AUTORENEW, comments: S.str,
  dnssec_keys: S.arr(DNSSEC_KEY), domain: DOMAIN, import_contacts_from_registry: S.bool, import_nameservers_from_registry: S.bool, is_dnssec_enabled: S.bool,
  is_private_whois_enabled: S.bool, name_servers: S.arr(NAMESERVER), ns_group: S.str, ns_template_id: S.int, ns_template_name: S.str, promo_code: S.str, roid: S.str,
  unit: S.oneOf(['y']), use_domicile: S.bool,
}, ['domain']);
const TRADE = S.obj({
  ...HANDLES, additional_data: ADDITIONAL_DATA, auth_code: S.str, autorenew: AUTORENEW, comments: S.str, dnssec_keys: S.arr(DNSSEC_KEY), domain: DOMAIN,
  name_servers: S.arr(NAMESERVER), ns_group: S.str, ns_template_id: S.int, ns_template_name: S.str, period: S.int, promo_code: S.str, use_domicile: S.bool,
}, ['domain']);
const UPDATE = S.obj({
  ...HANDLES, accept_update_fee: NUM, additional_data: ADDITIONAL_DATA, auth_code: S.str, autorenew: AUTORENEW, comments: S.str, dnssec_keys: S.arr(DNSSEC_KEY),
  domain: DOMAIN, force_registry_update: S.bool, id: S.int, is_dnssec_enabled: S.bool, is_locked: S.bool, is_private_whois_enabled: S.bool,
  is_sectigo_dns_enabled: S.bool, is_spamexperts_enabled: S.bool, name_servers: S.arr(NAMESERVER), ns_group: S.str, ns_template_id: S.int, ns_template_name: S.str,
  remove_nses: S.bool, remove_ns: S.bool, reseller_handle: S.str, reset_auth_code: S.bool, scheduled_at: S.str, use_domicile: S.bool,
});

interface DomainBody {
  accept_eap_fee?: number;
  accept_premium_fee?: number;
  additional_data?: Record<string, unknown>;
  admin_handle?: string;
  auth_code?: string;
  autorenew?: Autorenew;
  billing_handle?: string;
  comments?: string;
  dnssec_keys?: WireDnssecKey[];
  domain?: { name?: string; extension?: string };
  id?: number;
  is_dnssec_enabled?: unknown;
  is_locked?: unknown;
  is_private_whois_enabled?: unknown;
  name_servers?: WireNameserver[];
  ns_group?: string;
  owner_handle?: string;
  period?: number;
  remove_nses?: unknown;
  remove_ns?: unknown;
  reseller_handle?: string;
  reset_auth_code?: unknown;
  tech_handle?: string;
}

/** `{name, extension}` of a body, both required */
function nameOf(b: DomainBody): { name: string; extension: string } {
  const name = b.domain?.name?.trim();
  const extension = b.domain?.extension?.trim();
  if (!name) throw invalid('domain.name', 'is required');
  if (!extension) throw invalid('domain.extension', 'is required');
  return { name, extension: extension.replace(/^\./, '') };
}

const contactsOf = (b: DomainBody) => ({
  owner: b.owner_handle, admin: b.admin_handle, tech: b.tech_handle, billing: b.billing_handle || undefined, reseller: b.reseller_handle || undefined,
});

/** `ns_group` → the group's nameservers and the additional-data key that makes the domain follow it */
async function withGroup(s: Services, accountId: number, b: DomainBody, additional: Record<string, string> | undefined) {
  if (!b.ns_group) return { nameservers: nameserversIn(b.name_servers), additionalData: additional };
  const g = await nsGroupOf(s, accountId, b.ns_group);
  return { nameservers: nameserversIn(g.nameservers), additionalData: { ...(additional ?? {}), ns_group: g.name } };
}

const actorInfo = (req: FastifyRequest) => ({ ip: clientIp(req), user: req.actor ? String(req.actor.userId) : '' });

async function oneDomain(s: Services, accountId: number, r: DomainResult, o: { withAdditionalData?: boolean; withHistory?: boolean } = {}) {
  const handles = await handlesOf(s, accountId, [r]);
  const groupIds = await nsGroupIds(s, accountId);
  const history = o.withHistory ? (await runQuery(s, domainHistory, { registry: registry(s), accountId, domain: r.domain.id, page: { limit: 1000, offset: 0 } })).results : undefined;
  return domainOut(r, { handles, withAdditionalData: o.withAdditionalData, history, groupIds });
}

// ------------------------------------------------------------------------------------------------ list filters

const ALL_PHASES: DomainPhase[] = ['requested', 'failed', 'active', 'grace', 'redemption', 'pending_delete', 'deleted'];
const ORDER: Record<string, NonNullable<DomainFilter['orderBy']>['field']> = {
  id: 'id', domain_name: 'name', domain_extension: 'id', order_date: 'orderedAt', active_date: 'orderedAt', expiration_date: 'expiresAt',
  renewal_date: 'expiresAt', status: 'id', transfer_date: 'orderedAt',
};

function statusPhases(v: string, key: string): DomainPhase[] {
  const phases = PHASES_OF[v.toUpperCase()];
  if (!phases) throw invalid(key, 'must be one of ACT, REQ, FAI, DEL');
  return phases;
}

/** `*` wildcards, case-insensitive, whole value */
function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
}

function dayRange(v: string, key: string): { from: Date; to: Date } {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(v);
  const from = m ? new Date(`${m[1]}T00:00:00Z`) : new Date(NaN);
  if (Number.isNaN(from.getTime())) throw invalid(key, 'must be a date YYYY-MM-DD');
  return { from, to: new Date(from.getTime() + 86_400_000) };
}

async function listFilter(s: Services, accountId: number, q: Query): Promise<{ filter: DomainFilter; post: ((r: DomainResult) => boolean)[] }> {
  const f: DomainFilter = {};
  const post: ((r: DomainResult) => boolean)[] = [];
  const ext = one(q, 'extension');
  if (ext) f.tld = parseDomainName(`x.${ext.replace(/^\./, '')}`).tld;
  const full = one(q, 'full_name');
  if (full) f.name = parseDomainName(full).name;
  const pattern = one(q, 'domain_name_pattern');
  if (pattern) f.sldPattern = pattern;
  const status = one(q, 'status');
  let phases: DomainPhase[] | undefined = status ? statusPhases(status, 'status') : undefined;
  const not = many(q, 'status_not_equal');
  if (not.length) {
    const excluded = new Set(not.flatMap((v) => statusPhases(v, 'status_not_equal')));
    phases = (phases ?? ALL_PHASES).filter((p) => !excluded.has(p));
  }
  if (flag(q, 'is_deleted')) phases = (phases ?? PHASES_OF.DEL).filter((p) => PHASES_OF.DEL.includes(p));
  if (phases) {
    f.phases = phases;
    if (phases.includes('deleted')) f.includeDeleted = true;
  }
  const renewal = one(q, 'renewal_date');
  if (renewal) {
    const { from, to } = dayRange(renewal, 'renewal_date');
    f.expiresFrom = from;
    f.expiresTo = to;
  }
  const handle = one(q, 'contact_handle');
  if (handle) {
    try {
      f.contactId = (await runQuery(s, getContact, { accountId, key: handle, includeDeleted: true })).id;
    } catch {
      f.contactId = -1; // an unknown handle names no domain
    }
  }
  const comment = one(q, 'comment_pattern');
  if (comment) post.push((r) => wildcard(comment).test(r.domain.comments));
  const nsGroup = one(q, 'ns_group_pattern');
  if (nsGroup) post.push((r) => wildcard(nsGroup).test(r.domain.additionalData.ns_group ?? ''));
  const queue = one(q, 'queue_status');
  if (queue) post.push(() => false);
  const mode = one(q, 'application_mode');
  if (mode) post.push(() => false);
  const id = one(q, 'id');
  if (id !== undefined && id !== '') {
    if (!/^\d+$/.test(id)) throw invalid('id', 'must be an integer');
    post.push((r) => r.domain.id === Number(id));
  }
  const order = Object.entries(dotted(q, 'order_by'));
  if (order.length) {
    const [key, dir] = order[0];
    if (!ORDER[key]) throw invalid(`order_by.${key}`, `must be one of ${Object.keys(ORDER).join(', ')}`);
    if (!['asc', 'desc', ''].includes(dir.toLowerCase())) throw invalid(`order_by.${key}`, 'must be asc or desc');
    f.orderBy = { field: ORDER[key], desc: dir.toLowerCase() === 'desc' };
  }
  return { filter: f, post };
}

/**
 * The list's JSON text handed to the socket as its UTF-8 bytes. A page of 100 domains is ~235 KB; written as a string
 * that holds a letter beyond ASCII (an owner named García) it is transcoded on the way, ~1 ms a page, while
 * Buffer.from does the same in ~0.1 ms. The same bytes go out. A route's own onSend hook runs after the application's,
 * so the journal (app/journal.ts) has already kept the text.
 */
const asUtf8: onSendHookHandler = (_req, _reply, payload, done) => {
  done(null, typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload);
};

// ------------------------------------------------------------------------------------------------ routes

export const domainRoutes: RegisterArea = (app, { services }) => {
  app.post('/domains/check', async (req) => {
    const actor = actorOf(req);
    const b = jsonBody<{ domains: { name?: string; extension?: string }[]; with_price?: unknown }>(req, CHECK);
    const withPrice = toBool(b.with_price) === true;
    const names = b.domains.map((d, i) => {
      if (!d.name) throw invalid(`domains.${i}.name`, 'is required');
      if (!d.extension) throw invalid(`domains.${i}.extension`, 'is required');
      return { name: d.name, extension: d.extension.replace(/^\./, '') };
    });
    const results = await runReadFirst(services, checkDomain, { registry: registry(services), accountId: actor.accountId, names });
    return ok({
      results: results.map((r) => ({
        domain: r.name.unicode,
        ...(r.premium || r.eapFeeMinor > 0 ? { is_premium: true, premium: { currency: r.currency, price: { create: (r.prices.create + r.eapFeeMinor) / 100 } } } : {}),
        ...(withPrice ? { price: priceGroup(r.prices.create, r.currency) } : {}),
        ...(r.status === 'free' ? {} : { reason: r.status === 'reserved' ? 'Reserved by the registry' : r.heldByYou ? 'Domain exists in your account' : 'Domain exists' }),
        status: r.status === 'free' ? 'free' : r.status === 'reserved' ? 'reserved' : 'active',
      })),
    });
  });

  app.post('/domains/suggest-name', async (req) => {
    const actor = actorOf(req);
    const b = jsonBody<{ name: string; limit?: number; tlds?: string[] }>(req, SUGGEST);
    const limit = b.limit === undefined || b.limit === 0 ? 10 : b.limit;
    if (limit < 0 || limit > 100) throw invalid('limit', 'must be 1-100');
    const label = b.name.trim().toLowerCase().split('.')[0].replace(/[^\p{L}\p{N}-]+/gu, '-').replace(/^-+|-+$/g, '');
    if (!label) throw invalid('name', 'must contain letters or digits');
    const tlds = (b.tlds?.length ? b.tlds : ['com', 'net', 'org', 'eu', 'nl']).map((t) => t.replace(/^\./, '').toLowerCase());
    const labels = [label, `my${label}`, `get${label}`, `${label}-online`, `${label}hq`, `the${label}`];
    const candidates = labels.flatMap((l) => tlds.map((t) => ({ name: l, extension: t })));
    const checked = await runReadFirst(services, checkDomain, { registry: registry(services), accountId: actor.accountId, names: candidates });
    const free = checked.filter((c) => c.status === 'free').slice(0, limit);
    return ok({ results: free.map((c) => ({ domain: c.name.unicode.slice(0, -(c.name.tld.length + 1)), name: c.name.unicode, tld: c.name.tld })) });
  });

  app.post('/domains', async (req) => {
    const actor = actorOf(req);
    const b = jsonBody<DomainBody>(req, CREATE);
    const name = nameOf(b);
    requireHandles(b as Record<string, unknown>, ['owner', 'admin', 'tech']);
    if (toBool((b as Record<string, unknown>).is_dnssec_enabled) && !b.dnssec_keys?.length) throw invalid('dnssec_keys', 'are required when is_dnssec_enabled is true');
    // DNSSEC keys are set by an update right after the registration: check them first so bad keys write nothing
    const dnssec = dnssecIn(b.dnssec_keys);
    if (dnssec?.length) {
      if (!registry(services).policy(parseDomainName(name).tld).dnssec) throw new DomainError('domain.not_supported', `.${name.extension} does not support DNSSEC`, { field: 'dnssec_keys' });
      dnssec.forEach((e, n) => checkDnssec(e, `dnssec_keys[${n}]`));
    }
    const g = await withGroup(services, actor.accountId, b, await withCustomerData(services, actor.accountId, b.owner_handle, name.extension, additionalIn(b.additional_data)));
    const r = await runFlow(services, registerDomain, {
      registry: registry(services), accountId: actor.accountId, name, period: b.period, contacts: contactsOf(b),
      nameservers: g.nameservers, autorenew: b.autorenew, additionalData: g.additionalData, acceptPremium: acceptedFee(b.accept_premium_fee), acceptEapFee: acceptedFee(b.accept_eap_fee),
      whoisPrivacy: toBool(b.is_private_whois_enabled), comments: b.comments, actor: actorInfo(req),
    });
    let res = r;
    if (dnssec?.length) res = await runFlow(services, updateDomain, { registry: registry(services), accountId: actor.accountId, domain: r.domain.id, patch: { dnssec }, actor: actorInfo(req) });
    const d = res.domain;
    return ok({
      activation_date: opDateTime(d.activatedAt),
      additional_data: additionalOut(d.additionalData),
      auth_code: d.authCode,
      expiration_date: opDateTime(d.expiresAt),
      id: d.id,
      renewal_date: opDateTime(d.expiresAt),
      status: STATUS_OF[res.state.phase],
    });
  });

  app.post('/domains/transfer', async (req) => {
    const actor = actorOf(req);
    const b = jsonBody<DomainBody>(req, TRANSFER);
    const name = nameOf(b);
    requireHandles(b as Record<string, unknown>, ['owner', 'admin', 'tech']);
    const additional = await withCustomerData(services, actor.accountId, b.owner_handle, name.extension, additionalIn(b.additional_data));
    const g = await withGroup(services, actor.accountId, b, additional);
    const r = await runFlow(services, transferDomain, {
      registry: registry(services), accountId: actor.accountId, name, authCode: b.auth_code ?? additional?.auth_code ?? '', contacts: contactsOf(b),
      nameservers: g.nameservers, autorenew: b.autorenew, additionalData: g.additionalData, acceptPremium: acceptedFee(b.accept_premium_fee),
      actor: actorInfo(req),
    });
    const d = r.domain;
    const failed = r.state.phase === 'failed';
    return ok({
      auth_code: '',
      description: failed ? (d.lastOperation?.reason ?? 'Transfer failed') : '',
      error: failed ? (d.lastOperation?.reason ?? 'Transfer failed') : '',
      expiration_date: opDateTime(r.state.phase === 'active' ? d.expiresAt : null),
      id: d.id,
      name: d.unicodeName,
      renewal_date: opDateTime(r.state.phase === 'active' ? d.expiresAt : null),
      required: false,
      status: STATUS_OF[r.state.phase],
      type: 'TRANSFER',
    });
  });

  app.post('/domains/trade', async (req) => {
    const actor = actorOf(req);
    const b = jsonBody<DomainBody>(req, TRADE);
    const name = nameOf(b);
    requireHandles(b as Record<string, unknown>, ['owner']);
    const r = await runFlow(services, tradeDomain, {
      registry: registry(services), accountId: actor.accountId, domain: `${name.name}.${name.extension}`, contacts: contactsOf(b), authCode: b.auth_code,
      additionalData: await withCustomerData(services, actor.accountId, b.owner_handle, name.extension, additionalIn(b.additional_data)), actor: actorInfo(req),
    });
    const d = r.domain;
    return ok({ creation_date: opDateTime(d.activatedAt), expiration_date: opDateTime(d.expiresAt), renewal_date: opDateTime(d.expiresAt), status: STATUS_OF[r.state.phase] });
  });

  app.get('/domains', { onSend: asUtf8 }, async (req) => {
    const actor = actorOf(req);
    const q = queryOf(req);
    const page = paging(q, { def: 100, max: 1000 });
    const { filter, post } = await listFilter(services, actor.accountId, q);
    const withAdditional = flag(q, 'with_additional_data');
    const withHistory = flag(q, 'with_history');
    let results: DomainResult[];
    let total: number;
    if (!post.length) {
      const r = await runQuery(services, searchDomains, { registry: registry(services), accountId: actor.accountId, filter, page });
      results = r.results;
      total = r.total;
    } else {
      const all: DomainResult[] = [];
      for (let offset = 0; ; offset += 1000) {
        const r = await runQuery(services, searchDomains, { registry: registry(services), accountId: actor.accountId, filter, page: { limit: 1000, offset } });
        all.push(...r.results.filter((x) => post.every((p) => p(x))));
        if (r.results.length < 1000) break;
      }
      total = all.length;
      results = all.slice(page.offset, page.offset + page.limit);
    }
    const handles = await handlesOf(services, actor.accountId, results);
    const groupIds = await nsGroupIds(services, actor.accountId);
    const out = [];
    for (const r of results) {
      const history = withHistory ? (await runQuery(services, domainHistory, { registry: registry(services), accountId: actor.accountId, domain: r.domain.id, page: { limit: 1000, offset: 0 } })).results : undefined;
      out.push(domainOut(r, { handles, withAdditionalData: withAdditional, history, groupIds }));
    }
    return ok({ results: out, total });
  });

  app.get('/domains/:id', async (req) => {
    const actor = actorOf(req);
    const q = queryOf(req);
    const r = await runFlow(services, getDomain, { registry: registry(services), accountId: actor.accountId, domain: domainKey(req), includeGone: flag(q, 'is_deleted') || undefined });
    return ok(await oneDomain(services, actor.accountId, r, { withAdditionalData: flag(q, 'with_additional_data'), withHistory: flag(q, 'with_history') }));
  });

  app.put('/domains/:id', async (req) => {
    const actor = actorOf(req);
    const b = jsonBody<DomainBody>(req, UPDATE);
    const key = domainKey(req, b);
    if (b.id !== undefined && b.id !== 0 && typeof key === 'number' && b.id !== key) throw invalid('id', 'does not match the id in the path');
    const patch: DomainPatch = {};
    const contacts: Record<string, string | null> = {};
    for (const role of ['owner', 'admin', 'tech', 'billing', 'reseller'] as const) {
      const v = (b as Record<string, unknown>)[`${role}_handle`];
      if (typeof v === 'string') {
        if (!v.trim() && (role === 'owner' || role === 'admin' || role === 'tech')) throw new DomainError('domain.contact_required', `Contact type ${role} is required`, { field: `${role}_handle`, reason: 'required' });
        contacts[role] = v.trim() || null;
      }
    }
    if (Object.keys(contacts).length) patch.contacts = contacts;
    if (b.autorenew !== undefined) patch.autorenew = b.autorenew;
    if (b.is_locked !== undefined) patch.locked = toBool(b.is_locked);
    if (b.is_private_whois_enabled !== undefined) patch.whoisPrivacy = toBool(b.is_private_whois_enabled);
    const data: Record<string, string> = {};
    if (toBool(b.remove_nses ?? b.remove_ns)) {
      patch.nameservers = [];
      data.ns_group = '';
    } else if (b.ns_group) {
      const g = await nsGroupOf(services, actor.accountId, b.ns_group);
      patch.nameservers = nameserversIn(g.nameservers);
      data.ns_group = g.name;
    } else if (b.name_servers) {
      patch.nameservers = nameserversIn(b.name_servers);
      data.ns_group = '';
    }
    if (b.dnssec_keys) patch.dnssec = dnssecIn(b.dnssec_keys);
    else if (toBool((b as Record<string, unknown>).is_dnssec_enabled) === false) patch.dnssec = [];
    if (toBool(b.reset_auth_code)) patch.resetAuthCode = true;
    if (b.additional_data || Object.keys(data).length) patch.additionalData = { ...(additionalIn(b.additional_data) ?? {}), ...data };
    if (b.comments !== undefined) patch.comments = b.comments;
    const r = await runFlow(services, updateDomain, { registry: registry(services), accountId: actor.accountId, domain: key, patch, actor: actorInfo(req) });
    return ok({ id: r.domain.id, status: STATUS_OF[r.state.phase] });
  });

  app.delete('/domains/:id', async (req) => {
    const actor = actorOf(req);
    const q = queryOf(req);
    const type = one(q, 'type');
    if (type && !['', 'default', 'quarantine', 'immediate'].includes(type.toLowerCase())) throw invalid('type', 'is not a known delete type');
    const r = await runFlow(services, deleteDomain, {
      registry: registry(services), accountId: actor.accountId, domain: domainKey(req), immediate: flag(q, 'skip_soft_quarantine') || type?.toLowerCase() === 'immediate',
      force: flag(q, 'force_delete'), actor: actorInfo(req),
    });
    return ok({ status: STATUS_OF[r.state.phase] });
  });
};
