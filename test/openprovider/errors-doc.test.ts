// docs/openprovider-errors.md lists every row of the Openprovider error table exactly as the code has it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OP_ERRORS } from '../../src/adapters/openprovider/errors.ts';
import { ERROR_CODES } from '../../src/core/errors.ts';

const doc = readFileSync(new URL('../../docs/openprovider-errors.md', import.meta.url), 'utf8');

describe('docs/openprovider-errors.md', () => {
  it('has one row per core error code with the HTTP status and Openprovider code of OP_ERRORS', () => {
    const rows = new Map([...doc.matchAll(/^\| `([a-z0-9_.]+)` \| (\d+) \| (\d+) \|$/gm)].map((m) => [m[1], { http: Number(m[2]), code: Number(m[3]) }]));
    for (const code of ERROR_CODES) expect(rows.get(code), code).toEqual(OP_ERRORS[code]);
    expect([...rows.keys()].sort()).toEqual([...ERROR_CODES].sort());
  });

  it('answers only 196 for credential failures and never 0 or 2xx for an error', () => {
    for (const c of ['auth.required', 'auth.failed', 'auth.token_invalid'] as const) expect(OP_ERRORS[c]).toEqual({ code: 196, http: 401 });
    for (const [k, v] of Object.entries(OP_ERRORS)) {
      expect(v.code, k).not.toBe(0);
      expect(v.http >= 400, k).toBe(true);
    }
  });
});
