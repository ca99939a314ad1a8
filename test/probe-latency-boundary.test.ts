// The 5-second boundary through the real probe path (issue 8): the built-in authoritative server
// delays every answer of one TLD node by 4,900 ms, then by 5,200 ms. runProbeCycle with the real DNS
// client (timeout 8 s, above 5 s) counts the answers slower than 5,000 ms exactly (latencyAbove), and
// gradeSnapshot with the built-in rule set decides "not above" vs "above 5 s" from those counts — one
// node of four above 5 s is "fewer than half of the TLD nodes" (III).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startAuthServer, type AuthServer } from '../src/authserver/auth-server.ts';
import { createDnsClient } from '../src/dns/dns-client.ts';
import { parseZoneFile } from '../src/zone/zonefile.ts';
import { runProbeCycle } from '../src/probe/probe-engine.ts';
import { StaticTruthProvider } from '../src/probe/truth/truth-provider.ts';
import { seededRng } from '../src/probe/random-sample.ts';
import { authSystem, probeConfig } from '../src/probe/testing/config-fixture.ts';
import { readRuleset } from '../src/config/read-ruleset.ts';
import { gradeSnapshot } from '../src/core/rules/grade-snapshot.ts';

const zone = parseZoneFile(['$ORIGIN lab.', '$TTL 300', '@ IN SOA ns1 hostmaster 1 3600 600 86400 300', '@ IN NS ns1', 'ns1 IN A 127.0.64.1',
  ...Array.from({ length: 10 }, (_, i) => `h${i} IN A 192.0.2.${i}`), ''].join('\n'), { origin: 'lab.' });
const ADDRESSES = ['127.0.64.1', '127.0.64.2', '127.0.64.3', '127.0.64.4'];
const ruleset = await readRuleset('miit-domain-security-2011');

describe('latency boundary: 4,900 ms vs 5,200 ms through the real probe path', { timeout: 60_000 }, () => {
  const servers: AuthServer[] = [];
  const client = createDnsClient();

  before(async () => {
    for (const address of ADDRESSES) servers.push(await startAuthServer({ zones: [zone], address, port: 0 }));
  });
  after(async () => { await Promise.allSettled([...servers.map((s) => s.close()), client.close()]); });

  const cycle = async () => {
    const nodes = servers.map((s, i) => ({ id: `n${i}`, address: s.address, port: s.port }));
    const system = authSystem('lab-tld', ['lab.'], nodes, { kind: 'tld', sample: 'all', nxdomainCheck: false });
    const config = probeConfig([system], { timeoutMs: 8000, inFlight: 16 });
    const snap = await runProbeCycle(config, { client, truth: new StaticTruthProvider({ 'lab-tld': [zone] }), rng: seededRng(5) });
    const graded = gradeSnapshot(snap, { ruleset, organizations: [{ id: 'org', role: 'registry' }], systems: [{ id: 'lab-tld', org: 'org', kind: 'tld' }] });
    return { snap, slow: snap.systems[0].nodes[3], incident: graded.incidents.find((i) => i.system === 'lab-tld') };
  };

  test('4,900 ms: every answer measured, none above 5,000 ms, no grade', async () => {
    servers[3].setFaults({ delayMs: 4900 });
    const { snap, slow, incident } = await cycle();
    assert.equal(slow.answered, 13, 'SOA + 12 RRsets, all answered before the 8 s timeout');
    assert.equal(slow.successRate, 1);
    assert.deepEqual(slow.latencyAbove, { 5000: 0 });
    assert.ok(slow.latencyMs!.max >= 4900);
    assert.equal(snap.systems[0].latencyAbove!['5000'], 0);
    assert.equal(snap.systems[0].answered, 4 * 13);
    assert.equal(incident?.grade ?? null, null, JSON.stringify(incident));
    assert.deepEqual(incident?.matched ?? [], [], 'no latency rule holds');
  });

  test('5,200 ms: every answer above 5,000 ms; graded III (fewer than half of the TLD nodes above 5 s)', async () => {
    servers[3].setFaults({ delayMs: 5200 });
    const { snap, slow, incident } = await cycle();
    assert.equal(slow.answered, 13);
    assert.deepEqual(slow.latencyAbove, { 5000: 13 });
    assert.equal(snap.systems[0].latencyAbove!['5000'], 13);
    assert.equal(incident?.grade, 'III', JSON.stringify(incident));
    assert.ok(incident.matched.some((m) => m.rule === 'tld-minority-nodes-degraded'), JSON.stringify(incident.matched));
  });
});
