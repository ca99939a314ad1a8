import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLastAttempt, retryDelayMs } from './backoff.ts';

const policy = { baseMs: 1000, maxMs: 60_000, maxAttempts: 5 };

test('delay doubles per attempt, between half and all of the nominal delay', () => {
  assert.deepEqual([1, 2, 3, 4].map((a) => retryDelayMs(a, policy, () => 0)), [500, 1000, 2000, 4000]);
  assert.deepEqual([1, 2, 3, 4].map((a) => retryDelayMs(a, policy, () => 0.999999)), [1000, 2000, 4000, 8000]);
});

test('delay is capped by maxMs, even for huge attempt counts', () => {
  assert.equal(retryDelayMs(30, policy, () => 0.999999), 60_000);
  assert.equal(retryDelayMs(10_000, policy, () => 0), 30_000);
});

test("a receiver's Retry-After lengthens the delay but not beyond maxMs", () => {
  assert.equal(retryDelayMs(1, policy, () => 0, 20_000), 20_000);
  assert.equal(retryDelayMs(1, policy, () => 0, 100), 500, 'shorter Retry-After does not shorten backoff');
  assert.equal(retryDelayMs(1, policy, () => 0, 10 * 60_000), 60_000);
});

test('the last attempt is the maxAttempts-th', () => {
  assert.equal(isLastAttempt(4, policy), false);
  assert.equal(isLastAttempt(5, policy), true);
});
