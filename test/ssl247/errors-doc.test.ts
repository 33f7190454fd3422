// docs/ssl247-errors.md lists exactly the SSL247 error table, and the face answers each row as listed.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { SSL247_ERRORS } from '../../src/adapters/ssl247/errors.ts';
import { ERROR_CODES } from '../../src/core/errors.ts';

describe('SSL247 error table', () => {
  it('docs/ssl247-errors.md has one row per core error code with the table\'s HTTP status and Code', () => {
    const doc = readFileSync(new URL('../../docs/ssl247-errors.md', import.meta.url), 'utf8');
    const rows = Object.fromEntries([...doc.matchAll(/^\| `([a-z_.]+)` \| (\d{3}) \| `"(\d{3})"` \|$/gm)].map((m) => [m[1], { http: Number(m[2]), code: m[3] }]));
    expect(rows).toEqual(Object.fromEntries(ERROR_CODES.map((c) => [c, SSL247_ERRORS[c]])));
  });

  it('every row is an error status and Code is that status as a string', () => {
    for (const c of ERROR_CODES) {
      expect(SSL247_ERRORS[c].http, c).toBeGreaterThanOrEqual(400);
      expect(SSL247_ERRORS[c].code, c).toBe(String(SSL247_ERRORS[c].http));
    }
  });
});
