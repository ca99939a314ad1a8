import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkNode, wrongInSample } from './node-simulation.ts';
import { seededRandom } from '../seeded-random.ts';

test('samples are hypergeometric: mean n·K/N, bounded by K and n, exact for a census', () => {
  const rng = seededRandom(7);
  let sum = 0;
  const runs = 2000;
  for (let i = 0; i < runs; i += 1) {
    const x = wrongInSample(rng, 100_000, 500, 2000);
    assert.ok(x >= 0 && x <= 500);
    sum += x;
  }
  const mean = sum / runs;
  assert.ok(Math.abs(mean - 10) < 0.5, `mean ${mean}, expected 10 ± 0.5 (sd of the mean ≈ 0.07)`);
  let big = 0;
  for (let i = 0; i < runs; i += 1) big += wrongInSample(rng, 100_000, 60_000, 100);
  assert.ok(Math.abs(big / runs - 60) < 1, 'the symmetric side (K > n) has the same mean');
  assert.equal(wrongInSample(rng, 1000, 7, 1000), 7);
  assert.equal(wrongInSample(rng, 1000, 0, 500), 0);
});

test('a node check: records from RRsets (×1.25), capped at the zone, census when every record was checked', () => {
  const rng = seededRandom(1);
  assert.deepEqual({ ...checkNode(rng, { id: 'a', zoneRecords: 10_000, wrongRecords: 0 }, 2000), dataErrorRate: 0 },
    { dataChecked: 2500, dataErrors: 0, dataErrorRate: 0, dataCensus: false });
  const all = checkNode(rng, { id: 'a', zoneRecords: 10_000, wrongRecords: 11 }, 'all');
  assert.deepEqual([all.dataChecked, all.dataErrors, all.dataCensus], [10_000, 11, true]);
  assert.equal(checkNode(rng, { id: 'a', zoneRecords: 10_000, wrongRecords: 11 }, 8000).dataCensus, true, '10,000 records asked of 10,000');
});
