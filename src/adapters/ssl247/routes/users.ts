// Account users: view, add, edit (E05–E07). An SSL247 user is a core user; one added here is a standard user
// (it has a password and logs in with the account key). API users, with their own key, are made by the operator
// (sandbox, CLI, panel): the seed has no route that creates one or returns a key.
import type { FastifyInstance } from 'fastify';
import type { FaceOptions } from '../../shared/http.ts';
import { runFlow, runQuery } from '../../../core/runner.ts';
import { DomainError } from '../../../core/errors.ts';
import { getUser } from '../../../core/users/flows/get-user.ts';
import { createUser } from '../../../core/users/flows/create-user.ts';
import { updateUser } from '../../../core/users/flows/update-user.ts';
import { idParam, post } from '../route.ts';
import { userIn, userOut } from '../mapping.ts';

const noUser = (id: string | undefined) => () => new DomainError('user.not_found', `User ${id ?? ''} not found`);

export function userRoutes(app: FastifyInstance, o: FaceOptions): void {
  const s = o.services;

  post(app, o, '/account/user/:id', async ({ actor, params }) => {
    const user = await runQuery(s, getUser, { accountId: actor.accountId, id: idParam(params.id, noUser(params.id)) });
    return userOut(user);
  });

  post(app, o, '/account/users/add', async ({ actor, body }) => {
    const { email, password, ...rest } = userIn(body, 'add');
    // username '' = derive one from the email (this face logs in by email only)
    const user = await runFlow(s, createUser, { ...rest, accountId: actor.accountId, username: '', email: email!, password: password!, kind: 'standard' });
    return { user_id: String(user.id) };
  });

  post(app, o, '/account/user/:id/edit', async ({ actor, body, params }) => {
    const id = idParam(params.id, noUser(params.id));
    const changes = userIn(body, 'edit');
    const user = await runFlow(s, updateUser, { accountId: actor.accountId, id, changes });
    return { user_id: String(user.id) };
  });
}
