// Creates a contact (customer handle) with a unique handle and ref.
// Errors: contact.invalid, request.invalid
import type { Flow } from '../../runner.ts';
import type { Contact, ContactInput } from '../model.ts';
import { assertComplete, makeHandle, makeRef } from '../model.ts';
import { EMPTY_ADDRESS, EMPTY_NAME, initialsOf } from '../../people.ts';
import { DomainError } from '../../errors.ts';

export function draftContact(accountId: number, input: ContactInput, now: Date): Omit<Contact, 'id' | 'version' | 'handle' | 'ref'> {
  const name = { ...EMPTY_NAME, ...input.name };
  if (!name.initials) name.initials = initialsOf(name);
  const address = { ...EMPTY_ADDRESS, ...input.address, country: (input.address?.country ?? '').toUpperCase() };
  return {
    accountId,
    kind: input.kind ?? (input.companyName?.trim() ? 'organization' : 'individual'),
    name,
    companyName: input.companyName ?? '',
    assumedName: input.assumedName ?? '',
    orgType: input.orgType ?? '',
    email: (input.email ?? '').trim(),
    phone: input.phone ?? null,
    fax: input.fax ?? null,
    mobile: input.mobile ?? null,
    address,
    vat: input.vat ?? '',
    identNumber: input.identNumber ?? '',
    registrationNumber: input.registrationNumber ?? '',
    locale: input.locale ?? 'en_GB',
    comments: input.comments ?? '',
    commentsChangedAt: input.comments ? now : null,
    tags: input.tags ?? [],
    additionalData: input.additionalData ?? {},
    extensionData: input.extensionData ?? [],
    roles: input.roles ?? { admin: false, tech: false, billing: false },
    emailVerification: input.emailVerification ?? '',
    dataVerification: input.dataVerification ?? 'notapplicable',
    daAccepted: input.daAccepted ?? false,
    active: input.active ?? true,
    extra: input.extra ?? {},
    deletedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

export async function checkTags(ctx: Parameters<Flow<unknown, unknown>>[0], accountId: number, tags: Contact['tags']): Promise<void> {
  for (const t of tags) {
    if (!(await ctx.uow.tags.find(accountId, t.key, t.value))) throw new DomainError('tag.not_found', `Tag ${t.key}=${t.value} does not exist`, { field: 'tags' });
  }
}

export const createContact: Flow<{ accountId: number; input: ContactInput }, Contact> = async (ctx, { accountId, input }) => {
  const draft = draftContact(accountId, input, ctx.now);
  assertComplete({ ...draft, id: 0, version: 0, handle: '', ref: '' });
  await checkTags(ctx, accountId, draft.tags);
  for (let attempt = 0; attempt < 20; attempt++) {
    const handle = makeHandle(draft, ctx.random.digits(6));
    const ref = makeRef(draft, ctx.random.digits(8));
    if ((await ctx.uow.contacts.keyExists(handle)) || (await ctx.uow.contacts.keyExists(ref))) continue;
    return ctx.uow.contacts.insert({ ...draft, handle, ref });
  }
  throw new DomainError('internal', undefined, { reason: 'no free handle after 20 attempts' });
};
