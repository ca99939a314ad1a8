// The whole test suite: type-check, then every unit test (src/**/*.test.ts) and every cross-module /
// real-server test (test/**/*.test.ts) with Node's own test runner, then the date-sensitive files once
// more under each far time zone, and once with the clock 12 h ahead (scripts/test-plan.ts). Node's spec output and summary stay as they
// are; the runner then lists every skipped (or todo) test with its reason and prints the skip count
// last. With CI set (CI=true), a skipped test fails the run: exit 1, naming each one.
// Extra arguments are passed to `node --test` instead of the default files (e.g. a file path to run
// just that, without the type-check); DW_FAR_TZ=1 runs them under the far time zones and the shifted clock too.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { ALL_TESTS, DATE_SENSITIVE, FAR_TIME_ZONES, SHIFTED_CLOCK, ciMode } from './test-plan.ts';
import type { NotRun } from './test-skip-reporter.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const extra = process.argv.slice(2);
const ci = ciMode(process.env);
const say = (line: string): void => { process.stdout.write(`run-tests: ${line}\n`); };

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (r.error) { say(`${cmd}: ${r.error.message}`); return 1; }
  return r.status ?? 1;
}

if (extra.length === 0) {
  say('type-checking (tsc --noEmit)');
  const tsc = run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', '.']);
  if (tsc !== 0) { say('type errors, see above'); process.exit(tsc); }
}

interface Pass { label: string; files: string[]; tz?: string; shiftMs?: number }
const passes: Pass[] = extra.length > 0 ? [{ label: 'the given files', files: extra }] : [{ label: 'all tests', files: ALL_TESTS }];
if (extra.length === 0 || process.env.DW_FAR_TZ === '1') {
  const files = extra.length > 0 ? extra : DATE_SENSITIVE;
  for (const tz of FAR_TIME_ZONES) passes.push({ label: `date-sensitive files under TZ=${tz}`, files, tz });
  const { tz, shiftMs } = SHIFTED_CLOCK;
  passes.push({ label: `date-sensitive files under TZ=${tz}, clock ${shiftMs / 3_600_000} h ahead`, files, tz, shiftMs });
}
const clockShift = pathToFileURL(path.join(root, 'scripts/clock-shift.ts')).href;

const scratch = mkdtempSync(path.join(tmpdir(), 'dw-run-tests-'));
const reporter = pathToFileURL(path.join(root, 'scripts/test-skip-reporter.ts')).href;
const results: Array<{ pass: Pass; code: number; notRun: NotRun[] }> = [];
try {
  passes.forEach((pass, i) => {
    say(`pass ${i + 1}/${passes.length}: ${pass.label}`);
    const skipsFile = path.join(scratch, `pass-${i + 1}.jsonl`);
    const env: NodeJS.ProcessEnv = { ...process.env, ...(pass.tz ? { TZ: pass.tz } : {}) };
    if (pass.shiftMs) {
      env.DW_CLOCK_SHIFT_MS = String(pass.shiftMs);
      env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --import=${clockShift}`.trim();
    }
    // Two cores on the reference machines; real-server tests use distinct loopback addresses/ports.
    const code = run(process.execPath, [
      '--test', '--test-concurrency=2', '--test-timeout=600000',
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      `--test-reporter=${reporter}`, `--test-reporter-destination=${skipsFile}`,
      ...pass.files,
    ], env);
    results.push({ pass, code, notRun: readNotRun(skipsFile) });
  });
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

function readNotRun(file: string): NotRun[] {
  let text = '';
  try { text = readFileSync(file, 'utf8'); } catch { return []; }
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as NotRun);
}

// The same test skipped in several passes is one skipped test.
const notRun = new Map<string, NotRun & { passes: string[] }>();
for (const r of results) {
  for (const n of r.notRun) {
    const key = `${n.file}:${n.line}:${n.name}`;
    const seen = notRun.get(key);
    if (seen) seen.passes.push(r.pass.label);
    else notRun.set(key, { ...n, passes: [r.pass.label] });
  }
}
const failedPasses = results.filter((r) => r.code !== 0);
const skipped = [...notRun.values()];

process.stdout.write('\n');
for (const r of results) say(`${r.code === 0 ? 'ok  ' : 'FAIL'} ${r.pass.label} (exit ${r.code})`);
for (const n of skipped) {
  say(`${n.kind === 'skip' ? 'SKIPPED' : 'TODO'} ${n.suite ? 'suite' : 'test'} "${n.name}" at ${path.relative(root, n.file)}:${n.line} — ${n.reason}`);
}
if (ci && skipped.length > 0) say(`CI: ${skipped.length} test(s) did not run (skip/todo) — in CI every test must run; install the missing peers named above`);
const todos = skipped.filter((n) => n.kind === 'todo').length;
say(`${skipped.length - todos} skipped${todos ? `, ${todos} todo` : ''}${ci ? ' (CI: skips fail the run)' : ''}`);
process.exit(failedPasses.length > 0 ? failedPasses[0].code || 1 : ci && skipped.length > 0 ? 1 : 0);
