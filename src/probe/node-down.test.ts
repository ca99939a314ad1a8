// NodeDownCheck: the head is the first NODE_DOWN_PROBES queries; a node that answers none is down.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NODE_DOWN_PROBES, NodeDownCheck } from './node-down.ts';

const plan = (n: number) => Array.from({ length: n }, (_, i) => i);

test('the plan splits into the first NODE_DOWN_PROBES queries and the rest', () => {
  const check = new NodeDownCheck(plan(40));
  assert.deepEqual(check.head, plan(NODE_DOWN_PROBES));
  assert.equal(check.rest.length, 40 - NODE_DOWN_PROBES);
  assert.equal(check.rest[0], NODE_DOWN_PROBES);
});

test('no answer to a full head: down', () => {
  const check = new NodeDownCheck(plan(40));
  for (const _ of check.head) check.saw({ outcome: 'timeout' });
  assert.equal(check.down, true);
});

test('one answer, whatever its RCODE, keeps the node up', () => {
  const check = new NodeDownCheck(plan(40));
  check.saw({ outcome: 'timeout' });
  check.saw({ outcome: 'answer' });
  check.saw({ outcome: 'network-error' });
  assert.equal(check.down, false);
});

test('a plan shorter than the head never makes a node down, and has no rest', () => {
  const check = new NodeDownCheck(plan(NODE_DOWN_PROBES - 1));
  check.saw({ outcome: 'timeout' });
  assert.equal(check.rest.length, 0);
  assert.equal(check.down, false);
});
