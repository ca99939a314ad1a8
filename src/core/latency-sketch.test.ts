import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LatencySketch, PROMETHEUS_BOUNDS_MS } from './latency-sketch.ts';
import { seededRandom as mulberry32 } from './seeded-random.ts';


const exactQuantile = (sorted: number[], q: number) => sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1];

test('quantiles within 1 % of the exact nearest-rank quantiles on random data', () => {
  const rng = mulberry32(42);
  for (const shape of ['uniform', 'lognormal', 'bimodal'] as const) {
    const values: number[] = [];
    const sketch = new LatencySketch();
    for (let i = 0; i < 20_000; i++) {
      let v: number;
      if (shape === 'uniform') v = 0.05 + rng() * 9000;
      else if (shape === 'lognormal') v = Math.exp(Math.log(3) + 1.5 * Math.sqrt(-2 * Math.log(rng() || 1e-12)) * Math.cos(2 * Math.PI * rng()));
      else v = rng() < 0.9 ? 1 + rng() : 5000 + rng() * 2000;
      v = Math.min(100_000, Math.max(0.02, v));
      values.push(v);
      sketch.add(v);
    }
    values.sort((a, b) => a - b);
    for (const q of [0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1]) {
      const exact = exactQuantile(values, q);
      const est = sketch.quantile(q);
      assert.ok(Math.abs(est - exact) <= 0.01 * exact + 1e-9, `${shape} q=${q}: ${est} vs ${exact}`);
    }
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    assert.ok(Math.abs(sketch.mean - mean) < 1e-6 * mean);
    assert.equal(sketch.max, values[values.length - 1]);
    assert.equal(sketch.count, values.length);
  }
});

test('merge equals adding everything to one sketch; JSON round trip keeps it', () => {
  const rng = mulberry32(7);
  const a = new LatencySketch(), b = new LatencySketch(), all = new LatencySketch();
  for (let i = 0; i < 5000; i++) {
    const v = rng() * 200;
    (i % 3 === 0 ? a : b).add(v);
    all.add(v);
  }
  a.merge(b);
  assert.deepEqual(a.toJSON(), all.toJSON());
  const back = LatencySketch.fromJSON(JSON.parse(JSON.stringify(a)));
  assert.deepEqual(back.summary(), all.summary());
  assert.deepEqual(back.cumulativeCounts(), all.cumulativeCounts());
});

test('empty sketch: summary null, quantile NaN', () => {
  const s = new LatencySketch();
  assert.equal(s.summary(), null);
  assert.ok(Number.isNaN(s.quantile(0.5)));
});

test('cumulative counts at Prometheus bounds', () => {
  const s = new LatencySketch();
  for (const v of [0.5, 0.9, 3, 7, 7.5, 40, 20_000, 200_000]) s.add(v);
  const counts = s.cumulativeCounts();
  assert.equal(counts.length, PROMETHEUS_BOUNDS_MS.length);
  assert.deepEqual(counts, [2, 2, 3, 5, 5, 6, 6, 6, 6, 6, 6, 6, 6]);
  assert.equal(s.count, 8); // +Inf bucket is the count
  assert.equal(s.max, 200_000);
});

test('values outside the range are clamped but counted; negative and NaN are ignored', () => {
  const s = new LatencySketch();
  s.add(0.001); s.add(500_000); s.add(-1); s.add(NaN);
  assert.equal(s.count, 2);
  assert.equal(s.quantile(0), 0.001);
  assert.equal(s.quantile(1), 500_000);
});
