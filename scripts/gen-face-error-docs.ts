// Regenerates the table rows of docs/{openprovider,mrdomain,ssl247}-errors.md from each face's error table, keeping
// the prose around them. The face tests (test/*/errors-doc.test.ts) fail when a doc and its table drift apart.
import { readFileSync, writeFileSync } from 'node:fs';
import { ERROR_CATALOGUE, ERROR_CODES, type ErrorCode } from '../src/core/errors.ts';
import { OP_ERRORS } from '../src/adapters/openprovider/errors.ts';
import { ERROR_TABLE, ERROR_MESSAGES } from '../src/adapters/mrdomain/errors.ts';
import { SSL247_ERRORS } from '../src/adapters/ssl247/errors.ts';

function rewrite(file: string, row: (c: ErrorCode) => string): void {
  const url = new URL(`../docs/${file}`, import.meta.url);
  const lines = readFileSync(url, 'utf8').split('\n');
  const first = lines.findIndex((l) => l.startsWith('| `'));
  let last = first;
  while (last + 1 < lines.length && lines[last + 1].startsWith('| `')) last++;
  if (first < 0) throw new Error(`no table rows in docs/${file}`);
  lines.splice(first, last - first + 1, ...ERROR_CODES.map(row));
  writeFileSync(url, lines.join('\n'));
}

rewrite('openprovider-errors.md', (c) => `| \`${c}\` | ${OP_ERRORS[c].http} | ${OP_ERRORS[c].code} |`);
rewrite('ssl247-errors.md', (c) => `| \`${c}\` | ${SSL247_ERRORS[c].http} | \`"${SSL247_ERRORS[c].code}"\` |`);
rewrite('mrdomain-errors.md', (c) => {
  const r = ERROR_TABLE[c] as { code: number; ifMissing?: number };
  const code = r.ifMissing ? `${r.code} (${r.ifMissing} when the parameter is missing)` : String(r.code);
  const msg = r.ifMissing ? `${ERROR_MESSAGES[r.code]} / ${ERROR_MESSAGES[r.ifMissing]}` : ERROR_MESSAGES[r.code];
  return `| \`${c}\` | ${code} | ${msg} | ${ERROR_CATALOGUE[c]} |`;
});
console.log('docs/{openprovider,mrdomain,ssl247}-errors.md tables written');
