// Write throughput of Store.recordCycle on each backend: N cycles of K nodes, one after the
// other (how the daemon writes), and for PostgreSQL also 8 writes in flight at once.
// Usage: node bench/store-write.ts [--cycles 10000] [--nodes 4] [--only sqlite|postgres]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cycle, node } from '../src/store/contract/fixtures.ts';
import { openStore, type OpenStoreOptions } from '../src/store/open-store.ts';
import type { CycleInput, Store } from '../src/store/store.ts';
import { pgAvailable, startPgCluster } from '../test/support/pg-cluster.ts';

const { values } = parseArgs({ options: { cycles: { type: 'string', default: '10000' }, nodes: { type: 'string', default: '4' }, only: { type: 'string' } } });
const CYCLES = Number(values.cycles);
const NODES = Number(values.nodes);
const START = Date.UTC(2026, 10, 23);

function makeCycle(i: number): CycleInput {
  const at = new Date(START + i * 10_000).toISOString();
  const nodes = Array.from({ length: NODES }, (_, k) => node(String.fromCharCode(97 + k), { queries: 600 + (i % 7), failures: { timeout: i % 3 } }));
  return cycle('bench-tld', at, nodes);
}

interface Result { backend: string; cycles: number; nodeRows: number; seconds: number; cyclesPerSec: number; nodeRowsPerSec: number; note?: string }

async function measure(label: string, store: Store, concurrency: number, note?: string): Promise<Result> {
  const t0 = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < CYCLES) {
      const r = await store.recordCycle(makeCycle(next++));
      if (!r.created) throw new Error('duplicate cycle in benchmark');
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  const latest = await store.latestBySystem();
  if (latest[0]?.nodes.length !== NODES) throw new Error('benchmark data not readable back');
  return { backend: label, cycles: CYCLES, nodeRows: CYCLES * NODES, seconds: round(seconds), cyclesPerSec: Math.round(CYCLES / seconds), nodeRowsPerSec: Math.round((CYCLES * NODES) / seconds), note: note ?? '' };
}

const round = (x: number): number => Math.round(x * 100) / 100;

async function benchSqlite(sync: 'FULL' | 'NORMAL'): Promise<Result> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dnswarden-bench-'));
  const opts: OpenStoreOptions = { url: null, dataDir, sqlite: { synchronous: sync } };
  const store = await openStore(opts);
  try {
    const r = await measure(`sqlite synchronous=${sync}`, store, 1);
    const size = statSync(join(dataDir, 'dnswarden.sqlite')).size + statSync(join(dataDir, 'dnswarden.sqlite-wal')).size;
    return { ...r, note: `db+wal ${(size / 1048576).toFixed(1)} MiB` };
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function benchPostgres(fsync: boolean): Promise<Result[]> {
  const cluster = await startPgCluster({ fsync });
  try {
    const out: Result[] = [];
    for (const concurrency of [1, 8]) {
      const url = await cluster.createDatabase(`bench_c${concurrency}`);
      const store = await openStore({ url });
      try {
        out.push(await measure(`postgres fsync=${fsync ? 'on' : 'off'} in-flight=${concurrency}`, store, concurrency));
      } finally {
        await store.close();
      }
    }
    return out;
  } finally {
    await cluster.stop();
  }
}

const results: Result[] = [];
if (values.only !== 'postgres') {
  results.push(await benchSqlite('FULL'), await benchSqlite('NORMAL'));
}
if (values.only !== 'sqlite') {
  if (pgAvailable()) results.push(...(await benchPostgres(false)), ...(await benchPostgres(true)));
  else console.error('PostgreSQL binaries not found: skipping PostgreSQL');
}
console.log(`recordCycle: ${CYCLES} cycles x ${NODES} nodes`);
console.table(results);
console.log(JSON.stringify({ bench: 'store-write', node: process.version, results }));
