// Issues a domain token: a signed-looking bearer string that names the domain and the account, for a DNS provider
// to check that the account controls the domain (Openprovider POST /dns/domain-token). Nothing is stored and nothing
// verifies it in the sandbox: the token is a JWT (HS256 header, {domain, exp, iat, reseller_id} claims, a random
// 256-bit signature), valid 24 hours on the sandbox clock. The domain needs no zone yet (the token is asked for
// before a premium zone is made).
// Errors: dns.zone_name_invalid
import type { Flow } from '../../runner.ts';
import { zoneNameOf } from '../model.ts';

export const DOMAIN_TOKEN_TTL_SECONDS = 24 * 3600;

const b64url = (b: Buffer) => b.toString('base64url');
const part = (o: Record<string, unknown>) => b64url(Buffer.from(JSON.stringify(o)));

export const createDomainToken: Flow<{ accountId: number; domain: string }, { domain: string; token: string; expiresAt: Date }> = async (ctx, i) => {
  const domain = zoneNameOf(i.domain ?? '');
  const iat = Math.floor(ctx.now.getTime() / 1000);
  const exp = iat + DOMAIN_TOKEN_TTL_SECONDS;
  const token = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ domain, exp, iat, reseller_id: i.accountId })}.${b64url(Buffer.from(ctx.random.hex(32), 'hex'))}`;
  return { domain, token, expiresAt: new Date(exp * 1000) };
};
