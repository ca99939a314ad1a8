// Contract: measureOutage, recordGap, gapHistory (migration 7) — what lets outage minutes count
// measured time only across restarts, and the charts draw the time the platform did not measure.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { minute, withStore, type MakeStore } from './fixtures.ts';

export function measuredTimeContract(makeStore: MakeStore): void {
  it('measureOutage stores the measured time of an outage; an older measurement never replaces a newer one', () =>
    withStore(makeStore, async (store) => {
      const o = await store.openOutage({ systemId: 's', startedAt: minute(0) });
      assert.deepEqual([o.measuredMs, o.lastMeasuredAt], [0, null]);
      const m = await store.measureOutage(o.id, { measuredMs: 120_000, lastMeasuredAt: minute(2) });
      assert.deepEqual([m?.measuredMs, m?.lastMeasuredAt], [120_000, minute(2)]);
      const late = await store.measureOutage(o.id, { measuredMs: 60_000, lastMeasuredAt: minute(1) });
      assert.deepEqual([late?.measuredMs, late?.lastMeasuredAt], [120_000, minute(2)], 'a retried older write changes nothing');
      await store.measureOutage(o.id, { measuredMs: 180_000.4, lastMeasuredAt: '2026-11-23T16:03:00+08:00' });
      const [open] = await store.openOutages('s');
      assert.deepEqual([open.measuredMs, open.lastMeasuredAt], [180_000, minute(3)], 'whole ms; time normalised');
      assert.equal(await store.measureOutage(987654, { measuredMs: 1, lastMeasuredAt: minute(3) }), null);
      const closed = await store.closeOutage(o.id, minute(4));
      assert.equal(closed?.measuredMs, 180_000, 'closing keeps the measured time');
      assert.equal((await store.outageHistory('s', minute(0), minute(10)))[0].measuredMs, 180_000);
    }));

  it('recordGap is idempotent on (from, reason); gapHistory returns gaps overlapping [from, to), oldest first', () =>
    withStore(makeStore, async (store) => {
      const down = await store.recordGap({ from: minute(10), to: minute(20), reason: 'platform-down' });
      assert.deepEqual(down, { id: down.id, from: minute(10), to: minute(20), reason: 'platform-down' });
      assert.deepEqual(await store.recordGap({ from: minute(10), to: minute(20), reason: 'platform-down' }), down, 'a retried write');
      const missed = await store.recordGap({ from: minute(30), to: minute(31), reason: 'no-cycle' });
      await store.recordGap({ from: minute(0), to: minute(5), reason: 'no-cycle' });
      await store.recordGap({ from: minute(40), to: minute(45), reason: 'no-cycle' });
      assert.deepEqual((await store.gapHistory(minute(5), minute(40))).map((g) => g.id), [down.id, missed.id],
        'ending exactly at from, or starting exactly at to: no overlap');
      assert.deepEqual(await store.gapHistory(minute(21), minute(29)), []);
      await assert.rejects(store.recordGap({ from: minute(50), to: minute(50), reason: 'no-cycle' }), 'an empty gap is refused');
      await assert.rejects(store.recordGap({ from: 'yesterday', to: minute(50), reason: 'no-cycle' }), /not a time/);
    }));
}
