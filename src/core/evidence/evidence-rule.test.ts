import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalQuantile, wilsonBounds } from './wilson.ts';
import { compareInterval, decide, FAILS, HOLDS, readEvidence, UNDETERMINED } from './evidence-rule.ts';

const near = (got: number, want: number, tol: number, what: string) =>
  assert.ok(Math.abs(got - want) <= tol, `${what}: ${got} is not within ${tol} of ${want}`);

test('normal quantiles match the tables', () => {
  near(normalQuantile(0.95), 1.6448536269514722, 1e-8, 'z 95 %');
  near(normalQuantile(0.975), 1.959963984540054, 1e-8, 'z 97.5 %');
  near(normalQuantile(0.99), 2.3263478740408408, 1e-8, 'z 99 %');
  near(normalQuantile(0.001), -3.090232306167813, 1e-8, 'z 0.1 %');
  assert.equal(normalQuantile(0.5), 0);
  assert.throws(() => normalQuantile(1), RangeError);
});

test('Wilson bounds against known values', () => {
  // 10 of 100 at one-sided 97.5 % = the two-sided 95 % Wilson interval [0.0552, 0.1744] (Newcombe 1998).
  const b = wilsonBounds(10, 100, 0.975);
  near(b.lower, 0.05523, 5e-5, 'lower 10/100');
  near(b.upper, 0.17437, 5e-5, 'upper 10/100');
  // 0 errors: lower 0, upper z²/(n+z²) ("rule of three" neighbourhood).
  const z2 = 1.6448536269514722 ** 2;
  const zero = wilsonBounds(0, 1000, 0.95);
  assert.equal(zero.lower, 0);
  near(zero.upper, z2 / (1000 + z2), 1e-9, 'upper 0/1000');
  // all wrong: upper 1, lower n/(n+z²).
  const all = wilsonBounds(50, 50, 0.95);
  assert.equal(all.upper, 1);
  near(all.lower, 50 / (50 + z2), 1e-9, 'lower 50/50');
  assert.deepEqual(wilsonBounds(0, 0, 0.95), { lower: 0, upper: 1 }, 'nothing checked: nothing known');
  assert.throws(() => wilsonBounds(1, 10, 1), RangeError);
  assert.throws(() => wilsonBounds(11, 10, 0.95), RangeError);
});

test('a higher confidence widens the bounds', () => {
  const b95 = wilsonBounds(5, 2500, 0.95);
  const b99 = wilsonBounds(5, 2500, 0.99);
  assert.ok(b99.lower < b95.lower && b99.upper > b95.upper);
});

test('one wrong record among 2,500 is not above 0.01 %; two are (the sample cannot come from ≤ 0.01 % at 95 %)', () => {
  assert.equal(decide({ checked: 2500, errors: 1, census: false }, 0.0001), 'undetermined');
  assert.equal(decide({ checked: 2500, errors: 2, census: false }, 0.0001), 'above');
  assert.equal(decide({ checked: 2500, errors: 0, census: false }, 0.0001), 'undetermined', '2,500 clean records cannot rule out 0.01 %');
});

test('not-above boundary: the upper bound at or below the threshold (0 errors need 27,053 checks against 0.01 %)', () => {
  assert.equal(decide({ checked: 27052, errors: 0, census: false }, 0.0001), 'undetermined');
  assert.equal(decide({ checked: 27053, errors: 0, census: false }, 0.0001), 'not-above');
  // Upper bound exactly equal to the threshold: not above (the mirror of the strict "above").
  assert.equal(compareInterval(0.00002, 0.0001, { gt: 0.0001 }), FAILS);
});

test('above boundary: the lower bound strictly above the threshold', () => {
  assert.equal(compareInterval(0.0001, 0.0003, { gt: 0.0001 }), UNDETERMINED, 'lower bound equal: not yet above');
  assert.equal(compareInterval(0.00010000001, 0.0003, { gt: 0.0001 }), HOLDS);
  // 20 in 10,000 (0.2 %) is above 0.1 % at 95 %; 15 in 10,000 is not yet.
  assert.equal(decide({ checked: 10000, errors: 20, census: false }, 0.001), 'above');
  assert.equal(decide({ checked: 10000, errors: 15, census: false }, 0.001), 'undetermined');
});

test('a census is exact and strict as the table: exactly 0.1 % is not over 0.1 %', () => {
  assert.equal(decide({ checked: 10000, errors: 11, census: true }, 0.001), 'above');
  assert.equal(decide({ checked: 10000, errors: 10, census: true }, 0.001), 'not-above');
  assert.equal(decide({ checked: 10000, errors: 2, census: true }, 0.0001), 'above');
  assert.equal(decide({ checked: 10000, errors: 1, census: true }, 0.0001), 'not-above');
  assert.equal(decide({ checked: 0, errors: 0, census: true }, 0.0001), 'undetermined', 'an empty census says nothing');
  const r = readEvidence({ checked: 10000, errors: 11, census: true });
  assert.equal(r.lower, r.upper);
});

test('interval comparisons: every operator, both ends', () => {
  assert.equal(compareInterval(0.2, 0.4, { lt: 0.5 }), HOLDS);
  assert.equal(compareInterval(0.4, 0.6, { lt: 0.5 }), UNDETERMINED);
  assert.equal(compareInterval(0.5, 0.6, { lt: 0.5 }), FAILS);
  assert.equal(compareInterval(0.5, 0.6, { lte: 0.5 }), UNDETERMINED);
  assert.equal(compareInterval(0.5, 0.6, { gte: 0.5 }), HOLDS);
  assert.equal(compareInterval(0.1, 0.9, { gt: 0.3, lt: 0.4 }), UNDETERMINED, 'the condition lies inside the interval');
  assert.equal(compareInterval(0.5, 0.5, { eq: 0.5 }), HOLDS);
  assert.equal(compareInterval(0.4, 0.6, { eq: 0.5 }), UNDETERMINED);
  assert.equal(compareInterval(0.6, 0.7, { eq: 0.5 }), FAILS);
  assert.equal(compareInterval(0.1, 0.2, { gt: 0.5, lt: 0.4 }), FAILS, 'an empty condition never holds');
});
