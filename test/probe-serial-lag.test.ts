// Serial lag on real NSD (issue 8): secondaries serving an older serial are compared with the version
// they serve. Zone-file truth that changes while the probe runs (its history keeps the previous
// version), the same truth without history, and an AXFR truth from a primary we control (the built-in
// server) whose zone moves on by one serial. Probed through runProbeCycle with the real DNS client.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startNsd, type RealServer } from '../src/lab/real-servers.ts';
import { startAuthServer, type AuthServer } from '../src/authserver/auth-server.ts';
import { createDnsClient } from '../src/dns/dns-client.ts';
import { parseZoneFile } from '../src/zone/zonefile.ts';
import { runProbeCycle } from '../src/probe/probe-engine.ts';
import { CachedTruthProvider } from '../src/probe/truth/truth-provider.ts';
import { SerialLagTracker } from '../src/probe/serial-lag-tracker.ts';
import { seededRng } from '../src/probe/random-sample.ts';
import { authSystem, probeConfig } from '../src/probe/testing/config-fixture.ts';
import type { ResolvedSystem } from '../src/config/config-types.ts';
import { readRuleset } from '../src/config/read-ruleset.ts';
import { gradeSnapshot } from '../src/core/rules/grade-snapshot.ts';
import { freePort } from './support/dns-client-nsd.ts';

const ADDR = { lagging: '127.0.62.1', claimsNew: '127.0.62.2', current: '127.0.62.3', primary: '127.0.62.4', tampered: '127.0.62.5' };
const CHANGED = [3, 17, 42]; // hosts whose address changes from serial 1 to serial 2

/** lab. with 60 hosts; `serial`, and the hosts in CHANGED at their serial-2 addresses when `moved`. */
function zoneText(serial: number, moved: boolean, tamper?: number): string {
  const hosts = Array.from({ length: 60 }, (_, i) => {
    const address = tamper === i ? '203.0.113.66' : moved && CHANGED.includes(i) ? `198.51.100.${i}` : `192.0.2.${i}`;
    return `h${i} 300 IN A ${address}\nh${i} 300 IN TXT "host ${i}"`;
  });
  return ['$ORIGIN lab.', '$TTL 300', `@ IN SOA ns1 hostmaster ${serial} 3600 600 86400 300`, '@ IN NS ns1', 'ns1 IN A 127.0.62.1', ...hosts, ''].join('\n');
}

const ruleset = await readRuleset('miit-domain-security-2011');

describe('serial lag on real NSD', { timeout: 120_000 }, () => {
  let dir = '';
  const servers: RealServer[] = [];
  let primary: AuthServer | undefined;
  const client = createDnsClient();
  const nodePort: Record<string, number> = {};

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dw-serial-lag-'));
    const serve = async (id: keyof typeof ADDR, text: string) => {
      const file = path.join(dir, `${id}.zone`);
      writeFileSync(file, text);
      const port = await freePort(ADDR[id]);
      nodePort[id] = port;
      servers.push(await startNsd({ dir: path.join(dir, id), address: ADDR[id], port, zones: [{ origin: 'lab.', file }] }));
    };
    await Promise.all([
      serve('lagging', zoneText(1, false)),          // the previous serial, faithfully
      serve('claimsNew', zoneText(2, false)),        // the new serial, with the 3 changed records still old: wrong
      serve('current', zoneText(2, true)),
      serve('tampered', zoneText(1, false, 8)),      // the previous serial with h8 altered
    ]);
  });

  after(async () => {
    await Promise.allSettled([...servers.map((s) => s.stop()), primary?.close(), client.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const node = (id: keyof typeof ADDR) => ({ id, address: ADDR[id], port: nodePort[id] });
  const config = (system: ResolvedSystem) => probeConfig([system], { timeoutMs: 2000, inFlight: 32 });
  const systemInfo = [{ id: 'lab-tld', org: 'org', kind: 'tld' as const }];

  test('zone-file truth: lagging within the tolerance is lagErrors 3, dataErrors 0; claiming the new serial is dataErrors 3', async () => {
    const truthFile = path.join(dir, 'truth.zone');
    writeFileSync(truthFile, zoneText(1, false));
    const system = authSystem('lab-tld', ['lab.'], [node('lagging'), node('claimsNew'), node('current')],
      { kind: 'tld', truth: { zonefile: truthFile } });
    const truth = new CachedTruthProvider();
    const lags = new SerialLagTracker();
    const deps = { client, truth, lags, rng: seededRng(8) };
    const before = await runProbeCycle(config(system), deps);
    assert.equal(before.systems[0].truthSerial, 1);
    // The zone moves on to serial 2 while the probe runs; the truth keeps serial 1 as differences.
    writeFileSync(truthFile, zoneText(2, true));
    utimesSync(truthFile, new Date(Date.now() + 5000), new Date(Date.now() + 5000)); // a surely different mtime
    const snap = await runProbeCycle(config(system), deps);
    const sys = snap.systems[0];
    assert.equal(sys.truthSerial, 2);
    const [lagging, claimsNew, current] = sys.nodes;
    assert.deepEqual([lagging.soaSerial, lagging.lagging, lagging.lagErrors, lagging.dataErrors], [1, true, 3, 0],
      JSON.stringify(lagging.dataErrorSamples));
    assert.equal(lagging.successRate, 1);
    assert.ok(lagging.dataChecked >= 120, `checked ${lagging.dataChecked}`);
    assert.deepEqual([claimsNew.soaSerial, claimsNew.lagging, claimsNew.dataErrors, claimsNew.lagErrors], [2, false, 3, 0]);
    assert.deepEqual((claimsNew.dataErrorSamples ?? []).map((s) => s.name).sort(), ['h17.lab.', 'h3.lab.', 'h42.lab.']);
    assert.deepEqual([current.lagging, current.dataErrors, current.lagErrors], [false, 0, 0]);
    const lag = snap.findings!.filter((f) => f.kind === 'serial-lag');
    assert.deepEqual(lag.map((f) => [f.node, f.severity, f.evidence.expected, f.evidence.seen, f.evidence.lagErrors]), [['lagging', 'warning', 2, 1, 3]]);
    // No incident from the lag: only the node claiming the new serial with wrong data is graded.
    const withoutClaim = { ...snap, systems: [{ ...sys, nodes: [lagging, current] }] };
    assert.deepEqual(gradeSnapshot(withoutClaim, { ruleset, organizations: [{ id: 'org', role: 'registry' }], systems: systemInfo }).incidents, []);

    // The same truth without history (a fresh provider): the version is unknown, every difference
    // including the SOA itself is a lag difference, and nothing of that node is graded.
    const fresh = await runProbeCycle(config(system), { client, truth: new CachedTruthProvider(), rng: seededRng(8) });
    const unknown = fresh.systems[0].nodes[0];
    assert.deepEqual([unknown.lagging, unknown.lagErrors, unknown.dataErrors, unknown.dataChecked], [true, 4, 0, 0]);
  });

  test('AXFR truth: a lagging node with one record tampered relative to its own version shows dataErrors 1', async () => {
    const v1 = parseZoneFile(zoneText(1, false), { origin: 'lab.' });
    primary = await startAuthServer({ zones: [v1], address: ADDR.primary, port: 0 });
    const system = authSystem('lab-tld', ['lab.'], [node('tampered'), node('lagging')],
      { kind: 'tld', truth: { axfr: { address: ADDR.primary, port: primary.port } } });
    const truth = new CachedTruthProvider({ axfrRefreshMs: 0, axfrTimeoutMs: 5000 });
    const deps = { client, truth, rng: seededRng(9) };
    const first = await runProbeCycle(config(system), deps);
    assert.equal(first.systems[0].truthSerial, 1);
    assert.equal(first.systems[0].nodes[0].dataErrors, 1, 'at the same serial the tampered record is a data error');
    primary.setZones([parseZoneFile(zoneText(2, true), { origin: 'lab.' })]);
    const snap = await runProbeCycle(config(system), deps);
    const [tampered, lagging] = snap.systems[0].nodes;
    assert.equal(snap.systems[0].truthSerial, 2);
    assert.deepEqual([tampered.soaSerial, tampered.lagging, tampered.dataErrors, tampered.lagErrors], [1, true, 1, 3],
      JSON.stringify(tampered.dataErrorSamples));
    assert.equal(tampered.dataErrorSamples![0].name, 'h8.lab.');
    assert.deepEqual([lagging.lagging, lagging.dataErrors, lagging.lagErrors], [true, 0, 3]);
    // The refresh asked for IXFR first; the built-in server answers IXFR with the whole zone (RFC 1995 §4).
    assert.deepEqual(truth.transfers, { axfr: 1, ixfr: 0, ixfrCurrent: 0, ixfrFull: 1, ixfrFailed: 0 });
  });

  test('a node ahead of an AXFR truth: truth-stale and not graded, then the truth is refreshed at once', async () => {
    const stalePrimary = await startAuthServer({ zones: [parseZoneFile(zoneText(1, false), { origin: 'lab.' })], address: ADDR.primary, port: 0 });
    try {
      const system = authSystem('lab-tld', ['lab.'], [node('current')],
        { kind: 'tld', truth: { axfr: { address: ADDR.primary, port: stalePrimary.port } } });
      const truth = new CachedTruthProvider(); // the usual 5-minute refresh
      const deps = { client, truth, rng: seededRng(10) };
      const stale = await runProbeCycle(config(system), deps);
      const ahead = stale.systems[0].nodes[0];
      assert.deepEqual([stale.systems[0].truthSerial, ahead.soaSerial, ahead.lagging, ahead.dataChecked, ahead.dataErrors], [1, 2, false, 0, 0]);
      const finding = stale.findings!.find((f) => f.kind === 'truth-stale')!;
      assert.deepEqual([finding.node, finding.evidence.expected, finding.evidence.seen, finding.evidence.differences], ['current', 1, 2, 4]);
      stalePrimary.setZones([parseZoneFile(zoneText(2, true), { origin: 'lab.' })]);
      const fresh = await runProbeCycle(config(system), deps);
      assert.equal(fresh.systems[0].truthSerial, 2, 'refreshed without waiting 5 minutes');
      assert.equal(fresh.systems[0].nodes[0].dataErrors, 0);
      assert.ok(fresh.systems[0].nodes[0].dataChecked > 0);
      assert.equal(fresh.findings!.filter((f) => f.kind === 'truth-stale').length, 0);
    } finally {
      await stalePrimary.close();
    }
  });
});
