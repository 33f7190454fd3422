// Customers (handles) = core contacts (seed 000:63-388, 000:8345-8842).
// GET /customers (filters with `*`, limit 100 / max 1000), POST /customers → {handle}, GET/PUT/DELETE /customers/{handle}.
// PUT is partial and refuses a name or company-name change (000:114-120, [SW]); DELETE is refused while a product
// uses the handle (000:358). Another account's handles are unknown (404).
import type { RegisterArea } from './area.ts';
import { runFlow, runQuery } from '../../../core/runner.ts';
import { invalid } from '../../../core/errors.ts';
import { createContact } from '../../../core/contacts/flows/create-contact.ts';
import { getContact } from '../../../core/contacts/flows/get-contact.ts';
import { updateContact } from '../../../core/contacts/flows/update-contact.ts';
import { deleteContact } from '../../../core/contacts/flows/delete-contact.ts';
import { searchContacts, type ContactSearch } from '../../../core/contacts/flows/search-contacts.ts';
import { actorOf } from '../auth.ts';
import { S, descending, dotted, flag, intParam, jsonBody, ok, one, paging, queryOf, success, type JsonSchema } from '../wire.ts';
import { ADDRESS, EXTENSION_DATA, NAME, PHONE, TAGS, customerIn, customerListItem, customerOut } from '../mapping.ts';

const COMMON: Record<string, JsonSchema> = {
  additional_data: S.open,
  address: ADDRESS,
  comments: S.str,
  email: S.str,
  extension_additional_data: EXTENSION_DATA,
  fax: PHONE,
  inn: S.str,
  locale: S.str,
  phone: PHONE,
  tags: TAGS,
  vat: S.str,
};
/** guide 000:90-95: name, address, phone, email required */
const CREATE = S.obj({ ...COMMON, company_name: S.str, name: NAME }, ['name', 'address', 'phone', 'email']);
/** name / company_name are taken only to refuse a change (code 824) */
const UPDATE = S.obj({ ...COMMON, company_name: S.str, handle: S.str, name: NAME });

const ORDER_FIELDS: Record<string, NonNullable<ContactSearch['orderBy']>['field']> = {
  id: 'id', handle: 'handle', email: 'email', first_name: 'firstName', last_name: 'lastName', company_name: 'companyName', creation_date: 'createdAt',
};

export const customerRoutes: RegisterArea = (app, { services }) => {
  app.get('/customers', async (req) => {
    const actor = actorOf(req);
    const q = queryOf(req);
    const resellerId = intParam(q, 'reseller_id');
    // [SW] "Your reseller id is used by default. Other values not accepted."
    if (resellerId !== undefined && resellerId !== actor.accountId) throw invalid('reseller_id', 'only your own reseller id is accepted');
    const type = one(q, 'type');
    if (type && type !== 'company' && type !== 'individual') throw invalid('type', "must be 'company' or 'individual'");
    // `order_by=first_name&order=desc`, or the dotted form `order_by.first_name=desc` other list routes document
    const [dottedField, dottedDir] = Object.entries(dotted(q, 'order_by'))[0] ?? [];
    const orderBy = one(q, 'order_by') ?? dottedField;
    if (orderBy && !ORDER_FIELDS[orderBy]) throw invalid('order_by', `must be one of ${Object.keys(ORDER_FIELDS).join(', ')}`);
    if (dottedDir && !/^(asc|desc)$/i.test(dottedDir)) throw invalid(`order_by.${dottedField}`, 'must be asc or desc');
    const desc = dottedDir ? dottedDir.toLowerCase() === 'desc' : descending(q);
    const filter: ContactSearch = {
      email: one(q, 'email_pattern') || undefined,
      firstName: one(q, 'first_name_pattern') || undefined,
      lastName: one(q, 'last_name_pattern') || undefined,
      companyName: one(q, 'company_name_pattern') || undefined,
      handle: one(q, 'handle_pattern') || undefined,
      commentPattern: one(q, 'comment_pattern') || undefined,
      anyPattern: one(q, 'pattern') || undefined,
      type: type ? (type as 'company' | 'individual') : undefined,
      orderBy: { field: orderBy ? ORDER_FIELDS[orderBy] : 'id', desc },
    };
    const withAdditional = flag(q, 'with_additional_data');
    // `columns` (000:8381) is accepted and every column is returned: the documented list item has them all
    const page = await runQuery(services, searchContacts, { accountId: actor.accountId, filter, page: paging(q, { def: 100, max: 1000 }) });
    return ok({ results: page.results.map((c) => customerListItem(c, actor.accountId, withAdditional)), total: page.total });
  });

  app.post('/customers', async (req) => {
    const actor = actorOf(req);
    const b = jsonBody(req, CREATE);
    const c = await runFlow(services, createContact, { accountId: actor.accountId, input: customerIn(b) });
    return ok({ handle: c.handle });
  });

  app.get('/customers/:handle', async (req) => {
    const actor = actorOf(req);
    const { handle } = req.params as { handle: string };
    const c = await runQuery(services, getContact, { accountId: actor.accountId, key: handle });
    return ok(customerOut(c, actor.accountId, flag(queryOf(req), 'with_additional_data')));
  });

  app.put('/customers/:handle', async (req) => {
    const actor = actorOf(req);
    const { handle } = req.params as { handle: string };
    const b = jsonBody<Record<string, unknown>>(req, UPDATE);
    if (typeof b.handle === 'string' && b.handle && b.handle.toUpperCase() !== handle.toUpperCase()) throw invalid('handle', 'does not match the handle in the path');
    const previous = await runQuery(services, getContact, { accountId: actor.accountId, key: handle });
    await runFlow(services, updateContact, { accountId: actor.accountId, key: handle, changes: customerIn(b, previous) });
    return success();
  });

  app.delete('/customers/:handle', async (req) => {
    const actor = actorOf(req);
    const { handle } = req.params as { handle: string };
    await runFlow(services, deleteContact, { accountId: actor.accountId, key: handle });
    return success();
  });
};
