// What the domain routes share: the registry, addressing a domain (path id, or `domain.name` + `domain.extension`),
// the contact handles of a domain, and the owner/admin/tech handle check (code 170, WIRE-FACTS §8).
import type { FastifyRequest } from 'fastify';
import type { Services } from '../../../core/runner.ts';
import { runQuery } from '../../../core/runner.ts';
import { DomainError } from '../../../core/errors.ts';
import { fullName } from '../../../core/people.ts';
import { registryOf, type Registry } from '../../../core/registry/registry.ts';
import { getContact } from '../../../core/contacts/flows/get-contact.ts';
import { getContacts } from '../../../core/contacts/flows/get-contacts.ts';
import { getAccount } from '../../../core/accounts/flows/get-account.ts';
import { findGroup, storedGroups } from '../../../core/domains/ns-groups.ts';
import type { DomainKey, DomainResult } from '../../../core/domains/ops.ts';
import { intOf } from '../../shared/http.ts';
import type { HandleInfo } from '../domain-mapping.ts';
import { one, type Query } from '../wire.ts';

export const registry = (s: Services): Registry => registryOf(s);

/**
 * The domain a route addresses: the path id; when it is 0 (generated clients send the id twice) the `domain`
 * object of the body or the `domain.name`/`domain.extension` query keys. A path id that is not a number is an
 * unknown domain (404), not a validation error.
 */
export function domainKey(req: FastifyRequest, body?: { domain?: { name?: string; extension?: string } }): DomainKey {
  const raw = (req.params as { id?: string }).id ?? '';
  const id = intOf(raw);
  if (id !== undefined && id > 0) return id;
  const q = req.query as Query;
  const name = body?.domain?.name ?? one(q, 'domain.name');
  const ext = body?.domain?.extension ?? one(q, 'domain.extension');
  if (id === 0 && name && ext) return `${name}.${ext.replace(/^\./, '')}`;
  throw new DomainError('domain.not_found', `Domain ${raw} not found`);
}

/** the handles, company and full name of every contact the domains name (deleted contacts included) */
export async function handlesOf(s: Services, accountId: number, results: DomainResult[]): Promise<Map<number, HandleInfo>> {
  const ids = new Set<number>();
  for (const r of results) for (const id of Object.values(r.domain.contacts)) if (id) ids.add(id);
  const out = new Map<number, HandleInfo>();
  // one read for the page; a contact of another account (a transfer from elsewhere keeps the ids it was given) is
  // not returned, and is shown without a handle
  for (const c of await runQuery(s, getContacts, { accountId, ids: [...ids] })) out.set(c.id, { handle: c.handle, companyName: c.companyName, fullName: fullName(c.name) });
  return out;
}

/** Openprovider requires owner, admin and tech handles on create, transfer and trade (000:532-545): code 170 */
export function requireHandles(b: Record<string, unknown>, roles: string[]): void {
  for (const role of roles) {
    const v = b[`${role}_handle`];
    if (typeof v !== 'string' || !v.trim()) throw new DomainError('domain.contact_required', `Contact type ${role} is required`, { field: `${role}_handle`, reason: 'required' });
  }
}

/** a premium/EAP fee as accepted by the client: the number in major units → minor units; absent → not accepted */
export function acceptedFee(v: unknown): number | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) return undefined;
  return Math.round(v * 100);
}

/**
 * The owner's `extension_additional_data` for the extension (customer additional data, 000:976-983), as core
 * additional data: what the TLD asks of the registrant (e.g. .eu `country_of_citizenship`, .us `nexus_category`)
 * lives on the customer in Openprovider; the core checks it with the domain's data. The domain's own keys win.
 */
export async function withCustomerData(s: Services, accountId: number, ownerHandle: string | undefined, extension: string, domainData: Record<string, string> | undefined): Promise<Record<string, string> | undefined> {
  if (!ownerHandle) return domainData;
  let ext: Record<string, unknown> | undefined;
  try {
    const c = await runQuery(s, getContact, { accountId, key: ownerHandle });
    const tld = extension.toLowerCase().replace(/^\./, '');
    ext = c.extensionData.find((e) => e.name.toLowerCase() === tld || e.name.toLowerCase() === tld.split('.').pop())?.data as Record<string, unknown> | undefined;
  } catch {
    return domainData; // the flow reports the unknown handle
  }
  if (!ext) return domainData;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(ext)) if (v !== undefined && v !== null && typeof v !== 'object') out[k] = String(v);
  return { ...out, ...(domainData ?? {}) };
}

/** a nameserver group's nameservers (in the Openprovider wire shape) and canonical name; unknown group → 320 */
export async function nsGroupOf(s: Services, accountId: number, name: string): Promise<{ name: string; nameservers: { name: string; ip: string; ip6: string }[] }> {
  const { account } = await runQuery(s, getAccount, { accountId });
  const g = findGroup(storedGroups(account), name);
  return { name: g.name, nameservers: g.nameservers.map((n) => ({ name: n.name, ip: n.ipv4, ip6: n.ipv6 })) };
}

/** group name → id, for `nsgroup_id` */
export async function nsGroupIds(s: Services, accountId: number): Promise<Map<string, number>> {
  const { account } = await runQuery(s, getAccount, { accountId });
  return new Map(storedGroups(account).groups.map((g) => [g.name, g.id]));
}
