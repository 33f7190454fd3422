// Lists email verifications of an account, with their status projected to now.
import type { Flow } from '../../runner.ts';
import type { Page, PageOf } from '../../ports.ts';
import type { EmailVerification } from '../model.ts';
import { projectVerification } from '../model.ts';

export const listVerifications: Flow<{ accountId: number; email?: string; handle?: string; status?: string; page: Page }, PageOf<EmailVerification>> = async (ctx, i) => {
  const page = await ctx.uow.verifications.list(i.accountId, { email: i.email, handle: i.handle, status: i.status }, i.page);
  return { total: page.total, results: page.results.map((v) => ({ ...v, status: projectVerification(v, ctx.now) })) };
};
