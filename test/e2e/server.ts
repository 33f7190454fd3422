// The real `resellbox serve` process for the end-to-end suites: started on a fresh data directory (embedded
// database, port 0), ready when its banner names the demo account, stopped with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BIN = new URL('../../bin/resellbox.mjs', import.meta.url).pathname;
// started with the flag the launcher wants, so it does not re-run itself (one process per command, not two)
export const NODE_FLAG = '--disable-warning=ExperimentalWarning';
// the e2e runs use the embedded database: the PostgreSQL path is covered by every other suite
export const env = { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn' };

export interface Served {
  base: string;
  banner: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startServer(prefix: string): Promise<Served> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const server: ChildProcess = spawn(process.execPath, [NODE_FLAG, BIN, 'serve', '--port', '0', '--dns-port', '0', '--data-dir', dataDir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let banner = '';
  const base = await new Promise<string>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`server did not start: ${banner}`)), 60_000);
    server.stdout!.on('data', (d) => {
      banner += d;
      const m = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner);
      if (m && banner.includes('Demo account')) {
        clearTimeout(t);
        resolve(m[1]!);
      }
    });
    server.stderr!.on('data', (d) => (banner += d));
    server.on('exit', (code) => reject(new Error(`server exited ${code}: ${banner}`)));
  });
  return {
    base,
    get banner() {
      return banner;
    },
    dataDir,
    async stop() {
      if (server.exitCode === null) {
        const exited = new Promise((r) => server.on('exit', r));
        server.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** an Openprovider token for these credentials (POST /v1beta/auth/login on the served instance) */
export async function opLogin(base: string, username: string, password: string): Promise<string> {
  const r = await fetch(`${base}/v1beta/auth/login`, { method: 'POST', body: JSON.stringify({ username, password, ip: '0.0.0.0' }) });
  return ((await r.json()) as { data: { token: string } }).data.token;
}

/** an Openprovider call with a Bearer token: the status, the parsed body and the body as sent */
export async function opCall(base: string, token: string, method: string, path: string, json?: unknown): Promise<{ status: number; body: any; text: string }> {
  const r = await fetch(`${base}/v1beta${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(json ? { 'content-type': 'application/json' } : {}) }, body: json ? JSON.stringify(json) : undefined });
  const text = await r.text();
  return { status: r.status, body: JSON.parse(text), text };
}
