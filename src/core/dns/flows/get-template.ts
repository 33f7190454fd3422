// Reads one DNS template of the account. Errors: dns.template_not_found
import type { Flow } from '../../runner.ts';
import type { Template } from '../model.ts';
import { DomainError } from '../../errors.ts';

export const getTemplate: Flow<{ accountId: number; id: number }, Template> = async (ctx, i) => {
  const t = await ctx.uow.dns.template(i.accountId, i.id);
  if (!t) throw new DomainError('dns.template_not_found', 'Template not found', { field: 'id' });
  return t;
};
