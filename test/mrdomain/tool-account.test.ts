// tool/hello and account/info: every documented field with the seed's type, in JSON and XML, urlencoded and multipart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { call, creds, ENCODINGS, ENVELOPE_KEYS } from './helpers.ts';
import { expectShape, xmlOf } from './shape.ts';
import { runFlow } from '../../src/core/runner.ts';
import { deposit } from '../../src/core/billing/flows/deposit.ts';
import { updateAccount } from '../../src/core/accounts/flows/update-account.ts';

let app: TestApp;

beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

describe.each(ENCODINGS)('tool/hello (%s)', (encoding) => {
  it('returns ip, lang "en" and version "1.0.20" as strings (seed L183-220)', async () => {
    const a = await app.account();
    const r = await call(app, '/tool/hello/', creds(a), { encoding, remoteAddress: '203.0.113.9' });
    expect(Object.keys(r.body)).toEqual(ENVELOPE_KEYS);
    expectShape(r.body.responseData, { ip: 'string', lang: 'string', version: 'string' });
    expect(r.body.responseData).toEqual({ ip: '203.0.113.9', lang: 'en', version: '1.0.20' });
  });

  it('returns the same fields in XML', async () => {
    const a = await app.account();
    const json = await call(app, '/tool/hello/', creds(a), { encoding });
    const x = await call(app, '/tool/hello/', { ...creds(a), 'output-format': 'xml' }, { encoding });
    expect(Object.keys(x.body)).toEqual(ENVELOPE_KEYS);
    expect(x.body).toEqual(xmlOf(json.body));
  });
});

describe.each(ENCODINGS)('account/info (%s)', (encoding) => {
  it('returns clientName, apiuser, balance and threshold as floats, currency and ip (seed L506-549)', async () => {
    const a = await app.account({ balance: 124 });
    await runFlow(app.services, updateAccount, { accountId: a.accountId, name: 'clientX' });
    const r = await call(app, '/account/info/', creds(a), { encoding });
    expect(Object.keys(r.body)).toEqual(ENVELOPE_KEYS);
    expect(r.body).toMatchObject({ success: true, errorCode: 0, action: 'account/info' });
    expectShape(r.body.responseData, { clientName: 'string', apiuser: 'string', balance: 'number', threshold: 'number', currency: 'string', ip: 'string' });
    expect(r.body.responseData).toEqual({ clientName: 'clientX', apiuser: a.username, balance: 124, threshold: 0, currency: 'EUR', ip: '127.0.0.1' });
    expect(r.raw).toContain('"balance":124.0,"threshold":0.0,"currency":"EUR"');
  });

  it('shows the ledger balance: a deposit of 24.5 makes 148.5', async () => {
    const a = await app.account({ balance: 124 });
    await runFlow(app.services, deposit, { accountId: a.accountId, amount: 24.5 });
    const r = await call(app, '/account/info/', creds(a), { encoding });
    expect(r.raw).toContain('"balance":148.5,');
  });

  it('shows the account setting lowBalanceThreshold as threshold', async () => {
    const a = await app.account();
    await runFlow(app.services, updateAccount, { accountId: a.accountId, settings: { lowBalanceThreshold: 30 } });
    const r = await call(app, '/account/info/', creds(a), { encoding });
    expect(r.raw).toContain('"threshold":30.0,');
  });

  it('returns the same fields in XML, pretty or not', async () => {
    const a = await app.account({ balance: 50 });
    const json = await call(app, '/account/info/', creds(a), { encoding });
    for (const pretty of ['', '1']) {
      const x = await call(app, '/account/info/', { ...creds(a), 'output-format': 'xml', 'output-pretty': pretty }, { encoding });
      expect(x.body).toEqual(xmlOf(json.body));
    }
  });
});
