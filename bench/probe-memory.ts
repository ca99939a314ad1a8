// Memory and speed of one probe cycle with 10,000 names under probe (sample: all) against a lab
// server on loopback: process.memoryUsage() before, after loading the truth, and after the cycles.
// Run: node --expose-gc bench/probe-memory.ts [names] [cycles]
import { startAuthServer } from '../src/authserver/auth-server.ts';
import { createDnsClient } from '../src/dns/dns-client.ts';
import { runProbeCycle } from '../src/probe/probe-engine.ts';
import { StaticTruthProvider } from '../src/probe/truth/truth-provider.ts';
import { authSystem, probeConfig } from '../src/probe/testing/config-fixture.ts';
import { generatedZone } from '../src/probe/testing/zone-generator.ts';
import { OutageTracker } from '../src/core/outage-tracker.ts';

const names = Number(process.argv[2] ?? 10_000);
const cycles = Math.max(1, Math.min(20, Number(process.argv[3] ?? 3)));
const mb = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;
const gc = (globalThis as { gc?: () => void }).gc;
const usage = (label: string) => {
  gc?.();
  const m = process.memoryUsage();
  console.log(`${label.padEnd(28)} rss ${mb(m.rss).padStart(10)}  heapUsed ${mb(m.heapUsed).padStart(10)}  external ${mb(m.external).padStart(9)}`);
  return m;
};

const base = usage('start');
const zone = generatedZone('bench.lab.', names, 20);
const server = await startAuthServer({ zones: [zone], address: '127.0.0.1', port: 0 });
const client = createDnsClient({ maxInFlight: 1000 });
const truth = new StaticTruthProvider({ sys: [zone] });
const afterTruth = usage(`zone ${zone.records.length} records`);
const system = authSystem('sys', [zone.origin], [{ id: 'a', address: server.address, port: server.port }]);
const config = probeConfig([system], { inFlight: 256 });
const outages = new OutageTracker();
let peakHeap = 0;
try {
  for (let i = 0; i < cycles; i++) {
    const t0 = performance.now();
    const sampler = setInterval(() => { peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed); }, 20);
    const snap = await runProbeCycle(config, { client, truth, outages });
    clearInterval(sampler);
    const ms = performance.now() - t0;
    const n = snap.systems[0].nodes[0];
    console.log(`cycle ${i + 1}: ${n.queries} queries in ${ms.toFixed(0)} ms (${Math.round(n.queries / (ms / 1000))}/s), ` +
      `success ${n.successRate}, checked ${n.dataChecked}, errors ${n.dataErrors}, p50 ${n.latencyMs?.p50} ms`);
  }
  const end = usage(`after ${cycles} cycle(s)`);
  console.log(`peak heapUsed during cycles ${mb(peakHeap)}; heap growth over start ${mb(end.heapUsed - base.heapUsed)}, ` +
    `of which truth+zone ${mb(afterTruth.heapUsed - base.heapUsed)}`);
} finally {
  await server.close();
  await client.close();
}
