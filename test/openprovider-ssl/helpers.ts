// Shared setup for the Openprovider SSL tests: the whole app with its built-in CA, a logged-in reseller with a
// customer handle, CSRs made with a fresh key, and order helpers.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { expect } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { CUSTOMER, call, login, type OpResponse } from '../openprovider/client.ts';
import type { CertificateAuthority } from '../../src/core/ssl/ca-port.ts';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export interface SslApp {
  app: TestApp;
  ca: CertificateAuthority;
}

export async function sslApp(): Promise<SslApp> {
  const app = await testApp();
  if (!app.services.ca) throw new Error('the app wires no certificate authority');
  return { app, ca: app.services.ca };
}

export interface Reseller {
  token: string;
  handle: string;
  accountId: number;
  /** logs in again (tokens live 48 h on the sandbox clock) */
  relogin(): Promise<void>;
}

export async function reseller(app: TestApp, balance = 1000): Promise<Reseller> {
  const a = await app.account({ balance });
  const token = await login(app, a);
  const res = await call<{ handle: string }>(app, 'POST', '/v1beta/customers', { token, json: CUSTOMER });
  expect(res.status).toBe(200);
  const r: Reseller = {
    token, handle: res.body.data.handle, accountId: a.accountId,
    async relogin() {
      r.token = await login(app, a);
    },
  };
  return r;
}

/** a CSR with a fresh ECDSA P-256 key */
export async function makeCsr(commonName: string, sans: string[] = []): Promise<string> {
  const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const extensions = sans.length ? [new x509.SubjectAlternativeNameExtension(sans.map((value) => ({ type: 'dns' as const, value })))] : [];
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: `CN=${commonName}, O=Example BV, C=NL`, keys, signingAlgorithm: EC, extensions });
  return csr.toString('pem');
}

export interface OrderId { id: number }

export async function createOrder(app: TestApp, r: Reseller, over: Record<string, unknown> = {}): Promise<OpResponse<OrderId>> {
  const json = { product_id: 5, period: 1, csr: over.csr ?? (await makeCsr('shop.example.com', ['shop.example.com', 'www.shop.example.com'])), software_id: 'linux', organization_handle: r.handle, ...over };
  return call<OrderId>(app, 'POST', '/v1beta/ssl/orders', { token: r.token, json });
}

export type WireOrder = Record<string, unknown> & { id: number; status: string; common_name: string; host_names: string[]; certificate: string; intermediate_certificate: string; root_certificate: string };

export async function getOrder(app: TestApp, r: Reseller, id: number): Promise<WireOrder> {
  const res = await call<WireOrder>(app, 'GET', `/v1beta/ssl/orders/${id}`, { token: r.token });
  expect(res.status).toBe(200);
  return res.body.data;
}

export interface Mail { to: string; subject: string; body: string; links: string[]; kind: string }

export async function outbox(app: TestApp, to: string): Promise<Mail[]> {
  const res = await app.http.inject({ method: 'GET', url: `/_sandbox/outbox?to=${encodeURIComponent(to)}` });
  return (JSON.parse(res.body) as { results: Mail[] }).results;
}

/** the balance the reseller sees (GET /resellers) */
export async function balance(app: TestApp, r: Reseller): Promise<number> {
  const res = await call<{ balance: number }>(app, 'GET', '/v1beta/resellers', { token: r.token });
  return res.body.data.balance;
}
