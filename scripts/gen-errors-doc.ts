// Regenerates docs/errors.md from the error catalogue (a test keeps them in step).
import { writeFileSync } from 'node:fs';
import { errorsDoc } from '../src/core/errors-doc.ts';

writeFileSync(new URL('../docs/errors.md', import.meta.url), errorsDoc());
console.log('docs/errors.md written');
