import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, parseDuration, tryParseDuration } from './duration.ts';

test('parseDuration reads every unit', () => {
  assert.equal(parseDuration('10s'), 10_000);
  assert.equal(parseDuration('500ms'), 500);
  assert.equal(parseDuration('5m'), 300_000);
  assert.equal(parseDuration('4h'), 14_400_000);
  assert.equal(parseDuration('1d'), 86_400_000);
  assert.equal(parseDuration('0s'), 0);
});

test('parseDuration takes fractions and rounds to whole milliseconds', () => {
  assert.equal(parseDuration('1.5s'), 1500);
  assert.equal(parseDuration('0.5m'), 30_000);
  assert.equal(parseDuration('1.0004s'), 1000);
});

test('parseDuration refuses what is not a number and a unit', () => {
  for (const bad of ['', '10', 's', '10 s', '-1s', '10sec', '1e3ms', '1,5s', '10S', '.5s']) {
    assert.throws(() => parseDuration(bad), /invalid duration/, bad);
    assert.equal(tryParseDuration(bad), undefined, bad);
  }
  assert.equal(tryParseDuration(10), undefined);
});

test('formatDuration picks the largest exact unit', () => {
  assert.equal(formatDuration(10_000), '10s');
  assert.equal(formatDuration(90_000), '90s');
  assert.equal(formatDuration(120_000), '2m');
  assert.equal(formatDuration(86_400_000), '1d');
  assert.equal(formatDuration(1500), '1500ms');
  assert.equal(formatDuration(0), '0ms');
  for (const ms of [1, 999, 5000, 61_000, 3_600_000]) assert.equal(parseDuration(formatDuration(ms)), ms);
});
