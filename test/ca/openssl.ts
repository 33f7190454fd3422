// Runs the openssl command line on files in a scratch directory. The CA tests need it and fail (never skip) when it
// is missing: `openssl verify` is the independent judge of the certificates.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function opensslPresent(): boolean {
  return spawnSync('openssl', ['version'], { encoding: 'utf8' }).status === 0;
}

export class Scratch {
  readonly dir = mkdtempSync(join(tmpdir(), 'resellbox-ca-'));
  file(name: string, content: string | Uint8Array): string {
    const p = join(this.dir, name);
    writeFileSync(p, content);
    return p;
  }
  path(name: string): string {
    return join(this.dir, name);
  }
  /** openssl's stdout; throws with its stderr on a non-zero exit */
  run(args: string[]): string {
    return execFileSync('openssl', args, { cwd: this.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }
  /** exit status and both streams, for commands expected to fail */
  tryRun(args: string[]): { status: number; out: string } {
    const r = spawnSync('openssl', args, { cwd: this.dir, encoding: 'utf8' });
    return { status: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
  }
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** seconds since the epoch, for `openssl verify -attime` (the sandbox date, not the machine's) */
export const epoch = (d: Date) => String(Math.floor(d.getTime() / 1000));
