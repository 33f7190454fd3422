// Helpers for the SSL247 face tests: calls through inject(), credentials, and the seed's response shapes.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { TestApp } from '../harness/app.ts';
import { runFlow, runQuery } from '../../src/core/runner.ts';
import { createUser } from '../../src/core/users/flows/create-user.ts';
import { listUsers } from '../../src/core/users/flows/list-users.ts';
import { searchContacts } from '../../src/core/contacts/flows/search-contacts.ts';

export interface Creds {
  u: string;
  p?: string;
  k: string;
}

export interface Reseller {
  accountId: number;
  userId: number;
  username: string;
  email: string;
  password: string;
  apiKey: string;
  /** the super user: email + password + account key */
  creds: Creds;
}

export async function reseller(app: TestApp, o: { allowIps?: string[]; balance?: number } = {}): Promise<Reseller> {
  const a = await app.account(o);
  return { ...a, creds: { u: a.email, p: a.password, k: a.apiKey } };
}

/** an API user of the account, with its own key */
export async function apiUser(app: TestApp, accountId: number, email: string): Promise<Creds & { userId: number }> {
  const u = await runFlow(app.services, createUser, { accountId, username: '', email, password: '', kind: 'api' });
  return { u: email, k: u.apiKey, userId: u.id };
}

export interface Answer {
  status: number;
  json: any;
  headers: Record<string, unknown>;
}

export async function call(app: TestApp, path: string, body: unknown, o: { method?: string; contentType?: string; raw?: string; remoteAddress?: string } = {}): Promise<Answer> {
  const payload = o.raw ?? (body === undefined ? undefined : JSON.stringify(body));
  const headers: Record<string, string> = {};
  if (o.contentType !== undefined) headers['content-type'] = o.contentType;
  else if (payload !== undefined) headers['content-type'] = 'application/json';
  const res = await app.http.inject({ method: (o.method ?? 'POST') as 'POST', url: `/api/v3${path}`, payload, headers, remoteAddress: o.remoteAddress });
  let json: unknown;
  try {
    json = JSON.parse(res.body);
  } catch {
    json = res.body;
  }
  return { status: res.statusCode, json, headers: res.headers };
}

export const DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** asserts the success envelope and returns Data */
export function data(a: Answer): any {
  expect(a.status, JSON.stringify(a.json)).toBe(200);
  expect(Object.keys(a.json)).toEqual(['StatusCode', 'StatusDescription', 'Date', 'Data']);
  expect(a.json.StatusCode).toBe('200');
  expect(a.json.StatusDescription).toBe('OK');
  expect(a.json.Date).toMatch(DATE);
  return a.json.Data;
}

/** asserts the error envelope with an HTTP status and `Code`, and returns the message */
export function error(a: Answer, http: number): string {
  expect(a.status, JSON.stringify(a.json)).toBe(http);
  expect(a.json).toEqual({ Response: { Error: { Code: String(http), Message: expect.any(String) }, Date: expect.stringMatching(DATE) } });
  return a.json.Response.Error.Message;
}

const SEED = JSON.parse(readFileSync(new URL('./fixtures/seed-responses.json', import.meta.url), 'utf8')) as { routes: Record<string, { example: { Data: unknown } }> };

/** the seed's 200 example `Data` for a route as written in the seed (e.g. "/account/user/{id}") */
export function seedData(route: string): unknown {
  const r = SEED.routes[route];
  if (!r) throw new Error(`no seed example for ${route}`);
  return r.example.Data;
}

/**
 * Asserts that `value` has exactly the shape of the seed's example: the same keys at every depth (none missing,
 * none extra) and the JSON type its placeholder names ("string", "boolean", "integer"); arrays: every item as the
 * example's first item.
 */
export function expectSeedShape(value: unknown, example: unknown, path = 'Data'): void {
  if (typeof example === 'string') {
    const want = example === 'boolean' ? 'boolean' : example.startsWith('integer') ? 'number' : 'string';
    expect(typeof value, `${path} should be a JSON ${want}`).toBe(want);
    return;
  }
  if (Array.isArray(example)) {
    expect(Array.isArray(value), `${path} should be an array`).toBe(true);
    (value as unknown[]).forEach((v, i) => expectSeedShape(v, example[0], `${path}[${i}]`));
    return;
  }
  expect(typeof value === 'object' && value !== null && !Array.isArray(value), `${path} should be an object`).toBe(true);
  expect(Object.keys(value as object).sort(), `${path} keys`).toEqual(Object.keys(example as object).sort());
  for (const [k, v] of Object.entries(example as object)) expectSeedShape((value as Record<string, unknown>)[k], v, `${path}.${k}`);
}

export async function counts(app: TestApp, accountId: number): Promise<{ users: number; contacts: number }> {
  const users = (await runQuery(app.services, listUsers, { accountId, page: { limit: 1, offset: 0 } })).total;
  const contacts = (await runQuery(app.services, searchContacts, { accountId, filter: { includeDeleted: true }, page: { limit: 1, offset: 0 } })).total;
  return { users, contacts };
}

/** a complete contact profile body (the 19 documented fields) */
export function profileBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Ms', firstname: 'Jane', lastname: 'Smith', email: 'jane.smith@example.co.uk', phone: '+44.2071234567', mobile: '+44 7700 900123',
    fax: '+44.2071234568', direct_line: '+44 20 7123 4569', skype: 'jane.smith', address_1: '1 High Street', address_2: 'Floor 2', address_3: 'Suite 5',
    admin: true, billing: false, tech: true, city: 'London', state: 'Greater London', postcode: 'EC1A 1BB', country: 'GB', ...over,
  };
}

/** a complete user body (the 22 documented fields of users/add) */
export function userBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Mr', firstname: 'John', lastname: 'Doe', email: `john.${Math.random().toString(36).slice(2, 8)}@example.co.uk`, password: 'a long secret 1',
    phone: '+44.2071234500', mobile: '+447700900456', fax: '', direct_line: '+44 20 7123 4501', skype: 'john.doe', address_1: '2 Low Road', address_2: '',
    address_3: '', admin_contact: true, billing_contact: false, technical_contact: true, mailing_contact: false, city: 'Leeds', state: 'West Yorkshire',
    postcode: 'LS1 1AA', country: 'gb', subscribed: true, ...over,
  };
}
