// Opens the end-user panel of an OTP link: the order the token was made for, while the token is valid.
// Errors: ssl.link_invalid
import type { Flow } from '../../runner.ts';
import { DomainError } from '../../errors.ts';
import type { SslOrder } from '../model.ts';
import { projectOrder } from '../model.ts';

export const openPanel: Flow<{ token: string }, SslOrder> = async (ctx, i) => {
  const t = i.token ? await ctx.uow.ssl.token(String(i.token)) : null;
  if (!t || t.kind !== 'otp' || ctx.now >= t.expiresAt) throw new DomainError('ssl.link_invalid');
  const o = await ctx.uow.ssl.byId(t.orderId);
  if (!o) throw new DomainError('ssl.link_invalid');
  return projectOrder(o, ctx.now);
};
