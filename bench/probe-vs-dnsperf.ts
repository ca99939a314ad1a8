// Benchmark: raw query rate of dnsperf against NSD serving the lab TLD zone, versus the rate at which
// dnswarden's probe engine produces *validated* answers (success judged + data compared with the
// truth) against the same NSD for the same duration, on every core (one worker process per core,
// each running back-to-back probe cycles with sample "all" over the whole zone).
//   node bench/probe-vs-dnsperf.ts [--seconds 10] [--workers <n>] [--in-flight 256] [--nsd-servers 1]
// Prints `key value` lines: dnsperf_qps, dnswarden_validated_aps, ratio, rss figures.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/load-config.ts';
import { createDnsClient } from '../src/dns/dns-client.ts';
import { runProbeCycle } from '../src/probe/probe-engine.ts';
import { CachedTruthProvider } from '../src/probe/truth/truth-provider.ts';
import { canBindUdp } from '../src/lab/lab-runner.ts';
import { writeLabZones } from '../src/lab/lab-zones.ts';
import { findBinary, startNsd } from '../src/lab/real-servers.ts';
import { parseZoneFile } from '../src/zone/zonefile.ts';

const ADDRESS = '127.0.70.1';

interface WorkerResult { cycles: number; queries: number; answered: number; succeeded: number; dataChecked: number; dataErrors: number; elapsedMs: number; maxRss: number; maxHeapUsed: number }

function benchConfig(zoneFile: string, port: number, inFlight: number): string {
  return `organizations:
  - { id: lab-registry, role: registry, licensedBy: national }
systems:
  - id: lab-tld
    org: lab-registry
    kind: tld
    zone: lab.
    nodes: [{ id: nsd, address: ${ADDRESS}, port: ${port} }]
    truth: { zonefile: ${JSON.stringify(zoneFile)} }
    check: { sample: all, nxdomain: false }
probing: { timeout: 10s, inFlight: ${inFlight} }
`;
}

/** Worker: probe cycles back to back for `seconds`; prints one JSON line of totals. */
async function worker(configFile: string, seconds: number): Promise<void> {
  const config = await loadConfig(configFile);
  const client = createDnsClient({ maxInFlight: config.probing.inFlight * 2 });
  const deps = { client, truth: new CachedTruthProvider() };
  const total: WorkerResult = { cycles: 0, queries: 0, answered: 0, succeeded: 0, dataChecked: 0, dataErrors: 0, elapsedMs: 0, maxRss: 0, maxHeapUsed: 0 };
  await runProbeCycle(config, deps); // warm-up: loads the truth, opens sockets
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    const snap = await runProbeCycle(config, deps);
    total.cycles++;
    for (const node of snap.systems[0].nodes) {
      total.queries += node.queries; total.answered += node.answered; total.succeeded += node.succeeded;
      total.dataChecked += node.dataChecked; total.dataErrors += node.dataErrors;
    }
    const mem = process.memoryUsage();
    total.maxRss = Math.max(total.maxRss, mem.rss);
    total.maxHeapUsed = Math.max(total.maxHeapUsed, mem.heapUsed);
  }
  total.elapsedMs = performance.now() - start;
  await client.close();
  process.stdout.write(`${JSON.stringify(total)}\n`);
}

function runDnsperf(binary: string, port: number, queryFile: string, seconds: number): Promise<{ qps: number; output: string }> {
  return new Promise((resolve, reject) => {
    const args = ['-s', ADDRESS, '-p', String(port), '-d', queryFile, '-l', String(seconds), '-c', '4', '-Q', '200000'];
    execFile(binary, args, { timeout: (seconds + 30) * 1000, maxBuffer: 8 << 20 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`dnsperf failed: ${stderr || err.message}`));
      const m = /Queries per second:\s+([0-9.]+)/.exec(stdout);
      if (!m) return reject(new Error(`no "Queries per second" in dnsperf output:\n${stdout}`));
      resolve({ qps: Number(m[1]), output: stdout });
    });
  });
}

function runWorker(configFile: string, seconds: number): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [new URL(import.meta.url).pathname, '--worker', configFile, '--seconds', String(seconds)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => { out += String(d); });
    const timer = setTimeout(() => child.kill('SIGKILL'), (seconds + 60) * 1000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`worker exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop()!) as WorkerResult);
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
    worker: { type: 'string' }, seconds: { type: 'string', default: '10' },
    workers: { type: 'string' }, 'in-flight': { type: 'string', default: '256' },
    'nsd-servers': { type: 'string', default: '1' },
  } });
  const seconds = Math.max(1, Math.min(120, Number(values.seconds)));
  if (values.worker) return worker(values.worker, seconds);

  const dnsperf = findBinary('dnsperf');
  if (!dnsperf || !findBinary('nsd')) throw new Error('needs nsd and dnsperf installed');
  const workers = Math.max(1, Number(values.workers ?? availableParallelism()));
  const dir = mkdtempSync(path.join(tmpdir(), 'dw-bench-'));
  let port = 0;
  for (let i = 0; i < 50 && port === 0; i++) {
    const p = 20000 + Math.floor(Math.random() * 20000);
    if (await canBindUdp(ADDRESS, p)) port = p;
  }
  const zoneFile = writeLabZones(dir).find((z) => z.origin === 'lab.')!.path;
  const serverCount = Math.max(1, Math.min(8, Number(values['nsd-servers'])));
  // One NSD serves both measurements: same server, same configuration, same run.
  const nsd = await startNsd({ dir: path.join(dir, 'nsd'), address: ADDRESS, port, zones: [{ origin: 'lab.', file: zoneFile }], serverCount });
  try {
    const zone = parseZoneFile(readFileSync(zoneFile, 'utf8'), { origin: 'lab.', file: zoneFile });
    const queries = [...new Set(zone.records.map((r) => `${r.name} ${r.type}`))];
    const queryFile = path.join(dir, 'queries.txt');
    writeFileSync(queryFile, `${queries.join('\n')}\n`);
    const configFile = path.join(dir, 'bench.yaml');
    writeFileSync(configFile, benchConfig(zoneFile, port, Number(values['in-flight'])));

    console.log(`# NSD ${ADDRESS}:${port} (server-count ${serverCount}), lab. zone: ${zone.records.length} records, ${queries.length} distinct queries; ${seconds} s per run; ${workers} probe workers`);
    const perf = await runDnsperf(dnsperf, port, queryFile, seconds);
    console.log(`dnsperf_qps ${Math.round(perf.qps)}`);

    const results = await Promise.all(Array.from({ length: workers }, () => runWorker(configFile, seconds)));
    const sum = (k: keyof WorkerResult) => results.reduce((n, r) => n + r[k], 0);
    const elapsedS = Math.max(...results.map((r) => r.elapsedMs)) / 1000;
    const validated = sum('answered');
    const aps = validated / elapsedS;
    console.log(`dnswarden_cycles ${sum('cycles')}`);
    console.log(`dnswarden_queries ${sum('queries')}`);
    console.log(`dnswarden_success_rate ${(sum('succeeded') / Math.max(1, sum('queries'))).toFixed(4)}`);
    console.log(`dnswarden_records_checked ${sum('dataChecked')}`);
    console.log(`dnswarden_data_errors ${sum('dataErrors')}`);
    console.log(`dnswarden_validated_aps ${Math.round(aps)}`);
    console.log(`ratio ${(aps / perf.qps).toFixed(2)}`);
    console.log(`rss_per_worker_mb ${results.map((r) => (r.maxRss / 2 ** 20).toFixed(0)).join(' ')}`);
    console.log(`rss_total_mb ${(sum('maxRss') / 2 ** 20).toFixed(0)}`);
    console.log(`heap_used_per_worker_mb ${results.map((r) => (r.maxHeapUsed / 2 ** 20).toFixed(0)).join(' ')}`);
  } finally {
    await nsd.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
