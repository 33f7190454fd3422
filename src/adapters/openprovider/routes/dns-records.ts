// DNS zone records, ZoneRecordService (seed 000:4340-4400; inventory §3.5, B6): GET /dns/zones/{name}/records
// (ListZoneRecords) — the zone's records, generated SOA/NS first, with `record_name_pattern` / `value_pattern`
// (`*` wildcards; a name pattern matches the relative or the full name), `type`, `prio`, `ttl` filters,
// `order_by.<name|type|value|ttl|prio>=asc|desc`, `limit` (default 100, max 1000: see dns-zones.ts) and `offset`. `zone_id`, when given,
// must be the zone's id; `zone_provider` is accepted and not used.
import type { RegisterArea } from './area.ts';
import { runQuery } from '../../../core/runner.ts';
import { invalid } from '../../../core/errors.ts';
import { listZoneRecords } from '../../../core/dns/flows/list-zone-records.ts';
import type { RecordFilter } from '../../../core/dns/ports.ts';
import { actorOf } from '../auth.ts';
import { dotted, intParam, ok, one, paging, queryOf, type Query } from '../wire.ts';
import { recordOut } from '../dns-mapping.ts';

const ORDER_FIELDS = ['name', 'type', 'value', 'ttl', 'prio'] as const;

function recordOrder(q: Query): RecordFilter['orderBy'] {
  for (const [key, dir] of Object.entries(dotted(q, 'order_by'))) {
    if (!(ORDER_FIELDS as readonly string[]).includes(key)) throw invalid(`order_by.${key}`, `is not a field records can be ordered by (${ORDER_FIELDS.join(', ')})`);
    const d = dir.toLowerCase();
    if (d !== 'asc' && d !== 'desc' && d !== '') throw invalid(`order_by.${key}`, 'must be asc or desc');
    return { field: key as (typeof ORDER_FIELDS)[number], desc: d === 'desc' };
  }
  return undefined;
}

export const dnsRecordRoutes: RegisterArea = (app, { services }) => {
  app.get<{ Params: { name: string } }>('/dns/zones/:name/records', async (req) => {
    const actor = actorOf(req);
    const q = queryOf(req);
    const zoneId = intParam(q, 'zone_id');
    const filter: RecordFilter = {
      namePattern: one(q, 'record_name_pattern') || undefined,
      valuePattern: one(q, 'value_pattern') || undefined,
      type: one(q, 'type') || undefined,
      prio: intParam(q, 'prio'),
      ttl: intParam(q, 'ttl'),
      orderBy: recordOrder(q),
    };
    const page = await runQuery(services, listZoneRecords, { accountId: actor.accountId, zoneName: req.params.name, zoneId: zoneId || undefined, filter, page: paging(q, { def: 100, max: 1000 }) });
    const zone = req.params.name.trim().toLowerCase().replace(/\.$/, '');
    return ok({ results: page.results.map((r) => recordOut(zone, r)), total: page.total });
  });
};
