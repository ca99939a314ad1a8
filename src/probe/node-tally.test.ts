// NodeTally: exact latency counts at the boundary, lag and census bookkeeping, merging.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NodeTally } from './node-tally.ts';

const node = { id: 'a', address: '127.0.0.1', port: 53 };

test('latencyAbove counts answered queries strictly above each threshold; the sketch does not decide it', () => {
  const t = new NodeTally(node, [1000, 5000]);
  // 60 answers at 4,995–5,000 ms and 40 at 5,040 ms: the sketch's p50 is a bucket value above 5,000.
  for (let i = 0; i < 60; i++) t.recordQuery(4995 + (i % 6), null);
  for (let i = 0; i < 40; i++) t.recordQuery(5040, null);
  t.recordQuery(null, 'timeout');
  const m = t.toMeasurement();
  assert.deepEqual(m.latencyAbove, { 1000: 100, 5000: 40 });
  assert.equal(m.answered, 100);
  assert.ok(40 <= m.answered / 2, 'not more than half above 5 s');
  assert.equal(m.latencyMs!.p50, 5040, 'whereas the sketch reports p50 = 5,040 (issue 8): percentiles are bucket values');
  assert.equal(m.latencyMs!.max, 5040, 'max is exact');
  assert.equal(m.latencyMs!.mean, (60 * 4995 + 10 * (0 + 1 + 2 + 3 + 4 + 5) + 40 * 5040) / 100, 'mean is exact');
});

test('exactly 5,000 ms is not above 5 s', () => {
  const t = new NodeTally(node);
  t.recordQuery(5000, null);
  t.recordQuery(5000.001, null);
  assert.deepEqual(t.toMeasurement().latencyAbove, { 5000: 1 });
});

test('merge adds counts, keeps the latest serial and lag state, ANDs the census', () => {
  const a = new NodeTally(node);
  a.recordQuery(6000, null);
  a.soaSerial = 5; a.lagging = true; a.lagErrors = 3; a.dataCensus = true;
  const b = new NodeTally(node);
  b.recordQuery(10, null);
  b.soaSerial = 6; b.lagging = false; b.dataCensus = false;
  a.merge(b);
  const m = a.toMeasurement();
  assert.equal(m.soaSerial, 6);
  assert.equal(m.lagging, false);
  assert.equal(m.lagErrors, 3);
  assert.equal(m.dataCensus, false);
  assert.deepEqual(m.latencyAbove, { 5000: 1 });
});

test('recordLag counts differences apart from dataErrors', () => {
  const t = new NodeTally(node);
  assert.equal(t.recordLag('w.', 'A', ['192.0.2.1'], ['192.0.2.9']), 1);
  assert.equal(t.recordLag('w.', 'A', ['192.0.2.1'], ['192.0.2.1']), 0);
  assert.equal(t.lagErrors, 1);
  assert.equal(t.dataErrors, 0);
  assert.equal(t.dataChecked, 0);
  assert.equal(t.lagSamples[0].problem, 'different');
});
