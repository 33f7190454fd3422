// End to end: the real `resellbox` command and server process, on real sockets, on a fresh data directory.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startServer, BIN, NODE_FLAG, env, type Served } from './server.ts';

const run = promisify(execFile);

const json = async (r: Response | Promise<Response>): Promise<any> => (await r).json();

async function cli(dataDir: string, ...args: string[]) {
  return run(process.execPath, [NODE_FLAG, BIN, ...args, '--data-dir', dataDir], { env, timeout: 60_000 });
}

describe('the resellbox command and server, end to end', () => {
  let served: Served;
  let dataDir = '';
  let base = '';
  let banner = '';

  beforeAll(async () => {
    served = await startServer('resellbox-e2e-');
    ({ dataDir, base, banner } = served);
  }, 90_000);

  afterAll(async () => {
    await served?.stop();
  });

  it('creates the embedded database in the data directory and prints what it serves and the demo credentials', () => {
    expect(existsSync(join(dataDir, 'resellbox.sqlite'))).toBe(true);
    for (const s of ['/v1beta/', '/<module>/<action>/', '/api/v3/', '/_sandbox/', 'HTTP threads', 'username demo', 'password demo-password', 'u=demo@resellbox.test']) expect(banner).toContain(s);
  });

  it('answers /_sandbox/health with 200 on a real socket', async () => {
    const r = await fetch(`${base}/_sandbox/health`);
    expect(r.status).toBe(200);
  });

  it('creates an account with the CLI that logs in through all three APIs of the running server', async () => {
    const { stdout } = await cli(dataDir, 'account', 'create', 'e2e-reseller', '--password', 'e2e-password-1', '--email', 'e2e@example.test', '--balance', '250', '--allow-ip', '127.0.0.1');
    expect(stdout).toMatch(/account \d+ \(RB\d+\) created for e2e-reseller/);
    const key = /k=([0-9a-f]+)/.exec(stdout)![1];
    const list = (await cli(dataDir, 'account', 'list')).stdout;
    expect(list).toContain('e2e-reseller');
    expect(list).toContain('250.00 EUR');

    const op = await json(fetch(`${base}/v1beta/auth/login`, { method: 'POST', body: JSON.stringify({ username: 'e2e-reseller', password: 'e2e-password-1', ip: '0.0.0.0' }) }));
    expect(op.code).toBe(0);
    expect(op.data.token).toMatch(/^[0-9a-f]{32}$/);

    const md = await json(fetch(`${base}/account/info/`, { method: 'POST', body: new URLSearchParams({ apiuser: 'e2e-reseller', apipasswd: 'e2e-password-1', 'output-format': 'json' }) }));
    expect(md.success).toBe(true);

    const ssl = await fetch(`${base}/api/v3/account`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ u: 'e2e@example.test', p: 'e2e-password-1', k: key }) });
    expect(ssl.status).toBe(200);
    expect((await json(ssl)).StatusCode).toBeDefined();
  }, 120_000);

  it('moves the running server’s clock with `resellbox clock advance`', async () => {
    const before = new Date((await json(fetch(`${base}/_sandbox/clock`))).now).getTime();
    const { stdout } = await cli(dataDir, 'clock', 'advance', '5d');
    expect(new Date(stdout.trim()).getTime() - before).toBeGreaterThanOrEqual(5 * 86_400_000);
    let now = before;
    for (let i = 0; i < 30 && now - before < 5 * 86_400_000; i++) {
      await new Promise((r) => setTimeout(r, 100));
      now = new Date((await json(fetch(`${base}/_sandbox/clock`))).now).getTime();
    }
    expect(now - before).toBeGreaterThanOrEqual(5 * 86_400_000);
  }, 120_000);

  it('explains bad CLI input and exits non-zero', async () => {
    await expect(cli(dataDir, 'clock', 'advance', 'soon')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('not a duration') });
    await expect(cli(dataDir, 'account', 'create', 'x-user', '--password', 'short')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('password') });
    await expect(cli(dataDir, 'account', 'create', 'y-user', '--password', 'long-enough', '--allow-ip', 'nope')).rejects.toMatchObject({ stderr: expect.stringContaining('not an IP address') });
    const help = await run(process.execPath, [NODE_FLAG, BIN, '--help'], { env });
    for (const c of ['serve', 'account', 'clock']) expect(help.stdout).toContain(c);
  }, 180_000);
});
