// Lists the users of an account.
import type { Flow } from '../../runner.ts';
import type { Page, PageOf } from '../../ports.ts';
import type { User } from '../model.ts';

export const listUsers: Flow<{ accountId: number; username?: string; email?: string; role?: string; page: Page }, PageOf<User>> = (ctx, i) =>
  ctx.uow.users.list(i.accountId, { username: i.username, email: i.email, role: i.role }, i.page);
