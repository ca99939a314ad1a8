// The probe engine against real lab authoritative servers on loopback, through the real DNS client.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startAuthServer, type AuthServer } from '../src/authserver/auth-server.ts';
import { createDnsClient } from '../src/dns/dns-client.ts';
import { runProbeCycle, probeFor } from '../src/probe/probe-engine.ts';
import { StaticTruthProvider } from '../src/probe/truth/truth-provider.ts';
import { seededRng } from '../src/probe/random-sample.ts';
import { authSystem, probeConfig } from '../src/probe/testing/config-fixture.ts';
import { generatedZone, tamperableCount } from '../src/probe/testing/zone-generator.ts';
import type { Zone } from '../src/zone/zone-types.ts';
import type { ResolvedSystem } from '../src/config/config-types.ts';
import { NODE_DOWN_PROBES } from '../src/probe/node-down.ts';

const client = createDnsClient({ maxInFlight: 2000 });
const servers: AuthServer[] = [];
after(async () => {
  await Promise.all(servers.map(s => s.close()));
  await client.close();
});

async function lab(zone: Zone, count: number): Promise<{ servers: AuthServer[]; system: ResolvedSystem }> {
  const started: AuthServer[] = [];
  for (let i = 0; i < count; i++) started.push(await startAuthServer({ zones: [zone], address: '127.0.0.1', port: 0, nodeId: `n${i}` }));
  servers.push(...started);
  const nodes = started.map((s, i) => ({ id: `n${i}`, address: s.address, port: s.port }));
  return { servers: started, system: authSystem('sys', [zone.origin], nodes) };
}

const deps = (zone: Zone) => ({ client, truth: new StaticTruthProvider({ sys: [zone] }), rng: seededRng(3) });

test('no faults: every node succeeds on every query over udp and tcp, no data errors', async () => {
  const zone = generatedZone('clean.lab.', 200);
  const { system } = await lab(zone, 2);
  const snap = await runProbeCycle(probeConfig([system], { transports: ['udp', 'tcp'] }), deps(zone));
  const sys = snap.systems[0];
  for (const n of sys.nodes) {
    assert.equal(n.successRate, 1, JSON.stringify(n.failures));
    assert.equal(n.dataErrors, 0, JSON.stringify(n.dataErrorSamples));
    // every record outside delegations, plus NS + glue of each delegation
    assert.ok(n.dataChecked >= zone.records.length - 3, `${n.dataChecked} of ${zone.records.length}`);
  }
  assert.equal(sys.successRate, 1);
  assert.equal(sys.stoppedMinutes, 0);
});

test('tamperRate 0.001 with sample all: dataErrors equals the tampered records exactly', async () => {
  const zone = generatedZone('tamper.lab.', 2400);
  assert.ok(tamperableCount(zone) >= 2000);
  const { servers: [bad], system } = await lab(zone, 2);
  bad.setFaults({ tamperRate: 0.001, tamperSeed: 11 });
  const tampered = bad.tamperedRecords();
  assert.ok(tampered.length >= 2);
  const snap = await runProbeCycle(probeConfig([system], { inFlight: 200 }), deps(zone));
  const [n0, n1] = snap.systems[0].nodes;
  assert.equal(n0.dataErrors, tampered.length);
  assert.equal(n1.dataErrors, 0);
  assert.equal(n0.dataChecked, n1.dataChecked);
  const reported = new Set(n0.dataErrorSamples!.map(s => `${s.name}|${s.type}`));
  for (const r of tampered) assert.ok(reported.has(`${r.name}|${r.type}`), `${r.name} ${r.type} reported`);
  assert.equal(n0.successRate, 1, 'tampered data is not a failed query');
});

test('dropRate 0.3: success rate near 0.7 over more than 1000 queries', async () => {
  const zone = generatedZone('drop.lab.', 1200, 0);
  const { servers: [s], system } = await lab(zone, 1);
  s.setFaults({ dropRate: 0.3, dropSeed: 5 });
  const snap = await runProbeCycle(probeConfig([system], { inFlight: 1000, timeoutMs: 1500 }), deps(zone));
  const n = snap.systems[0].nodes[0];
  assert.ok(n.queries >= 1000, `${n.queries} queries`);
  assert.ok(n.successRate > 0.6 && n.successRate < 0.8, `success ${n.successRate}`);
  assert.equal(n.failures?.timeout, n.queries - n.succeeded);
  assert.equal(n.answered, n.succeeded);
  assert.equal(n.dataErrors, 0, 'lost answers leave their records unchecked, not wrong');
  assert.ok(n.dataChecked < zone.records.length);
});

test('delayMs 6000 with a 10 s timeout: the median is above 5 s', async () => {
  const zone = generatedZone('slow.lab.', 8, 0);
  const { servers: [s], system } = await lab(zone, 1);
  s.setFaults({ delayMs: 6000 });
  const snap = await runProbeCycle(probeConfig([{ ...system, sample: 3 }], { timeoutMs: 10_000 }), deps(zone));
  const n = snap.systems[0].nodes[0];
  assert.equal(n.queries, 5);
  assert.equal(n.succeeded, 5);
  assert.ok(n.latencyMs!.p50 > 5000, `p50 ${n.latencyMs!.p50}`);
  assert.equal(snap.systems[0].latencyMs!.p50, n.latencyMs!.p50);
});

test('stopped server: success rate 0, the system counts as stopped', async () => {
  const zone = generatedZone('stop.lab.', 20, 0);
  const { servers: [s], system } = await lab(zone, 1);
  s.setFaults({ stopped: true });
  const snap = await runProbeCycle(probeConfig([system], { timeoutMs: 300 }), deps(zone));
  const sys = snap.systems[0];
  assert.equal(sys.successRate, 0);
  assert.equal(sys.nodes[0].answered, 0);
  assert.equal(sys.latencyMs, null);
  assert.ok(sys.stoppedMinutes > 0, 'the observed cycle counts as stopped time');
  // Only the first NODE_DOWN_PROBES queries were sent; the rest count as failed without waiting.
  const f = sys.nodes[0].failures ?? {};
  assert.equal(f.timeout, NODE_DOWN_PROBES);
  assert.equal(f['node-down'], sys.nodes[0].queries - NODE_DOWN_PROBES);
  assert.ok(f['node-down'] > 0);
  assert.equal(s.stats().queries, NODE_DOWN_PROBES, 'the server saw only the first queries');
});

test('SERVFAIL counts by cause; probeFor merges cycles into one window', async () => {
  const zone = generatedZone('fail.lab.', 10, 0);
  const { servers: [s], system } = await lab(zone, 1);
  s.setFaults({ servfail: true });
  const cfg = probeConfig([{ ...system, sample: 2 }], { intervalMs: 50 });
  const snap = await probeFor(cfg, 120, deps(zone), { maxCycles: 5 });
  const n = snap.systems[0].nodes[0];
  assert.ok(n.queries >= 8 && n.queries % 4 === 0, `${n.queries} queries`); // 4 per cycle, ≥ 2 cycles
  assert.equal(n.failures?.servfail, n.queries);
  assert.ok(snap.window.from < snap.window.to);
});
