import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CycleInput, GapInput, Outage, OutageInput } from '../store/store.ts';
import { StoreWriter, type WriterStore } from './store-writer.ts';

function fakeStore() {
  const state = { down: false, cycles: [] as CycleInput[], outages: [] as Outage[], gaps: [] as GapInput[] };
  const guard = () => { if (state.down) throw new Error('database is gone'); };
  const store: WriterStore = {
    recordCycle: async (c) => { guard(); state.cycles.push(c); return { created: true }; },
    openOutage: async (o: OutageInput) => {
      guard();
      const found = state.outages.find((x) => x.endedAt === null && x.systemId === o.systemId && x.nodeId === (o.nodeId ?? null) && x.service === (o.service ?? null));
      if (found) return found;
      const created = { id: state.outages.length + 1, systemId: o.systemId, nodeId: o.nodeId ?? null, service: o.service ?? null, startedAt: o.startedAt, endedAt: null,
        measuredMs: 0, lastMeasuredAt: null as string | null };
      state.outages.push(created);
      return created;
    },
    closeOutage: async (id, endedAt) => { guard(); const o = state.outages.find((x) => x.id === id)!; o.endedAt = endedAt; return o; },
    measureOutage: async (id, m) => { guard(); const o = state.outages.find((x) => x.id === id)!; Object.assign(o, m); return o; },
    recordGap: async (g) => { guard(); state.gaps.push(g); return { id: state.gaps.length, ...g }; },
  };
  return { state, store };
}
const cycle = (at: string): CycleInput => ({ at, systemId: 's', nodes: [], system: { id: 's', kind: 'tld', successRate: 1, latencyMs: null, stoppedMinutes: 0 } });

test('a failing store keeps the writes, in order, and writes them when it is back', async () => {
  const { state, store } = fakeStore();
  const logs: string[] = [];
  const ids: number[] = [];
  const w = new StoreWriter({ store, log: (l) => logs.push(l), onOutageId: (_k, id) => ids.push(id) });
  state.down = true;
  const outage = { systemId: 's', nodeId: null, service: null, startedAt: 't0', id: null, measuredMs: 0, lastMeasuredAt: null };
  w.enqueue([{ kind: 'open-outage', outage }, { kind: 'cycle', cycle: cycle('t1') }]);
  await w.flush();
  w.enqueue([{ kind: 'measure-outage', outage: { ...outage, measuredMs: 60_000, lastMeasuredAt: 't1' } },
    { kind: 'gap', gap: { from: 't1', to: 't2', reason: 'no-cycle' } }]);
  w.enqueue([{ kind: 'close-outage', outage, endedAt: 't2' }, { kind: 'cycle', cycle: cycle('t2') }]);
  await w.flush();
  assert.deepEqual(w.status(), { ok: false, error: 'database is gone', pending: 6, dropped: 0, written: 0 });
  assert.equal(logs.length, 1, 'one log line while the same error repeats');
  state.down = false;
  await w.flush();
  assert.equal(w.status().ok, true);
  assert.equal(w.status().pending, 0);
  assert.deepEqual(state.cycles.map((c) => c.at), ['t1', 't2']);
  assert.deepEqual(state.outages.map((o) => [o.startedAt, o.endedAt, o.measuredMs, o.lastMeasuredAt]), [['t0', 't2', 60_000, 't1']]);
  assert.deepEqual(state.gaps, [{ from: 't1', to: 't2', reason: 'no-cycle' }]);
  assert.deepEqual(ids, [1, 1], 'the measurement found the same open outage');
  assert.match(logs.at(-1)!, /writing again/);
});

test('the retry queue is bounded: the oldest writes are dropped and counted', async () => {
  const { state, store } = fakeStore();
  const w = new StoreWriter({ store, maxPending: 3, log: () => {} });
  state.down = true;
  for (let i = 0; i < 5; i++) { w.enqueue([{ kind: 'cycle', cycle: cycle(`t${i}`) }]); await w.flush(); }
  assert.equal(w.status().pending, 3);
  assert.equal(w.status().dropped, 2);
  state.down = false;
  await w.flush();
  assert.deepEqual(state.cycles.map((c) => c.at), ['t2', 't3', 't4']);
});
