// Nameserver groups (NsGroupService, seed 000:3420-3610): GET/POST /dns/nameservers/groups,
// GET/PUT/DELETE /dns/nameservers/groups/{ns_group}. A group is `{id, ns_group, name_servers[{id, name, ip, ip6,
// seq_nr}], domain_count, ns_count}`; domains follow a group when created, transferred or updated with `ns_group`.
// Choices: `domain_count`/`ns_count` are 0 unless `with_domain_count`/`with_ns_count` (000:3454-3455) on the list,
// always filled on GET; changing a group re-points the domains that follow it; a group in use cannot be deleted
// (code 362); the `id` of a nameserver in a group is its position.
import type { FastifyRequest } from 'fastify';
import type { RegisterArea } from './area.ts';
import { runFlow, runQuery } from '../../../core/runner.ts';
import { invalid } from '../../../core/errors.ts';
import type { NsGroup } from '../../../core/domains/ns-groups.ts';
import { findGroup } from '../../../core/domains/ns-groups.ts';
import { saveNsGroup } from '../../../core/domains/flows/save-ns-group.ts';
import { deleteNsGroup } from '../../../core/domains/flows/delete-ns-group.ts';
import { listNsGroups } from '../../../core/domains/flows/list-ns-groups.ts';
import { actorOf } from '../auth.ts';
import { S, dotted, flag, jsonBody, ok, one, paging, queryOf, success } from '../wire.ts';
import { nameserversIn, type WireNameserver } from '../domain-mapping.ts';
import { registry } from './domain-support.ts';

const SET = S.obj({ id: S.int, ip: S.str, ip6: S.str, name: S.str, seq_nr: S.int });
const CREATE = S.obj({ name_servers: S.arr(SET), ns_group: S.str }, ['ns_group', 'name_servers']);
const UPDATE = S.obj({ name_servers: S.arr(SET), ns_group: S.str });

const groupOut = (g: NsGroup & { domainCount: number }, counts: { domains: boolean; ns: boolean }) => ({
  domain_count: counts.domains ? g.domainCount : 0,
  id: g.id,
  name_servers: g.nameservers.map((n, i) => ({ id: i + 1, ip: n.ipv4, ip6: n.ipv6, name: n.name, seq_nr: i + 1 })),
  ns_count: counts.ns ? g.nameservers.length : 0,
  ns_group: g.name,
});

function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
}

const groupParam = (req: FastifyRequest) => decodeURIComponent((req.params as { ns_group: string }).ns_group);

export const nsGroupRoutes: RegisterArea = (app, { services }) => {
  app.get('/dns/nameservers/groups', async (req) => {
    const actor = actorOf(req);
    const q = queryOf(req);
    const page = paging(q, { def: 100, max: 1000 });
    let groups = await runQuery(services, listNsGroups, { accountId: actor.accountId });
    const gp = one(q, 'ns_group_pattern');
    if (gp) groups = groups.filter((g) => wildcard(gp).test(g.name));
    const np = one(q, 'ns_name_pattern');
    if (np) groups = groups.filter((g) => g.nameservers.some((n) => wildcard(np).test(n.name)));
    const ip = one(q, 'ns_ip_pattern');
    if (ip) groups = groups.filter((g) => g.nameservers.some((n) => wildcard(ip).test(n.ipv4) || wildcard(ip).test(n.ipv6)));
    const order = Object.entries(dotted(q, 'order_by'));
    if (order.length) {
      const [key, dir] = order[0];
      const value: Record<string, (g: (typeof groups)[number]) => string | number> = { ns_group: (g) => g.name.toLowerCase(), domain_count: (g) => g.domainCount, ns_count: (g) => g.nameservers.length };
      if (!value[key]) throw invalid(`order_by.${key}`, 'must be ns_group, domain_count or ns_count');
      if (!['asc', 'desc', ''].includes(dir.toLowerCase())) throw invalid(`order_by.${key}`, 'must be asc or desc');
      const sign = dir.toLowerCase() === 'desc' ? -1 : 1;
      groups = [...groups].sort((a, b) => (value[key](a) < value[key](b) ? -sign : value[key](a) > value[key](b) ? sign : a.id - b.id));
    }
    const counts = { domains: flag(q, 'with_domain_count'), ns: flag(q, 'with_ns_count') };
    return ok({ results: groups.slice(page.offset, page.offset + page.limit).map((g) => groupOut(g, counts)), total: groups.length });
  });

  app.post('/dns/nameservers/groups', async (req) => {
    const actor = actorOf(req);
    const b = jsonBody<{ ns_group: string; name_servers: WireNameserver[] }>(req, CREATE);
    await runFlow(services, saveNsGroup, { registry: registry(services), accountId: actor.accountId, name: b.ns_group, nameservers: nameserversIn(b.name_servers) });
    return success();
  });

  app.get('/dns/nameservers/groups/:ns_group', async (req) => {
    const actor = actorOf(req);
    const groups = await runQuery(services, listNsGroups, { accountId: actor.accountId });
    const g = findGroup({ nextId: 0, groups }, groupParam(req));
    return ok(groupOut(groups.find((x) => x.id === g.id)!, { domains: true, ns: true }));
  });

  app.put('/dns/nameservers/groups/:ns_group', async (req) => {
    const actor = actorOf(req);
    const b = jsonBody<{ ns_group?: string; name_servers?: WireNameserver[] }>(req, UPDATE);
    await runFlow(services, saveNsGroup, { registry: registry(services), accountId: actor.accountId, existing: groupParam(req), name: b.ns_group, nameservers: nameserversIn(b.name_servers) });
    return success();
  });

  app.delete('/dns/nameservers/groups/:ns_group', async (req) => {
    const actor = actorOf(req);
    await runFlow(services, deleteNsGroup, { accountId: actor.accountId, name: groupParam(req) });
    return success();
  });
};
