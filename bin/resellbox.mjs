#!/usr/bin/env node
// Launcher: Resellbox runs on Node 24 (type stripping, node:sqlite). npm puts the project's Node 24
// (devDependency `node`) first on the PATH of npm scripts; elsewhere we re-run ourselves with it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const major = Number(process.versions.node.split('.')[0]);
const flagged = process.execArgv.includes('--disable-warning=ExperimentalWarning');

if (major < 24 || !flagged) {
  const local = join(root, 'node_modules', 'node', 'bin', 'node');
  const node = major >= 24 ? process.execPath : existsSync(local) ? local : null;
  if (!node) {
    process.stderr.write('Resellbox needs Node 24: run `npm install` in the project first.\n');
    process.exit(1);
  }
  const child = spawn(node, ['--disable-warning=ExperimentalWarning', fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  const { main } = await import(join(root, 'src', 'app', 'main.ts'));
  await main(process.argv.slice(2));
}
