// The Simple-POST transport and envelope of the MrDomain face: encodings, output formats, routing codes, body faults.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { call, creds, multipartBody, ENVELOPE_KEYS, ERROR_KEYS } from './helpers.ts';
import { DOCUMENTED_ACTIONS } from '../../src/adapters/mrdomain/documented.ts';
import { IMPLEMENTED } from '../../src/adapters/mrdomain/plugin.ts';
import { phpJson, phpFloat } from '../../src/adapters/mrdomain/wire.ts';

let app: TestApp;
let acct: Awaited<ReturnType<TestApp['account']>>;

beforeAll(async () => {
  app = await testApp({ bodyLimit: 64 * 1024 });
  acct = await app.account();
});
afterAll(async () => {
  await app.close();
});

describe('envelope', () => {
  it('answers tool/hello with the documented envelope keys in order, success true and version 1.0.20', async () => {
    const r = await call(app, '/tool/hello/', creds(acct));
    expect(r.status).toBe(200);
    expect(r.contentType).toMatch(/^application\/json/);
    expect(Object.keys(r.body)).toEqual(ENVELOPE_KEYS);
    expect(r.body).toMatchObject({ success: true, errorCode: 0, errorCodeMsg: '', action: 'tool/hello', version: '1.0.20' });
  });

  it('serialises action with the escaped slash as PHP json_encode does ("tool\\/hello")', async () => {
    const r = await call(app, '/tool/hello/', creds(acct));
    expect(r.raw).toContain('"action":"tool\\/hello"');
    expect(r.raw.startsWith('{"success":true,"errorCode":0,"errorCodeMsg":"","action":"tool\\/hello","version":"1.0.20","responseData":{')).toBe(true);
  });

  it('writes non-ASCII as \\u escapes and whole floats with .0, like PHP', () => {
    expect(phpJson({ n: 'España/x', f: phpFloat(124), g: phpFloat(12.5), i: 3 })).toBe('{"n":"Espa\\u00f1a\\/x","f":124.0,"g":12.5,"i":3}');
  });

  it('pretty-prints JSON with 4-space indentation when output-pretty is true or 1', async () => {
    for (const v of ['true', '1']) {
      const r = await call(app, '/tool/hello', { ...creds(acct), 'output-pretty': v });
      expect(r.raw).toContain('\n    "success": true,\n');
      expect(r.raw).toContain('\n        "lang": "en"');
      expect(r.body.success).toBe(true);
    }
  });

  it('keeps JSON on one line when output-pretty is 0, false or empty (the SDK sends empty)', async () => {
    for (const v of ['0', 'false', '']) {
      const r = await call(app, '/tool/hello', { ...creds(acct), 'output-format': 'json', 'output-pretty': v });
      expect(r.raw.includes('\n')).toBe(false);
      expect(r.body.success).toBe(true);
    }
  });

  it('answers XML with the prolog, a <data> root, success 1 and an unescaped action (seed L136-137)', async () => {
    const r = await call(app, '/tool/hello', { ...creds(acct), 'output-format': 'xml' });
    expect(r.contentType).toMatch(/xml/);
    expect(r.raw).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<data><success>1</success><errorCode>0</errorCode><errorCodeMsg></errorCodeMsg><action>tool/hello</action><version>1.0.20</version><responseData><ip>127.0.0.1</ip><lang>en</lang><version>1.0.20</version></responseData></data>\n');
  });

  it('indents XML by two spaces when output-pretty is true (seed L144-156)', async () => {
    const r = await call(app, '/tool/hello', { ...creds(acct), 'output-format': 'xml', 'output-pretty': 'true' }, { encoding: 'multipart' });
    expect(r.raw).toContain('<data>\n  <success>1</success>\n  <errorCode>0</errorCode>\n  <errorCodeMsg></errorCodeMsg>\n  <action>tool/hello</action>');
    expect(r.raw).toContain('  <responseData>\n    <ip>127.0.0.1</ip>\n    <lang>en</lang>\n    <version>1.0.20</version>\n  </responseData>\n</data>');
  });

  it('answers errors in XML with an empty success, the messages as <item>s and an empty responseData', async () => {
    const r = await call(app, '/tool/nosuch', { 'output-format': 'xml' });
    expect(Object.keys(r.body)).toEqual(ERROR_KEYS);
    expect(r.body).toEqual({ success: '', errorCode: '102', errorCodeMsg: 'Object action invalid', action: 'tool/nosuch', version: '1.0.20', messages: { item: ['invalid object/action'] }, responseData: '' });
  });

  it('refuses an output-format other than json or xml with 105 naming the parameter', async () => {
    const r = await call(app, '/tool/hello', { ...creds(acct), 'output-format': 'yaml' });
    expect(r.body).toMatchObject({ success: false, errorCode: 105, responseData: [] });
    expect(r.body.messages[0]).toContain('output-format');
  });
});

describe('routing', () => {
  it('keeps the list of 106 documented actions in step with the spec file', () => {
    const spec = readFileSync(new URL('../../../shared/specs/mrdomain-actions.txt', import.meta.url), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    expect(DOCUMENTED_ACTIONS.size).toBe(106);
    expect([...DOCUMENTED_ACTIONS].sort()).toEqual(spec.sort());
    for (const a of Object.keys(IMPLEMENTED)) expect(DOCUMENTED_ACTIONS.has(a)).toBe(true);
  });

  it('answers an unknown module/action with 102 "Object action invalid" and messages ["invalid object\\/action"] (seed L88-98)', async () => {
    const r = await call(app, '/tool/requestinvalid/', creds(acct));
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(ERROR_KEYS);
    expect(r.raw).toBe('{"success":false,"errorCode":102,"errorCodeMsg":"Object action invalid","action":"tool\\/requestinvalid","version":"1.0.20","messages":["invalid object\\/action"],"responseData":[]}');
  });

  it('answers 102 for unknown modules and paths with extra segments, before any login check', async () => {
    for (const path of ['/nosuch/hello/', '/tool/hello/extra', '/', '/service/bbddlist/', '/constructor', '/__proto__/', '/toString']) {
      for (const params of [{}, creds(acct)]) expect((await call(app, path, params)).body.errorCode, path).toBe(102);
    }
  });

  it('answers a documented but unrouted action with 104 "Not implemented object/action"', async () => {
    const unrouted = [...DOCUMENTED_ACTIONS].filter((a) => !IMPLEMENTED[a]);
    // any documented action still unrouted (domain/check was the example until the domain module landed)
    const r = await call(app, `/${unrouted[0]}/`, { ...creds(acct), domain: 'example.com' });
    expect(r.body).toMatchObject({ success: false, errorCode: 104, errorCodeMsg: 'Not implemented object/action', action: unrouted[0], responseData: [] });
    expect(unrouted.length).toBe(DOCUMENTED_ACTIONS.size - Object.keys(IMPLEMENTED).length);
    expect(unrouted.length).toBeGreaterThan(0);
    for (const a of unrouted) expect((await call(app, `/${a}`, creds(acct))).body.errorCode, a).toBe(104);
  });

  it('accepts the path with or without the trailing slash, in upper case and with doubled slashes', async () => {
    for (const path of ['/tool/hello', '/tool/hello/', '/TOOL/Hello/', '//tool//hello/']) {
      const r = await call(app, path, creds(acct));
      expect(r.body, path).toMatchObject({ success: true, action: 'tool/hello' });
    }
  });

  it('routes only the implemented actions, as POST, in the route table', () => {
    const mine = app.routes.filter((r) => r.surface === 'mrdomain').map((r) => `${r.method} ${r.path}`).sort();
    expect(mine).toEqual(Object.keys(IMPLEMENTED).map((a) => `POST /${a}`).sort());
  });
});

describe('parameters come from the body only', () => {
  it('ignores credentials sent in the query string (seed L38): 200 Login required', async () => {
    const r = await call(app, `/tool/hello/?apiuser=${acct.username}&apipasswd=${encodeURIComponent(acct.password)}`, {});
    expect(r.body).toMatchObject({ success: false, errorCode: 200, errorCodeMsg: 'Login required', responseData: [] });
  });

  it('ignores output-format in the query string', async () => {
    const r = await call(app, '/tool/hello/?output-format=xml', creds(acct));
    expect(r.raw.startsWith('{')).toBe(true);
  });

  it('treats a GET as a request without parameters: 200 Login required, HTTP 200', async () => {
    const r = await call(app, `/tool/hello/?apiuser=${acct.username}&apipasswd=x`, {}, { method: 'GET' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ success: false, errorCode: 200, action: 'tool/hello' });
  });

  it('accepts a multipart body as the PHP SDK sends it (output-format=json, output-pretty empty)', async () => {
    const r = await call(app, '/account/info/', { ...creds(acct), 'output-format': 'json', 'output-pretty': '' }, { encoding: 'multipart' });
    expect(r.body).toMatchObject({ success: true, action: 'account/info' });
  });

  it('accepts an urlencoded body with a leading empty pair and raw UTF-8 bytes (the wget example)', async () => {
    const payload = Buffer.from(`&apiuser=${acct.username}&apipasswd=${encodeURIComponent(acct.password)}&x=España`, 'utf8');
    const res = await app.http.inject({ method: 'POST', url: '/tool/hello/', payload, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(JSON.parse(res.body)).toMatchObject({ success: true });
  });

  it('reads multipart text parts with their charset (Java addTextBody: ISO-8859-1) and ignores file parts', async () => {
    const b = '----JavaBoundary';
    const text = (name: string, value: string) => Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${name}"\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`), Buffer.from(value, 'latin1'), Buffer.from('\r\n')]);
    const file = Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="FirstName"; filename="x.txt"\r\nContent-Type: application/octet-stream\r\n\r\nNOT A FIELD\r\n`);
    const fields = { ...creds(acct), Type: 'individual', FirstName: 'José', LastName: 'Muñoz', IdentNumber: '1', Email: 'jose@example.es', Phone: '+34.626891524', Address: 'Vía grande, 25', PostalCode: '17509', City: 'Mycity', State: 'Girona', Country: 'ES' };
    const payload = Buffer.concat([...Object.entries(fields).map(([k, v]) => text(k, v)), file, Buffer.from(`--${b}--\r\n`)]);
    const res = await app.http.inject({ method: 'POST', url: '/contact/create/', payload, headers: { 'content-type': `multipart/form-data; boundary=${b}` } });
    const body = JSON.parse(res.body);
    expect(body).toMatchObject({ success: true, responseData: { firstName: 'José', lastName: 'Muñoz', address: 'Vía grande, 25' } });
    expect(res.body).toContain('"firstName":"Jos\\u00e9"');
  });

  it('reads no parameters from a JSON body: 200 Login required', async () => {
    const res = await app.http.inject({ method: 'POST', url: '/tool/hello/', payload: JSON.stringify(creds(acct)), headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ success: false, errorCode: 200 });
  });
});

describe('body faults', () => {
  it('answers a multipart body without a closing boundary with 100 Syntax error in the envelope', async () => {
    const res = await app.http.inject({ method: 'POST', url: '/tool/hello/', payload: `--xx\r\nContent-Disposition: form-data; name="apiuser"\r\n\r\n${acct.username}`, headers: { 'content-type': 'multipart/form-data; boundary=xx' } });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ success: false, errorCode: 100, errorCodeMsg: 'Syntax error', action: 'tool/hello', responseData: [] });
  });

  it('answers a multipart content type without a boundary with 100 Syntax error', async () => {
    const res = await app.http.inject({ method: 'POST', url: '/contact/list/', payload: 'apiuser=x', headers: { 'content-type': 'multipart/form-data' } });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ success: false, errorCode: 100, action: 'contact/list' });
  });

  it('answers an urlencoded body over the body limit with 100 in the envelope, never a 413 page', async () => {
    const res = await app.http.inject({ method: 'POST', url: '/tool/hello/', payload: `apiuser=${acct.username}&apipasswd=x&pad=${'x'.repeat(70 * 1024)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ success: false, errorCode: 100, errorCodeMsg: 'Syntax error', responseData: [] });
  });

  it('answers a multipart body over the body limit with 100 in the envelope', async () => {
    const body = multipartBody({ ...creds(acct), pad: 'x'.repeat(70 * 1024) });
    const res = await app.http.inject({ method: 'POST', url: '/tool/hello/', ...body });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ success: false, errorCode: 100 });
  });

  it('answers a chunked multipart body (no content-length) over the limit with 100', async () => {
    const { Readable } = await import('node:stream');
    const body = multipartBody({ ...creds(acct), a: 'x'.repeat(40 * 1024), b: 'y'.repeat(40 * 1024) });
    const res = await app.http.inject({ method: 'POST', url: '/tool/hello/', payload: Readable.from([body.payload.subarray(0, 1000), body.payload.subarray(1000)]), headers: { ...body.headers, 'transfer-encoding': 'chunked' } });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ success: false, errorCode: 100 });
  });

  it('still answers 102 for an unknown action whatever the body', async () => {
    const res = await app.http.inject({ method: 'POST', url: '/nosuch/action/', payload: `pad=${'x'.repeat(70 * 1024)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(JSON.parse(res.body)).toMatchObject({ errorCode: 102, action: 'nosuch/action' });
  });

  it('writes the parsed parameters to the request journal, password masked', async () => {
    await call(app, '/tool/hello/', { ...creds(acct), marker: 'journal-check' });
    await app.flushJournal();
    const rows = await app.store.read((uow) => uow.journal.list({ face: 'mrdomain', accountId: acct.accountId }, { limit: 100, offset: 0 }));
    const entry = rows.results.find((e) => e.requestBody.includes('journal-check'));
    expect(entry).toBeDefined();
    expect(JSON.parse(entry!.requestBody)).toMatchObject({ apiuser: acct.username, apipasswd: '***', marker: 'journal-check' });
    expect(entry!.accountId).toBe(acct.accountId);
  });
});
