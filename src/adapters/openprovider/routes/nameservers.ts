// Nameservers (NameserverService, seed 000:3200-3420): the reseller's registered host objects, `{name, ip, ip6}`.
// In the core a host object (glue record) belongs to the domain it sits under, so these routes address the host
// through its parent domain in the caller's account: create = a glue record on that domain (`ns1.example.com`
// needs `example.com` in your account, active), update replaces its addresses, delete removes it (refused while
// a domain uses it). The list walks the account's live domains. Choices: `ip`/`ip6` filters are exact;
// `pattern` is a `*` pattern on the name; `order_by` id or name (both by name: a host object has no id of its own). Unknown host → 404 (code 320).
import type { FastifyRequest } from 'fastify';
import type { RegisterArea } from './area.ts';
import type { Services } from '../../../core/runner.ts';
import { runFlow, runQuery } from '../../../core/runner.ts';
import { DomainError, invalid } from '../../../core/errors.ts';
import { parseHostName } from '../../../core/registry/names.ts';
import type { HostObject } from '../../../core/domains/model.ts';
import { getDomain } from '../../../core/domains/flows/get-domain.ts';
import { searchDomains } from '../../../core/domains/flows/search-domains.ts';
import { changeHostRecord } from '../../../core/domains/flows/host-record.ts';
import type { DomainResult } from '../../../core/domains/ops.ts';
import { clientIp } from '../../shared/http.ts';
import { actorOf } from '../auth.ts';
import { S, jsonBody, ok, one, paging, queryOf, success } from '../wire.ts';
import { registry } from './domain-support.ts';

const NAMESERVER = S.obj({ ip: S.str, ip6: S.str, name: S.str });

const hostOut = (h: HostObject) => ({ ip: h.ipv4[0] ?? '', ip6: h.ipv6[0] ?? '', name: h.name });
const actorInfo = (req: FastifyRequest) => ({ ip: clientIp(req), user: req.actor ? String(req.actor.userId) : '' });

/** the caller's domain the host sits under (the longest parent name held in the account) */
async function parentOf(s: Services, accountId: number, host: string): Promise<DomainResult> {
  const labels = host.split('.');
  for (let i = 1; i < labels.length - 1; i++) {
    try {
      return await runFlow(s, getDomain, { registry: registry(s), accountId, domain: labels.slice(i).join('.') });
    } catch (e) {
      if (!(e instanceof DomainError) || (e.code !== 'domain.not_found' && e.code !== 'domain.name_invalid' && e.code !== 'domain.tld_not_supported')) throw e;
    }
  }
  throw new DomainError('domain.not_found', `No domain of yours holds ${host}: a nameserver is registered under one of your domains`, { field: 'name' });
}

async function allHosts(s: Services, accountId: number): Promise<HostObject[]> {
  const out: HostObject[] = [];
  for (let offset = 0; ; offset += 1000) {
    const r = await runQuery(s, searchDomains, { registry: registry(s), accountId, filter: { phases: ['active', 'grace', 'redemption', 'pending_delete'] }, page: { limit: 1000, offset } });
    for (const d of r.results) out.push(...d.domain.hosts);
    if (r.results.length < 1000) break;
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

const nameParam = (req: FastifyRequest) => parseHostName((req.params as { name: string }).name, 'name');

export const nameserverRoutes: RegisterArea = (app, { services }) => {
  app.get('/dns/nameservers', async (req) => {
    const actor = actorOf(req);
    const q = queryOf(req);
    const page = paging(q, { def: 100, max: 1000 });
    const orderBy = one(q, 'order_by');
    // 000:3187-3188: `id` or `name` (default); host objects have no id of their own, so both order by name
    if (orderBy && orderBy !== 'name' && orderBy !== 'id') throw invalid('order_by', 'must be id or name');
    const order = (one(q, 'order') ?? 'asc').toLowerCase();
    if (!['asc', 'desc', ''].includes(order)) throw invalid('order', 'must be asc or desc');
    let hosts = await allHosts(services, actor.accountId);
    const name = one(q, 'name');
    if (name) hosts = hosts.filter((h) => h.name === name.toLowerCase().replace(/\.$/, ''));
    const ip = one(q, 'ip');
    if (ip) hosts = hosts.filter((h) => h.ipv4.includes(ip));
    const ip6 = one(q, 'ip6');
    if (ip6) hosts = hosts.filter((h) => h.ipv6.includes(ip6));
    const pattern = one(q, 'pattern');
    if (pattern) {
      const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
      hosts = hosts.filter((h) => re.test(h.name));
    }
    if (order === 'desc') hosts.reverse();
    return ok({ results: hosts.slice(page.offset, page.offset + page.limit).map(hostOut), total: hosts.length });
  });

  app.post('/dns/nameservers', async (req) => {
    const actor = actorOf(req);
    const b = jsonBody<{ name?: string; ip?: string; ip6?: string }>(req, NAMESERVER);
    if (!b.name) throw invalid('name', 'is required');
    const name = parseHostName(b.name, 'name');
    if (!b.ip && !b.ip6) throw invalid('ip', 'a nameserver needs an IPv4 or IPv6 address');
    const parent = await parentOf(services, actor.accountId, name);
    const r = await runFlow(services, changeHostRecord, {
      registry: registry(services), accountId: actor.accountId, domain: parent.domain.id, action: 'create', name, ipv4: b.ip ? [b.ip] : [], ipv6: b.ip6 ? [b.ip6] : [], actor: actorInfo(req),
    });
    return ok(hostOut(r.domain.hosts.find((h) => h.name === name)!));
  });

  app.get('/dns/nameservers/:name', async (req) => {
    const actor = actorOf(req);
    const name = nameParam(req);
    const host = (await allHosts(services, actor.accountId)).find((h) => h.name === name);
    if (!host) throw new DomainError('domain.not_found', `Nameserver ${name} not found`, { field: 'name' });
    return ok(hostOut(host));
  });

  app.put('/dns/nameservers/:name', async (req) => {
    const actor = actorOf(req);
    const name = nameParam(req);
    const b = jsonBody<{ name?: string; ip?: string; ip6?: string }>(req, NAMESERVER);
    if (b.name && parseHostName(b.name, 'name') !== name) throw invalid('name', 'does not match the name in the path');
    const parent = await parentOf(services, actor.accountId, name);
    const current = parent.domain.hosts.find((h) => h.name === name);
    if (!current) throw new DomainError('domain.not_found', `Nameserver ${name} not found`, { field: 'name' });
    // partial: an address left out stays as it is
    const ipv4 = b.ip !== undefined ? (b.ip ? [b.ip] : []) : current.ipv4;
    const ipv6 = b.ip6 !== undefined ? (b.ip6 ? [b.ip6] : []) : current.ipv6;
    await runFlow(services, changeHostRecord, { registry: registry(services), accountId: actor.accountId, domain: parent.domain.id, action: 'update', name, ipv4, ipv6, actor: actorInfo(req) });
    return success();
  });

  app.delete('/dns/nameservers/:name', async (req) => {
    const actor = actorOf(req);
    const name = nameParam(req);
    const parent = await parentOf(services, actor.accountId, name);
    if (!parent.domain.hosts.some((h) => h.name === name)) throw new DomainError('domain.not_found', `Nameserver ${name} not found`, { field: 'name' });
    await runFlow(services, changeHostRecord, { registry: registry(services), accountId: actor.accountId, domain: parent.domain.id, action: 'delete', name, actor: actorInfo(req) });
    return success();
  });
};
