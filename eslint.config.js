// Lint, including the import rules of the house (docs/adr/0003-import-rules.md):
// core imports nothing outside core; adapters import core only (never another adapter, never persistence);
// persistence, ca, dns-server and jobs import core; app wires everything.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const outside = (...dirs) => dirs.map((d) => ({ group: [`**/${d}/**`, `**/${d}`], message: `not allowed by the import rules (docs/adr/0003-import-rules.md)` }));
const ADAPTERS = ['openprovider', 'mrdomain', 'ssl247', 'sandbox', 'cli'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'coverage/**', 'bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...outside('persistence', 'adapters', 'app', 'ca', 'dns-server', 'jobs'),
          { group: ['fastify', 'fastify/*', '@fastify/*', 'kysely', 'pg', 'node:sqlite', 'dns-packet', 'nodemailer'], message: 'the core knows no transport, SQL or wire format' },
        ],
      }],
    },
  },
  ...ADAPTERS.map((name) => ({
    files: [`src/adapters/${name}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...outside('persistence', 'app', 'ca', 'dns-server', 'jobs'),
          ...ADAPTERS.filter((other) => other !== name).map((other) => ({ group: [`**/adapters/${other}/**`, `../${other}/**`, `../${other}`], message: 'an adapter never imports another adapter' })),
          { group: ['kysely', 'pg', 'node:sqlite'], message: 'adapters know no SQL' },
        ],
      }],
    },
  })),
  {
    files: ['src/adapters/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...outside('persistence', 'app', 'ca', 'dns-server', 'jobs', 'openprovider', 'mrdomain', 'ssl247', 'sandbox', 'cli')] }] },
  },
  {
    files: ['src/persistence/**/*.ts', 'src/ca/**/*.ts', 'src/dns-server/**/*.ts', 'src/jobs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: outside('adapters', 'app') }] },
  },
);
