// Configuration: the DNS worker threads (DNS_WORKERS / --dns-workers), the HTTP threads (HTTP_THREADS /
// --http-threads) and their defaults.
import { describe, it, expect } from 'vitest';
import { availableParallelism } from 'node:os';
import { loadConfig, defaultDnsWorkers, defaultHttpThreads } from '../../src/app/config.ts';
import { buildProgram, type ServeOptions } from '../../src/adapters/cli/program.ts';

describe('loadConfig: DNS worker threads', () => {
  it('defaults to two threads, one per core on a machine with fewer', () => {
    expect(defaultDnsWorkers()).toBe(Math.min(2, availableParallelism()));
    expect(loadConfig({}).dnsWorkers).toBe(Math.min(2, availableParallelism()));
    // a file database and PostgreSQL get the same default (an in-memory one runs in-process at start: startDns)
    expect(loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' }).dnsWorkers).toBe(Math.min(2, availableParallelism()));
  });

  it('takes DNS_WORKERS (0 = in-process), and the flag wins over it', () => {
    expect(loadConfig({ DNS_WORKERS: '0' }).dnsWorkers).toBe(0);
    expect(loadConfig({ DNS_WORKERS: '3' }).dnsWorkers).toBe(3);
    expect(loadConfig({ DNS_WORKERS: '3' }, { dnsWorkers: 1 }).dnsWorkers).toBe(1);
    expect(loadConfig({ DNS_WORKERS: '' }).dnsWorkers).toBe(Math.min(2, availableParallelism()));
  });

  it('refuses a DNS_WORKERS that is not a whole number from 0 to 64', () => {
    for (const bad of ['two', '-1', '1.5', '65', ' '])
      expect(() => loadConfig({ DNS_WORKERS: bad }), bad).toThrow(/DNS_WORKERS must be a whole number from 0 to 64/);
  });

  it('`serve --dns-workers <n>` passes the number on; anything else is refused', async () => {
    const seen: ServeOptions[] = [];
    const program = () => buildProgram({ withServices: async () => undefined as never, serve: async (o) => void seen.push(o), out: () => {} });
    await program().parseAsync(['serve', '--dns-workers', '0'], { from: 'user' });
    await program().parseAsync(['serve', '--dns-workers', '4'], { from: 'user' });
    await program().parseAsync(['serve'], { from: 'user' });
    expect(seen.map((o) => o.dnsWorkers)).toEqual([0, 4, undefined]);
    const p = program();
    p.commands.find((c) => c.name() === 'serve')!.configureOutput({ writeErr: () => {}, outputError: () => {} });
    await expect(p.parseAsync(['serve', '--dns-workers', 'many'], { from: 'user' })).rejects.toThrow(/not a number of threads/);
  });
});

describe('loadConfig: HTTP threads', () => {
  it('defaults to two threads, one per core on a machine with fewer; HTTP_THREADS and the flag set it', async () => {
    expect(defaultHttpThreads()).toBe(Math.min(2, availableParallelism()));
    expect(loadConfig({}).httpThreads).toBe(Math.min(2, availableParallelism()));
    expect(loadConfig({ HTTP_THREADS: '1' }).httpThreads).toBe(1);
    expect(loadConfig({ HTTP_THREADS: '3' }, { httpThreads: 2 }).httpThreads).toBe(2);
    const seen: ServeOptions[] = [];
    const program = () => buildProgram({ withServices: async () => undefined as never, serve: async (o) => void seen.push(o), out: () => {} });
    await program().parseAsync(['serve', '--http-threads', '1'], { from: 'user' });
    expect(seen.map((o) => o.httpThreads)).toEqual([1]);
    const p = program();
    p.commands.find((c) => c.name() === 'serve')!.configureOutput({ writeErr: () => {}, outputError: () => {} });
    await expect(p.parseAsync(['serve', '--http-threads', '0'], { from: 'user' })).rejects.toThrow(/not a number of threads \(1 to 64\)/);
  });

  it('refuses an HTTP_THREADS that is not a whole number from 1 to 64', () => {
    for (const bad of ['two', '0', '-1', '1.5', '65', ' '])
      expect(() => loadConfig({ HTTP_THREADS: bad }), bad).toThrow(/HTTP_THREADS must be a whole number from 1 to 64/);
  });
});
