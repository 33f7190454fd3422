// Lists the tags of an account.
import type { Flow } from '../../runner.ts';
import type { Tag } from '../model.ts';

export const listTags: Flow<{ accountId: number; key?: string; value?: string }, Tag[]> = (ctx, i) => ctx.uow.tags.list(i.accountId, { key: i.key, value: i.value });
