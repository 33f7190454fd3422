// The coverage check of the Openprovider contract: "the set of operationIds validated during the test run equals the
// set routed", across vitest workers (test/contract/coverage.ts, test/contract/global-setup.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTRACT_DIR_ENV, coverageFailure, readValidated, ROUTES_FILE_ENV, routedOperations } from '../contract/coverage.ts';
import setup from '../contract/global-setup.ts';
import { expectOpenproviderContract } from '../contract/openprovider.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'resellbox-contract-selftest-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const ROUTES = [
  '# Every route Resellbox serves: <surface> <METHOD> <path>.',
  'sandbox GET /_sandbox/clock',
  'openprovider POST /v1beta/auth/login',
  'openprovider GET /v1beta/tags',
  'openprovider POST /v1beta/tags',
  'openprovider GET /v1beta/customers/{id}',
  'openprovider GET /v1beta/not-in-the-spec',
  'mrdomain POST /domain/create',
].join('\n');

describe('routed operations', () => {
  it('maps the openprovider lines of the route table to operationIds, whatever the parameter names, and sets aside routes the spec lacks', () => {
    const r = routedOperations(ROUTES);
    expect([...r.routed.keys()].sort()).toEqual(['CreateTag', 'GetCustomer', 'ListTags', 'Login']);
    expect(r.undocumented).toEqual(['GET /v1beta/not-in-the-spec']);
  });

  it('reports every routed operation never validated, and nothing when all were', () => {
    const r = routedOperations(ROUTES);
    const failure = coverageFailure(new Set(['Login', 'ListTags']), r);
    expect(failure).toMatch(/2 routed operation\(s\) never had a success body validated/);
    expect(failure).toContain('CreateTag  (POST /v1beta/tags)');
    expect(failure).toContain('GetCustomer  (GET /v1beta/customers/{id})');
    expect(coverageFailure(new Set(['Login', 'ListTags', 'CreateTag', 'GetCustomer']), r)).toBeNull();
  });
});

describe('recording', () => {
  it('appends each validated success to a file of this worker in the directory named by the env var (once per id)', () => {
    const dir = mkdtempSync(join(scratch, 'rec-'));
    const before = process.env[CONTRACT_DIR_ENV];
    process.env[CONTRACT_DIR_ENV] = dir;
    try {
      // an operation no other test of this file validates, so the first success here is recorded here
      const body = { code: 0, data: { success: true }, desc: '' };
      expectOpenproviderContract('DELETE', '/v1beta/dns/templates/5', 200, body);
      expectOpenproviderContract('DELETE', '/v1beta/dns/templates/6', 200, body);
      expectOpenproviderContract('POST', '/v1beta/dns/nameservers', 400, { code: 1, desc: 'x' });
      expect([...readValidated(dir)]).toEqual(['DeleteTemplate']);
    } finally {
      if (before === undefined) delete process.env[CONTRACT_DIR_ENV];
      else process.env[CONTRACT_DIR_ENV] = before;
    }
  });
});

describe('the whole run (a nested vitest run over two fixture files in two workers)', () => {
  const run = (routes: string, coverage: string) => {
    const file = join(scratch, `routes-${Math.random().toString(36).slice(2)}.txt`);
    writeFileSync(file, routes);
    const env: NodeJS.ProcessEnv = { ...process.env, CONTRACT_COVERAGE: coverage, [ROUTES_FILE_ENV]: file, NO_COLOR: '1', FORCE_COLOR: '0' };
    delete env[CONTRACT_DIR_ENV];
    delete env.VITEST;
    delete env.VITEST_WORKER_ID;
    delete env.VITEST_POOL_ID;
    const res = spawnSync(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'test/contract-selftest/fixtures/vitest.fixture.config.ts'], { cwd: ROOT, env, encoding: 'utf8' });
    return { status: res.status, output: `${res.stdout}\n${res.stderr}` };
  };
  const routes = ['openprovider POST /v1beta/auth/login', 'openprovider GET /v1beta/tags', 'openprovider POST /v1beta/tags'].join('\n');

  it('fails the run with CONTRACT_COVERAGE=1, naming the routed operation whose success no worker validated', () => {
    const { status, output } = run(routes, '1');
    expect(output).toContain('2 passed');
    expect(status).not.toBe(0);
    expect(output).toContain('1 routed operation(s) never had a success body validated');
    expect(output).toContain('CreateTag  (POST /v1beta/tags)');
    expect(output).not.toMatch(/ListTags {2}\(|Login {2}\(/);
  });

  it('passes the run when the validations of both workers together cover every routed operation', () => {
    const { status, output } = run(routes.split('\n').slice(0, 2).join('\n'), '1');
    expect(output).toContain('2 passed');
    expect(status, output).toBe(0);
  });

});

describe('the global teardown in this process', () => {
  const withEnv = (vars: Record<string, string | undefined>, f: () => void) => {
    const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
    for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    try {
      f();
    } finally {
      for (const [k, v] of Object.entries(before)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    }
  };
  const uncovered = join(scratch, 'uncovered-routes.txt');
  writeFileSync(uncovered, 'openprovider GET /v1beta/ssl/products/{id}\n');

  it('does not enforce coverage without CONTRACT_COVERAGE=1 (a subset of files ran), and restores the env var', () => {
    withEnv({ CONTRACT_COVERAGE: undefined, [ROUTES_FILE_ENV]: uncovered }, () => {
      const outer = process.env[CONTRACT_DIR_ENV];
      const teardown = setup();
      expect(process.env[CONTRACT_DIR_ENV]).not.toBe(outer);
      expect(() => teardown()).not.toThrow();
      expect(process.env[CONTRACT_DIR_ENV]).toBe(outer);
    });
  });

  it('throws with CONTRACT_COVERAGE=1 when a routed operation was never validated, and sets a failing exit code', () => {
    withEnv({ CONTRACT_COVERAGE: '1', [ROUTES_FILE_ENV]: uncovered }, () => {
      const exitCode = process.exitCode;
      const teardown = setup();
      try {
        expect(() => teardown()).toThrow(/GetProduct {2}\(GET \/v1beta\/ssl\/products\/\{id\}\)/);
        expect(process.exitCode).toBe(1);
      } finally {
        process.exitCode = exitCode;
      }
    });
  });
});

it('reads the real golden route table', () => {
  expect(readFileSync(new URL('../golden/routes.txt', import.meta.url), 'utf8')).toMatch(/^# Every route/);
  expect(() => routedOperations()).not.toThrow();
});
