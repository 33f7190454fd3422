// Follows an approver mail's link (`${publicUrl}/_sandbox/ssl/approve/<token>`): the hostname it was sent for is
// validated by email, and the order moves on (issued when it was the last one, after any OV/EV check).
// A link of an order no longer waiting for that hostname answers ssl.link_invalid.
// Errors: ssl.link_invalid
import type { Flow } from '../../runner.ts';
import { DomainError } from '../../errors.ts';
import type { SslOrder } from '../model.ts';
import { projectOrder } from '../model.ts';
import type { SslCa } from '../ports.ts';
import { accountOf, advance } from '../order-ops.ts';

export const approveByLink: Flow<{ token: string; ca: SslCa }, SslOrder> = async (ctx, i) => {
  const t = i.token ? await ctx.uow.ssl.token(String(i.token)) : null;
  if (!t || t.kind !== 'approve' || ctx.now >= t.expiresAt) throw new DomainError('ssl.link_invalid');
  const stored = await ctx.uow.ssl.byId(t.orderId);
  const o = stored && projectOrder(stored, ctx.now);
  const entry = o?.dcv.find((d) => d.token === t.token && d.method === 'email');
  if (!o || !entry || o.state !== 'requested' || o.cancelAt) throw new DomainError('ssl.link_invalid');
  if (entry.status === 'validated') return o;
  const next: SslOrder = { ...o, dcv: o.dcv.map((d) => (d === entry ? { ...d, status: 'validated', validatedAt: ctx.now } : d)), updatedAt: ctx.now };
  return ctx.uow.ssl.update(await advance(ctx, next, i.ca, await accountOf(ctx, o.accountId)));
};
