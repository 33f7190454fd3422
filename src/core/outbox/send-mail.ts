// Writes a mail to the outbox inside the current transaction; the transport gets it after commit.
import type { FlowContext } from '../runner.ts';
import type { NewMail, OutboxMail } from './model.ts';
import { linksIn } from './model.ts';

export async function sendMail(ctx: FlowContext, mail: NewMail): Promise<OutboxMail> {
  const stored = await ctx.uow.outbox.add({ ...mail, links: mail.links ?? linksIn(mail.body), createdAt: ctx.now });
  ctx.sent.push(stored);
  return stored;
}
