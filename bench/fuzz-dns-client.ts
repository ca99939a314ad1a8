// Fuzzes the DNS client's response path.
// Phase 1: --packets mutated responses (default 1,000,000) straight into judgeResponse (packet guard +
//   dns-packet decode + match + canonical records), in a worker thread watched by the main thread:
//   a packet that throws, or that keeps the worker busy for --hang-ms, is saved to
//   test/fuzz/corpus/<sha1>.bin and the run goes on after it.
// Phase 2: --loopback queries (default 20,000) from the real client to a hostile UDP server on
//   127.0.0.1 that answers with garbage, spoofs, wrong sources, mutated answers, or nothing.
// Usage: node bench/fuzz-dns-client.ts [--packets N] [--seed S] [--loopback N] [--hang-ms MS]
import dgram from 'node:dgram';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import * as dnsPacket from '@leichtgewicht/dns-packet';
import { createDnsClient } from '../src/dns/dns-client.ts';
import { judgeResponse } from '../src/dns/response-match.ts';
import { FUZZ_ID, FUZZ_QUERY, mutate, nastyPackets, seedPackets, seededRandom, sha1 } from '../test/fuzz/dns-response-mutator.ts';

const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test/fuzz/corpus');
const SHARED_MAX = 70_000;

interface Job { from: number; to: number; seed: number; shared: SharedArrayBuffer }
type WorkerMsg = { kind: 'throw'; packet: Uint8Array; error: string } | { kind: 'done'; counts: Record<string, number> };

/** Per-index generator, so a run can resume right after a hanging packet. */
const packetAt = (seeds: Uint8Array[], seed: number, i: number): Uint8Array => mutate(seeds, seededRandom(seed ^ Math.imul(i, 0x9e3779b1)));

function workerMain(job: Job): void {
  const progress = new Int32Array(job.shared, 0, 2); // [index in progress, packet length]
  const current = new Uint8Array(job.shared, 8);
  const seeds = [...seedPackets(), ...Object.values(nastyPackets())];
  const counts: Record<string, number> = {};
  for (let i = job.from; i < job.to; i++) {
    const packet = packetAt(seeds, job.seed, i);
    const len = Math.min(packet.length, SHARED_MAX - 8);
    current.set(packet.subarray(0, len));
    Atomics.store(progress, 1, len);
    Atomics.store(progress, 0, i);
    let key: string;
    try {
      const v = judgeResponse(packet, FUZZ_QUERY, FUZZ_ID);
      key = v.kind === 'ignore' ? `ignore:${v.reason}` : v.kind;
    } catch (err) {
      key = 'THROW';
      parentPort!.postMessage({ kind: 'throw', packet, error: String(err) } satisfies WorkerMsg);
    }
    counts[key] = (counts[key] ?? 0) + 1;
  }
  parentPort!.postMessage({ kind: 'done', counts } satisfies WorkerMsg);
}

function saveCorpus(packet: Uint8Array, why: string): string {
  mkdirSync(CORPUS, { recursive: true });
  const file = path.join(CORPUS, `${sha1(packet)}.bin`);
  writeFileSync(file, packet);
  console.log(`  saved ${why}: ${path.relative(process.cwd(), file)}`);
  return file;
}

async function runSlice(from: number, to: number, seed: number, hangMs: number, counts: Record<string, number>): Promise<number | null> {
  const shared = new SharedArrayBuffer(SHARED_MAX);
  const progress = new Int32Array(shared, 0, 2);
  Atomics.store(progress, 0, from);
  const worker = new Worker(new URL(import.meta.url), { workerData: { from, to, seed, shared } satisfies Job });
  return new Promise((resolve, reject) => {
    let last = -1;
    let since = Date.now();
    const watch = setInterval(() => {
      const now = Atomics.load(progress, 0);
      if (now !== last) { last = now; since = Date.now(); return; }
      if (Date.now() - since < hangMs) return;
      clearInterval(watch);
      saveCorpus(new Uint8Array(shared, 8, Atomics.load(progress, 1)).slice(), `hang at packet ${now}`);
      counts.HANG = (counts.HANG ?? 0) + 1;
      void worker.terminate().then(() => resolve(now + 1));
    }, Math.min(250, hangMs));
    worker.on('message', (m: WorkerMsg) => {
      if (m.kind === 'throw') saveCorpus(m.packet, `throw (${m.error})`);
      else {
        for (const [k, v] of Object.entries(m.counts)) counts[k] = (counts[k] ?? 0) + v;
        clearInterval(watch);
        resolve(null);
      }
    });
    worker.on('error', (err) => { clearInterval(watch); reject(err); });
  });
}

async function phaseDirect(total: number, seed: number, hangMs: number): Promise<void> {
  const counts: Record<string, number> = {};
  const t0 = performance.now();
  let from: number | null = 0;
  for (let restarts = 0; from !== null && from < total && restarts < 100; restarts++) from = await runSlice(from, total, seed, hangMs, counts);
  const s = (performance.now() - t0) / 1000;
  console.log(`direct: ${total} packets in ${s.toFixed(1)} s = ${Math.round(total / s)} packets/s`);
  for (const [k, v] of Object.entries(counts).sort((a, b) => b[1] - a[1])) console.log(`  ${k.padEnd(28)} ${v}`);
}

/** Hostile server: for each query, a few bad packets, sometimes from another port, then maybe the real answer. */
async function phaseLoopback(total: number, seed: number): Promise<void> {
  const rnd = seededRandom(seed + 1);
  const seeds = seedPackets();
  const server = dgram.createSocket('udp4');
  const liar = dgram.createSocket('udp4');
  await new Promise<void>((r) => server.bind(0, '127.0.0.1', r));
  await new Promise<void>((r) => liar.bind(0, '127.0.0.1', r));
  const port = server.address().port;
  server.on('message', (msg, rinfo) => {
    if (msg.length < 12) return;
    let q: dnsPacket.Packet;
    try { q = dnsPacket.decode(msg); } catch { return; }
    const good = Buffer.from(dnsPacket.encode({ type: 'response', id: q.id, flags: dnsPacket.AUTHORITATIVE_ANSWER, questions: q.questions,
      answers: [{ name: q.questions![0].name, type: 'A', class: 'IN', ttl: 60, data: '192.0.2.1' }] }));
    const patch = (b: Uint8Array): Buffer => { const c = Buffer.from(b); if (c.length >= 2 && rnd() < 0.8) c.writeUInt16BE(q.id!, 0); return c; };
    for (let n = Math.floor(rnd() * 4); n > 0; n--) {
      const bad = rnd() < 0.5 ? patch(mutate([good], rnd)) : patch(mutate(seeds, rnd));
      (rnd() < 0.2 ? liar : server).send(bad, rinfo.port, rinfo.address);
    }
    if (rnd() < 0.1) liar.send(good, rinfo.port, rinfo.address); // right bytes, wrong source port
    if (rnd() < 0.85) server.send(good, rinfo.port, rinfo.address);
  });
  const client = createDnsClient({ maxInFlight: 200 });
  const outcomes: Record<string, number> = {};
  let next = 0;
  const t0 = performance.now();
  const worker = async (): Promise<void> => {
    while (next < total) {
      const i = next++;
      const a = await client.query({ address: '127.0.0.1', port, name: `q${i}.fuzz.example.`, type: 'A', timeoutMs: 200 });
      const key = a.outcome === 'answer' ? `answer:${a.rcode}:${a.answer.length}` : a.outcome === 'network-error' ? `network-error:${a.error}` : a.outcome;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: 200 }, worker));
  const s = (performance.now() - t0) / 1000;
  const stats = client.stats();
  await client.close();
  server.close();
  liar.close();
  console.log(`loopback: ${total} queries against a hostile server in ${s.toFixed(1)} s`);
  for (const [k, v] of Object.entries(outcomes).sort((a, b) => b[1] - a[1])) console.log(`  ${k.padEnd(28)} ${v}`);
  console.log(`  ignored by the client: ${JSON.stringify(stats.ignored)}`);
}

if (!isMainThread) {
  workerMain(workerData as Job);
} else {
  const { values } = parseArgs({ options: {
    packets: { type: 'string', default: '1000000' }, seed: { type: 'string', default: '20240601' },
    loopback: { type: 'string', default: '20000' }, 'hang-ms': { type: 'string', default: '5000' },
  } });
  let crashed = 0;
  process.on('uncaughtException', (err) => { crashed++; console.error('UNCAUGHT', err); });
  await phaseDirect(Number(values.packets), Number(values.seed), Number(values['hang-ms']));
  await phaseLoopback(Number(values.loopback), Number(values.seed));
  console.log(crashed ? `FAILED: ${crashed} uncaught exceptions` : 'no uncaught exceptions');
  process.exitCode = crashed ? 1 : 0;
}
