// DNS zones, ZoneService (seed 000:1145-1560 guide, 000:3960-4330 reference; inventory §3.5, §4.4 R27-R33):
//   GET /dns/zones (ListZones), POST /dns/zones (CreateZone), GET|PUT|DELETE /dns/zones/{name} (GetZone, UpdateZone,
//   DeleteZone). Record edits arrive as `records: {add, remove, replace, update}` (or the guide's array of such
//   objects); a duplicate add answers "Duplicate record"; an unknown zone answers 404 code 871 "Zone not found" with
//   `data: "name"` — never the zone's name (WIRE-FACTS §4). Every success is HTTP 200.
// Choices: a zone may be created without records (the seed says "Required for master zones"; clients create empty
// zones and add records later, and a zone always has its generated SOA/NS); on update, `type`, `master_ip`, `provider`,
// `premium_dns` and `domain` are accepted and left as they are (the seed's own example sends `master_ip` on a master
// zone), `id` must be the zone's id when given; `provider` on reads is accepted and not used as a filter of one zone.
// Paging: `limit` default 100, at most 1000 (the guide's maximum, 000:1251; the reference says 500, 000:3974): clients
// page with limit=1000 and stop at the first short page (WIRE-FACTS §7), so a cap of 500 would silently lose zones.
import type { RegisterArea } from './area.ts';
import { runFlow, runQuery } from '../../../core/runner.ts';
import { invalid } from '../../../core/errors.ts';
import { createZone } from '../../../core/dns/flows/create-zone.ts';
import { getZone } from '../../../core/dns/flows/get-zone.ts';
import { searchZones } from '../../../core/dns/flows/search-zones.ts';
import { updateZone } from '../../../core/dns/flows/update-zone.ts';
import { deleteZone } from '../../../core/dns/flows/delete-zone.ts';
import type { ZoneFilter } from '../../../core/dns/ports.ts';
import { actorOf } from '../auth.ts';
import { dotted, flag, intParam, jsonBody, ok, one, paging, queryOf, success, type Query } from '../wire.ts';
import { CREATE_ZONE, UPDATE_ZONE, boolIn, changesIn, domainIn, recordIn, zoneOut, zoneTypeIn, type WireDomain, type WireRecord, type WireUpdates } from '../dns-mapping.ts';
import { intOf } from '../../shared/http.ts';

interface CreateBody {
  domain?: WireDomain; name?: string; type?: string; master_ip?: string; records?: WireRecord[]; template_name?: string;
  secured?: unknown; provider?: string; is_spamexperts_enabled?: unknown;
}
interface UpdateBody { id?: number | string; name?: string; records?: WireUpdates | WireUpdates[]; is_spamexperts_enabled?: unknown }

const ORDER_FIELDS = { name: 'name', creation_date: 'createdAt', modification_date: 'updatedAt' } as const;

/** `order_by.<field>=asc|desc` (the first one given) */
function zoneOrder(q: Query): ZoneFilter['orderBy'] {
  for (const [key, dir] of Object.entries(dotted(q, 'order_by'))) {
    const field = ORDER_FIELDS[key as keyof typeof ORDER_FIELDS];
    if (!field) throw invalid(`order_by.${key}`, 'is not a field zones can be ordered by (name, creation_date, modification_date)');
    const d = dir.toLowerCase();
    if (d !== 'asc' && d !== 'desc' && d !== '') throw invalid(`order_by.${key}`, 'must be asc or desc');
    return { field, desc: d === 'desc' };
  }
  return undefined;
}

/** `id` of a zone given as a query parameter or in a body: an integer or a numeric string (inventory E17) */
function zoneIdOf(v: unknown, field: string): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = intOf(v);
  if (n === undefined || n < 1) throw invalid(field, 'must be a zone id');
  return n;
}

export const dnsZoneRoutes: RegisterArea = (app, { services }) => {
  app.get('/dns/zones', async (req) => {
    const actor = actorOf(req);
    const q = queryOf(req);
    const filter: ZoneFilter = {
      namePattern: one(q, 'name_pattern') || undefined,
      type: zoneTypeIn(one(q, 'type')),
      provider: one(q, 'provider') || undefined,
      orderBy: zoneOrder(q),
    };
    const page = await runQuery(services, searchZones, {
      accountId: actor.accountId, filter, page: paging(q, { def: 100, max: 1000 }),
      withRecords: flag(q, 'with_records'), withHistory: flag(q, 'with_history'), withDnskey: flag(q, 'with_dnskey'),
    });
    return ok({ results: page.results.map(zoneOut), total: page.total });
  });

  app.post('/dns/zones', async (req) => {
    const actor = actorOf(req);
    const b = jsonBody<CreateBody>(req, CREATE_ZONE);
    const name = domainIn(b.domain) ?? b.name?.trim();
    if (!name) throw invalid('domain', 'is required');
    await runFlow(services, createZone, {
      accountId: actor.accountId, name, type: zoneTypeIn(b.type), masterIp: b.master_ip, records: (b.records ?? []).map(recordIn),
      templateName: b.template_name || undefined, secured: boolIn(b.secured), provider: b.provider, isSpamexpertsEnabled: boolIn(b.is_spamexperts_enabled),
    });
    return success();
  });

  app.get<{ Params: { name: string } }>('/dns/zones/:name', async (req) => {
    const actor = actorOf(req);
    const q = queryOf(req);
    const view = await runQuery(services, getZone, {
      accountId: actor.accountId, name: req.params.name, id: zoneIdOf(one(q, 'id'), 'id'),
      withRecords: flag(q, 'with_records'), withHistory: flag(q, 'with_history'), withDnskey: flag(q, 'with_dnskey'),
    });
    return ok(zoneOut(view));
  });

  app.put<{ Params: { name: string } }>('/dns/zones/:name', async (req) => {
    const actor = actorOf(req);
    const b = jsonBody<UpdateBody>(req, UPDATE_ZONE);
    await runFlow(services, updateZone, {
      accountId: actor.accountId, name: req.params.name, id: zoneIdOf(b.id, 'id'), records: changesIn(b.records),
      isSpamexpertsEnabled: boolIn(b.is_spamexperts_enabled),
    });
    return success();
  });

  app.delete<{ Params: { name: string } }>('/dns/zones/:name', async (req) => {
    const actor = actorOf(req);
    const q = queryOf(req);
    await runFlow(services, deleteZone, { accountId: actor.accountId, name: req.params.name, id: zoneIdOf(intParam(q, 'id'), 'id') });
    return success();
  });
};
