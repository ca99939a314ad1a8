// Must show (issue 10): the registration service (EPP) of a TLD down through the real outage path — the
// Platform (daemon, outage ledger, store, incident service) probing a healthy TLD node and the EPP test
// server (src/epp) that is stopped, with an injected clock that advances 10 minutes per reading: the
// service's measured downMinutes grow by 20 per cycle; while they are ≤ 240 the TLD grades IV
// (tld-registration-degraded), past 240 it grades III (tld-registration-down-over-4h). A second test: an
// EPP endpoint that accepts TCP but never sends a greeting counts as down (raw listener and silent mode).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Snapshot } from '../src/core/snapshot.ts';
import { startEppTestServer } from '../src/epp/epp-test-server.ts';
import { makeTestCertificates } from '../src/epp/test-certificates.ts';
import { createDnsClient } from '../src/dns/dns-client.ts';
import { runProbeCycle } from '../src/probe/probe-engine.ts';
import { CachedTruthProvider } from '../src/probe/truth/truth-provider.ts';
import { waitFor } from './platform-harness.ts';
import { loadTldConfig, openClockedPlatform, startForCycles, startTldServers } from './support/clocked-platform.ts';
import { readRuleset } from '../src/config/read-ruleset.ts';
import { gradeSnapshot } from '../src/core/rules/grade-snapshot.ts';

async function setup(dir: string, extraConfig: string, eppPort: number, eppExtra = ', clientId: dnswarden, password: probe-pw1') {
  const [dns] = await startTldServers(dir, ['a']);
  const config = loadTldConfig(dir, { a: dns.port }, `    check: { sample: 3 }
    services:
      registration: { epp: { address: 127.0.0.1, port: ${eppPort}, tls: { ca: ./ca.pem }${eppExtra} } }
`, extraConfig);
  return { dns, config };
}

test('EPP down: IV while measured ≤ 4 h, III (tld-registration-down-over-4h) past 4 h, through the platform', { timeout: 120_000 }, async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'dw-epp-outage-'));
  const certs = makeTestCertificates(dir);
  const epp = await startEppTestServer({ tls: { cert: certs.serverCert, key: certs.serverKey }, clients: { dnswarden: 'probe-pw1' } });
  // interval 200ms keeps the test short in real time; the 1 h timeout makes the gap limit (2 × interval + timeout) above the 20 min a cycle spans.
  const { dns, config } = await setup(dir, 'probing: { interval: 200ms, timeout: 1h }\nhttp: { token: "epp-outage-token-0123456789" }\n', epp.port);
  t.after(async () => { await epp.close(); await dns.close(); await rm(dir, { recursive: true, force: true }); });

  let clockMs = Date.parse('2026-11-23T08:00:00.000Z');
  const probeNow = () => new Date(clockMs += 10 * 60_000);
  const truth = new CachedTruthProvider();
  const { platform, snapshots } = await openClockedPlatform(config, path.join(dir, 'data'), () => new Date(clockMs),
    ({ client }) => runProbeCycle(config, { client, truth, now: probeNow }));
  t.after(() => platform.stop());
  const downMinutes = (s: Snapshot) => s.systems[0].services!.registration!.downMinutes;

  // The first cycle sees EPP up (greeting, hello, login, logout); then the EPP server stops.
  await startForCycles({ platform, snapshots }, 1, 30_000);
  assert.equal(snapshots[0].systems[0].services?.registration?.up, true, snapshots[0].systems[0].services?.registration?.error);
  await epp.setFaults({ stopped: true });
  await waitFor('downMinutes past 4 h for two cycles', () => (snapshots.filter((s) => downMinutes(s) > 240).length >= 2 ? true : undefined), 60_000, 10);
  // The stored incident follows the grading (which runs after each cycle): III once past 4 h, after IV before.
  const incident = await waitFor('the incident at III', async () => {
    const [inc] = await platform.incidents.list({ systemId: 't-tld' });
    return inc?.grade === 'III' ? inc : undefined;
  }, 30_000, 20);
  await platform.daemon.stop();

  // The snapshots as stored (downMinutes set by the daemon's outage ledger), graded with the active rule set.
  const ruleset = await readRuleset('miit-domain-security-2011');
  const grade = (s: Snapshot) => gradeSnapshot(s, { ruleset, organizations: config.organizations, systems: config.systems.map((x) => ({ id: x.id, org: x.org, kind: x.kind })) })
    .incidents.map((i) => [i.grade, i.matched.map((m) => m.rule)]);
  const down = snapshots.filter((s) => downMinutes(s) > 0);
  for (let i = 1; i < down.length; i++) assert.equal(downMinutes(down[i]) - downMinutes(down[i - 1]), 20, 'each cycle adds its measured 20 minutes');
  const within = down.filter((s) => downMinutes(s) <= 240);
  const beyond = down.filter((s) => downMinutes(s) > 240);
  assert.ok(within.length >= 10, `${within.length} cycles within 4 h`);
  for (const s of within) assert.deepEqual(grade(s), [['IV', ['tld-registration-degraded']]], `${downMinutes(s)} min`);
  for (const s of beyond) assert.deepEqual(grade(s), [['III', ['tld-registration-down-over-4h']]], `${downMinutes(s)} min`);
  const history = (incident.detail as { gradeHistory: Array<{ grade: string | null }> }).gradeHistory.map((h) => h.grade);
  assert.deepEqual(history.filter((g, i) => g !== history[i - 1]), ['IV', 'III'], 'the incident opened at IV and rose to III');
});

test('an EPP endpoint that accepts TCP but never sends a greeting counts as down; so does garbage; slow is degraded', { timeout: 60_000 }, async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'dw-epp-silent-'));
  const certs = makeTestCertificates(dir);
  const mute = net.createServer((s) => s.on('error', () => {}));
  await new Promise<void>((r) => mute.listen(0, '127.0.0.1', r));
  const epp = await startEppTestServer({ tls: { cert: certs.serverCert, key: certs.serverKey }, clients: { dnswarden: 'probe-pw1' } });
  const client = createDnsClient({ maxInFlight: 16 });
  t.after(async () => { mute.close(); await epp.close(); await client.close(); });
  const raw = await setup(dir, 'probing: { interval: 1s, timeout: 6s }\n', (mute.address() as net.AddressInfo).port);
  const served = await setup(dir, 'probing: { interval: 1s, timeout: 6s }\n', epp.port);
  // Without login (greeting + hello) and with a 2 s limit: a 2.1 s delay per answer is degraded, not down.
  const quick = await setup(dir, 'probing: { interval: 1s, timeout: 6s }\n', epp.port, ', degradedAbove: 2s');
  t.after(async () => { for (const s of [raw, served, quick]) await s.dns.close(); await rm(dir, { recursive: true, force: true }); });
  const registration = async (config: typeof raw.config) =>
    (await runProbeCycle(config, { client, truth: new CachedTruthProvider() })).systems[0].services!.registration!;

  const tcpOnly = await registration(raw.config);
  assert.deepEqual([tcpOnly.up, tcpOnly.error], [false, 'no TLS handshake within 6000 ms'], 'TCP accepted, no TLS, no greeting: down');
  await epp.setFaults({ silent: true });
  const silent = await registration(served.config);
  assert.deepEqual([silent.up, silent.error], [false, 'no greeting within 6000 ms'], 'TLS accepted, no greeting: down');
  await epp.setFaults({ silent: false, garbage: true });
  const garbage = await registration(served.config);
  assert.equal(garbage.up, false);
  assert.match(garbage.error ?? '', /frame length \d+ exceeds the limit/);
  await epp.setFaults({ garbage: false, delayMs: 0 });
  const fine = await registration(served.config);
  assert.equal(fine.up, true, fine.error);
  await epp.setFaults({ delayMs: 2100 }); // every EPP answer 2.1 s late: above this system's 2 s limit
  const slow = await registration(quick.config);
  assert.deepEqual([slow.up, slow.degraded], [true, true], slow.error);
  assert.ok(slow.latencyMs! > 2000, String(slow.latencyMs));
});
