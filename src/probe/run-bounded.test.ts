import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCallbacksBounded } from './run-bounded.ts';
import { sameRRset } from './data-compare.ts';

test('runCallbacksBounded keeps at most `limit` in flight and finishes every item', async () => {
  const items = Array.from({ length: 1000 }, (_, i) => i);
  let active = 0, peak = 0;
  const seen: number[] = [];
  await runCallbacksBounded(items, 7, (item, done) => {
    active++;
    peak = Math.max(peak, active);
    setImmediate(() => { active--; seen.push(item); done(); });
  });
  assert.equal(peak, 7);
  assert.deepEqual(seen.sort((a, b) => a - b), items);
});

test('runCallbacksBounded survives 200,000 synchronous completions without growing the stack', async () => {
  let n = 0;
  await runCallbacksBounded(new Array(200_000).fill(0), 3, (_item, done) => { n++; done(); });
  assert.equal(n, 200_000);
  await runCallbacksBounded([], 3, () => assert.fail('no items'));
});

test('sameRRset: equal distinct sets in any order; duplicates, differences and size go to the general path', () => {
  assert.equal(sameRRset(['a'], ['a']), true);
  assert.equal(sameRRset(['a', 'b', 'c'], ['c', 'a', 'b']), true);
  assert.equal(sameRRset(['a', 'b'], ['a', 'a']), false);
  assert.equal(sameRRset(['a', 'a'], ['a', 'a']), false); // duplicates in the truth: let compareRRset count
  assert.equal(sameRRset(['a'], ['b']), false);
  assert.equal(sameRRset(['a'], []), false);
  assert.equal(sameRRset([], []), true);
});
