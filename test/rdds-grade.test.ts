// Must show (issue 10): the TLD's query services — the lab's WHOIS and RDAP servers (src/lab/lab-rdds.ts,
// answering from an EPP test registry) — probed for a known name: garbage or down → unavailable → the TLD
// grades IV (tld-query-service-unavailable); slow (2.1 s against the 2 s SLA limit) → degraded, not graded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readRuleset } from '../src/config/read-ruleset.ts';
import { OutageTracker } from '../src/core/outage-tracker.ts';
import { gradeSnapshot } from '../src/core/rules/grade-snapshot.ts';
import { createDnsClient } from '../src/dns/dns-client.ts';
import { EppTestRegistry } from '../src/epp/epp-test-registry.ts';
import { startLabRdap, startLabWhois } from '../src/lab/lab-rdds.ts';
import { runProbeCycle } from '../src/probe/probe-engine.ts';
import { CachedTruthProvider } from '../src/probe/truth/truth-provider.ts';
import { loadTldConfig, startTldServers, tLabZone } from './support/clocked-platform.ts';

test('WHOIS/RDAP garbage or down grade the TLD IV; slow is degraded', { timeout: 60_000 }, async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'dw-rdds-'));
  const [dns] = await startTldServers(dir, ['a'], tLabZone(1, 'nic   IN NS  ns1\n'));
  const registry = new EppTestRegistry();
  registry.put({ name: 'nic.t.lab', ns: ['ns1.t.lab'], statuses: ['serverTransferProhibited'] });
  const whois = await startLabWhois({ address: '127.0.0.1', port: 0, registry });
  const rdap = await startLabRdap({ address: '127.0.0.1', port: 0, registry });
  const client = createDnsClient({ maxInFlight: 16 });
  t.after(async () => { await whois.close(); await rdap.close(); await dns.close(); await client.close(); await rm(dir, { recursive: true, force: true }); });
  const config = loadTldConfig(dir, { a: dns.port }, `    services:
      whois: { address: 127.0.0.1, port: ${whois.port}, knownName: nic.t.lab }
      rdap: { url: "http://127.0.0.1:${rdap.port}/rdap/", knownName: nic.t.lab }
`, 'probing: { interval: 1s, timeout: 6s }\n');
  const ruleset = await readRuleset('miit-domain-security-2011');
  const deps = { client, truth: new CachedTruthProvider(), outages: new OutageTracker({ maxGapMs: 60_000 }) };
  const cycle = async () => {
    const snapshot = await runProbeCycle(config, deps);
    const graded = gradeSnapshot(snapshot, { ruleset, organizations: config.organizations, systems: config.systems.map((s) => ({ id: s.id, org: s.org, kind: s.kind })) });
    const s = snapshot.systems[0].services!;
    return { whois: s.whois!, rdap: s.rdap!, incidents: graded.incidents.map((i) => [i.grade, i.matched.map((m) => m.rule)]) };
  };

  const healthy = await cycle();
  assert.deepEqual([healthy.whois.up, healthy.rdap.up], [true, true], `${healthy.whois.error} ${healthy.rdap.error}`);
  assert.deepEqual(healthy.incidents, []);

  for (const [label, server, faults] of [
    ['WHOIS garbage', whois, { garbage: true }], ['WHOIS stopped', whois, { stopped: true }],
    ['RDAP garbage', rdap, { garbage: true }], ['RDAP stopped', rdap, { stopped: true }],
  ] as const) {
    await server.setFaults(faults);
    const got = await cycle();
    const name = server === whois ? 'whois' : 'rdap';
    assert.equal(got[name].up, false, label);
    assert.deepEqual(got.incidents, [['IV', ['tld-query-service-unavailable']]], label);
    await server.setFaults({ garbage: false, stopped: false });
  }
  assert.deepEqual((await cycle()).incidents, [], 'both back');

  await whois.setFaults({ delayMs: 2100 });
  await rdap.setFaults({ delayMs: 2100 });
  const slow = await cycle();
  assert.deepEqual([slow.whois.up, slow.whois.degraded, slow.rdap.up, slow.rdap.degraded], [true, true, true, true]);
  assert.deepEqual(slow.incidents, [], 'a slow query service is degraded; the table grades only its unavailability');
});
