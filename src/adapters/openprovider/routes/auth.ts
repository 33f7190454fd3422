// POST /v1beta/auth/login (seed 000:2798-2854, 001:17-57): username + password (+ optional ip) → {token, reseller_id}.
// Tokens live 48 h on the sandbox clock; logging in again leaves earlier tokens valid (WIRE-FACTS §3). No bearer
// token needed; a stale Authorization header is ignored (inventory A2).
import type { RegisterArea } from './area.ts';
import { runFlow } from '../../../core/runner.ts';
import { login } from '../../../core/auth/flows/login.ts';
import { clientIp } from '../../shared/http.ts';
import { S, jsonBody, ok } from '../wire.ts';

const LOGIN = S.obj({ ip: S.str, password: S.str, username: S.str }, ['username', 'password']);

export const authRoutes: RegisterArea = (app, { services }) => {
  app.post('/auth/login', { config: { openproviderPublic: true } }, async (req) => {
    const b = jsonBody<{ ip?: string; password: string; username: string }>(req, LOGIN);
    const r = await runFlow(services, login, { username: b.username, password: b.password, ip: clientIp(req), declaredIp: b.ip });
    req.actor = { accountId: r.accountId, userId: r.userId, username: b.username, ip: clientIp(req) };
    // key order as the seed prints it (000:50-56): token first
    return ok({ token: r.token, reseller_id: r.accountId });
  });
};
