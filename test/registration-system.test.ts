// A registrar's registration system without DNS nodes (contracts: `kind: registration`, services only):
// it validates, the probe measures it by its services (nodes [], successRate 1) — here an EPP endpoint on
// loopback: the EPP test server (src/epp, TLS, greeting) this test starts and stops — and the grading
// path grades its EPP being down as `registrar-registration-unavailable` (IV).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfigText } from '../src/config/load-config.ts';
import { OutageTracker } from '../src/core/outage-tracker.ts';
import { gradeSnapshot } from '../src/core/rules/grade-snapshot.ts';
import { readRuleset } from '../src/config/read-ruleset.ts';
import { createDnsClient } from '../src/dns/dns-client.ts';
import { runProbeCycle } from '../src/probe/probe-engine.ts';
import { CachedTruthProvider } from '../src/probe/truth/truth-provider.ts';
import { BIN, ROOT } from './platform-harness.ts';
import { startEppTestServer } from '../src/epp/epp-test-server.ts';
import { makeTestCertificates } from '../src/epp/test-certificates.ts';

const ORGS = `organizations:
  - { id: office, role: emergency-office }
  - { id: registrar-a, role: registrar, grade: 1, licensedBy: national }
`;
const registration = (port: number, extra = '', epp = '') => `${ORGS}systems:
  - id: reg-a
    org: registrar-a
    kind: registration${extra}
    services:
      registration: { epp: { address: 127.0.0.1, port: ${port}${epp} } }
probing: { interval: 1s, timeout: 5001ms }
`;

test('validate: a registration system without nodes is valid; without nodes and services, or another kind without nodes, is not', () => {
  for (const text of [registration(700), registration(700, '\n    nodes: []')]) {
    const loaded = loadConfigText(text, '/cfg/reg.yaml');
    assert.deepEqual(loaded.errors, []);
    assert.deepEqual(loaded.config?.systems[0].nodes, []);
  }
  const nothing = loadConfigText(`${ORGS}systems:\n  - { id: reg-a, org: registrar-a, kind: registration }\n`, '/cfg/reg.yaml');
  assert.deepEqual(nothing.errors.map((e) => [e.path, e.message]),
    [['systems[0].services', "a registration system without DNS 'nodes' needs 'services' (registration, whois or rdap)"]]);
  const tld = loadConfigText(`${ORGS}systems:\n  - { id: t, org: registrar-a, kind: tld, zone: t. }\n`, '/cfg/reg.yaml');
  assert.deepEqual(tld.errors.map((e) => [e.path, e.message]), [['systems[0].nodes', "a tld system needs 'nodes'"]]);

  const dir = mkdtempSync(path.join(tmpdir(), 'dw-reg-validate-'));
  try {
    writeFileSync(path.join(dir, 'reg.yaml'), registration(700));
    const r = spawnSync(process.execPath, [BIN, 'validate', path.join(dir, 'reg.yaml')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^ok: .*reg\.yaml: 2 organizations, 1 system\n$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('probe and grade: measured by its EPP service; EPP down grades IV registrar-registration-unavailable', async (t) => {
  const certDir = mkdtempSync(path.join(tmpdir(), 'dw-reg-certs-'));
  const certs = makeTestCertificates(certDir);
  const epp = await startEppTestServer({ tls: { cert: certs.serverCert, key: certs.serverKey }, clients: {} });
  t.after(async () => { await epp.close(); rmSync(certDir, { recursive: true, force: true }); });
  const port = epp.port;
  const eppTls = `, tls: { ca: ${JSON.stringify(certs.files.ca)} }`;
  const loaded = loadConfigText(registration(port, '', eppTls), '/cfg/reg.yaml');
  assert.ok(loaded.config, JSON.stringify(loaded.errors));
  const config = loaded.config;
  const client = createDnsClient({ maxInFlight: 16 });
  t.after(() => client.close());
  let clockMs = Date.parse('2026-11-23T08:00:00.000Z');
  const deps = { client, truth: new CachedTruthProvider(), outages: new OutageTracker({ maxGapMs: 60_000 }), now: () => new Date(clockMs += 1000) };
  const ruleset = await readRuleset('miit-domain-security-2011');
  const grade = (snapshot: Awaited<ReturnType<typeof runProbeCycle>>) => gradeSnapshot(snapshot, {
    ruleset, organizations: config.organizations, systems: config.systems.map((s) => ({ id: s.id, org: s.org, kind: s.kind })),
  });

  const up = await runProbeCycle(config, deps);
  const sysUp = up.systems[0];
  assert.deepEqual([sysUp.nodes, sysUp.successRate, sysUp.stoppedMinutes], [[], 1, 0]);
  assert.equal(sysUp.services?.registration?.up, true);
  assert.equal(sysUp.services?.registration?.downMinutes, 0);
  assert.equal((sysUp as { truthError?: string }).truthError, undefined, 'no DNS truth needed');
  assert.deepEqual(grade(up).incidents, [], 'EPP up: nothing to grade');

  await epp.setFaults({ stopped: true }); // the EPP endpoint stops
  const down1 = await runProbeCycle(config, deps);
  const down2 = await runProbeCycle(config, deps);
  const sys = down2.systems[0];
  assert.deepEqual([sys.nodes, sys.successRate, sys.stoppedMinutes], [[], 1, 0], 'no DNS nodes: resolution is not failing');
  assert.equal(down1.systems[0].services?.registration?.up, false);
  assert.equal(sys.services?.registration?.up, false);
  assert.ok(sys.services?.registration?.error, 'the connect error is kept');
  assert.equal(sys.services?.registration?.downMinutes, Math.round(((Date.parse(down2.window.to) - Date.parse(down1.window.from)) / 60_000) * 1000) / 1000,
    'down for the measured time of both cycles');

  const graded = grade(down2);
  assert.equal(graded.incidents.length, 1, JSON.stringify(graded.incidents));
  const [incident] = graded.incidents;
  assert.equal(incident.system, 'reg-a');
  assert.equal(incident.grade, 'IV');
  assert.deepEqual(incident.matched.map((m) => m.rule), ['registrar-registration-unavailable']);

  // The same snapshot through `dnswarden grade` (the offline path).
  const dir = mkdtempSync(path.join(tmpdir(), 'dw-reg-grade-'));
  try {
    writeFileSync(path.join(dir, 'reg.yaml'), registration(port, '', eppTls));
    writeFileSync(path.join(dir, 'snapshot.json'), JSON.stringify(down2));
    const r = spawnSync(process.execPath, [BIN, 'grade', '--config', path.join(dir, 'reg.yaml'), '--measurements', path.join(dir, 'snapshot.json'), '--json'],
      { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { incidents: Array<{ system: string; grade: string; matched: Array<{ rule: string }> }> };
    assert.deepEqual(out.incidents.map((i) => [i.system, i.grade, i.matched.map((m) => m.rule)]), [['reg-a', 'IV', ['registrar-registration-unavailable']]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
