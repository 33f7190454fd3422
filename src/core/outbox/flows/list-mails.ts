// Lists the outbox, newest first, optionally for one recipient.
import type { Flow } from '../../runner.ts';
import type { Page, PageOf } from '../../ports.ts';
import type { OutboxMail } from '../model.ts';

export const listMails: Flow<{ to?: string; accountId?: number; kind?: string; page: Page }, PageOf<OutboxMail>> = (ctx, i) =>
  ctx.uow.outbox.list({ to: i.to, accountId: i.accountId, kind: i.kind }, i.page);
