// An Openprovider client over inject(): every response is parsed from its bytes and validated against the official
// Swagger (test/contract/openprovider.ts) before a test sees it.
import { expect } from 'vitest';
import type { TestApp } from '../harness/app.ts';
import { expectOpenproviderContract } from '../contract/openprovider.ts';

export interface OpResponse<T = Record<string, unknown>> {
  status: number;
  text: string;
  body: { code: number; data: T; desc: string };
  headers: Record<string, unknown>;
}

export interface CallOptions {
  token?: string | null;
  /** a raw body (sent as is); `json` is stringified */
  body?: string;
  json?: unknown;
  headers?: Record<string, string>;
  remoteAddress?: string;
}

export async function call<T = Record<string, unknown>>(app: TestApp, method: string, url: string, o: CallOptions = {}): Promise<OpResponse<T>> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  let payload: string | undefined = o.body;
  if (o.json !== undefined) {
    payload = JSON.stringify(o.json);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  }
  const res = await app.http.inject({ method: method as 'GET', url, headers, payload, remoteAddress: o.remoteAddress });
  const body = JSON.parse(res.body) as OpResponse<T>['body'];
  expectOpenproviderContract(method, url, res.statusCode, body);
  return { status: res.statusCode, text: res.body, body, headers: res.headers };
}

/** logs in and returns the token */
export async function login(app: TestApp, who: { username: string; password: string }, o: { ip?: string; remoteAddress?: string } = {}): Promise<string> {
  const res = await call<{ token: string; reseller_id: number }>(app, 'POST', '/v1beta/auth/login', { json: { username: who.username, password: who.password, ...(o.ip ? { ip: o.ip } : {}) }, remoteAddress: o.remoteAddress });
  expect(res.status).toBe(200);
  return res.body.data.token;
}

/** asserts an error envelope with the code and HTTP status */
export function expectError(res: OpResponse<unknown>, code: number, status: number): void {
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
  expect(typeof res.body.desc).toBe('string');
  expect(res.body.desc.length).toBeGreaterThan(0);
}

export const CUSTOMER = {
  name: { first_name: 'John', last_name: 'Doe', initials: 'J.', prefix: '' },
  company_name: '',
  address: { street: 'Main Street', number: '12', suffix: 'a', zipcode: '1234AB', city: 'Amsterdam', state: 'NH', country: 'NL' },
  phone: { country_code: '+31', area_code: '20', subscriber_number: '1234567' },
  email: 'john.doe@example.com',
};
