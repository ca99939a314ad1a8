// check.dnssec at full size (issue 10, Must show): a 100,000-name zone signed by ldns-signzone (ECDSA
// P-256, NSEC), served by a real NSD on loopback, probed through the real probe path (runProbeCycle, the
// real DNS client, the zone-file truth; runProbeCycleDetailed for the node's DNSSEC counters) with `check.dnssec: true` and `sample: all` — every RRset asked
// with DO, its RRSIG validated with the zone's keys, one VerifyCache for the cycle. Prints the cycle's
// time, answers/s, verifications, data errors (expect 0) and peak RSS; then the same with one record
// changed under its signature (expect exactly 1 bad RRset).
// Run: node --expose-gc bench/dnssec-probe-100k.ts [--names 100000] [--in-flight 256] (with --expose-gc it also
// prints the heap still held after a full GC, the truth and the cycle's cache being alive).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDnsClient } from '../src/dns/dns-client.ts';
import { VerifyCache } from '../src/dnssec/validate-rrset.ts';
import { signZone } from '../src/lab/dnssec-signer.ts';
import { canBindUdp } from '../src/lab/lab-runner.ts';
import { startNsd, type RealServer } from '../src/lab/real-servers.ts';
import { runProbeCycleDetailed } from '../src/probe/probe-engine.ts';
import { authSystem, probeConfig } from '../src/probe/testing/config-fixture.ts';
import { CachedTruthProvider } from '../src/probe/truth/truth-provider.ts';

const { values } = parseArgs({ options: { names: { type: 'string', default: '100000' }, 'in-flight': { type: 'string', default: '256' } } });
const names = Number(values.names);
const inFlight = Number(values['in-flight']);
const ADDRESS = '127.0.74.1';
const ORIGIN = 'big.lab.';
const now = Math.floor(Date.now() / 1000);
const mb = (n: number) => `${(n / 1048576).toFixed(0)} MiB`;

async function freeUdpPort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const p = 20000 + Math.floor(Math.random() * 40000);
    if (await canBindUdp(ADDRESS, p)) return p;
  }
  throw new Error(`no free port on ${ADDRESS}`);
}

/** One cycle over `file` served by NSD, its figures printed. */
async function cycle(label: string, dir: string, file: string): Promise<void> {
  const port = await freeUdpPort();
  const nsd: RealServer = await startNsd({ dir: path.join(dir, `nsd-${label}`), address: ADDRESS, port, zones: [{ origin: ORIGIN, file }] });
  const client = createDnsClient({ maxInFlight: inFlight * 2 });
  try {
    const system = authSystem('big', [ORIGIN], [{ id: 'nsd', address: ADDRESS, port }], { truth: { zonefile: file }, dnssec: true, sample: 'all' });
    // A long interval: the cycle's deadline (interval − 10 %) must not cut the census short.
    const config = probeConfig([system], { intervalMs: 3600_000, timeoutMs: 5000, inFlight });
    const truth = new CachedTruthProvider();
    let t = performance.now();
    await truth.truthFor(system); // the truth's load (parse of the signed zone file) is timed apart
    const tTruth = (performance.now() - t) / 1000;
    const cache = new VerifyCache();
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 50);
    t = performance.now();
    const { snapshot: snap, tallies } = await runProbeCycleDetailed(config, { client, truth, verifyCache: cache, now: () => new Date(now * 1000) });
    const s = (performance.now() - t) / 1000;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const n = snap.systems[0].nodes[0];
    const tally = tallies.get('big')!.get('nsd')!;
    const st = cache.stats();
    console.log(`\n# ${label}: NSD ${ADDRESS}:${port}, truth loaded in ${tTruth.toFixed(1)} s`);
    console.log(`cycle_seconds ${s.toFixed(1)}`);
    console.log(`queries ${n.queries} succeeded ${n.succeeded} answers_per_second ${Math.round(n.succeeded / s)} census ${n.dataCensus === true}`);
    console.log(`data_checked ${n.dataChecked} data_errors ${n.dataErrors} dnssec_checked ${tally.dnssecChecked} dnssec_errors ${tally.dnssecErrors}`);
    console.log(`verifications ${st.verifications} cache_hits ${st.hits} cache_entries ${st.entries}`);
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    console.log(`peak_rss ${mb(peakRss)} heap_used ${mb(process.memoryUsage().heapUsed)}${gc ? ' (after a full GC; truth and cache alive)' : ''}`);
    void cache.stats(); void truth; // alive until here
    for (const e of n.dataErrorSamples ?? []) console.log(`sample ${e.name} ${e.type} ${e.reason ?? ''}`);
    const bogus = (snap.findings ?? []).filter((f) => f.kind === 'dnssec-bogus').map((f) => `${f.node ?? `zone ${f.subject}`}:${String(f.evidence.dnssecErrors ?? f.evidence.seen)}`);
    console.log(`dnssec_bogus_findings ${bogus.length ? bogus.join(' ') : 'none'}`);
  } finally {
    await client.close();
    await nsd.stop();
  }
}

const dir = mkdtempSync(path.join(tmpdir(), 'dw-dnssec-probe-'));
try {
  const lines = [`@ 300 IN SOA ns1.${ORIGIN} hostmaster.${ORIGIN} 1 3600 600 86400 300`, `@ 300 IN NS ns1.${ORIGIN}`, `ns1 300 IN A ${ADDRESS}`];
  for (let i = 0; i < names; i++) lines.push(`n${i} 300 IN A 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
  let t = performance.now();
  const z = signZone({ dir, origin: ORIGIN, text: lines.join('\n'), algorithm: 13, inception: now - 3600, expiration: now + 10 * 86400 });
  console.log(`# ${names.toLocaleString('en')} names signed by ldns-signzone (ECDSAP256SHA256, NSEC) in ${((performance.now() - t) / 1000).toFixed(1)} s; node ${process.version}, in-flight ${inFlight}`);
  await cycle('signed zone', dir, z.file);
  // One record changed under its signature: the served data and the truth agree, the RRSIG does not.
  const victim = `n${Math.floor(names / 2)}`;
  const re = new RegExp(`^(${victim}\\.${ORIGIN.replaceAll('.', '\\.')}\\s+\\d+\\s+IN\\s+A\\s+)\\S+$`, 'm');
  const text = readFileSync(z.file, 'utf8');
  if (!re.test(text)) throw new Error(`no A record of ${victim} in the signed file`);
  const changed = path.join(dir, 'big.lab.changed');
  writeFileSync(changed, text.replace(re, '$1192.0.2.99'));
  await cycle(`${victim} A changed under its signature`, dir, changed);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
