import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OutageTracker, outageKey } from './outage-tracker.ts';

const t0 = Date.parse('2026-11-23T08:00:00Z');
const span = (fromMin: number, toMin: number) => ({ from: new Date(t0 + fromMin * 60_000), to: new Date(t0 + toMin * 60_000) });

test('a failing run grows across cycles and ends at the first success', () => {
  const o = new OutageTracker();
  const k = outageKey.system('lab-tld');
  assert.equal(o.observe(k, span(0, 0.5), true), 0.5);
  assert.equal(o.observe(k, span(1, 1.5), true), 1.5);
  assert.equal(o.observe(k, span(61, 61.5), true), 61.5);
  assert.equal(o.failingSince(k)?.toISOString(), '2026-11-23T08:00:00.000Z');
  assert.equal(o.observe(k, span(62, 62.5), false), 0);
  assert.equal(o.minutes(k), 0);
  assert.equal(o.observe(k, span(63, 64), true), 1);
});

test('keys are independent; state survives snapshot/restore', () => {
  const o = new OutageTracker();
  o.observe('a', span(0, 1), true);
  o.observe('b', span(0, 1), false);
  const copy = new OutageTracker();
  copy.restore(JSON.parse(JSON.stringify(o.snapshotState())));
  assert.equal(copy.observe('a', span(10, 11), true), 11);
  assert.equal(copy.minutes('b'), 0);
  assert.throws(() => copy.restore({ v: 2 } as never));
});

test('a gap longer than maxGapMs restarts the run', () => {
  const o = new OutageTracker({ maxGapMs: 5 * 60_000 });
  o.observe('a', span(0, 1), true);
  assert.equal(o.observe('a', span(3, 4), true), 4);
  assert.equal(o.observe('a', span(30, 31), true), 1);
});
