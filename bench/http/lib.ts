// Benchmark helpers: wrk against a server process, interleaved with an anchor, medians and ratios.
// Every loop is bounded; servers listen on 127.0.0.1 only and are stopped at the end.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface WrkResult {
  rps: number;
  p50ms: number;
  p99ms: number;
  timeouts: number;
  errors: number;
  /** requests completed in the run */
  requests: number;
}

function ms(v: string, unit: string): number {
  const n = Number(v);
  return unit === 'us' ? n / 1000 : unit === 's' ? n * 1000 : n;
}

/** `paths`: request these paths (with query) in turn instead of the URL's own; `timeoutS`: wrk's request timeout (default 5) */
export async function wrk(url: string, o: { method?: string; body?: string; headers?: Record<string, string>; seconds?: number; connections?: number; threads?: number; paths?: string[]; timeoutS?: number }): Promise<WrkResult> {
  const dir = mkdtempSync(join(tmpdir(), 'rb-wrk-'));
  const script = join(dir, 'req.lua');
  const headers = Object.entries(o.headers ?? {}).map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`).join('\n');
  const cycle = o.paths?.length ? `local paths = { ${o.paths.map((p) => JSON.stringify(p)).join(', ')} }\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format(nil, paths[i])\nend\n` : '';
  writeFileSync(script, `wrk.method = ${JSON.stringify(o.method ?? 'GET')}\n${o.body ? `wrk.body = ${JSON.stringify(o.body)}\n` : ''}${headers}\n${cycle}`);
  const { stdout } = await run('wrk', [`-t${o.threads ?? 2}`, `-c${o.connections ?? 50}`, `-d${o.seconds ?? 10}s`, '--latency', '--timeout', `${o.timeoutS ?? 5}s`, '-s', script, url], { timeout: ((o.seconds ?? 10) + 30) * 1000 });
  rmSync(dir, { recursive: true, force: true });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? 0);
  const lat = (p: string) => {
    const m = new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`).exec(stdout);
    return m ? ms(m[1], m[2]) : NaN;
  };
  const timeouts = Number(/timeout (\d+)/.exec(stdout)?.[1] ?? 0);
  const errors = Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0);
  const requests = Number(/(\d+) requests in/.exec(stdout)?.[1] ?? 0);
  return { rps, p50ms: lat('50'), p99ms: lat('99'), timeouts, errors, requests };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** peak resident memory of a process, MiB (Linux VmHWM) */
export function peakMiB(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

/** starts a node process and waits until it prints a line matching `ready` */
export async function startNode(args: string[], env: NodeJS.ProcessEnv, ready: RegExp, timeoutMs = 30_000): Promise<{ proc: ChildProcess; match: RegExpExecArray; startMs: number; stop(): Promise<void> }> {
  const t0 = Date.now();
  const proc = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in ${timeoutMs} ms: ${out}`)), timeoutMs);
    const on = (d: Buffer) => {
      out += d;
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    proc.stdout!.on('data', on);
    proc.stderr!.on('data', on);
    proc.on('exit', (c) => reject(new Error(`exited ${c}: ${out}`)));
  });
  return {
    proc,
    match,
    startMs: Date.now() - t0,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
        setTimeout(() => proc.kill('SIGKILL'), 5000).unref();
      }),
  };
}
