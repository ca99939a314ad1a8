// Contract: pruneMeasurements (retention) deletes old per-node and per-system rows, real and drill,
// and nothing else.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { StoreError } from '../store-errors.ts';
import { cycle, minute, node, withStore, type MakeStore } from './fixtures.ts';

export function retentionContract(makeStore: MakeStore): void {
  it('deletes rows before the cut (real and drill) with exact counts; rows at/after it stay; a second prune is a no-op', () =>
    withStore(makeStore, async (store) => {
      // s: minutes 0..4 with two nodes; t: minutes 1 and 3 with one node; a drill of s at minute 1 with three nodes
      for (let m = 0; m < 5; m++) await store.recordCycle(cycle('s', minute(m), [node('a', { queries: m }), node('b')]));
      for (const m of [1, 3]) await store.recordCycle(cycle('t', minute(m), [node('x')]));
      await store.recordCycle(cycle('s', minute(1), [node('a'), node('b'), node('c')], { drill: true }));

      // before minute 3: s 0,1,2 (6 node rows), t 1 (1), drill s 1 (3) → 10 node rows, 5 cycles
      assert.deepEqual(await store.pruneMeasurements('2026-11-23T08:03:00+00:00'), { nodeRows: 10, systemRows: 5 });

      assert.deepEqual((await store.nodeSeries('s', 'a', minute(-60), minute(60))).map((p) => [p.at, p.queries]), [[minute(3), 3], [minute(4), 4]]);
      assert.deepEqual((await store.nodeSeries('s', 'b', minute(-60), minute(60))).map((p) => p.at), [minute(3), minute(4)]);
      assert.deepEqual((await store.systemSeries('s', minute(-60), minute(60))).map((p) => p.at), [minute(3), minute(4)]);
      assert.deepEqual((await store.systemSeries('t', minute(-60), minute(60))).map((p) => p.at), [minute(3)]);
      assert.deepEqual(await store.nodeSeries('s', 'c', minute(-60), minute(60), 100, { drill: true }), []);
      assert.deepEqual(await store.systemSeries('s', minute(-60), minute(60), { drill: true }), []);
      const latest = await store.latestBySystem();
      assert.deepEqual(latest.map((c) => [c.systemId, c.at, c.nodes.length]), [['s', minute(4), 2], ['t', minute(3), 1]]);
      assert.deepEqual(await store.latestBySystem({ drill: true }), [], 'the pruned drill cycle was the latest drill');

      assert.deepEqual(await store.pruneMeasurements(minute(3)), { nodeRows: 0, systemRows: 0 });
      assert.deepEqual(await store.pruneMeasurements(minute(5)), { nodeRows: 5, systemRows: 3 }); // s 3, 4 and t 3
      assert.deepEqual(await store.latestBySystem(), []);
      assert.deepEqual(await store.recordCycle(cycle('s', minute(0), [node('a')])), { created: true }, 'a pruned cycle can be written again');
    }));

  it('an empty store prunes nothing; a malformed cut is a StoreError', () =>
    withStore(makeStore, async (store) => {
      assert.deepEqual(await store.pruneMeasurements(minute(0)), { nodeRows: 0, systemRows: 0 });
      await assert.rejects(store.pruneMeasurements('yesterday'), (e: unknown) => e instanceof StoreError && e.code === 'INVALID_TIME');
    }));

  it('never touches outages, incidents, timeline, outbox or the audit log', () =>
    withStore(makeStore, async (store) => {
      await store.recordCycle(cycle('s', minute(0), [node('a')]));
      const closed = await store.openOutage({ systemId: 's', nodeId: 'a', startedAt: minute(0) });
      await store.closeOutage(closed.id, minute(1));
      const open = await store.openOutage({ systemId: 's', startedAt: minute(0) });
      const incident = await store.createIncident({ systemId: 's', org: 'o', state: 'open', createdAt: minute(0) });
      await store.appendTimeline(incident.id, { at: minute(0), kind: 'opened' });
      await store.enqueueNotification({ channel: 'email', recipient: 'a@b.test', payload: {}, createdAt: minute(0) });
      await store.appendAudit({ at: minute(0), actor: 'system', action: 'x' });

      assert.deepEqual(await store.pruneMeasurements(minute(60)), { nodeRows: 1, systemRows: 1 });
      assert.deepEqual((await store.outageHistory('s', minute(-60), minute(60))).map((o) => o.id), [closed.id, open.id]);
      assert.deepEqual((await store.openOutages()).map((o) => o.id), [open.id]);
      assert.deepEqual(await store.getIncident(incident.id), incident);
      assert.equal((await store.timeline(incident.id)).length, 1);
      assert.equal((await store.notifications()).length, 1);
      assert.equal((await store.auditEntries()).length, 1);
    }));
}
