// Deletes a DNS template (zones created from it keep their records). Errors: dns.template_not_found
import type { Flow } from '../../runner.ts';
import { DomainError } from '../../errors.ts';

export const deleteTemplate: Flow<{ accountId: number; id: number }, { deleted: true }> = async (ctx, i) => {
  if (!(await ctx.uow.dns.template(i.accountId, i.id))) throw new DomainError('dns.template_not_found', 'Template not found', { field: 'id' });
  await ctx.uow.dns.deleteTemplate(i.accountId, i.id);
  return { deleted: true };
};
