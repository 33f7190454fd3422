// Helpers for the SSL247 SSL tests: the seed's request/response examples of the 27 certificate, order, product and
// invoice routes (fixtures/seed-ssl.json, extracted verbatim from seed 004), openssl, CSRs from the app's own CA, the
// outbox, and the ledger.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { TestApp } from '../harness/app.ts';
import { runQuery } from '../../src/core/runner.ts';
import { listLedger } from '../../src/core/billing/flows/list-ledger.ts';
import { searchOrders } from '../../src/core/ssl/flows/search-orders.ts';

const SEED = JSON.parse(readFileSync(new URL('./fixtures/seed-ssl.json', import.meta.url), 'utf8')) as { routes: Record<string, { response: { Data: unknown } }> };

export function seedSslData(route: string): unknown {
  const r = SEED.routes[route];
  if (!r) throw new Error(`no seed example for ${route}`);
  return r.response.Data;
}

export const SEED_ROUTES = Object.keys(SEED.routes);

const dir = mkdtempSync(join(tmpdir(), 'ssl247-ssl-'));
let n = 0;
export function file(text: string): string {
  const p = join(dir, `f${++n}.pem`);
  writeFileSync(p, text);
  return p;
}

export function openssl(args: string[], input?: string): { ok: boolean; out: string } {
  try {
    return { ok: true, out: execFileSync('openssl', args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] }) };
  } catch (e) {
    const x = e as { stdout?: string; stderr?: string; message?: string };
    return { ok: false, out: `${x.stdout ?? ''}${x.stderr ?? ''}${x.message ?? ''}` };
  }
}

/** a fresh key and CSR from the app's CA (ECDSA P-256: no RSA key pool needed in tests) */
export async function csrFor(app: TestApp, commonName: string, sans: string[] = []): Promise<{ csr: string; key: string }> {
  const r = await app.services.ca!.createCsr({ commonName, sans, subject: { organization: 'Example Ltd', country: 'GB' }, keyType: 'ecdsa256' });
  return { csr: r.csrPem, key: r.privateKeyPem };
}

export async function outbox(app: TestApp, to: string): Promise<Array<{ to: string; subject: string; body: string; links: string[] }>> {
  const res = await app.http.inject({ method: 'GET', url: `/_sandbox/outbox?to=${encodeURIComponent(to)}&limit=1000` });
  return JSON.parse(res.body).results;
}

/** follows every approval link mailed for order `id` */
export async function approveByMail(app: TestApp, to: string, id: number | string): Promise<number> {
  const mails = (await outbox(app, to)).filter((m) => m.body.includes(`order ${id},`));
  for (const m of mails) {
    const res = await app.http.inject({ method: 'GET', url: new URL(m.links[0]).pathname });
    expect(res.statusCode, res.body).toBe(200);
  }
  return mails.length;
}

export async function rootPem(app: TestApp): Promise<string> {
  const res = await app.http.inject({ method: 'GET', url: '/_sandbox/ca/root.pem' });
  expect(res.statusCode).toBe(200);
  return res.body;
}

export async function crlPem(app: TestApp): Promise<string> {
  const res = await app.http.inject({ method: 'GET', url: '/_sandbox/ca/crl' });
  expect(res.statusCode).toBe(200);
  return `-----BEGIN X509 CRL-----\n${res.rawPayload.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END X509 CRL-----\n`;
}

/** `-attime` for openssl: the frozen sandbox clock plus a minute */
export const at = (app: TestApp) => String(Math.floor(app.clock.now().getTime() / 1000) + 60);

/** what an account has written: ledger entries and SSL orders */
export async function footprint(app: TestApp, accountId: number): Promise<{ ledger: number; orders: number; balance: number }> {
  const ledger = await runQuery(app.services, listLedger, { accountId, page: { limit: 100_000, offset: 0 } });
  const orders = await runQuery(app.services, searchOrders, { accountId, page: { limit: 100_000, offset: 0 } });
  return { ledger: ledger.total, orders: orders.total, balance: ledger.results.reduce((s, e) => s + e.amountMinor, 0) };
}
