// vitest globalSetup (registered in vitest.config.ts): creates the directory where every worker records the
// Openprovider operations it validated (./coverage.ts), and on teardown — only when CONTRACT_COVERAGE=1, i.e. for the
// whole suite (`npm test`), not when a subset of files runs — fails the run listing every operation routed by the
// openprovider face (test/golden/routes.txt) whose success body no test validated.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTRACT_DIR_ENV, coverageFailure, readValidated, routedOperations } from './coverage.ts';

export default function setup(): () => void {
  // Workers are started after global setup and inherit this process's environment.
  const dir = mkdtempSync(join(tmpdir(), 'resellbox-contract-'));
  const previous = process.env[CONTRACT_DIR_ENV];
  process.env[CONTRACT_DIR_ENV] = dir;
  return () => {
    try {
      if (process.env.CONTRACT_COVERAGE !== '1') return;
      const routed = routedOperations();
      if (routed.undocumented.length) console.warn(`Openprovider routes that are no operation of the spec (not covered by the contract):\n  ${routed.undocumented.join('\n  ')}`);
      const failure = coverageFailure(readValidated(dir), routed);
      if (failure) {
        process.exitCode = 1;
        throw new Error(failure);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      if (previous === undefined) delete process.env[CONTRACT_DIR_ENV];
      else process.env[CONTRACT_DIR_ENV] = previous;
    }
  };
}
