import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { errorsDoc } from '../../src/core/errors-doc.ts';

describe('error catalogue documentation', () => {
  it('docs/errors.md is in step with the catalogue in src/core/errors.ts (run `npm run docs:errors`)', () => {
    expect(readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8')).toBe(errorsDoc());
  });
});
