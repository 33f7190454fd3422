// Shared helpers of the Openprovider DNS tests: a logged-in reseller, zone create/read and record edits, all through
// test/openprovider/client.ts (every response validated against the Swagger).
import { expect } from 'vitest';
import type { TestApp } from '../harness/app.ts';
import { call, login, type OpResponse } from '../openprovider/client.ts';

export interface RecordInfo { creation_date: string; ip: string; modification_date: string; name: string; prio: number; ttl: number; type: string; value: string }
export interface ZoneBody {
  active: boolean; creation_date: string; dnskey: string; history: { date: string; is: string; source: string; was: string }[]; id: number; ip: string;
  is_deleted: boolean; is_shadow: boolean; is_spamexperts_enabled: boolean; modification_date: string; name: string; premium_dns: Record<string, unknown>;
  provider: string; records: RecordInfo[]; reseller_id: number; type: string;
}

export interface Reseller { token: string; accountId: number }

export async function reseller(app: TestApp): Promise<Reseller> {
  const a = await app.account();
  return { token: await login(app, a), accountId: a.accountId };
}

export function createZone(app: TestApp, r: Reseller, name: string, records: unknown[] = [], extra: Record<string, unknown> = {}): Promise<OpResponse> {
  return call(app, 'POST', '/v1beta/dns/zones', { token: r.token, json: { domain: name, type: 'master', records, ...extra } });
}

export async function zone(app: TestApp, r: Reseller, name: string, query = 'with_records=true'): Promise<ZoneBody> {
  const res = await call<ZoneBody>(app, 'GET', `/v1beta/dns/zones/${name}?${query}`, { token: r.token });
  expect(res.status).toBe(200);
  return res.body.data;
}

/** the stored records (SOA and apex NS left out) as `name type ttl prio value` lines, sorted */
export async function recordLines(app: TestApp, r: Reseller, name: string): Promise<string[]> {
  const z = await zone(app, r, name);
  return z.records.filter((x) => x.type !== 'SOA' && !(x.type === 'NS' && x.name === name)).map((x) => `${x.name} ${x.type} ${x.ttl} ${x.prio} ${x.value}`).sort();
}

export function edit(app: TestApp, r: Reseller, name: string, records: unknown, extra: Record<string, unknown> = {}): Promise<OpResponse> {
  return call(app, 'PUT', `/v1beta/dns/zones/${name}`, { token: r.token, json: { name, records, ...extra } });
}
