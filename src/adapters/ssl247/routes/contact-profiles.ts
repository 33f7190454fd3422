// Contact profiles: view, add, edit (E08–E10). A contact profile is a core contact, the same entity Openprovider
// shows as a customer handle and MrDomain as a contact; the profile id is the core contact id.
import type { FastifyInstance } from 'fastify';
import type { FaceOptions } from '../../shared/http.ts';
import { runFlow, runQuery } from '../../../core/runner.ts';
import { DomainError } from '../../../core/errors.ts';
import { getContact } from '../../../core/contacts/flows/get-contact.ts';
import { createContact } from '../../../core/contacts/flows/create-contact.ts';
import { updateContact } from '../../../core/contacts/flows/update-contact.ts';
import { idParam, post } from '../route.ts';
import { contactIn, contactOut } from '../mapping.ts';

const noProfile = (id: string | undefined) => () => new DomainError('contact.not_found', `Contact profile ${id ?? ''} not found`);

export function contactProfileRoutes(app: FastifyInstance, o: FaceOptions): void {
  const s = o.services;

  // a deleted profile (deleted through another face) is still shown, with `deleted: true` and `active: false`
  post(app, o, '/account/contact-profile/:id', async ({ actor, params }) => {
    const id = idParam(params.id, noProfile(params.id));
    const contact = await runQuery(s, getContact, { accountId: actor.accountId, key: String(id), includeDeleted: true });
    return { ContactProfile: contactOut(contact) };
  });

  post(app, o, '/account/contact-profile/add', async ({ actor, body }) => {
    const contact = await runFlow(s, createContact, { accountId: actor.accountId, input: contactIn(body, 'add') });
    return { contact_id: String(contact.id) };
  });

  // names may change here (SSL247 documents no restriction), unlike through Openprovider
  post(app, o, '/account/contact-profile/:id/edit', async ({ actor, body, params }) => {
    const id = idParam(params.id, noProfile(params.id));
    const contact = await runFlow(s, updateContact, { accountId: actor.accountId, key: String(id), changes: contactIn(body, 'edit'), allowNameChange: true });
    return { contact_id: String(contact.id) };
  });
}
