// DNS zones, records, history, templates and the change log. The tables are declared here (not in schema.ts)
// so the DNS capability stays in its own files; the Kysely instance is viewed with this extra schema.
import type { Generated, Kysely, Selectable } from 'kysely';
import type { DnsRepo, ServedZone } from '../../core/dns/ports.ts';
import type { DnsRecord, RecordType, Template, TemplateRecord, Zone } from '../../core/dns/model.ts';
import { iso, date, dateOrNull, bool, assertUpdated, countOf, matches } from './util.ts';

export interface DnsZonesTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  active_name: string | null;
  type: string;
  master_ip: string;
  active: number;
  secured: number;
  provider: string;
  is_spamexperts_enabled: number;
  nameservers: string;
  serial: number | string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  version: number;
}
export interface DnsRecordsTable {
  id: Generated<number>;
  zone_id: number;
  name: string;
  type: string;
  value: string;
  ttl: number;
  prio: number;
  created_at: string;
  updated_at: string;
}
export interface DnsZoneHistoryTable {
  id: Generated<number>;
  zone_id: number;
  at: string;
  source: string;
  old_value: string;
  new_value: string;
}
export interface DnsTemplatesTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  name_lc: string;
  is_spamexperts_enabled: number;
  records: string;
  created_at: string;
}
export interface DnsChangesTable {
  id: Generated<number>;
  zone_name: string;
  at: string;
}
export interface DnsTables {
  dns_zones: DnsZonesTable;
  dns_records: DnsRecordsTable;
  dns_zone_history: DnsZoneHistoryTable;
  dns_templates: DnsTemplatesTable;
  dns_changes: DnsChangesTable;
}

const toZone = (r: Selectable<DnsZonesTable>): Zone => ({
  id: r.id, accountId: r.account_id, name: r.name, type: r.type as Zone['type'], masterIp: r.master_ip, active: bool(r.active), secured: bool(r.secured),
  provider: r.provider, isSpamexpertsEnabled: bool(r.is_spamexperts_enabled), nameservers: JSON.parse(r.nameservers) as string[], serial: Number(r.serial),
  createdAt: date(r.created_at), updatedAt: date(r.updated_at), deletedAt: dateOrNull(r.deleted_at), version: r.version,
});
const zoneColumns = (z: Omit<Zone, 'id' | 'version'>) => ({
  account_id: z.accountId, name: z.name, active_name: z.deletedAt ? null : z.name, type: z.type, master_ip: z.masterIp, active: z.active ? 1 : 0, secured: z.secured ? 1 : 0,
  provider: z.provider, is_spamexperts_enabled: z.isSpamexpertsEnabled ? 1 : 0, nameservers: JSON.stringify(z.nameservers), serial: z.serial,
  created_at: iso(z.createdAt), updated_at: iso(z.updatedAt), deleted_at: z.deletedAt ? iso(z.deletedAt) : null,
});
const toRecord = (r: Selectable<DnsRecordsTable>): DnsRecord => ({ name: r.name, type: r.type as RecordType, value: r.value, ttl: r.ttl, prio: r.prio, createdAt: date(r.created_at), updatedAt: date(r.updated_at) });
const toTemplate = (r: Selectable<DnsTemplatesTable>): Template => ({
  id: r.id, accountId: r.account_id, name: r.name, isSpamexpertsEnabled: bool(r.is_spamexperts_enabled), records: JSON.parse(r.records) as TemplateRecord[], createdAt: date(r.created_at),
});

/** change notes kept for DNS servers that lag behind; one that falls further behind reloads everything */
const KEEP_CHANGES = 100_000;

const ZONE_ORDER = { name: 'name', createdAt: 'id', updatedAt: 'updated_at' } as const;

export function dnsRepo(base: Kysely<any>): DnsRepo {
  const db = base as Kysely<DnsTables>;
  return {
    async insertZone(z) {
      return toZone(await db.insertInto('dns_zones').values({ ...zoneColumns(z), version: 1 }).returningAll().executeTakeFirstOrThrow());
    },
    async zoneByName(name) {
      const r = await db.selectFrom('dns_zones').selectAll().where('active_name', '=', name).executeTakeFirst();
      return r ? toZone(r) : null;
    },
    async updateZone(z) {
      const res = await db.updateTable('dns_zones').set({ ...zoneColumns(z), version: z.version + 1 }).where('id', '=', z.id).where('version', '=', z.version).executeTakeFirst();
      assertUpdated(res.numUpdatedRows, 'zone');
      return { ...z, version: z.version + 1 };
    },
    async searchZones(accountId, f, page) {
      let q = db.selectFrom('dns_zones').where('account_id', '=', accountId).where('deleted_at', 'is', null);
      if (f.namePattern) q = q.where(matches('name', f.namePattern));
      if (f.type) q = q.where('type', '=', f.type);
      if (f.provider !== undefined) q = q.where('provider', '=', f.provider);
      const total = countOf(await q.select((e) => e.fn.countAll().as('n')).executeTakeFirst());
      const order = f.orderBy ?? { field: 'createdAt', desc: true };
      const rows = await q.selectAll().orderBy(ZONE_ORDER[order.field], order.desc ? 'desc' : 'asc').orderBy('id', order.desc ? 'desc' : 'asc').limit(page.limit).offset(page.offset).execute();
      return { total, results: rows.map(toZone) };
    },

    async records(zoneId) {
      return (await db.selectFrom('dns_records').selectAll().where('zone_id', '=', zoneId).orderBy('id').execute()).map(toRecord);
    },
    async insertRecords(zoneId, rs) {
      for (let i = 0; i < rs.length; i += 500) {
        const chunk = rs.slice(i, i + 500).map((r) => ({ zone_id: zoneId, name: r.name, type: r.type, value: r.value, ttl: r.ttl, prio: r.prio, created_at: iso(r.createdAt), updated_at: iso(r.updatedAt) }));
        if (chunk.length) await db.insertInto('dns_records').values(chunk).execute();
      }
    },
    async deleteRecords(zoneId, rs) {
      for (const r of rs) {
        await db.deleteFrom('dns_records').where('zone_id', '=', zoneId).where('name', '=', r.name).where('type', '=', r.type).where('value', '=', r.value).where('prio', '=', r.prio).execute();
      }
    },
    async deleteAllRecords(zoneId) {
      await db.deleteFrom('dns_records').where('zone_id', '=', zoneId).execute();
    },

    async addHistory(entries) {
      if (!entries.length) return;
      await db.insertInto('dns_zone_history').values(entries.map((e) => ({ zone_id: e.zoneId, at: iso(e.at), source: e.source, old_value: e.was, new_value: e.is }))).execute();
    },
    async history(zoneId, page) {
      const q = db.selectFrom('dns_zone_history').where('zone_id', '=', zoneId);
      const total = countOf(await q.select((e) => e.fn.countAll().as('n')).executeTakeFirst());
      const rows = await q.selectAll().orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
      return { total, results: rows.map((r) => ({ id: r.id, zoneId: r.zone_id, at: date(r.at), source: r.source, was: r.old_value, is: r.new_value })) };
    },

    async insertTemplate(t) {
      // template record ids: position in the template, from 1
      const records = t.records.map((r, i) => ({ id: i + 1, ...r }));
      const row = await db.insertInto('dns_templates').values({ account_id: t.accountId, name: t.name, name_lc: t.name.toLowerCase(), is_spamexperts_enabled: t.isSpamexpertsEnabled ? 1 : 0, records: JSON.stringify(records), created_at: iso(t.createdAt) }).returningAll().executeTakeFirstOrThrow();
      return toTemplate(row);
    },
    async template(accountId, id) {
      const r = await db.selectFrom('dns_templates').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
      return r ? toTemplate(r) : null;
    },
    async templateByName(accountId, name) {
      const r = await db.selectFrom('dns_templates').selectAll().where('account_id', '=', accountId).where('name_lc', '=', name.toLowerCase()).executeTakeFirst();
      return r ? toTemplate(r) : null;
    },
    async searchTemplates(accountId, f, page) {
      let q = db.selectFrom('dns_templates').where('account_id', '=', accountId);
      if (f.namePattern) q = q.where(matches('name', f.namePattern));
      const total = countOf(await q.select((e) => e.fn.countAll().as('n')).executeTakeFirst());
      const order = f.orderBy ?? { field: 'id', desc: false };
      const rows = await q.selectAll().orderBy(order.field === 'name' ? 'name_lc' : 'id', order.desc ? 'desc' : 'asc').limit(page.limit).offset(page.offset).execute();
      return { total, results: rows.map(toTemplate) };
    },
    async deleteTemplate(accountId, id) {
      await db.deleteFrom('dns_templates').where('account_id', '=', accountId).where('id', '=', id).execute();
    },

    async logChange(zoneName, at) {
      const { id } = await db.insertInto('dns_changes').values({ zone_name: zoneName, at: iso(at) }).returning('id').executeTakeFirstOrThrow();
      if (id % 1000 === 0) await db.deleteFrom('dns_changes').where('id', '<=', id - KEEP_CHANGES).execute();
    },
    async changesAfter(afterId, limit) {
      const rows = await db.selectFrom('dns_changes').select(['id', 'zone_name']).where('id', '>', afterId).orderBy('id').limit(limit).execute();
      return rows.map((r) => ({ id: r.id, zoneName: r.zone_name }));
    },
    async lastChange() {
      return countOf(await db.selectFrom('dns_changes').select((e) => e.fn.max('id').as('n')).executeTakeFirst());
    },
    async firstChange() {
      return countOf(await db.selectFrom('dns_changes').select((e) => e.fn.min('id').as('n')).executeTakeFirst());
    },
    async servedZones(names) {
      if (names && !names.length) return [];
      const out: ServedZone[] = [];
      const chunks = names ? Array.from({ length: Math.ceil(names.length / 500) }, (_, i) => names.slice(i * 500, i * 500 + 500)) : [null];
      for (const chunk of chunks) {
        let q = db.selectFrom('dns_zones').selectAll().where('active_name', 'is not', null);
        if (chunk) q = q.where('active_name', 'in', chunk);
        const zones = (await q.orderBy('id').execute()).map(toZone);
        if (!zones.length) continue;
        const byId = new Map<number, ServedZone>(zones.map((z) => [z.id, { zone: z, records: [] }]));
        let rq = db.selectFrom('dns_records').selectAll();
        rq = chunk ? rq.where('zone_id', 'in', zones.map((z) => z.id)) : rq.where('zone_id', 'in', db.selectFrom('dns_zones').select('id').where('active_name', 'is not', null));
        for (const r of await rq.orderBy('id').execute()) byId.get(r.zone_id)?.records.push(toRecord(r));
        out.push(...byId.values());
      }
      return out;
    },
  };
}
