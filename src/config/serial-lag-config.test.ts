// check.serialLagTolerance: how long a node may lag behind the truth's serial before its differences
// count as data errors (default 15m).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigText } from './load-config.ts';

const load = (check = '') => loadConfigText(`organizations:
  - { id: reg, role: registry }
systems:
  - { id: tld, org: reg, kind: tld, zone: lab, nodes: [ { id: a, address: 127.0.10.1 } ]${check} }
`, '/cfg/c.yaml', { fileExists: () => true });

test('default 15 minutes; a given duration is read', () => {
  assert.equal(load().config?.systems[0].serialLagToleranceMs, 15 * 60_000);
  const r = load(', check: { serialLagTolerance: 2m }');
  assert.deepEqual(r.errors, []);
  assert.equal(r.config?.systems[0].serialLagToleranceMs, 120_000);
});

test('a malformed duration is an error at its place', () => {
  const r = load(', check: { serialLagTolerance: "15 minutes" }');
  assert.equal(r.errors.length, 1);
  assert.equal(r.errors[0].path, 'systems[0].check.serialLagTolerance');
  assert.match(r.errors[0].message, /duration/);
  assert.equal(r.errors[0].line, 4);
});
