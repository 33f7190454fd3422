// The domain module (seed 003 §5, L726-2614; inventory §2.3, §3.1, §3.3-3.7, §4.1-4.4, §4.7, §5.2-5.6): 24 actions
// over the core domain flows. A domain here is the core domain: registered through MrDomain, it is listed, renewed
// and updated through Openprovider, and the other way round.
//
// Choices where the seed is silent (see also docs/mrdomain-errors.md for the codes):
// - `domain` and `domainID` both given and naming different domains → 2008 (inventory §1.13).
// - Inline contacts (`ownerContactType`…) are created in the same transaction as the operation, so a refused
//   operation (1100 insufficient balance, 2010 taken, …) leaves no contact behind.
// - `nameservers=parking` (create/transfer) and `nameservers=default` (update) assign the sandbox's own DNS servers
//   (DEFAULT_NAMESERVERS); `keepns` (transfer) keeps whatever the domain has (none for a name held elsewhere).
//   A host list must have 2-7 entries (L848-851) → 105 otherwise.
// - domain/transfer with a wrong auth code answers success with status `transfer-cancel` and `billing.total` 0:
//   the registry refuses it after the request was accepted (as the real API, where the transfer fails later);
//   domain/transferrestart with the right code starts it again. A missing code for an auth-code TLD → 2012.
// - TLD-specific create parameters map onto the core requirement names: domainIntendedUse → intended_use,
//   ownerDateOfBirth → birth_date, ruIssuer/ruIssuerDate → ru_issuer/ru_issuer_date, aeroId/aeroPass → aero_id/
//   aero_password, xxxClass → xxx_class, frTradeMark/frSirenNumber → fr_trademark/fr_siren. The seed documents no
//   .es parameter: the owner's IdentNumber is the registry's id_number.
// - domain/whois answers only for domains of the caller's account (L2425); any other well-formed name → 2006.
// - curExpDate that does not match the current expiry → 2100 (domain.expiry_mismatch); outside the window → 2101.
// - Early access (EAP, docs/adr/0009-simulated-registry.md): the seed has no EAP field; premium is its only hook for
//   an extra create cost (check `premium` + yearly `price`, create `premium` "Must be true to register premium
//   domains", L749/L847). So during a TLD's EAP phase check answers `premium: true` and `price` = the create price
//   (premium if premium) + the EAP fee, and create without `premium=true` is refused with 2011 naming the fee;
//   `premium=true` accepts the fee, which `billing.total` includes.
// - DNSSEC entries are DS data; the core accepts digest types 1, 2 and 4 with hex digests (RFC 4034/4509/6605), so
//   the seed's example (digest type 3, base64 digest, L1963-1971) is refused with 105.
import type { ActionContext, ActionHandler, ActionResult } from './types.ts';
import { DONE } from './types.ts';
import type { FlowContext, Services } from '../../../core/runner.ts';
import { runFlow, runQuery, runReadFirst } from '../../../core/runner.ts';
import { DomainError, isDomainError } from '../../../core/errors.ts';
import { registryOf } from '../../../core/registry/registry.ts';
import { parseDomainName } from '../../../core/registry/names.ts';
import { DEFAULT_NAMESERVERS } from '../../../core/dns/model.ts';
import type { Autorenew, Domain, Nameserver } from '../../../core/domains/model.ts';
import type { ContactKeys, DomainKey, DomainResult } from '../../../core/domains/ops.ts';
import { checkDomain } from '../../../core/domains/flows/check-domain.ts';
import { registerDomain } from '../../../core/domains/flows/register-domain.ts';
import { transferDomain } from '../../../core/domains/flows/transfer-domain.ts';
import { restartOperation } from '../../../core/domains/flows/restart-operation.ts';
import { updateDomain, type DomainPatch } from '../../../core/domains/flows/update-domain.ts';
import { changeHostRecord } from '../../../core/domains/flows/host-record.ts';
import { changeDnssecEntry } from '../../../core/domains/flows/dnssec-entry.ts';
import { renewDomain } from '../../../core/domains/flows/renew-domain.ts';
import { getDomain } from '../../../core/domains/flows/get-domain.ts';
import { getAuthCode } from '../../../core/domains/flows/auth-code.ts';
import { domainHistory } from '../../../core/domains/flows/domain-history.ts';
import { searchDomains } from '../../../core/domains/flows/search-domains.ts';
import { createContact } from '../../../core/contacts/flows/create-contact.ts';
import { getContact } from '../../../core/contacts/flows/get-contact.ts';
import { getAccount } from '../../../core/accounts/flows/get-account.ts';
import { startVerification } from '../../../core/verifications/flows/start-verification.ts';
import { restartVerification } from '../../../core/verifications/flows/restart-verification.ts';
import type { Params } from '../params.ts';
import { boolFilter, boolOf, invalidParam, missing, oneOf, opt, positiveInt, req } from '../params.ts';
import { phpFloat, type Wire } from '../wire.ts';
import { contactInputOf, verificationStatus } from './contact.ts';
import type { InfoType, MrdStatus } from './domain-info.ts';
import { DOMAIN_STATUSES, authcodeCheckOf, baseOf, day, dnssecOf, glueOf, infoBlock, phasesOf, stamp, statusOf } from './domain-info.ts';
import type { Permission } from './user.ts';
import { requireDomainPermission, subuserDomainIds } from './user.ts';

const money = (minor: number) => phpFloat(Math.round(minor) / 100);

// ---- addressing a domain ---------------------------------------------------------------------------------------

/** `domain` or `domainID` (L1220-1225); both naming different domains → 2008 */
export function domainKeyOf(p: Params): DomainKey {
  const name = opt(p, 'domain');
  const idText = opt(p, 'domainID');
  if (idText !== undefined && !/^\d{1,10}$/.test(idText)) throw invalidParam('domainID', 'must be a domain ID (a number)');
  if (name === undefined && idText === undefined) throw missing('domain');
  if (idText !== undefined) return Number(idText);
  return name!;
}

/** Loads the domain (settled to the clock) and checks a sub-user's permission on it. */
async function load(c: ActionContext, perm: Permission | null, level: 'read' | 'write'): Promise<DomainResult> {
  const key = domainKeyOf(c.params);
  const r = await runFlow(c.services, getDomain, { registry: registryOf(c.services), accountId: c.actor.accountId, domain: key });
  const name = opt(c.params, 'domain');
  if (typeof key === 'number' && name !== undefined) {
    let same = false;
    try {
      same = parseDomainName(name).name === r.domain.name;
    } catch {
      same = false;
    }
    if (!same) throw new DomainError('domain.not_found', `Domain ${name} is not domain ${key}`);
  }
  if (perm) await requireDomainPermission(c, r.domain, perm, level);
  return r;
}

const actorOf = (c: ActionContext) => ({ ip: c.ip, user: c.subuser?.username ?? c.actor.username });

async function accountAutoRenew(s: Services, accountId: number): Promise<boolean> {
  const { account } = await runQuery(s, getAccount, { accountId });
  return (account.settings as { autoRenew?: unknown }).autoRenew === true;
}

// ---- contacts given by ID or inline (L857-895) ------------------------------------------------------------------

const CONTACT_FIELDS = ['Type', 'FirstName', 'LastName', 'OrgName', 'OrgType', 'IdentNumber', 'Email', 'Phone', 'Fax', 'Address', 'PostalCode', 'City', 'State', 'Country'];
type Role = 'owner' | 'admin' | 'tech' | 'billing';
type ContactPlan = { id: string } | { input: Params } | null;

function renamed(e: unknown, prefix: string): unknown {
  if (!isDomainError(e) || typeof e.details.field !== 'string') return e;
  const field = `${prefix}Contact${e.details.field}`;
  return new DomainError(e.code, e.publicMessage.replace(e.details.field, field), { ...e.details, field });
}

/** `<role>ContactID`, or the inline fields (ignored when an ID is given, L868-870), or nothing */
function contactPlan(p: Params, role: Role): ContactPlan {
  const id = opt(p, `${role}ContactID`);
  if (id) return { id };
  if (!CONTACT_FIELDS.some((f) => opt(p, `${role}Contact${f}`) !== undefined)) return null;
  const input: Params = {};
  for (const f of CONTACT_FIELDS) if (p[`${role}Contact${f}`] !== undefined) input[f] = p[`${role}Contact${f}`];
  try {
    contactInputOf(input);
  } catch (e) {
    throw renamed(e, role);
  }
  return { input };
}

type Plans = Record<Role, ContactPlan>;
const plansOf = (p: Params): Plans => ({ owner: contactPlan(p, 'owner'), admin: contactPlan(p, 'admin'), tech: contactPlan(p, 'tech'), billing: contactPlan(p, 'billing') });

/** inside the operation's transaction: creates the inline contacts and returns the core keys. Absent roles follow
 * the chain admin ← owner, tech ← admin, billing ← admin (L853-855). */
async function applyPlans(ctx: FlowContext, accountId: number, plans: Plans, chain: boolean): Promise<ContactKeys> {
  const keys: ContactKeys = {};
  for (const role of ['owner', 'admin', 'tech', 'billing'] as Role[]) {
    const plan = plans[role];
    if (!plan) continue;
    if ('id' in plan) {
      const c = await ctx.uow.contacts.byKey(accountId, plan.id);
      if (!c || c.deletedAt) throw new DomainError('contact.not_found', `Contact ${plan.id} not found`, { field: `${role}ContactID` });
      keys[role] = c.id;
    } else keys[role] = (await createContact(ctx, { accountId, input: contactInputOf(plan.input) })).id;
  }
  if (chain) {
    if (keys.admin === undefined) keys.admin = keys.owner;
    if (keys.tech === undefined) keys.tech = keys.admin;
    if (keys.billing === undefined) keys.billing = keys.admin;
  }
  return keys;
}

// ---- nameservers ------------------------------------------------------------------------------------------------

/** `parking`/`default` → the sandbox's DNS servers; `keepns` → undefined (keep); else 2-7 hosts (L848-851) */
function nameserversOf(p: Params, o: { required: boolean; keyword: 'parking' | 'default'; keepns?: boolean }): Nameserver[] | undefined {
  const v = o.required ? req(p, 'nameservers') : (opt(p, 'nameservers') ?? o.keyword);
  const lower = v.toLowerCase();
  if (lower === o.keyword || (o.keyword === 'parking' && lower === 'default') || (o.keyword === 'default' && lower === 'parking')) return DEFAULT_NAMESERVERS.map((name) => ({ name, ipv4: '', ipv6: '' }));
  if (o.keepns && lower === 'keepns') return undefined;
  const hosts = v.split(',').map((h) => h.trim()).filter(Boolean);
  if (hosts.length < 2 || hosts.length > 7) throw invalidParam('nameservers', `"${o.keyword}" or a comma-separated list of 2 to 7 DNS servers`);
  return hosts.map((name) => ({ name, ipv4: '', ipv6: '' }));
}

// ---- TLD-specific parameters (L940-1045, L1116-1153) -------------------------------------------------------------

const TLD_PARAMS: Record<string, string> = {
  domainIntendedUse: 'intended_use', ownerDateOfBirth: 'birth_date', ruIssuer: 'ru_issuer', ruIssuerDate: 'ru_issuer_date', aeroId: 'aero_id', aeroPass: 'aero_password',
  xxxClass: 'xxx_class', xxxName: 'xxx_name', xxxEmail: 'xxx_email', xxxId: 'xxx_id', frTradeMark: 'fr_trademark', frSirenNumber: 'fr_siren',
};

function additionalDataOf(p: Params): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [param, key] of Object.entries(TLD_PARAMS)) {
    const v = opt(p, param);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

async function withOwnerIdNumber(ctx: FlowContext, accountId: number, tld: string, ownerId: number | string | null | undefined, data: Record<string, string>): Promise<Record<string, string>> {
  if (data.id_number || !ownerId) return data;
  const top = tld.split('.').pop();
  if (top !== 'es' && top !== 'it') return data;
  const owner = await ctx.uow.contacts.get(accountId, Number(ownerId));
  return owner?.identNumber ? { ...data, id_number: owner.identNumber } : data;
}

function periodOf(p: Params): number | undefined {
  const v = opt(p, 'period');
  if (v === undefined) return undefined;
  if (!/^\d{1,2}$/.test(v)) throw invalidParam('period', 'must be a number of years');
  return Number(v);
}

/** the core's `request.invalid` names its own fields: say them with the MrDomain parameter names */
const PARAM_NAMES: Record<string, string> = { period: 'period', name_servers: 'nameservers', 'name_servers.ip': 'nameservers', 'name_servers.ip6': 'nameservers', owner_handle: 'ownerContactID' };
function asParam(e: unknown): unknown {
  if (!isDomainError(e) || e.code !== 'request.invalid' || typeof e.details.field !== 'string' || !PARAM_NAMES[e.details.field]) return e;
  const field = e.details.field;
  return invalidParam(PARAM_NAMES[field], e.publicMessage.replace(new RegExp(`^${field.replace('.', '\\.')}: `), ''));
}

// ---- check, checkfortransfer ----------------------------------------------------------------------------------

async function check(c: ActionContext) {
  const name = req(c.params, 'domain');
  const [r] = await runReadFirst(c.services, checkDomain, { registry: registryOf(c.services), accountId: c.actor.accountId, names: [name] });
  return r;
}

/** domain/check (L726-776) */
export const domainCheck: ActionHandler = async (c) => {
  const r = await check(c);
  return {
    responseData: {
      domains: [{ name: r.name.unicode, punycode: r.name.name, tld: r.name.tld, available: r.status === 'free', premium: r.premium || r.eapFeeMinor > 0, price: money(r.prices.create + r.eapFeeMinor), currency: r.currency }],
    },
  };
};

/** domain/checkfortransfer (L777-827) */
export const domainCheckForTransfer: ActionHandler = async (c) => {
  const r = await check(c);
  const policy = registryOf(c.services).policy(r.name.tld);
  const msgs: string[] = [];
  if (!policy.transferAllowed) msgs.push(`.${r.name.tld} domains cannot be transferred`);
  else if (r.status === 'free') msgs.push('The domain is not registered');
  else if (r.status === 'reserved') msgs.push('The domain is reserved by the registry');
  else if (r.heldByYou) msgs.push('The domain is already in your account');
  const avail = msgs.length === 0 && (r.status === 'taken_elsewhere' || (r.status === 'taken' && r.transferable));
  if (!avail && !msgs.length) msgs.push('The domain cannot be transferred now');
  return {
    responseData: {
      domains: [{ name: r.name.unicode, punycode: r.name.name, tld: r.name.tld, transferavail: avail, transfermsg: msgs, price: money(r.prices.transfer), currency: r.currency }],
    },
  };
};

// ---- create, transfer, transferrestart ----------------------------------------------------------------------------

function denySubuser(c: ActionContext): void {
  if (c.subuser) throw new DomainError('auth.forbidden', 'External users cannot register or transfer domains');
}

/** domain/create (L828-1045) */
export const domainCreate: ActionHandler = async (c) => {
  denySubuser(c);
  const p = c.params;
  const name = req(p, 'domain');
  const period = periodOf(p);
  const premium = boolOf(p, 'premium') ?? false;
  const nameservers = nameserversOf(p, { required: false, keyword: 'parking' });
  const plans = plansOf(p);
  if (!plans.owner) throw missing('ownerContactID');
  const data = additionalDataOf(p);
  const registry = registryOf(c.services);
  const accountId = c.actor.accountId;
  const r = await runFlow(c.services, async (ctx) => {
    const contacts = await applyPlans(ctx, accountId, plans, true);
    const tld = parseDomainName(name).tld;
    const additionalData = await withOwnerIdNumber(ctx, accountId, tld, contacts.owner, data);
    try {
      return await registerDomain(ctx, { registry, accountId, name, period, contacts, nameservers, acceptPremium: premium, acceptEapFee: premium, additionalData, actor: actorOf(c) });
    } catch (e) {
      throw asParam(e);
    }
  }, null);
  return {
    responseData: { billing: { total: money(r.chargedMinor), currency: r.currency }, domains: [{ ...baseOf(r), period: r.domain.period }] },
  };
};

/** domain/transfer (L1046-1153) */
export const domainTransfer: ActionHandler = async (c) => {
  denySubuser(c);
  const p = c.params;
  const name = req(p, 'domain');
  const nameservers = nameserversOf(p, { required: false, keyword: 'parking', keepns: true });
  const plans = plansOf(p);
  if (!plans.owner) throw missing('ownerContactID');
  const data = additionalDataOf(p);
  const authCode = opt(p, 'authcode');
  const registry = registryOf(c.services);
  const accountId = c.actor.accountId;
  const r = await runFlow(c.services, async (ctx) => {
    const contacts = await applyPlans(ctx, accountId, plans, true);
    const additionalData = await withOwnerIdNumber(ctx, accountId, parseDomainName(name).tld, contacts.owner, data);
    return transferDomain(ctx, { registry, accountId, name, authCode, contacts, nameservers, additionalData, acceptPremium: true, actor: actorOf(c) });
  }, null).catch((e: unknown) => {
    throw asParam(e);
  });
  return { responseData: { billing: { total: money(r.chargedMinor), currency: r.currency }, domains: [{ ...baseOf(r), period: 1 }] } };
};

/** domain/transferrestart (L1154-1205) */
export const domainTransferRestart: ActionHandler = async (c) => {
  const cur = await load(c, 'domain_others', 'write');
  const authCode = opt(c.params, 'authcode');
  const r = await runFlow(c.services, restartOperation, { registry: registryOf(c.services), accountId: c.actor.accountId, domain: cur.domain.id, authCode, actor: actorOf(c) });
  return { responseData: baseOf(r), messages: DONE };
};

// ---- update and its wrappers ------------------------------------------------------------------------------------

const UPDATE_TYPES = ['contact', 'nameservers', 'transferBlock', 'block', 'whoisPrivacy', 'renewalMode', 'tag', 'viewWhois'] as const;
type UpdateType = (typeof UPDATE_TYPES)[number];

/** a boolean "Required … false" (L1246-1252): absent or "" means false, as the SDK encodes false (inventory A-42) */
function requiredBool(p: Params, name: string): boolean {
  return boolOf(p, name) ?? false;
}

async function update(c: ActionContext, type: UpdateType): Promise<ActionResult> {
  const p = c.params;
  const registry = registryOf(c.services);
  const accountId = c.actor.accountId;
  let patch: DomainPatch = {};
  let plans: Plans | null = null;
  let perm: Permission = 'domain_others';
  switch (type) {
    case 'contact':
      plans = plansOf(p);
      perm = plans.owner ? 'domain_ownercontacts' : 'domain_contacts';
      break;
    case 'nameservers':
      patch = { nameservers: nameserversOf(p, { required: true, keyword: 'default' }) };
      perm = 'domain_dns';
      break;
    case 'transferBlock':
      patch = { locked: requiredBool(p, 'transferBlock') };
      perm = 'domain_transferblock';
      break;
    case 'block':
      patch = { updateBlocked: requiredBool(p, 'block') };
      break;
    case 'whoisPrivacy':
      patch = { whoisPrivacy: requiredBool(p, 'whoisPrivacy') };
      break;
    case 'viewWhois':
      patch = { additionalData: { view_whois: requiredBool(p, 'viewWhois') ? '1' : '0' } };
      break;
    case 'renewalMode': {
      const mode = oneOf(p, 'renewalMode', ['autorenew', 'manual', 'letexpire'] as const, true)!;
      const autorenew: Autorenew = mode === 'autorenew' ? 'on' : 'off';
      patch = { autorenew, additionalData: { renewal_mode: mode === 'letexpire' ? 'letexpire' : '' } };
      break;
    }
    case 'tag':
      // "Domain tag or tags (separated by ,)" (L1256); an empty value clears them
      if (p.tag === undefined) throw missing('tag');
      patch = { tags: p.tag.split(',').map((t) => t.trim()).filter(Boolean) };
      break;
  }
  const cur = await load(c, perm, 'write');
  // the owner and the other roles are separate permissions: a change to both needs both
  if (plans && plans.owner && (plans.admin || plans.tech || plans.billing)) await requireDomainPermission(c, cur.domain, 'domain_contacts', 'write');
  const r = await runFlow(c.services, async (ctx) => {
    if (plans) {
      const contacts = await applyPlans(ctx, accountId, plans, false);
      patch = { contacts };
    }
    // the renewal mode "letexpire" is remembered; the domain is also in "manual" for any other face (autorenew off)
    return updateDomain(ctx, { registry, accountId, domain: cur.domain.id, patch, actor: actorOf(c) });
  }, null).catch((e: unknown) => {
    throw asParam(e);
  });
  return { responseData: baseOf(r), messages: DONE };
}

/** domain/update (L1206-1287) */
export const domainUpdate: ActionHandler = async (c) => update(c, oneOf(c.params, 'updateType', UPDATE_TYPES, true)!);
/** domain/updatenameservers (L1288-1339) */
export const domainUpdateNameservers: ActionHandler = async (c) => update(c, 'nameservers');
/** domain/updatecontacts (L1340-1391) */
export const domainUpdateContacts: ActionHandler = async (c) => update(c, 'contact');

// ---- glue records ---------------------------------------------------------------------------------------------

function glue(action: 'create' | 'update' | 'delete'): ActionHandler {
  return async (c) => {
    const p = c.params;
    const name = req(p, 'name');
    const ipv4 = action === 'delete' ? undefined : req(p, 'ipv4');
    const ipv6 = opt(p, 'ipv6');
    const cur = await load(c, 'domain_gluerecords', 'write');
    const r = await runFlow(c.services, changeHostRecord, {
      registry: registryOf(c.services), accountId: c.actor.accountId, domain: cur.domain.id, action, name,
      ipv4: ipv4 ? [ipv4] : undefined, ipv6: ipv6 ? [ipv6] : action === 'update' ? [] : undefined, actor: actorOf(c),
    });
    return { responseData: { ...baseOf(r), gluerecords: glueOf(r.domain) }, messages: DONE };
  };
}
export const domainGlueRecordCreate = glue('create');
export const domainGlueRecordUpdate = glue('update');
export const domainGlueRecordDelete = glue('delete');

// ---- list, getinfo and its wrappers ----------------------------------------------------------------------------

const INFO_PERMISSION: Record<InfoType, Permission> = {
  status: 'domain_others', contact: 'domain_contacts', nameservers: 'domain_dns', authcode: 'domain_authcode', service: 'domain_others', gluerecords: 'domain_gluerecords', dnssec: 'domain_dnssec',
};

async function info(c: ActionContext, type: InfoType): Promise<ActionResult> {
  const r = await load(c, INFO_PERMISSION[type], 'read');
  if (type === 'contact') await requireDomainPermission(c, r.domain, 'domain_ownercontacts', 'read');
  let authCode: string | undefined;
  if (type === 'authcode') {
    if (!authcodeCheckOf(r)) throw new DomainError('domain.invalid_state', `The auth code of ${r.domain.unicodeName} cannot be read now`, { reason: r.state.phase });
    authCode = (await runFlow(c.services, getAuthCode, { registry: registryOf(c.services), accountId: c.actor.accountId, domain: r.domain.id })).authCode;
  }
  const block = await infoBlock(r, type, { services: c.services, accountId: c.actor.accountId, accountAutoRenew: await accountAutoRenew(c.services, c.actor.accountId), authCode });
  return { responseData: { ...baseOf(r), ...block } };
}

const INFO_TYPES = ['status', 'contact', 'nameservers', 'authcode', 'service', 'gluerecords', 'dnssec'] as const;
/** domain/getinfo (L1676-1978) */
export const domainGetInfo: ActionHandler = async (c) => info(c, oneOf(c.params, 'infoType', INFO_TYPES, false) ?? 'status');
/** domain/getauthcode (L1979-2028) */
export const domainGetAuthCode: ActionHandler = async (c) => info(c, 'authcode');
/** domain/getnameservers (L2029-2091) */
export const domainGetNameservers: ActionHandler = async (c) => info(c, 'nameservers');
/** domain/getgluerecords (L2092-2152) */
export const domainGetGlueRecords: ActionHandler = async (c) => info(c, 'gluerecords');
/** domain/getdnssec (L2153-2213) */
export const domainGetDnssec: ActionHandler = async (c) => info(c, 'dnssec');

/** every domain of the account matching the core filter, in pages of the core's maximum */
async function allDomains(s: Services, accountId: number, filter: Parameters<typeof searchDomains>[1]['filter']): Promise<DomainResult[]> {
  const out: DomainResult[] = [];
  const registry = registryOf(s);
  for (let offset = 0; ; offset += 1000) {
    const page = await runQuery(s, searchDomains, { registry, accountId, filter, page: { limit: 1000, offset, withoutTotal: true } });
    out.push(...page.results);
    if (page.results.length < 1000) return out;
  }
}

function pageOf(p: Params): { page: number; pageLength: number } {
  return { pageLength: positiveInt(p, 'pageLength', 1000), page: positiveInt(p, 'page', 1) };
}

/** domain/list (L1592-1675): filters are exact but `word` (substring); `owner` is the owner's contact ID */
export const domainList: ActionHandler = async (c) => {
  const p = c.params;
  const { page, pageLength } = pageOf(p);
  const name = opt(p, 'domain');
  const word = opt(p, 'word')?.toLowerCase();
  const tld = opt(p, 'tld')?.toLowerCase().replace(/^\./, '');
  const renewable = boolFilter(p, 'renewable');
  // exactly the five documented values; the seed's misspelling "satus" (L1613) is 105 (inventory A-48)
  const infoType = oneOf(p, 'infoType', ['status', 'contact', 'nameservers', 'service', 'gluerecords'] as const, false) as InfoType | undefined;
  const ownerKey = opt(p, 'owner');
  const tag = opt(p, 'tag');
  const status = oneOf(p, 'status', DOMAIN_STATUSES, false) as MrdStatus | undefined;
  const ownerverification = oneOf(p, 'ownerverification', ['verified', 'notapplicable', 'inprocess', 'failed'] as const, false);
  let exact: string | undefined;
  if (name !== undefined) {
    try {
      exact = parseDomainName(name).name;
    } catch {
      exact = name.toLowerCase();
    }
  }
  let ownerId: number | null | undefined;
  if (ownerKey !== undefined) {
    try {
      ownerId = (await runQuery(c.services, getContact, { accountId: c.actor.accountId, key: ownerKey })).id;
    } catch {
      ownerId = null;
    }
  }
  const granted = await subuserDomainIds(c);
  // `word` is a substring of the ASCII name in the index; a word with non-ASCII letters or `*` is matched here
  const plainWord = word !== undefined && /^[a-z0-9.-]+$/.test(word);
  const filter = { name: exact, namePattern: plainWord ? `*${word}*` : undefined, tld, tag, phases: status ? phasesOf(status) : undefined, orderBy: { field: 'name' as const, desc: false } };
  // The filters the core indexes are paged by the core (an account may hold a million domains); the others
  // (renewable, owner, owner verification, statuses that share a core phase, an external user's domains) are
  // applied here over the matching rows.
  const exactStatus = status === undefined || ['active', 'expired-renewgrace', 'expired-redemption', 'expired-pendingdelete', 'transfer-cancel'].includes(status);
  if (!granted && renewable === undefined && ownerKey === undefined && ownerverification === undefined && exactStatus && pageLength <= 1000 && (word === undefined || plainWord)) {
    const found = await runQuery(c.services, searchDomains, { registry: registryOf(c.services), accountId: c.actor.accountId, filter, page: { limit: pageLength, offset: (page - 1) * pageLength } });
    return { responseData: { queryInfo: { page, pageLength, results: found.results.length, total: found.total }, domains: await listItems(c, found.results, infoType) } };
  }
  const all = ownerId === null ? [] : await allDomains(c.services, c.actor.accountId, filter);
  const owners = new Map<number, string>();
  const verificationOf = async (id: number): Promise<string> => {
    if (!owners.has(id)) {
      const o = await runQuery(c.services, (ctx) => ctx.uow.contacts.get(c.actor.accountId, id), null);
      owners.set(id, o ? verificationStatus(o) : 'notapplicable');
    }
    return owners.get(id)!;
  };
  const matched: DomainResult[] = [];
  for (const r of all) {
    if (granted && !granted.has(r.domain.id)) continue;
    if (word !== undefined && !r.domain.name.includes(word) && !r.domain.unicodeName.toLowerCase().includes(word)) continue;
    if (renewable !== undefined && r.state.renewable !== renewable) continue;
    if (ownerId !== undefined && r.domain.contacts.owner !== ownerId) continue;
    if (status !== undefined && statusOf(r) !== status) continue;
    if (ownerverification !== undefined && (await verificationOf(r.domain.contacts.owner)) !== ownerverification) continue;
    matched.push(r);
  }
  const domains = await listItems(c, matched.slice((page - 1) * pageLength, page * pageLength), infoType);
  return { responseData: { queryInfo: { page, pageLength, results: domains.length, total: matched.length }, domains } };
};

async function listItems(c: ActionContext, rows: DomainResult[], infoType: InfoType | undefined): Promise<Wire[]> {
  const autoRenew = infoType ? await accountAutoRenew(c.services, c.actor.accountId) : false;
  const domains: Wire[] = [];
  for (const r of rows) {
    const block = infoType ? await infoBlock(r, infoType, { services: c.services, accountId: c.actor.accountId, accountAutoRenew: autoRenew }) : {};
    domains.push({ ...baseOf(r), ...block });
  }
  return domains;
}

// ---- DNSSEC -----------------------------------------------------------------------------------------------------

function intParam(p: Params, name: string): number {
  const v = req(p, name);
  if (!/^\d{1,5}$/.test(v)) throw invalidParam(name, 'must be a number');
  return Number(v);
}

function dnssec(action: 'add' | 'remove'): ActionHandler {
  return async (c) => {
    const p = c.params;
    const entry = { kind: 'ds' as const, keytag: intParam(p, 'keytag'), alg: intParam(p, 'algorithm'), digestType: intParam(p, 'digesttype'), digest: req(p, 'digest') };
    const cur = await load(c, 'domain_dnssec', 'write');
    let r: DomainResult;
    try {
      r = await runFlow(c.services, changeDnssecEntry, { registry: registryOf(c.services), accountId: c.actor.accountId, domain: cur.domain.id, action, entry, actor: actorOf(c) });
    } catch (e) {
      // the core names the fields dnssec.keytag, dnssec.alg, …: say it with MrDomain's parameter names
      if (isDomainError(e) && e.code === 'request.invalid' && typeof e.details.field === 'string') {
        const f = e.details.field.replace(/^dnssec\./, '');
        throw invalidParam(f === 'alg' ? 'algorithm' : f, String(e.details.reason ?? e.publicMessage));
      }
      throw e;
    }
    return { responseData: { ...baseOf(r), dnssec: dnssecOf(r.domain) }, messages: DONE };
  };
}
export const domainDnssecCreate = dnssec('add');
export const domainDnssecDelete = dnssec('remove');

// ---- renew ------------------------------------------------------------------------------------------------------

/** domain/renew (L2355-2419): `curExpDate` guards against a double renewal; `renewPeriod` is a string (L2412) */
export const domainRenew: ActionHandler = async (c) => {
  const p = c.params;
  const cur = req(p, 'curExpDate');
  if (!/^\d{4}-?\d{2}-?\d{2}$/.test(cur)) throw invalidParam('curExpDate', 'must be a date in YYYYMMDD or YYYY-MM-DD format');
  const period = periodOf(p);
  const before = await load(c, 'domain_others', 'write');
  let r: DomainResult;
  try {
    r = await runFlow(c.services, renewDomain, { registry: registryOf(c.services), accountId: c.actor.accountId, domain: before.domain.id, period, expectedExpiry: cur, actor: actorOf(c) });
  } catch (e) {
    // the core's renew flow refuses a wrong curExpDate as "renew not allowed" with field curExpDate: MrDomain
    // answers it as 2100 "Domain renew error", the window as 2101 (inventory A-43)
    if (isDomainError(e) && e.code === 'domain.renew_not_allowed' && e.details.field === 'curExpDate') throw new DomainError('domain.expiry_mismatch', e.publicMessage, e.details);
    throw asParam(e);
  }
  return {
    responseData: {
      billing: { total: money(r.chargedMinor), currency: r.currency },
      domains: [{ name: r.domain.unicodeName, status: 'renewed', tld: r.domain.tld, domainID: r.domain.id, tsExpir: day(r.domain.expiresAt), renewPeriod: String(r.domain.period) }],
    },
  };
};

// ---- whois, resendverificationmail, gethistory, listdeleted --------------------------------------------------------

function whoisText(d: Domain, owner: { name: string; org: string; country: string; email: string } | null, registrar: string): string {
  const up = (s: string) => s.toUpperCase();
  const lines = [
    `Domain Name: ${up(d.name)}`,
    `Registry Domain ID: ${d.id}_DOMAIN_${up(d.tld.replace(/\./g, '_'))}-RESELLBOX`,
    `Registrar WHOIS Server: whois.resellbox.test`,
    `Updated Date: ${d.updatedAt.toISOString().slice(0, 19)}Z`,
    `Creation Date: ${(d.activatedAt ?? d.orderedAt).toISOString().slice(0, 19)}Z`,
    `Registry Expiry Date: ${d.expiresAt ? `${d.expiresAt.toISOString().slice(0, 19)}Z` : ''}`,
    `Registrar: ${registrar}`,
    `Domain Status: ${d.locked ? 'clientTransferProhibited' : 'ok'}`,
    `Registrant Name: ${d.whoisPrivacy || !owner ? 'REDACTED FOR PRIVACY' : owner.name}`,
    `Registrant Organization: ${d.whoisPrivacy || !owner ? 'REDACTED FOR PRIVACY' : owner.org}`,
    `Registrant Country: ${owner?.country ?? ''}`,
    `Registrant Email: ${d.whoisPrivacy || !owner ? 'REDACTED FOR PRIVACY' : owner.email}`,
    ...d.nameservers.map((n) => `Name Server: ${up(n.name)}`),
    `DNSSEC: ${d.dnssec.length ? 'signedDelegation' : 'unsigned'}`,
  ];
  return lines.join('\n');
}

/** domain/whois (L2420-2459): public data of a domain of the caller's account */
export const domainWhois: ActionHandler = async (c) => {
  const name = req(c.params, 'domain');
  let r: DomainResult;
  try {
    r = await load({ ...c, params: { domain: name } }, 'domain_others', 'read');
  } catch (e) {
    // a well-formed name outside the account: "only … from domains in your own MrDomain account" (L2425)
    if (isDomainError(e) && e.code === 'domain.not_found') throw new DomainError('domain.whois_not_allowed', `Whois data of ${name} is not available to this account`);
    throw e;
  }
  const d = r.domain;
  const o = await runQuery(c.services, (ctx) => ctx.uow.contacts.get(c.actor.accountId, d.contacts.owner), null);
  const owner = o ? { name: `${o.name.firstName} ${o.name.lastName}`.trim(), org: o.companyName, country: o.address.country, email: o.email } : null;
  return { responseData: { domain: d.name, whoisData: whoisText(d, viewWhoisOfOwner(d) ? owner : null, 'Resellbox Sandbox Registrar') } };
};
const viewWhoisOfOwner = (d: Domain) => d.additionalData.view_whois !== '0';

/** domain/resendverificationmail (L2460-2507): the owner's verification mail again (to the outbox) */
export const domainResendVerificationMail: ActionHandler = async (c) => {
  const r = await load(c, 'domain_ownercontacts', 'read');
  const owner = await runQuery(c.services, getContact, { accountId: c.actor.accountId, key: String(r.domain.contacts.owner) });
  if (owner.emailVerification !== 'verified') {
    try {
      await runFlow(c.services, startVerification, { accountId: c.actor.accountId, email: owner.email, handle: owner.handle });
    } catch (e) {
      if (!isDomainError(e) || e.code !== 'verification.in_progress') throw e;
      await runFlow(c.services, restartVerification, { accountId: c.actor.accountId, email: owner.email });
    }
  }
  return { responseData: baseOf(r), messages: DONE };
};

/** domain/gethistory (L2508-2581): base fields, then queryInfo and the entries, oldest first */
export const domainGetHistory: ActionHandler = async (c) => {
  const { page, pageLength } = pageOf(c.params);
  const r = await load(c, 'domain_others', 'read');
  const limit = Math.min(pageLength, 1000);
  const h = await runQuery(c.services, domainHistory, { registry: registryOf(c.services), accountId: c.actor.accountId, domain: r.domain.id, page: { limit, offset: (page - 1) * pageLength } });
  const history = h.results.slice(0, pageLength).map((e) => ({ ts: stamp(e.at), ip: e.ip, user: e.user, title: e.title, message: e.message }));
  return { responseData: { ...baseOf(r), queryInfo: { page, pageLength, results: history.length, total: h.total }, history } };
};

const DELETED_INFO: Record<string, string> = { expired: 'Domain expired', deleted: 'Domain deleted', add_grace: 'Domain deleted', transferred: 'Domain transferred' };

/** domain/listdeleted (L2582-2614) */
export const domainListDeleted: ActionHandler = async (c) => {
  const { page, pageLength } = pageOf(c.params);
  const granted = await subuserDomainIds(c);
  const all = (await allDomains(c.services, c.actor.accountId, { onlyDeleted: true, includeDeleted: true, orderBy: { field: 'name', desc: false } }))
    .filter((r) => r.state.phase === 'deleted' && (!granted || granted.has(r.domain.id)));
  const slice = all.slice((page - 1) * pageLength, page * pageLength);
  const domains = slice.map((r) => ({ name: r.domain.unicodeName, tld: r.domain.tld, tsDeleted: day(r.domain.deletedAt), info: DELETED_INFO[r.domain.deleteReason] ?? 'Domain deleted' }));
  return { responseData: { queryInfo: { page, pageLength, results: domains.length, total: all.length }, domains } };
};

export const DOMAIN_ACTIONS: Readonly<Record<string, ActionHandler>> = {
  'domain/check': domainCheck,
  'domain/checkfortransfer': domainCheckForTransfer,
  'domain/create': domainCreate,
  'domain/transfer': domainTransfer,
  'domain/transferrestart': domainTransferRestart,
  'domain/update': domainUpdate,
  'domain/updatenameservers': domainUpdateNameservers,
  'domain/updatecontacts': domainUpdateContacts,
  'domain/gluerecordcreate': domainGlueRecordCreate,
  'domain/gluerecordupdate': domainGlueRecordUpdate,
  'domain/gluerecorddelete': domainGlueRecordDelete,
  'domain/list': domainList,
  'domain/getinfo': domainGetInfo,
  'domain/getauthcode': domainGetAuthCode,
  'domain/getnameservers': domainGetNameservers,
  'domain/getgluerecords': domainGetGlueRecords,
  'domain/getdnssec': domainGetDnssec,
  'domain/dnsseccreate': domainDnssecCreate,
  'domain/dnssecdelete': domainDnssecDelete,
  'domain/renew': domainRenew,
  'domain/whois': domainWhois,
  'domain/resendverificationmail': domainResendVerificationMail,
  'domain/gethistory': domainGetHistory,
  'domain/listdeleted': domainListDeleted,
};
