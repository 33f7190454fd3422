// Openprovider DNS shapes ↔ core DNS shapes: zones (zoneZone), records (zoneRecord in, recordRecordInfo out), zone
// history, templates (templateTemplate/templateRecord), the `domain` of a zone request and the record edits of an
// update. Key order as the Swagger and the seed print them (alphabetical): in a zone the zone's own `id` is the first
// `"id"` of the body (WIRE-FACTS §2; history and records carry no `id`).
// Choices where the documents are silent (see also docs/adr/0008-dns-on-the-faces.md):
//  - record names leave as full names (`www.example.com`, the apex as `example.com`), as the seed's own update example
//    writes them (000:1368); on input a relative name (`www`, `WWW`, `@`, ``) or a full one (with or without the
//    trailing dot) is accepted;
//  - `records` and `history` are always present (`[]` unless asked for with with_records/with_history), `dnskey` is
//    `""` unless with_dnskey: the Swagger lists them on every zone, the contract gate requires every field;
//  - `premium_dns` is `{}` for an ordinary zone and the Sectigo block for a `provider: "sectigo"` zone.
import type { DnsRecord, RecordInput, Template, ZoneHistoryEntry, ZoneView } from '../../core/dns/model.ts';
import type { RecordChanges } from '../../core/dns/flows/update-zone.ts';
import { invalid } from '../../core/errors.ts';
import { S, opDateTime, toBool, type JsonSchema } from './wire.ts';

// ------------------------------------------------------------------------------------------------- wire schemas

/** a number as JSON or as a numeric string (the seed's samples send `"ttl": "900"`, 000:1182) */
const NUMBERISH: JsonSchema = { type: ['integer', 'string'] };
/**
 * zoneRecord; the read-only fields of recordRecordInfo (and a template record's `id`) are accepted and ignored, so
 * a client may send back what it read (e.g. in `replace`).
 */
export const RECORD = S.obj({
  name: S.str, prio: NUMBERISH, ttl: NUMBERISH, type: S.str, value: { type: ['string', 'number'] },
  creation_date: S.str, modification_date: S.str, ip: S.str, id: NUMBERISH,
});
const RECORDS = S.arr(RECORD);
export const RECORD_UPDATES = S.obj({ add: RECORDS, remove: RECORDS, replace: RECORDS, update: S.arr(S.obj({ original_record: RECORD, record: RECORD }, ['original_record', 'record'])) });
/** `domain`: "example.com", {name, extension} or a one-element array of that object (inventory E2) */
export const ZONE_DOMAIN: JsonSchema = {
  anyOf: [S.str, S.obj({ extension: S.str, name: S.str }), { type: 'array', items: S.obj({ extension: S.str, name: S.str }), maxItems: 1 }],
};
const SECTIGO = S.obj({ sectigo: S.obj({ autorenew: S.bool, order_date: S.str, renewal_date: S.str, secured: S.bool, website_id: NUMBERISH }) });

export const CREATE_ZONE = S.obj({
  domain: ZONE_DOMAIN, is_spamexperts_enabled: S.bool, master_ip: S.str, provider: S.str, records: RECORDS, secured: S.bool,
  template_name: S.str, type: S.str,
  /** not in the Swagger; some clients name the zone here */
  name: S.str,
}, ['domain']);

export const UPDATE_ZONE = S.obj({
  domain: ZONE_DOMAIN, id: NUMBERISH, is_spamexperts_enabled: S.bool, master_ip: S.str, name: S.str, premium_dns: SECTIGO, provider: S.str,
  /** an object, or the seed's single-record examples' array of such objects (inventory E3) */
  records: { anyOf: [RECORD_UPDATES, S.arr(RECORD_UPDATES)] },
  type: S.str,
});

export const CREATE_TEMPLATE = S.obj({ is_spamexperts_enabled: S.bool, name: S.str, records: RECORDS }, ['name']);

// ------------------------------------------------------------------------------------------------------- inputs

export interface WireRecord { name?: string; prio?: number | string; ttl?: number | string; type?: string; value?: string | number }
export interface WireUpdates { add?: WireRecord[]; remove?: WireRecord[]; replace?: WireRecord[]; update?: { original_record: WireRecord; record: WireRecord }[] }
export type WireDomain = string | { extension?: string; name?: string } | { extension?: string; name?: string }[];

export function recordIn(r: WireRecord): RecordInput {
  return { name: r.name, type: r.type, value: r.value === undefined ? undefined : String(r.value), ttl: r.ttl, prio: r.prio };
}

/** the zone name a `domain` field gives, or undefined when it gives none */
export function domainIn(d: WireDomain | undefined): string | undefined {
  if (d === undefined) return undefined;
  if (typeof d === 'string') return d.trim() || undefined;
  const o = Array.isArray(d) ? d[0] : d;
  if (!o) return undefined;
  const name = (o.name ?? '').trim();
  const ext = (o.extension ?? '').trim().replace(/^\./, '');
  if (!name) return undefined;
  return ext ? `${name}.${ext}` : name;
}

/** the record edits of an update, the array form merged in order */
export function changesIn(raw: WireUpdates | WireUpdates[] | undefined): RecordChanges | undefined {
  if (raw === undefined) return undefined;
  const out: Required<RecordChanges> = { add: [], remove: [], replace: [], update: [] };
  let replace = false;
  for (const u of Array.isArray(raw) ? raw : [raw]) {
    out.add.push(...(u.add ?? []).map(recordIn));
    out.remove.push(...(u.remove ?? []).map(recordIn));
    if (u.replace) {
      replace = true;
      out.replace.push(...u.replace.map(recordIn));
    }
    out.update.push(...(u.update ?? []).map((x) => ({ original: recordIn(x.original_record), record: recordIn(x.record) })));
  }
  return { add: out.add, remove: out.remove, update: out.update, ...(replace ? { replace: out.replace } : {}) };
}

/** a zone `type` as sent (any case); empty = master */
export function zoneTypeIn(t: string | undefined): 'master' | 'slave' | undefined {
  if (t === undefined || t.trim() === '') return undefined;
  const v = t.trim().toLowerCase();
  if (v !== 'master' && v !== 'slave') throw invalid('type', 'must be master or slave');
  return v;
}

export const boolIn = (v: unknown): boolean | undefined => toBool(v);

// ------------------------------------------------------------------------------------------------------ outputs

/** the full name of a record of `zone` (no trailing dot) */
export const fullName = (zone: string, name: string) => (name ? `${name}.${zone}` : zone);

/** recordRecordInfo */
export function recordOut(zone: string, r: DnsRecord) {
  return {
    creation_date: opDateTime(r.createdAt), ip: '', modification_date: opDateTime(r.updatedAt), name: fullName(zone, r.name),
    prio: r.prio, ttl: r.ttl, type: r.type, value: r.value,
  };
}

/** historyZoneHistory */
export function historyOut(h: ZoneHistoryEntry) {
  return { date: opDateTime(h.at), is: h.is, source: h.source, was: h.was };
}

const YEAR_MS = 365 * 24 * 3600 * 1000;

/** zoneZone (alphabetical, as the seed prints it; the zone's `id` precedes every nested object that could carry one) */
export function zoneOut(v: ZoneView) {
  const z = v.zone;
  const sectigo = z.provider.toLowerCase() === 'sectigo';
  return {
    active: z.active,
    creation_date: opDateTime(z.createdAt),
    dnskey: v.dnskey ?? '',
    history: (v.history ?? []).map(historyOut),
    id: z.id,
    ip: z.masterIp,
    is_deleted: z.deletedAt !== null,
    is_shadow: false,
    is_spamexperts_enabled: z.isSpamexpertsEnabled,
    modification_date: opDateTime(z.updatedAt),
    name: z.name,
    premium_dns: sectigo
      ? { sectigo: { autorenew: true, order_date: opDateTime(z.createdAt), renewal_date: opDateTime(new Date(z.createdAt.getTime() + YEAR_MS)), secured: z.secured, website_id: z.id } }
      : {},
    provider: z.provider,
    records: (v.records ?? []).map((r) => recordOut(z.name, r)),
    reseller_id: z.accountId,
    type: z.type,
  };
}

/** templateTemplate; `records` only when asked (else `[]`) */
export function templateOut(t: Template, withRecords: boolean) {
  return {
    id: t.id,
    is_spamexperts_enabled: t.isSpamexpertsEnabled,
    name: t.name,
    records: withRecords ? t.records.map((r) => ({ id: r.id, name: r.name, prio: r.prio, ttl: r.ttl, type: r.type, value: r.value })) : [],
  };
}
