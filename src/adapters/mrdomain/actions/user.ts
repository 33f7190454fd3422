// The user module (seed 003 L7185-7779; inventory §2.7, §3.19, §4.15-4.16, BR-44/45): external users of the account
// (core/subusers) with per-domain permissions, and the enforcement of those permissions.
//
// An external user logs in to this API with its own `apiuser`/`apipasswd` (the plugin tries it when the name is not
// one of the account's own users). It may call the domain module on the domains granted to it, each action needing
// one permission at `read` or `write` (the table in domain.ts); anything else — other modules, domain/create and
// domain/transfer, the user module — answers 300 "Action not allowed", as does a domain it lacks the permission
// for. domain/list and domain/listdeleted show only its domains. (The seed does not say whether external users may use
// the API at all; a reseller's customers managing their own domains through it is the use these permissions serve.)
//
// Choices: `domain_authcode=write` → 105 (it "doesn't allow write", L7756); granting a domain twice, or changing or
// revoking one not granted → 3502 "User update error"; an unknown domainName → 2008; a username already used by anyone → 3501; a
// password under 6 characters → 105. `domains` is `[]` when empty (PHP's json_encode of an empty array).
import type { ActionContext, ActionHandler } from './types.ts';
import { DONE } from './types.ts';
import { runFlow, runQuery } from '../../../core/runner.ts';
import { DomainError } from '../../../core/errors.ts';
import type { Domain } from '../../../core/domains/model.ts';
import type { AccessLevel, Subuser } from '../../../core/subusers/model.ts';
import { mayAccess } from '../../../core/subusers/model.ts';
import { createSubuser } from '../../../core/subusers/flows/create-subuser.ts';
import { getSubuser } from '../../../core/subusers/flows/get-subuser.ts';
import { listSubusers } from '../../../core/subusers/flows/list-subusers.ts';
import { updateSubuser } from '../../../core/subusers/flows/update-subuser.ts';
import { grantSubuserDomain } from '../../../core/subusers/flows/grant-subuser-domain.ts';
import { deleteSubuser } from '../../../core/subusers/flows/delete-subuser.ts';
import { parseDomainName } from '../../../core/registry/names.ts';
import type { Params } from '../params.ts';
import { invalidParam, oneOf, opt, positiveInt, req } from '../params.ts';
import type { Wire } from '../wire.ts';

export const PERMISSIONS = [
  'domain_ownercontacts', 'domain_contacts', 'domain_dns', 'domain_gluerecords', 'domain_dnssec', 'domain_transferblock', 'domain_authcode', 'domain_others',
  'service_ftp', 'service_subdomains', 'service_redirects', 'service_parking', 'service_dnszone', 'service_ddbb', 'servicemail_accounts', 'servicemail_alias',
] as const;
export type Permission = (typeof PERMISSIONS)[number];
type Level = 'disabled' | 'read' | 'write';

/** "the system default values" as the examples show them for a domain with no overrides (L7330-7347) */
export const DEFAULT_PERMISSIONS: Record<Permission, Level> = Object.fromEntries(
  PERMISSIONS.map((p) => [p, p === 'domain_transferblock' ? 'disabled' : p === 'domain_authcode' ? 'read' : 'write']),
) as Record<Permission, Level>;

const toCore = (l: Level): AccessLevel => (l === 'disabled' ? 'none' : l);
const toWire = (l: AccessLevel | undefined): Level => (!l || l === 'none' ? 'disabled' : l);

/** the actions an external user may call at all; each domain action then checks the domain's permission */
const SUBUSER_ACTIONS = new Set(['tool/hello', 'tool/idnconverter', 'domain/list', 'domain/listdeleted']);
export function subuserMayCall(action: string): boolean {
  return SUBUSER_ACTIONS.has(action) || (action.startsWith('domain/') && !['domain/create', 'domain/transfer', 'domain/check', 'domain/checkfortransfer'].includes(action));
}

/** 300 unless the caller is the account itself or an external user with `level` on the domain's `perm` */
export async function requireDomainPermission(c: ActionContext, d: Domain, perm: Permission, level: 'read' | 'write'): Promise<void> {
  if (!c.subuser) return;
  if (!mayAccess(c.subuser, d.id, perm, level)) throw new DomainError('auth.forbidden', `User ${c.subuser.username} has no ${level} permission ${perm} on ${d.unicodeName}`);
}

/** the domain ids an external user may see; null for the account itself (everything) */
export async function subuserDomainIds(c: ActionContext): Promise<Set<number> | null> {
  return c.subuser ? new Set(c.subuser.grants.map((g) => g.domainId)) : null;
}

// ---- answers ------------------------------------------------------------------------------------------------

const statusOf = (s: Subuser) => (s.enabled ? 'enabled' : 'disabled');
const lastLogin = (s: Subuser) => (s.lastLoginAt ? s.lastLoginAt.toISOString().slice(0, 10) : '');

/** the list item / create answer (L7204-7208) */
function summary(s: Subuser) {
  return { username: s.username, status: statusOf(s), lastLogin: lastLogin(s), numDomains: s.grants.length };
}

/** getinfo and the updates (L7309-7349): the summary and `domains` {name: {16 permissions}} */
async function detail(c: ActionContext, s: Subuser): Promise<Wire> {
  const domains: Record<string, Wire> = {};
  for (const g of s.grants) {
    const d = await runQuery(c.services, (ctx) => ctx.uow.domains.get(c.actor.accountId, g.domainId), null);
    if (!d) continue;
    domains[d.unicodeName] = Object.fromEntries(PERMISSIONS.map((p) => [p, toWire(g.areas[p])]));
  }
  return { ...summary(s), domains: Object.keys(domains).length ? domains : [] };
}

function forbidSubuser(c: ActionContext): void {
  if (c.subuser) throw new DomainError('auth.forbidden', 'External users cannot manage users');
}

/** `<permission>=<disabled|read|write>` pairs; `domain_authcode` cannot be `write` */
function permissionsOf(p: Params): Partial<Record<Permission, AccessLevel>> {
  const out: Partial<Record<Permission, AccessLevel>> = {};
  for (const perm of PERMISSIONS) {
    const v = oneOf(p, perm, ['disabled', 'read', 'write'] as const, false);
    if (v === undefined) continue;
    if (perm === 'domain_authcode' && v === 'write') throw invalidParam(perm, 'the auth code permission does not allow write');
    out[perm] = toCore(v);
  }
  return out;
}

async function domainIdOf(c: ActionContext, name: string): Promise<number> {
  let ascii = name.toLowerCase();
  try {
    ascii = parseDomainName(name).name;
  } catch {
    // an invalid name is simply not a domain of the account
  }
  const d = await runQuery(c.services, (ctx) => ctx.uow.domains.byName(c.actor.accountId, ascii), null);
  if (!d || !d.holdsName) throw new DomainError('domain.not_found', `Domain ${name} not found`);
  return d.id;
}

// ---- actions ------------------------------------------------------------------------------------------------

/** user/create (L7185-7229) */
export const userCreate: ActionHandler = async (c) => {
  forbidSubuser(c);
  const s = await runFlow(c.services, createSubuser, { accountId: c.actor.accountId, username: req(c.params, 'username'), password: req(c.params, 'password') });
  return { responseData: summary(s), messages: DONE };
};

/** user/list (L7230-7290) */
export const userList: ActionHandler = async (c) => {
  forbidSubuser(c);
  const p = c.params;
  const pageLength = positiveInt(p, 'pageLength', 1000);
  const page = positiveInt(p, 'page', 1);
  const status = oneOf(p, 'status', ['enabled', 'disabled'] as const, false);
  const username = opt(p, 'username');
  const domainName = opt(p, 'domainName');
  let domainId: number | undefined;
  if (domainName !== undefined) {
    try {
      domainId = await domainIdOf(c, domainName);
    } catch {
      domainId = -1;
    }
  }
  const r = await runQuery(c.services, listSubusers, {
    accountId: c.actor.accountId, filter: { enabled: status === undefined ? undefined : status === 'enabled', username, domainId }, page: { limit: pageLength, offset: (page - 1) * pageLength },
  });
  const users = r.results.map(summary);
  return { responseData: { queryInfo: { page, pageLength, results: users.length, total: r.total }, users } };
};

/** user/getinfo (L7291-7353) */
export const userGetInfo: ActionHandler = async (c) => {
  forbidSubuser(c);
  const s = await runQuery(c.services, getSubuser, { accountId: c.actor.accountId, username: req(c.params, 'username') });
  return { responseData: await detail(c, s) };
};

/** user/updatestatus (L7354-7421) */
export const userUpdateStatus: ActionHandler = async (c) => {
  forbidSubuser(c);
  const username = req(c.params, 'username');
  const status = oneOf(c.params, 'status', ['enabled', 'disabled'] as const, true)!;
  const s = await runFlow(c.services, updateSubuser, { accountId: c.actor.accountId, username, enabled: status === 'enabled' });
  return { responseData: await detail(c, s), messages: DONE };
};

/** user/updatepassword (L7422-7489) */
export const userUpdatePassword: ActionHandler = async (c) => {
  forbidSubuser(c);
  const username = req(c.params, 'username');
  const s = await runFlow(c.services, updateSubuser, { accountId: c.actor.accountId, username, password: req(c.params, 'password') });
  return { responseData: await detail(c, s), messages: DONE };
};

function grant(action: 'add' | 'update' | 'remove'): ActionHandler {
  return async (c) => {
    forbidSubuser(c);
    const username = req(c.params, 'username');
    const domainName = req(c.params, 'domainName');
    const given = action === 'remove' ? {} : permissionsOf(c.params);
    // the user first (3500), then the domain (2008)
    await runQuery(c.services, getSubuser, { accountId: c.actor.accountId, username });
    const domainId = await domainIdOf(c, domainName);
    const areas = action === 'add' ? { ...Object.fromEntries(PERMISSIONS.map((p) => [p, toCore(DEFAULT_PERMISSIONS[p])])), ...given } : given;
    const s = await runFlow(c.services, grantSubuserDomain, { accountId: c.actor.accountId, username, domainId, action, areas });
    return { responseData: await detail(c, s), messages: DONE };
  };
}
/** user/adddomain (L7490-7565) */
export const userAddDomain = grant('add');
/** user/updatedomain (L7566-7641) */
export const userUpdateDomain = grant('update');
/** user/deletedomain (L7642-7709) */
export const userDeleteDomain = grant('remove');

/** user/delete (L7710-7744) */
export const userDelete: ActionHandler = async (c) => {
  forbidSubuser(c);
  await runFlow(c.services, deleteSubuser, { accountId: c.actor.accountId, username: req(c.params, 'username') });
  return { responseData: [], messages: DONE };
};

export const USER_ACTIONS: Readonly<Record<string, ActionHandler>> = {
  'user/create': userCreate,
  'user/list': userList,
  'user/getinfo': userGetInfo,
  'user/updatestatus': userUpdateStatus,
  'user/updatepassword': userUpdatePassword,
  'user/adddomain': userAddDomain,
  'user/updatedomain': userUpdateDomain,
  'user/deletedomain': userDeleteDomain,
  'user/delete': userDelete,
};
