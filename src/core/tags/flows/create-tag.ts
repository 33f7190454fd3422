// Creates a tag. Errors: request.invalid, tag.exists
import type { Flow } from '../../runner.ts';
import type { Tag } from '../model.ts';
import { DomainError, invalid } from '../../errors.ts';
import { TAG_KEYS } from '../model.ts';

export const createTag: Flow<{ accountId: number; key: string; value: string }, Tag> = async (ctx, i) => {
  if (!(TAG_KEYS as readonly string[]).includes(i.key)) throw invalid('key', `must be one of ${TAG_KEYS.join(', ')}`);
  if (!i.value || !i.value.trim() || i.value.length > 64) throw invalid('value', 'must be 1-64 characters');
  if (await ctx.uow.tags.find(i.accountId, i.key, i.value)) throw new DomainError('tag.exists', `Tag ${i.key}=${i.value} already exists`);
  return ctx.uow.tags.insert({ accountId: i.accountId, key: i.key, value: i.value, createdAt: ctx.now });
};
