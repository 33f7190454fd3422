// The MrDomain error table: its texts are the seed's, every code it uses has a text, and docs/mrdomain-errors.md
// lists every core ErrorCode with the errorCode the face answers.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, ERROR_TABLE } from '../../src/adapters/mrdomain/errors.ts';
import { ERROR_CODES } from '../../src/core/errors.ts';

const seed = readFileSync(new URL('../../../shared/seeds/003_674a36d8d2989297.txt', import.meta.url), 'utf8').split('\n');
const start = seed.findIndex((l) => l.trim() === '10.1.1 Error codes');
const end = seed.findIndex((l, i) => i > start && l.trim().startsWith('10.1.2'));
const SEED_CODES = new Map(
  seed
    .slice(start, end)
    .map((l) => /^\s*(\d+) (.+)$/.exec(l))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => [Number(m[1]), m[2].trim()] as const),
);

describe('MrDomain error codes', () => {
  it('knows the 66 codes of the seed table (L7785-7855) with the seed\'s texts; 102 uses the example\'s "Object action invalid"', () => {
    expect(SEED_CODES.size).toBe(66);
    for (const [code, text] of SEED_CODES) {
      if (code === 0) continue;
      expect(ERROR_MESSAGES[code], String(code)).toBe(code === 102 ? 'Object action invalid' : text);
    }
    expect(Object.keys(ERROR_MESSAGES).map(Number).sort((a, b) => a - b)).toEqual([...SEED_CODES.keys()].sort((a, b) => a - b));
  });

  it('maps every core ErrorCode to a seed code', () => {
    for (const code of ERROR_CODES) {
      const row: { code: number; ifMissing?: number } = ERROR_TABLE[code];
      expect(SEED_CODES.has(row.code), code).toBe(true);
      if (row.ifMissing) expect(SEED_CODES.has(row.ifMissing), code).toBe(true);
    }
  });

  it('keeps docs/mrdomain-errors.md in step with the table: one row per core ErrorCode with its errorCode', () => {
    const doc = readFileSync(new URL('../../docs/mrdomain-errors.md', import.meta.url), 'utf8');
    const rows = new Map([...doc.matchAll(/^\| `([a-z_.]+)` \| (\d+)/gm)].map((m) => [m[1], Number(m[2])]));
    expect([...rows.keys()].sort()).toEqual([...ERROR_CODES].sort());
    for (const code of ERROR_CODES) expect(rows.get(code), code).toBe(ERROR_TABLE[code].code);
  });
});
