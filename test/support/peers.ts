// Tests that need a peer (a Debian package: NSD, Knot, BIND, Unbound, PostgreSQL, Chromium, …) skip
// when it is missing on a developer's machine, naming it. In CI ($CI set, scripts/test-plan.ts) a missing
// peer is an install bug (scripts/setup-packages.sh), not a pass: nothing skips, the tests run and a
// test named after the missing peer fails first, so the failure says what to install.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ciMode } from '../../scripts/test-plan.ts';

const IN_CI = ciMode(process.env);

const failure = (reason: string): string =>
  `${reason} — in CI a missing peer fails the run (install it through scripts/setup-packages.sh)`;

/**
 * For a test's or describe's `skip` option: outside CI the reason (the tests skip, naming the peer);
 * in CI false, so they run, and a test that fails with the reason is added to the file.
 */
export function skipUnlessCi(reason: string | false): string | false {
  if (!reason || !IN_CI) return reason;
  test(`peer installed: ${reason}`, () => assert.fail(failure(reason)));
  return false;
}

/**
 * For a test that finds out inside: `if (missing && skipPeer(t, reason)) return;`. Outside CI it skips
 * the test and returns true; in CI it fails the test with the reason.
 */
export function skipPeer(t: { skip(message?: string): void }, reason: string): true {
  if (IN_CI) assert.fail(failure(reason));
  t.skip(reason);
  return true;
}
