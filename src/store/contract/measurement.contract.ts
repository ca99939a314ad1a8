// Contract: recordCycle, latestBySystem, nodeSeries, systemSeries.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { StoreError } from '../store-errors.ts';
import { cycle, minute, node, systemAgg, withStore, type MakeStore } from './fixtures.ts';

export function measurementContract(makeStore: MakeStore): void {
  it('recordCycle round-trips nodes (in order) and the system aggregate; latestBySystem gives one per system', () =>
    withStore(makeStore, async (store) => {
      const samples = [{ name: 'www.cn.', type: 'A', problem: 'different' as const, expected: ['1.2.3.4'], got: ['5.6.7.8'] }];
      const nodes = [
        node('d', { failures: { timeout: 2, servfail: 1 }, dataErrorSamples: samples }),
        node('a', { latencyMs: null, answered: 0, succeeded: 0, successRate: 0 }),
        node('c'),
      ];
      const sys = systemAgg('cn-tld', { successRate: 0.66, stoppedMinutes: 3 });
      assert.deepEqual(await store.recordCycle({ at: '2026-11-23T08:00:00Z', systemId: 'cn-tld', nodes, system: sys }), { created: true });
      await store.recordCycle(cycle('zz-auth', minute(1), [node('x')]));
      const latest = await store.latestBySystem();
      assert.deepEqual(latest.map((c) => c.systemId), ['cn-tld', 'zz-auth']);
      assert.deepEqual(latest[0], { systemId: 'cn-tld', at: '2026-11-23T08:00:00.000Z', drill: false, system: sys, nodes });
    }));

  it('latestBySystem keeps the newest cycle even when an older one arrives later; drills are apart', () =>
    withStore(makeStore, async (store) => {
      await store.recordCycle(cycle('s', minute(5), [node('a', { queries: 5 })]));
      await store.recordCycle(cycle('s', minute(1), [node('a', { queries: 1 })]));
      await store.recordCycle(cycle('s', minute(9), [node('a', { queries: 9 })], { drill: true }));
      const real = await store.latestBySystem();
      assert.equal(real.length, 1);
      assert.equal(real[0].at, minute(5));
      assert.equal(real[0].nodes[0].queries, 5);
      const drill = await store.latestBySystem({ drill: true });
      assert.deepEqual(drill.map((c) => [c.at, c.drill, c.nodes[0].queries]), [[minute(9), true, 9]]);
    }));

  it('recordCycle is idempotent on (system, at, drill): a retry does not duplicate', () =>
    withStore(makeStore, async (store) => {
      const c = cycle('s', minute(0), [node('a'), node('b')]);
      assert.deepEqual(await store.recordCycle(c), { created: true });
      assert.deepEqual(await store.recordCycle({ ...c, at: '2026-11-23T08:00:00.000+00:00' }), { created: false });
      assert.deepEqual(await store.recordCycle({ ...c, drill: true }), { created: true });
      assert.equal((await store.nodeSeries('s', 'a', minute(-1), minute(1))).length, 1);
    }));

  it('a cycle that fails half-way leaves nothing behind (one transaction)', () =>
    withStore(makeStore, async (store) => {
      await assert.rejects(store.recordCycle(cycle('s', minute(0), [node('a'), node('a')])));
      assert.deepEqual(await store.latestBySystem(), []);
      assert.deepEqual(await store.systemSeries('s', minute(-1), minute(1)), []);
      assert.deepEqual(await store.recordCycle(cycle('s', minute(0), [node('a')])), { created: true });
    }));

  it('nodeSeries: half-open range, oldest first, the most recent `limit`, only that node and system', () =>
    withStore(makeStore, async (store) => {
      for (let m = 0; m < 6; m++) {
        await store.recordCycle(cycle('s', minute(m), [node('a', { queries: 100 + m, failures: { timeout: m } }), node('b', { queries: 200 + m })]));
        await store.recordCycle(cycle('t', minute(m), [node('a', { queries: 300 + m })]));
      }
      await store.recordCycle(cycle('s', minute(3), [node('a', { queries: 999 })], { drill: true }));
      const all = await store.nodeSeries('s', 'a', minute(1), minute(5));
      assert.deepEqual(all.map((p) => [p.at, p.queries]), [[minute(1), 101], [minute(2), 102], [minute(3), 103], [minute(4), 104]]);
      assert.equal(all[0].nodeId, 'a');
      assert.deepEqual(all[2].failures, { timeout: 3 });
      assert.deepEqual(all[0].latencyMs, node('a').latencyMs);
      const last2 = await store.nodeSeries('s', 'a', minute(0), minute(60), 2);
      assert.deepEqual(last2.map((p) => p.queries), [104, 105]);
      const drill = await store.nodeSeries('s', 'a', minute(0), minute(60), 10, { drill: true });
      assert.deepEqual(drill.map((p) => p.queries), [999]);
      assert.deepEqual(await store.nodeSeries('s', 'zz', minute(0), minute(60)), []);
    }));

  it('systemSeries: the aggregate per cycle in the range, oldest first, limit keeps the newest', () =>
    withStore(makeStore, async (store) => {
      for (let m = 0; m < 4; m++) {
        await store.recordCycle({ ...cycle('s', minute(m), [node('a')]), system: systemAgg('s', { successRate: m / 10 }) });
      }
      const pts = await store.systemSeries('s', minute(1), minute(4));
      assert.deepEqual(pts.map((p) => [p.at, p.system.successRate]), [[minute(1), 0.1], [minute(2), 0.2], [minute(3), 0.3]]);
      assert.equal('nodes' in pts[0].system, false);
      const newest = await store.systemSeries('s', minute(0), minute(9), { limit: 1 });
      assert.deepEqual(newest.map((p) => p.at), [minute(3)]);
    }));

  it('rejects a malformed time with a StoreError', () =>
    withStore(makeStore, async (store) => {
      await assert.rejects(store.recordCycle(cycle('s', 'not a time', [node('a')])), (e: unknown) => e instanceof StoreError && e.code === 'INVALID_TIME');
    }));
}
