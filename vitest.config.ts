import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Openprovider contract coverage across workers (test/contract/global-setup.ts; enforced when CONTRACT_COVERAGE=1).
    globalSetup: ['test/contract/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two cores: keep the worker count small so the PostgreSQL run stays inside CI's time.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
