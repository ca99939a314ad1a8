// Queries/s of the DNS client against a local NSD, next to dnsperf against the same NSD.
// Usage: node bench/dns-client-throughput.ts [--queries 200000] [--concurrency 500] [--dnsperf-seconds 10]
//        [--variants "1x64,32x64,1000x8"]   (queriesPerSocket x udpSockets)
// Loopback only; every run is bounded by the query count and a 120 s cap.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDnsClient } from '../src/dns/dns-client.ts';
import { startNsd, TEST_ORIGIN } from '../test/support/dns-client-nsd.ts';

const { values } = parseArgs({ options: {
  queries: { type: 'string', default: '200000' },
  concurrency: { type: 'string', default: '500' },
  'dnsperf-seconds': { type: 'string', default: '10' },
  variants: { type: 'string', default: '1x64,32x64,256x16' },
} });
const total = Number(values.queries);
const concurrency = Number(values.concurrency);
const names = ['', 'www.', 'mail.', 'ns1.', 'nope.'].map((p) => `${p}${TEST_ORIGIN}`);
const types = ['SOA', 'A', 'MX', 'A', 'A'];

async function runClient(port: number, queriesPerSocket: number, udpSockets: number): Promise<void> {
  const client = createDnsClient({ maxInFlight: concurrency, queriesPerSocket, udpSockets });
  // Warm-up (JIT, socket pool) before the timed run.
  await Promise.all(Array.from({ length: 20_000 }, (_, i) =>
    client.query({ address: '127.0.0.1', port, name: names[i % 5], type: types[i % 5], timeoutMs: 2000 })));
  const outcomes: Record<string, number> = {};
  let next = 0;
  const capAt = Date.now() + 120_000;
  const t0 = performance.now();
  const worker = async (): Promise<void> => {
    while (next < total && Date.now() < capAt) {
      const i = next++;
      const a = await client.query({ address: '127.0.0.1', port, name: names[i % 5], type: types[i % 5], timeoutMs: 2000 });
      outcomes[a.outcome] = (outcomes[a.outcome] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  const done = Object.values(outcomes).reduce((a, b) => a + b, 0);
  const st = client.stats();
  await client.close();
  console.log(`client queriesPerSocket=${queriesPerSocket} udpSockets=${udpSockets}: ${done} queries in ${seconds.toFixed(2)} s = ` +
    `${Math.round(done / seconds)} q/s; outcomes ${JSON.stringify(outcomes)}; sockets opened ${st.socketsOpened}; ignored ${JSON.stringify(st.ignored)}`);
}

const nsd = await startNsd();
try {
  for (const v of values.variants.split(',')) {
    const [qps, socks] = v.split('x').map(Number);
    await runClient(nsd.port, qps, socks);
  }
  const queryFile = path.join(nsd.dir, 'queries.txt');
  writeFileSync(queryFile, names.map((n, i) => `${n} ${types[i]}`).join('\n') + '\n');
  const perf = spawnSync('dnsperf', ['-s', '127.0.0.1', '-p', String(nsd.port), '-d', queryFile, '-l', values['dnsperf-seconds'], '-q', String(concurrency)],
    { encoding: 'utf8', timeout: 120_000 });
  const line = (perf.stdout ?? '').split('\n').find((l) => l.includes('Queries per second'));
  console.log(`dnsperf -l ${values['dnsperf-seconds']} -q ${concurrency}: ${line?.trim() ?? `failed: ${perf.stderr}`}`);
} finally {
  await nsd.stop();
}
