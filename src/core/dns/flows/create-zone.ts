// Creates a DNS zone, optionally from a template, with generated SOA/NS and a first serial.
// Errors: request.invalid, dns.zone_name_invalid, dns.zone_exists, dns.template_not_found, dns.record_invalid,
//         dns.record_duplicate, dns.record_readonly, dns.cname_conflict
import type { Flow } from '../../runner.ts';
import type { DnsRecord, RecordInput, Zone } from '../model.ts';
import { DomainError, invalid } from '../../errors.ts';
import { checkRecordSet, isIPv4, canonicalIPv6, nextSerial, normaliseNameservers, normaliseRecord, recordKey, zoneNameOf } from '../model.ts';

export interface CreateZoneInput {
  accountId: number;
  name: string;
  type?: 'master' | 'slave' | string;
  masterIp?: string;
  records?: RecordInput[];
  templateName?: string;
  secured?: boolean;
  provider?: string;
  isSpamexpertsEnabled?: boolean;
  /** the zone's nameservers; default DEFAULT_NAMESERVERS */
  nameservers?: string[];
}

export const createZone: Flow<CreateZoneInput, Zone> = async (ctx, i) => {
  const name = zoneNameOf(i.name);
  const type = (i.type ?? 'master').toLowerCase();
  if (type !== 'master' && type !== 'slave') throw invalid('type', 'must be master or slave');
  const masterIp = (i.masterIp ?? '').trim();
  if (type === 'slave' && !(isIPv4(masterIp) || canonicalIPv6(masterIp))) throw invalid('master_ip', 'an IP address is required for a slave zone');
  if (await ctx.uow.dns.zoneByName(name)) throw new DomainError('dns.zone_exists', `Zone ${name} already exists`, { field: 'name' });

  const records: DnsRecord[] = [];
  const keys = new Set<string>();
  if (i.templateName) {
    const t = await ctx.uow.dns.templateByName(i.accountId, i.templateName);
    if (!t) throw new DomainError('dns.template_not_found', `Template ${i.templateName} not found`, { field: 'template_name' });
    for (const r of t.records) {
      const rec = normaliseRecord(name, r, ctx.now);
      if (keys.has(recordKey(rec))) continue;
      records.push(rec);
      keys.add(recordKey(rec));
    }
  }
  const fromTemplate = new Set(keys);
  for (const r of i.records ?? []) {
    const rec = normaliseRecord(name, r, ctx.now);
    if (fromTemplate.has(recordKey(rec))) continue; // the template already has it
    records.push(rec);
  }
  checkRecordSet(records);

  const zone = await ctx.uow.dns.insertZone({
    accountId: i.accountId, name, type: type as Zone['type'], masterIp, active: true, secured: !!i.secured, provider: i.provider ?? '',
    isSpamexpertsEnabled: !!i.isSpamexpertsEnabled, nameservers: normaliseNameservers(i.nameservers), serial: nextSerial(0, ctx.now),
    createdAt: ctx.now, updatedAt: ctx.now, deletedAt: null,
  });
  await ctx.uow.dns.insertRecords(zone.id, records);
  await ctx.uow.dns.addHistory([{ zoneId: zone.id, at: ctx.now, source: i.templateName ? `template ${i.templateName}` : 'api', was: '', is: `zone created with ${records.length} records` }]);
  await ctx.uow.dns.logChange(name, ctx.now);
  return zone;
};
