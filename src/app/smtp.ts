// Hands outbox mails to a configured SMTP server (SMTP_URL, e.g. smtp://127.0.0.1:2525), after commit.
import nodemailer from 'nodemailer';
import type { MailTransport } from '../core/ports.ts';

export function smtpTransport(url: string): MailTransport {
  const t = nodemailer.createTransport(url);
  return {
    async send(m) {
      await t.sendMail({ from: m.from, to: m.to, subject: m.subject, text: m.body });
    },
  };
}
