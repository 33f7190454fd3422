// Deletes a tag and removes it from the contacts that carry it. Errors: tag.not_found
import type { Flow } from '../../runner.ts';
import { DomainError } from '../../errors.ts';

export const deleteTag: Flow<{ accountId: number; key: string; value: string }, void> = async (ctx, i) => {
  const tag = await ctx.uow.tags.find(i.accountId, i.key, i.value);
  if (!tag) throw new DomainError('tag.not_found', `Tag ${i.key}=${i.value} does not exist`);
  const tagged = await ctx.uow.contacts.search(i.accountId, { tagValue: i.value }, { limit: 100_000, offset: 0 });
  for (const c of tagged.results) await ctx.uow.contacts.update({ ...c, tags: c.tags.filter((t) => !(t.key === i.key && t.value === i.value)), updatedAt: ctx.now });
  await ctx.uow.tags.delete(i.accountId, tag.id);
};
