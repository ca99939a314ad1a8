// The whole test suite: type-check, then every unit test (src/**/*.test.ts) and every
// cross-module / real-server test (test/**/*.test.ts) with Node's own test runner.
// Extra arguments are passed to `node --test` (e.g. a file path to run just that).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const extra = process.argv.slice(2);

function run(cmd: string, args: string[]): number {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (r.error) { console.error(`run-tests: ${cmd}: ${r.error.message}`); return 1; }
  return r.status ?? 1;
}

if (extra.length === 0) {
  console.error('run-tests: type-checking (tsc --noEmit)');
  const tsc = run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', '.']);
  if (tsc !== 0) { console.error('run-tests: type errors, see above'); process.exit(tsc); }
}

const files = extra.length > 0 ? extra : ['src/**/*.test.ts', 'test/**/*.test.ts'];
// Two cores on the reference machines; real-server tests use distinct loopback addresses/ports.
const code = run(process.execPath, ['--test', '--test-concurrency=2', '--test-timeout=600000', ...files]);
process.exit(code);
