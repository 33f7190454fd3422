// Calling the MrDomain face the way real clients do: urlencoded (curl, Python, Perl, wget) or multipart (the PHP SDK,
// the seed's PHP and Java examples), JSON or XML output. Responses are parsed from the bytes that came back.
import { XMLParser } from 'fast-xml-parser';
import type { TestApp } from '../harness/app.ts';

export type Encoding = 'urlencoded' | 'multipart';
export const ENCODINGS: Encoding[] = ['urlencoded', 'multipart'];

export interface Call {
  status: number;
  contentType: string;
  raw: string;
  /** the parsed JSON body, or the XML `<data>` element parsed with fast-xml-parser */
  body: any;
}

export function urlencoded(params: Record<string, string>): { payload: string; headers: Record<string, string> } {
  return { payload: new URLSearchParams(params).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}

export function multipartBody(params: Record<string, string>, boundary = '----ResellboxTestBoundary7MA4YWxkTrZu0gW'): { payload: Buffer; headers: Record<string, string> } {
  const parts = Object.entries(params).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  return { payload: Buffer.from(`${parts.join('')}--${boundary}--\r\n`, 'utf8'), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const xmlParser = new XMLParser({ parseTagValue: false, trimValues: true, isArray: (name) => name === 'item' });

export function parseXml(raw: string): any {
  return xmlParser.parse(raw).data;
}

export async function call(app: TestApp, path: string, params: Record<string, string>, o: { encoding?: Encoding; method?: 'POST' | 'GET'; remoteAddress?: string } = {}): Promise<Call> {
  const enc = o.encoding ?? 'urlencoded';
  const body = o.method === 'GET' ? { payload: undefined, headers: {} } : enc === 'multipart' ? multipartBody(params) : urlencoded(params);
  const res = await app.http.inject({ method: o.method ?? 'POST', url: path, payload: body.payload, headers: body.headers, remoteAddress: o.remoteAddress });
  const contentType = String(res.headers['content-type'] ?? '');
  const raw = res.body;
  const parsed = params['output-format'] === 'xml' ? parseXml(raw) : JSON.parse(raw);
  return { status: res.statusCode, contentType, raw, body: parsed };
}

export function creds(a: { username: string; password: string }): Record<string, string> {
  return { apiuser: a.username, apipasswd: a.password };
}

export const ENVELOPE_KEYS = ['success', 'errorCode', 'errorCodeMsg', 'action', 'version', 'responseData'];
export const ERROR_KEYS = ['success', 'errorCode', 'errorCodeMsg', 'action', 'version', 'messages', 'responseData'];

/** A valid contact/create parameter set (the seed's example, L2830-2846). */
export function contactParams(over: Record<string, string> = {}): Record<string, string> {
  return {
    Type: 'individual',
    FirstName: 'Will',
    LastName: 'Ford',
    IdentNumber: 'AAAAAA',
    Email: 'testtest@test.com',
    Phone: '+1.123456789',
    Address: 'Street 1',
    PostalCode: '12345',
    City: 'Gotham City',
    State: 'Gotham',
    Country: 'US',
    ...over,
  };
}
