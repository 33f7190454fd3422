// apiuser/apipasswd on every action, the IP allow list (MrDomain's registered IPs), account and user states.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { call, creds, ENCODINGS, ERROR_KEYS } from './helpers.ts';
import { IMPLEMENTED } from '../../src/adapters/mrdomain/plugin.ts';
import { runFlow } from '../../src/core/runner.ts';
import { updateUser } from '../../src/core/users/flows/update-user.ts';

let app: TestApp;

beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

describe.each(ENCODINGS)('credentials (%s)', (encoding) => {
  it('answers every implemented action without credentials with 200 "Login required", HTTP 200, responseData []', async () => {
    for (const action of Object.keys(IMPLEMENTED)) {
      const r = await call(app, `/${action}/`, {}, { encoding });
      expect(r.status).toBe(200);
      expect(Object.keys(r.body)).toEqual(ERROR_KEYS);
      expect(r.body, action).toMatchObject({ success: false, errorCode: 200, errorCodeMsg: 'Login required', action, version: '1.0.20', responseData: [] });
    }
  });

  it('answers 200 when only one of apiuser/apipasswd is sent, or either is empty', async () => {
    const a = await app.account();
    const cases: Array<Record<string, string>> = [{ apiuser: a.username }, { apipasswd: a.password }, { apiuser: a.username, apipasswd: '' }, { apiuser: '', apipasswd: a.password }];
    for (const p of cases) {
      expect((await call(app, '/tool/hello/', p, { encoding })).body.errorCode).toBe(200);
    }
  });

  it('answers a wrong password with 201 "Login invalid"', async () => {
    const a = await app.account();
    const r = await call(app, '/account/info/', { apiuser: a.username, apipasswd: 'wrong password' }, { encoding });
    expect(r.body).toMatchObject({ success: false, errorCode: 201, errorCodeMsg: 'Login invalid', responseData: [] });
  });

  it('answers an unknown user with the same 201 as a wrong password', async () => {
    const r = await call(app, '/account/info/', { apiuser: 'nobody-here', apipasswd: 'whatever1' }, { encoding });
    expect(r.body).toMatchObject({ errorCode: 201, errorCodeMsg: 'Login invalid' });
  });

  it('answers bad credentials in XML when output-format=xml', async () => {
    const r = await call(app, '/tool/hello/', { apiuser: 'nobody', apipasswd: 'x', 'output-format': 'xml' }, { encoding });
    expect(r.body).toMatchObject({ success: '', errorCode: '201', errorCodeMsg: 'Login invalid', action: 'tool/hello', responseData: '' });
  });
});

describe('IP allow list (registered IPs)', () => {
  it('refuses a caller whose IP is not registered with 1007 "Account filtered"', async () => {
    const a = await app.account({ allowIps: ['10.1.2.3'] });
    const r = await call(app, '/tool/hello/', creds(a), { remoteAddress: '192.0.2.55' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ success: false, errorCode: 1007, errorCodeMsg: 'Account filtered', responseData: [] });
  });

  it('lets a registered IP (or a registered range) in', async () => {
    const a = await app.account({ allowIps: ['10.1.2.3', '192.0.2.0/24'] });
    expect((await call(app, '/tool/hello/', creds(a), { remoteAddress: '10.1.2.3' })).body).toMatchObject({ success: true, responseData: { ip: '10.1.2.3' } });
    expect((await call(app, '/tool/hello/', creds(a), { remoteAddress: '192.0.2.77' })).body).toMatchObject({ success: true, responseData: { ip: '192.0.2.77' } });
  });

  it('checks the IP only after the password: a wrong password from a foreign IP is 201', async () => {
    const a = await app.account({ allowIps: ['10.1.2.3'] });
    expect((await call(app, '/tool/hello/', { apiuser: a.username, apipasswd: 'nope' }, { remoteAddress: '192.0.2.55' })).body.errorCode).toBe(201);
  });
});

describe('account and user states', () => {
  it('answers a user with API access disabled with 1000 "Account blocked"', async () => {
    const a = await app.account();
    await runFlow(app.services, updateUser, { accountId: a.accountId, id: a.userId, changes: { apiAccessEnabled: false } });
    expect((await call(app, '/account/info/', creds(a))).body).toMatchObject({ errorCode: 1000, errorCodeMsg: 'Account blocked' });
  });

  it('answers an inactive account with 1002 "Account inactive"', async () => {
    const a = await app.account();
    await app.store.transaction(async (uow) => {
      const acc = (await uow.accounts.get(a.accountId))!;
      await uow.accounts.update({ ...acc, status: 'inactive' });
    });
    expect((await call(app, '/account/info/', creds(a))).body).toMatchObject({ errorCode: 1002, errorCodeMsg: 'Account inactive' });
  });
});
