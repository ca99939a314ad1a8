// SQLite retention in batches: with a small pruneChunk the loop runs several transactions and the
// totals stay exact (the contract in ../contract/retention.contract.ts covers one-batch behaviour).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cycle, minute, node } from '../contract/fixtures.ts';
import { SqliteStore } from './sqlite-store.ts';

test('pruneMeasurements deletes in chunks and counts every row of every chunk', async () => {
  const store = new SqliteStore({ path: ':memory:', pruneChunk: 3 });
  try {
    await store.migrate();
    // 10 old cycles with 1, 2, 3, 1, 2, 3 … nodes, written newest first so rowid order is not time order
    let oldNodes = 0;
    for (let m = 9; m >= 0; m--) {
      const nodes = Array.from({ length: (m % 3) + 1 }, (_, i) => node(String.fromCharCode(97 + i)));
      oldNodes += nodes.length;
      await store.recordCycle(cycle('s', minute(m), nodes, { drill: m === 4 }));
    }
    for (let m = 10; m < 14; m++) await store.recordCycle(cycle('s', minute(m), [node('a'), node('b')]));

    assert.deepEqual(await store.pruneMeasurements(minute(10)), { nodeRows: oldNodes, systemRows: 10 });
    assert.deepEqual((await store.systemSeries('s', minute(-60), minute(60))).map((p) => p.at), [10, 11, 12, 13].map(minute));
    assert.equal((await store.nodeSeries('s', 'b', minute(-60), minute(60))).length, 4);
    assert.deepEqual(await store.pruneMeasurements(minute(10)), { nodeRows: 0, systemRows: 0 });
    // exactly one chunk's worth left before the cut: the loop still ends (the next chunk is empty)
    assert.deepEqual(await store.pruneMeasurements(minute(13)), { nodeRows: 6, systemRows: 3 });
    assert.deepEqual((await store.latestBySystem()).map((c) => c.at), [minute(13)]);
  } finally {
    await store.close();
  }
});
