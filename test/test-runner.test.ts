// The test command cannot lie: scripts/run-tests.ts run on fixture files (test/fixtures/runner/, not
// matched by the suite's globs). A test skipped because a peer is missing fails the run in CI, and the
// output names the test and the peer; outside CI it passes but the skip count is the last line; a
// failing test fails the run; DW_FAR_TZ=1 runs the files again under the far time zones and with the
// clock 12 h ahead. And one
// real file with its peer made absent (DNSWARDEN_PG_BIN pointing nowhere) fails in CI, naming it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAR_TIME_ZONES, SHIFTED_CLOCK, ciMode } from '../scripts/test-plan.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixture = (name: string): string => `test/fixtures/runner/${name}.fixture.ts`;

function runTests(files: string[], env: Record<string, string | undefined>): { code: number | null; out: string; lastLine: string } {
  const base = { ...process.env };
  delete base.NODE_TEST_CONTEXT; // we run inside node --test: the child must be a runner of its own
  delete base.CI;
  delete base.DW_FAR_TZ;
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/run-tests.ts'), ...files], {
    cwd: ROOT, env: { ...base, ...env }, encoding: 'utf8', timeout: 120_000,
  });
  const out = `${r.stdout}${r.stderr}`;
  const lines = r.stdout.trimEnd().split('\n');
  return { code: r.status, out, lastLine: lines[lines.length - 1] };
}

test('CI=true: a test skipped for a missing peer fails the run, naming the test and the peer', () => {
  const r = runTests([fixture('peer-missing')], { CI: 'true' });
  assert.equal(r.code, 1, r.out);
  assert.match(r.out, /SKIPPED test "needs a peer that is not installed" at test\/fixtures\/runner\/peer-missing\.fixture\.ts:\d+ — peer missing: dnswarden-absent-peer-binary/);
  assert.match(r.out, /^ℹ skipped 1$/m, "node's own summary is still printed");
  assert.equal(r.lastLine, 'run-tests: 1 skipped (CI: skips fail the run)');
});

test('CI=true: a real test file whose peer is absent (PostgreSQL looked for where it is not) fails the run naming it', () => {
  const r = runTests(['test/store-postgres.test.ts'], { CI: 'true', DNSWARDEN_PG_BIN: '/nonexistent/postgresql/bin' });
  assert.equal(r.code, 1, r.out);
  // In CI nothing skips (test/support/peers.ts): a test named after the missing peer fails, and the
  // tests that need it run and fail too.
  assert.match(r.out, /✖ peer installed: peer missing: PostgreSQL server binaries/);
  assert.match(r.out, /Debian package "postgresql"/);
  assert.match(r.lastLine, /^run-tests: 0 skipped \(CI: skips fail the run\)$/);
});

test('outside CI the same run passes, and the skip count is still the last line', () => {
  const r = runTests([fixture('peer-missing')], {});
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /peer missing: dnswarden-absent-peer-binary/);
  assert.equal(r.lastLine, 'run-tests: 1 skipped');
});

test('CI=true with nothing skipped passes; a failing test fails the run in and out of CI', () => {
  const ok = runTests([fixture('all-run')], { CI: 'true' });
  assert.equal(ok.code, 0, ok.out);
  assert.equal(ok.lastLine, 'run-tests: 0 skipped (CI: skips fail the run)');
  for (const ci of ['true', undefined]) {
    const failed = runTests([fixture('fails'), fixture('all-run')], { CI: ci });
    assert.notEqual(failed.code, 0, failed.out);
    assert.match(failed.out, /^ℹ fail 1$/m);
    assert.match(failed.out, /run-tests: FAIL the given files/);
  }
});

test('DW_FAR_TZ=1 runs the files once more under each far time zone, then with the clock 12 h ahead', () => {
  const startedAt = Date.now();
  const r = runTests([fixture('all-run')], { DW_FAR_TZ: '1' });
  const endedAt = Date.now();
  assert.equal(r.code, 0, r.out);
  for (const tz of FAR_TIME_ZONES) {
    assert.match(r.out, new RegExp(`run-tests: ok   date-sensitive files under TZ=${tz}`));
    assert.match(r.out, new RegExp(`fixture time zone: ${tz}`), 'the test process really runs in that zone');
  }
  assert.match(r.out, new RegExp(`run-tests: ok   date-sensitive files under TZ=${SHIFTED_CLOCK.tz}, clock 12 h ahead`));
  assert.equal(r.out.match(/^ℹ pass 1$/gm)?.length, 2 + FAR_TIME_ZONES.length);
  // The fixture's clock: real in the first passes, 12 h ahead in the last (compared with this process's clock).
  const clocks = [...r.out.matchAll(/fixture clock: (\d+)/g)].map((m) => Number(m[1]));
  assert.equal(clocks.length, 2 + FAR_TIME_ZONES.length);
  for (const c of clocks.slice(0, -1)) assert.ok(c >= startedAt && c <= endedAt, `${c} is the real clock`);
  const shifted = clocks[clocks.length - 1];
  assert.ok(shifted >= startedAt + SHIFTED_CLOCK.shiftMs && shifted <= endedAt + SHIFTED_CLOCK.shiftMs, `${shifted} is 12 h ahead`);
});

test('ciMode: CI is on for any value but empty, 0 and false', () => {
  assert.equal(ciMode({ CI: 'true' }), true);
  assert.equal(ciMode({ CI: '1' }), true);
  assert.equal(ciMode({ CI: 'false' }), false);
  assert.equal(ciMode({ CI: '0' }), false);
  assert.equal(ciMode({}), false);
});
