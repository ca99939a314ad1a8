import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gapLimitMs, OutageTracker, outageKey } from './outage-tracker.ts';

const t0 = Date.parse('2026-11-23T08:00:00Z');
const span = (fromMin: number, toMin: number) => ({ from: new Date(t0 + fromMin * 60_000), to: new Date(t0 + toMin * 60_000) });

test('a failing run grows across watched cycles and ends at the first success', () => {
  const o = new OutageTracker({ maxGapMs: 5 * 60_000 });
  const k = outageKey.system('lab-tld');
  assert.equal(o.observe(k, span(0, 0.5), true), 0.5, 'probe --once: the minutes of its one cycle');
  assert.equal(o.observe(k, span(1, 1.5), true), 1.5, 'the wait between cycles was watched');
  assert.equal(o.failingSince(k)?.toISOString(), '2026-11-23T08:00:00.000Z');
  assert.equal(o.observe(k, span(2, 2.5), false), 0);
  assert.equal(o.minutes(k), 0);
  assert.equal(o.observe(k, span(3, 4), true), 1, 'a new run');
});

test('a gap longer than the limit is unknown time: excluded, the run goes on', () => {
  const o = new OutageTracker({ maxGapMs: 5 * 60_000 });
  o.observe('a', span(0, 1), true);
  assert.equal(o.observe('a', span(3, 4), true), 4, '2 minutes apart: watched');
  assert.equal(o.followsGap('a', span(14, 15).from), true);
  assert.equal(o.observe('a', span(14, 15), true), 5, '10 minutes unmeasured: only the new cycle counts');
  assert.equal(o.failingSince('a')?.toISOString(), '2026-11-23T08:00:00.000Z', 'the run keeps its start');
  assert.equal(o.observe('a', span(16, 17), true), 7);
  assert.equal(o.observe('a', span(9, 10), true), 7, 'an older or repeated observation adds nothing');
});

test('the limit is exact: a gap of exactly maxGapMs still counts, one millisecond more does not', () => {
  const o = new OutageTracker({ maxGapMs: 60_000 });
  o.observe('a', span(0, 1), true);
  assert.equal(o.observe('a', span(2, 3), true), 3);
  const just = { from: new Date(t0 + 4 * 60_000 + 1), to: new Date(t0 + 5 * 60_000) };
  assert.equal(o.observe('a', just, true), 4, 'one millisecond over: only the cycle itself (59.999 s)');
  const exact = { from: new Date(t0 + 6 * 60_000), to: new Date(t0 + 7 * 60_000) };
  assert.equal(o.observe('a', exact, true), 6, 'exactly the limit: watched, 2 more minutes');
});

test('no limit by default; keys are independent; state survives snapshot/restore', () => {
  const o = new OutageTracker();
  o.observe('a', span(0, 1), true);
  o.observe('b', span(0, 1), false);
  assert.equal(o.observe('a', span(100, 101), true), 101);
  const copy = new OutageTracker({ maxGapMs: 60_000 });
  copy.restore(JSON.parse(JSON.stringify(o.snapshotState())));
  assert.equal(copy.observe('a', span(200, 201), true), 102, 'restored with measured time, the gap not added');
  assert.equal(copy.minutes('b'), 0);
  assert.throws(() => copy.restore({ v: 1 } as never));
});

test('gapLimitMs is 2 × interval + timeout', () => {
  assert.equal(gapLimitMs({ intervalMs: 10_000, timeoutMs: 10_000 }), 30_000);
});
