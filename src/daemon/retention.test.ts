import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PruneResult } from '../store/store.ts';
import { pruneOnce, RetentionTicker, retentionLine, type RetentionOptions } from './retention.ts';

const DAY = 86_400_000;
const NOW = new Date('2027-03-01T12:00:00.000Z');

/** A store whose pruneMeasurements answers from a script (a result or an error per call), recording the cuts. */
function fakeStore(script: Array<PruneResult | Error>) {
  const cuts: string[] = [];
  const store: RetentionOptions['store'] = {
    async pruneMeasurements(before: string) {
      cuts.push(before);
      const next = script.shift() ?? { nodeRows: 0, systemRows: 0 };
      if (next instanceof Error) throw next;
      return next;
    },
  };
  return { store, cuts };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

test('pruneOnce cuts at now − retention and logs one line only when rows went', async () => {
  const { store, cuts } = fakeStore([{ nodeRows: 8, systemRows: 2 }, { nodeRows: 0, systemRows: 0 }]);
  const logs: string[] = [];
  const o: RetentionOptions = { store, retentionMs: 400 * DAY, now: () => NOW, log: (l) => logs.push(l) };
  assert.deepEqual(await pruneOnce(o), { nodeRows: 8, systemRows: 2 });
  assert.deepEqual(await pruneOnce(o), { nodeRows: 0, systemRows: 0 });
  assert.deepEqual(cuts, ['2026-01-25T12:00:00.000Z', '2026-01-25T12:00:00.000Z']);
  assert.deepEqual(logs, ['retention: deleted 8 node and 2 system measurement rows older than 2026-01-25T12:00:00.000Z']);
  assert.equal(retentionLine({ nodeRows: 1, systemRows: 0 }, 'X'), 'retention: deleted 1 node and 0 system measurement rows older than X');
});

test('a store error is logged and resolves to null, never thrown', async () => {
  const { store } = fakeStore([new Error('database is locked')]);
  const logs: string[] = [];
  assert.equal(await pruneOnce({ store, retentionMs: DAY, now: () => NOW, log: (l) => logs.push(l) }), null);
  assert.deepEqual(logs, ['retention: pruning measurements older than 2027-02-28T12:00:00.000Z failed (retried in the next pass): database is locked']);
});

test('the ticker prunes at start, retries after a failure at the next tick, and stops ticking on stop()', async (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  let clock = NOW.getTime();
  const { store, cuts } = fakeStore([new Error('down'), { nodeRows: 3, systemRows: 1 }]);
  const logs: string[] = [];
  const ticker = new RetentionTicker({ store, retentionMs: DAY, now: () => new Date(clock), log: (l) => logs.push(l) });
  ticker.start(6 * 3_600_000);
  await flush();
  assert.deepEqual(cuts, ['2027-02-28T12:00:00.000Z'], 'one pass at start');
  assert.match(logs[0], /failed \(retried in the next pass\): down$/);

  clock += 6 * 3_600_000;
  t.mock.timers.tick(6 * 3_600_000);
  await flush();
  assert.deepEqual(cuts, ['2027-02-28T12:00:00.000Z', '2027-02-28T18:00:00.000Z']);
  assert.equal(logs[1], 'retention: deleted 3 node and 1 system measurement rows older than 2027-02-28T18:00:00.000Z');

  await ticker.stop();
  t.mock.timers.tick(3 * 6 * 3_600_000);
  await flush();
  assert.equal(cuts.length, 2, 'no pass after stop()');
});

test('one pass at a time; stop() waits for the pass in flight', async () => {
  let release: () => void = () => undefined;
  let calls = 0;
  const store: RetentionOptions['store'] = {
    pruneMeasurements: () => {
      calls += 1;
      return new Promise<PruneResult>((resolve) => { release = () => resolve({ nodeRows: 1, systemRows: 1 }); });
    },
  };
  const logs: string[] = [];
  const ticker = new RetentionTicker({ store, retentionMs: DAY, now: () => NOW, log: (l) => logs.push(l) });
  ticker.start(1);
  await new Promise((resolve) => setTimeout(resolve, 20)); // several ticks while the first pass is running
  assert.equal(calls, 1);
  let stopped = false;
  const stopping = ticker.stop().then(() => { stopped = true; });
  await flush();
  assert.equal(stopped, false, 'stop() waits for the pass');
  release();
  await stopping;
  assert.equal(logs.length, 1);
  assert.equal(calls, 1);
});
