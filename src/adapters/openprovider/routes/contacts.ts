// Contacts = the reseller's own users, who log in (seed 000:7892-8344; 001:57). Core `users`.
// GET /contacts, POST /contacts → {id, token}, GET/PUT/DELETE /contacts/{id}. The password is write-only;
// `api_client_ip_list` {allow, deny} is the API allow/deny list login and every call are checked against.
import type { FastifyRequest } from 'fastify';
import type { RegisterArea } from './area.ts';
import { runFlow, runQuery } from '../../../core/runner.ts';
import { DomainError, invalid } from '../../../core/errors.ts';
import type { UserRole } from '../../../core/users/model.ts';
import { createUserWithToken } from '../../../core/users/flows/create-user-with-token.ts';
import { getUser } from '../../../core/users/flows/get-user.ts';
import { updateUser, type UserChanges } from '../../../core/users/flows/update-user.ts';
import { deleteUser } from '../../../core/users/flows/delete-user.ts';
import { searchUsers, type UserSearch } from '../../../core/users/flows/search-users.ts';
import type { Address, PersonName, Phone } from '../../../core/people.ts';
import { intOf } from '../../shared/http.ts';
import { actorOf } from '../auth.ts';
import { S, descending, flag, jsonBody, ok, one, paging, queryOf, success, toBool, type JsonSchema } from '../wire.ts';
import { ADDRESS, NAME, PHONE, addressIn, contactOut, nameIn, phoneIn, type WireAddress, type WireName, type WirePhone } from '../mapping.ts';

/** roles a reseller contact can have (001:57 admin/tech/billing; core also knows sales and api) */
const ROLES: UserRole[] = ['admin', 'tech', 'billing', 'sales', 'api'];
const IP_LIST = S.obj({ allow: S.strings, deny: S.strings });
const ADDITIONAL = S.obj({ birth_city: S.str, birth_date: S.str, social_security_number: S.str });

const COMMON: Record<string, JsonSchema> = {
  additional_data: ADDITIONAL,
  address: ADDRESS,
  api_access_enabled: S.bool,
  comments: S.str,
  company_name: S.str,
  email: S.str,
  inn: S.str,
  is_active: S.bool,
  kpp: S.str,
  locale: S.str,
  name: NAME,
  phone: PHONE,
  role: S.oneOf(ROLES),
  vat: S.str,
};
const CREATE = S.obj({ ...COMMON, password: S.str, username: { type: 'string', minLength: 1 } }, ['username', 'password', 'email', 'name']);
/** `kpj` is the seed's other spelling of `kpp` (inventory D4); `id` and `type` are documented and ignored */
const UPDATE = S.obj({
  ...COMMON,
  api_client_ip_list: IP_LIST,
  auth_type: S.str,
  id: { type: ['integer', 'string'] },
  kpj: S.str,
  password_change_declined_at: { type: 'string', pattern: '^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2})?$' },
  rcp_client_ip_list: IP_LIST,
  type: S.str,
});

interface ContactBody {
  additional_data?: Record<string, string>;
  address?: WireAddress;
  api_access_enabled?: unknown;
  api_client_ip_list?: { allow?: string[]; deny?: string[] };
  auth_type?: string;
  comments?: string;
  company_name?: string;
  email?: string;
  id?: number | string;
  inn?: string;
  is_active?: unknown;
  kpj?: string;
  kpp?: string;
  locale?: string;
  name?: WireName;
  password?: string;
  password_change_declined_at?: string;
  phone?: WirePhone;
  rcp_client_ip_list?: { allow?: string[]; deny?: string[] };
  role?: UserRole;
  username?: string;
  vat?: string;
}

function changesOf(b: ContactBody, previous?: { apiIps: { allow: string[]; deny: string[] }; panelIps: { allow: string[]; deny: string[] }; extra: Record<string, unknown>; phone: Phone | null }): UserChanges {
  const c: UserChanges = {};
  const name = nameIn(b.name);
  if (name) c.name = name as PersonName;
  const address = addressIn(b.address);
  if (address) c.address = address as Address;
  const phone = phoneIn(b.phone, previous?.phone ?? null);
  if (phone !== undefined) c.phone = phone;
  if (b.api_access_enabled !== undefined) c.apiAccessEnabled = toBool(b.api_access_enabled);
  if (b.is_active !== undefined) c.isActive = toBool(b.is_active);
  if (b.comments !== undefined) c.comments = b.comments;
  if (b.company_name !== undefined) c.companyName = b.company_name;
  if (b.email !== undefined) c.email = b.email;
  if (b.locale !== undefined) c.locale = b.locale;
  if (b.role !== undefined) c.role = b.role;
  if (b.vat !== undefined) c.vat = b.vat;
  if (b.api_client_ip_list) c.apiIps = { allow: b.api_client_ip_list.allow ?? previous?.apiIps.allow ?? [], deny: b.api_client_ip_list.deny ?? previous?.apiIps.deny ?? [] };
  if (b.rcp_client_ip_list) c.panelIps = { allow: b.rcp_client_ip_list.allow ?? previous?.panelIps.allow ?? [], deny: b.rcp_client_ip_list.deny ?? previous?.panelIps.deny ?? [] };
  const extra: Record<string, unknown> = {};
  if (b.additional_data) extra.additionalData = { ...((previous?.extra.additionalData as Record<string, unknown>) ?? {}), ...b.additional_data };
  if (b.inn !== undefined) extra.inn = b.inn;
  if ((b.kpp ?? b.kpj) !== undefined) extra.kpp = b.kpp ?? b.kpj;
  if (b.auth_type !== undefined) extra.authType = b.auth_type;
  if (b.password_change_declined_at !== undefined) extra.passwordChangeDeclinedAt = b.password_change_declined_at;
  if (Object.keys(extra).length) c.extra = extra;
  return c;
}

function idOf(req: FastifyRequest): number {
  const id = intOf((req.params as { id: string }).id);
  if (id === undefined || id <= 0) throw new DomainError('user.not_found', 'The contact does not exist');
  return id;
}

const ORDER_FIELDS: Record<string, NonNullable<UserSearch['orderBy']>['field']> = {
  id: 'id', username: 'username', email: 'email', first_name: 'firstName', last_name: 'lastName', company_name: 'companyName', role: 'role',
};

export const contactRoutes: RegisterArea = (app, { services }) => {
  app.get('/contacts', async (req) => {
    const actor = actorOf(req);
    const q = queryOf(req);
    const orderBy = one(q, 'order_by');
    if (orderBy && !ORDER_FIELDS[orderBy]) throw invalid('order_by', `must be one of ${Object.keys(ORDER_FIELDS).join(', ')}`);
    const role = one(q, 'role');
    const withAdditional = flag(q, 'with_additional_data');
    const page = await runQuery(services, searchUsers, {
      accountId: actor.accountId,
      usernamePattern: one(q, 'username_pattern') || undefined,
      emailPattern: one(q, 'email_pattern') || undefined,
      lastNamePattern: one(q, 'last_name_pattern') || undefined,
      companyNamePattern: one(q, 'company_name_pattern') || undefined,
      role: role ? role.toLowerCase() : undefined,
      orderBy: { field: orderBy ? ORDER_FIELDS[orderBy] : 'id', desc: descending(q) },
      page: paging(q, { def: 100, max: 1000 }),
    });
    return ok({ results: page.results.map((u) => contactOut(u, withAdditional)), total: page.total });
  });

  app.post('/contacts', async (req) => {
    const actor = actorOf(req);
    const b = jsonBody<ContactBody>(req, CREATE);
    const changes = changesOf(b);
    const { user, token } = await runFlow(services, createUserWithToken, {
      ...changes,
      accountId: actor.accountId,
      username: b.username as string,
      email: b.email as string,
      password: b.password as string,
      role: b.role ?? 'admin',
    });
    return ok({ id: user.id, token });
  });

  app.get('/contacts/:id', async (req) => {
    const actor = actorOf(req);
    const u = await runQuery(services, getUser, { accountId: actor.accountId, id: idOf(req) });
    return ok(contactOut(u, flag(queryOf(req), 'with_additional_data')));
  });

  app.put('/contacts/:id', async (req) => {
    const actor = actorOf(req);
    const id = idOf(req);
    const b = jsonBody<ContactBody>(req, UPDATE);
    if (b.id !== undefined && intOf(b.id) !== 0 && intOf(b.id) !== id) throw invalid('id', 'does not match the id in the path');
    const previous = await runQuery(services, getUser, { accountId: actor.accountId, id });
    await runFlow(services, updateUser, { accountId: actor.accountId, id, changes: changesOf(b, previous) });
    return success();
  });

  app.delete('/contacts/:id', async (req) => {
    const actor = actorOf(req);
    await runFlow(services, deleteUser, { accountId: actor.accountId, id: idOf(req), actorUserId: actor.userId });
    return success();
  });
};
