// A configured SMTP server receives every mail the outbox stores, after the transaction commits.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { testApp, type TestApp } from '../harness/app.ts';
import { runFlow } from '../../src/core/runner.ts';
import { startVerification } from '../../src/core/verifications/flows/start-verification.ts';
import { smtpTransport } from '../../src/app/smtp.ts';

describe('SMTP delivery of outbox mails', () => {
  let server: SMTPServer;
  let port = 0;
  const received: Array<{ to: string[]; data: string }> = [];
  let app: TestApp;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, cb) {
        let data = '';
        stream.on('data', (c) => (data += c));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
          cb();
        });
      },
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.server.address() as AddressInfo).port;
    app = await testApp();
    app.services.mail = smtpTransport(`smtp://127.0.0.1:${port}`);
  });
  afterAll(async () => {
    await app.close();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('hands the verification mail, with its link, to the configured SMTP server', async () => {
    const a = await app.account();
    const v = await runFlow(app.services, startVerification, { accountId: a.accountId, email: 'someone@example.test' });
    for (let i = 0; i < 50 && !received.length; i++) await new Promise((r) => setTimeout(r, 50));
    expect(received).toHaveLength(1);
    expect(received[0].to).toEqual(['someone@example.test']);
    // the body may arrive quoted-printable: undo its soft line breaks
    expect(received[0].data.replace(/=\r\n/g, '')).toContain(`/_sandbox/verify-email/${v.token}`);
  });

  it('keeps the mail in the outbox and fails nothing when the SMTP server is down', async () => {
    app.services.mail = smtpTransport('smtp://127.0.0.1:1');
    const a = await app.account();
    await runFlow(app.services, startVerification, { accountId: a.accountId, email: 'nobody-listens@example.test' });
    const list = await app.store.read((uow) => uow.outbox.list({ to: 'nobody-listens@example.test' }, { limit: 5, offset: 0 }));
    expect(list.total).toBe(1);
  });
});
