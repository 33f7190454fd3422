// What the DNS capability needs from persistence (one repository in the UnitOfWork) and what the DNS server
// reads (ZoneSource, see zone-source.ts). Declared here, where they are used.
import type { Page, PageOf } from '../ports.ts';
import type { DnsRecord, Template, TemplateRecord, Zone, ZoneHistoryEntry } from './model.ts';

export interface ZoneFilter {
  /** `*` wildcards, case-insensitive */
  namePattern?: string;
  type?: 'master' | 'slave';
  provider?: string;
  orderBy?: { field: 'name' | 'createdAt' | 'updatedAt'; desc: boolean };
}

export interface RecordFilter {
  namePattern?: string;
  valuePattern?: string;
  type?: string;
  prio?: number;
  ttl?: number;
  orderBy?: { field: 'name' | 'type' | 'value' | 'ttl' | 'prio'; desc: boolean };
}

/** a zone as the DNS server serves it */
export interface ServedZone {
  zone: Zone;
  records: DnsRecord[];
}

export interface DnsRepo {
  insertZone(z: Omit<Zone, 'id' | 'version'>): Promise<Zone>;
  /** an active (not deleted) zone by its apex, on the whole instance */
  zoneByName(name: string): Promise<Zone | null>;
  /** compare-and-swap on `version`; throws conflict.concurrent_update on a lost race */
  updateZone(z: Zone): Promise<Zone>;
  searchZones(accountId: number, f: ZoneFilter, page: Page): Promise<PageOf<Zone>>;

  records(zoneId: number): Promise<DnsRecord[]>;
  insertRecords(zoneId: number, rs: DnsRecord[]): Promise<void>;
  /** deletes stored records equal in name, type, value and prio */
  deleteRecords(zoneId: number, rs: DnsRecord[]): Promise<void>;
  deleteAllRecords(zoneId: number): Promise<void>;

  addHistory(entries: Omit<ZoneHistoryEntry, 'id'>[]): Promise<void>;
  history(zoneId: number, page: Page): Promise<PageOf<ZoneHistoryEntry>>;

  insertTemplate(t: Omit<Template, 'id' | 'records'> & { records: Omit<TemplateRecord, 'id'>[] }): Promise<Template>;
  template(accountId: number, id: number): Promise<Template | null>;
  templateByName(accountId: number, name: string): Promise<Template | null>;
  searchTemplates(accountId: number, f: { namePattern?: string; orderBy?: { field: 'name' | 'id'; desc: boolean } }, page: Page): Promise<PageOf<Template>>;
  deleteTemplate(accountId: number, id: number): Promise<void>;

  /** notes that a zone changed (written in the same transaction as the change); keeps the last 100,000 notes */
  logChange(zoneName: string, at: Date): Promise<void>;
  /** change notes with an id above `afterId`, oldest first */
  changesAfter(afterId: number, limit: number): Promise<{ id: number; zoneName: string }[]>;
  /** the newest change id (0 when none) */
  lastChange(): Promise<number>;
  /** the oldest change id still kept (0 when none) */
  firstChange(): Promise<number>;
  /** active zones with their records: all of them, or those named */
  servedZones(names?: string[]): Promise<ServedZone[]>;
}
