// scripts/setup-packages.sh (called by scripts/setup.sh) with a stand-in apt-get: a required package
// that cannot be installed fails setup with exit 1 naming it; a failed `apt-get update` is shown, not
// swallowed; nothing is done when everything is installed. Never touches the machine's packages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../scripts/setup-packages.sh');
const ABSENT = 'dnswarden-no-such-package';

/** A fake apt-get that logs its arguments, exits with `updateExit` on update and `installExit` on install. */
function fakeApt(t: { after: (fn: () => void) => void }, updateExit: number, installExit: number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'dw-setup-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const log = path.join(dir, 'calls.log');
  const apt = path.join(dir, 'apt-get');
  writeFileSync(apt, [
    '#!/bin/sh', `echo "$*" >> ${log}`,
    `case "$1" in update) echo "Temporary failure resolving deb.debian.org" >&2; exit ${updateExit};;`,
    `install) echo "E: Unable to locate package ${ABSENT}" >&2; exit ${installExit};; esac`, '',
  ].join('\n'));
  chmodSync(apt, 0o755);
  const policy = path.join(dir, 'policy-rc.d');
  const run = (packages: string) => {
    const r = spawnSync('bash', [SCRIPT], {
      encoding: 'utf8', env: { ...process.env, DW_SETUP_PACKAGES: packages, DW_APT_GET: apt, DW_POLICY_RC_D: policy },
    });
    return { code: r.status, stderr: r.stderr, calls: existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [] };
  };
  return { run, policy };
}

test('everything installed: nothing to do, apt-get never called (idempotent)', (t) => {
  const apt = fakeApt(t, 0, 0);
  const r = apt.run('bash coreutils');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.calls, []);
});

test('a required package apt-get cannot install: exit 1 naming it; only the missing ones are asked for', (t) => {
  const apt = fakeApt(t, 0, 100);
  const r = apt.run(`bash ${ABSENT}`);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, new RegExp(`setup: FAILED: required Debian packages not installed: ${ABSENT} \\(apt-get install exit 100\\)`));
  assert.equal(r.calls.length, 2, r.calls.join(' | '));
  assert.match(r.calls[1], new RegExp(`^install .* ${ABSENT}$`));
  assert.doesNotMatch(r.calls[1], /\bbash\b/);
  assert.equal(existsSync(apt.policy), false, 'the no-service-start policy is removed again');
});

test('apt-get update fails: shown with its output; an install that leaves the package missing still fails', (t) => {
  const apt = fakeApt(t, 1, 0);
  const r = apt.run(ABSENT);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /warning: apt-get update failed/);
  assert.match(r.stderr, /apt-get update: Temporary failure resolving deb\.debian\.org/);
  assert.match(r.stderr, new RegExp(`not installed: ${ABSENT} \\(apt-get install exit 0\\)`));
});
