import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SerialLagTracker } from './serial-lag-tracker.ts';

const at = (min: number) => new Date(Date.UTC(2026, 11, 4, 3, min));
const cycle = (min: number) => ({ from: at(min), to: at(min + 1) });

test('a lag runs from its first lagging cycle to the latest, and a current cycle ends it', () => {
  const lags = new SerialLagTracker();
  assert.equal(lags.observe('s', 'a', cycle(0), true), 60_000);
  assert.equal(lags.observe('s', 'a', cycle(10), true), 11 * 60_000);
  assert.equal(lags.observe('s', 'b', cycle(10), true), 60_000, 'nodes are tracked apart');
  assert.equal(lags.observe('s', 'a', cycle(10), null), 11 * 60_000, 'a cycle without a serial neither ends nor extends it');
  assert.equal(lags.observe('s', 'a', cycle(11), false), 0);
  assert.equal(lags.lagMs('s', 'a'), 0);
  assert.equal(lags.observe('s', 'a', cycle(20), true), 60_000, 'a new lag starts afresh');
});

test('survives a round trip through JSON', () => {
  const lags = new SerialLagTracker();
  lags.observe('s', 'a', cycle(0), true);
  lags.observe('s', 'a', cycle(4), true);
  const back = SerialLagTracker.fromJSON(JSON.parse(JSON.stringify(lags)));
  assert.equal(back.lagMs('s', 'a'), 5 * 60_000);
  assert.equal(back.observe('s', 'a', cycle(5), true), 6 * 60_000);
});
