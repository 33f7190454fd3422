// Tags (seed 000:9482-9635): GET /tags (key, value filters), POST /tags {key, value}, DELETE /tags?key=&value=.
// The only key is "customer" (000:9498). DELETE takes the tag in the query ([SW] key + value; a missing key means
// "customer", inventory B9); a client that sends it as a JSON body instead is understood too.
import type { RegisterArea } from './area.ts';
import { runFlow, runQuery } from '../../../core/runner.ts';
import { invalid } from '../../../core/errors.ts';
import { createTag } from '../../../core/tags/flows/create-tag.ts';
import { deleteTag } from '../../../core/tags/flows/delete-tag.ts';
import { listTags } from '../../../core/tags/flows/list-tags.ts';
import { actorOf } from '../auth.ts';
import { RawBody, S, jsonBody, ok, one, queryOf, success } from '../wire.ts';

const TAG = S.obj({ key: S.str, value: S.str }, ['key', 'value']);

export const tagRoutes: RegisterArea = (app, { services }) => {
  app.get('/tags', async (req) => {
    const actor = actorOf(req);
    const q = queryOf(req);
    const tags = await runQuery(services, listTags, { accountId: actor.accountId, key: one(q, 'key') || undefined, value: one(q, 'value') || undefined });
    return ok({ results: tags.map((t) => ({ key: t.key, value: t.value })), total: tags.length });
  });

  app.post('/tags', async (req) => {
    const actor = actorOf(req);
    const b = jsonBody<{ key: string; value: string }>(req, TAG);
    await runFlow(services, createTag, { accountId: actor.accountId, key: b.key, value: b.value });
    return success();
  });

  app.delete('/tags', async (req) => {
    const actor = actorOf(req);
    const q = queryOf(req);
    let key = one(q, 'key');
    let value = one(q, 'value');
    if (value === undefined && req.body instanceof RawBody && req.body.text.trim()) {
      const b = jsonBody<{ key?: string; value?: string }>(req, S.obj({ key: S.str, value: S.str }));
      key ??= b.key;
      value = b.value;
    }
    if (!value) throw invalid('value', 'is required');
    await runFlow(services, deleteTag, { accountId: actor.accountId, key: key || 'customer', value });
    return success();
  });
};
