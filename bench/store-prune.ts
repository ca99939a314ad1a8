// Retention on the embedded store: N cycles of K nodes written, then pruneMeasurements with a cut
// that removes the oldest share of them. Prints the rows deleted, the time it took, and the longest
// stall of the event loop meanwhile (a timer that should fire every 10 ms), which is what the
// daemon's probing and HTTP would feel.
// Usage: node bench/store-prune.ts [--cycles 50000] [--nodes 4] [--share 0.8]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cycle, node } from '../src/store/contract/fixtures.ts';
import { openStore } from '../src/store/open-store.ts';

const { values } = parseArgs({ options: { cycles: { type: 'string', default: '50000' }, nodes: { type: 'string', default: '4' }, share: { type: 'string', default: '0.8' } } });
const CYCLES = Number(values.cycles);
const NODES = Number(values.nodes);
const SHARE = Number(values.share);
const START = Date.UTC(2026, 0, 1);
const atOf = (i: number) => new Date(START + i * 10_000).toISOString();

const dataDir = mkdtempSync(join(tmpdir(), 'dnswarden-bench-prune-'));
const store = await openStore({ url: null, dataDir, sqlite: { synchronous: 'NORMAL' } });
try {
  const nodes = Array.from({ length: NODES }, (_, k) => node(String.fromCharCode(97 + k)));
  for (let i = 0; i < CYCLES; i++) await store.recordCycle(cycle('bench-tld', atOf(i), nodes));
  let worstGapMs = 0;
  let last = performance.now();
  const timer = setInterval(() => { const now = performance.now(); worstGapMs = Math.max(worstGapMs, now - last - 10); last = now; }, 10);
  const t0 = performance.now();
  const result = await store.pruneMeasurements(atOf(Math.floor(CYCLES * SHARE)));
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  console.log(JSON.stringify({ backend: 'sqlite', cycles: CYCLES, nodes: NODES, ...result, seconds: Math.round(seconds * 100) / 100, longestStallMs: Math.round(worstGapMs) }));
} finally {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
}
