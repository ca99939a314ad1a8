// Must show (issue 10): a hijack of a TLD key domain still grades II with check.dnssec on. A signed TLD
// t.lab. (ldns-signzone) with the key domain gov.t.lab (a delegation) on two real NSDs: node a serves the
// signed zone, node b the same zone with gov.t.lab's glue pointed elsewhere (a Sea Turtle-style hijack of
// the name server's address; glue is not signed, so only the comparison with the truth sees it). The
// real Platform (daemon, evidence book, store, incident service) probes it with `check.dnssec: true` and
// `sample: all`. The zone is large enough (12,000 names) that one wrong record is under every data-error
// threshold of the table (census: exact), so II can come only from tld-key-domain-data-errors — a count,
// not a rate: the evidence window neither holds nor hides it. The signatures stay 0 data errors on node a.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signZone } from '../src/lab/dnssec-signer.ts';
import { startNsd } from '../src/lab/real-servers.ts';
import { runProbeCycle } from '../src/probe/probe-engine.ts';
import { CachedTruthProvider } from '../src/probe/truth/truth-provider.ts';
import { readRuleset } from '../src/config/read-ruleset.ts';
import { gradeSnapshot } from '../src/core/rules/grade-snapshot.ts';
import type { Snapshot } from '../src/core/snapshot.ts';
import { waitFor } from './platform-harness.ts';
import { loadTldConfig, openClockedPlatform } from './support/clocked-platform.ts';
import { freePort } from './support/dns-client-nsd.ts';

const NAMES = 12_000;
const now = Math.floor(Date.now() / 1000);

function zoneText(): string {
  const lines = ['@ 300 IN SOA ns1 hostmaster 1 3600 600 86400 300', '@ 300 IN NS ns1', 'ns1 300 IN A 127.0.0.1',
    'gov 300 IN NS ns1.gov', 'ns1.gov 300 IN A 192.0.2.53', 'www 300 IN A 192.0.2.1'];
  for (let i = 0; i < NAMES; i++) lines.push(`n${i} 300 IN A 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
  return lines.join('\n');
}

test('a hijacked TLD key domain grades II (tld-key-domain-data-errors) with check.dnssec, through the platform', { timeout: 180_000 }, async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'dw-tld-key-domain-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const signed = signZone({ dir: path.join(dir, 'sign'), origin: 't.lab.', text: zoneText(), algorithm: 13, inception: now - 3600, expiration: now + 10 * 86400 });
  const text = await readFile(signed.file, 'utf8');
  const glue = /^(ns1\.gov\.t\.lab\.\s+\d+\s+IN\s+A\s+)192\.0\.2\.53$/m;
  assert.match(text, glue);
  await writeFile(path.join(dir, 't.lab.zone'), text); // the truth and node a
  await writeFile(path.join(dir, 't.lab.hijacked'), text.replace(glue, '$1203.0.113.66'));
  const nodes: Record<string, number> = {};
  for (const [id, file] of [['a', 't.lab.zone'], ['b', 't.lab.hijacked']]) {
    const port = await freePort('127.0.0.1');
    const nsd = await startNsd({ dir: path.join(dir, `nsd-${id}`), address: '127.0.0.1', port, zones: [{ origin: 't.lab.', file: path.join(dir, file) }] });
    t.after(() => nsd.stop());
    nodes[id] = port;
  }
  const config = loadTldConfig(dir, nodes, '    check: { sample: all, dnssec: true }\n    keyDomains: [gov.t.lab]\n',
    'probing: { interval: 5s, timeout: 6s }\nhttp: { token: "tld-key-domain-token-0123456789" }\n');
  const truth = new CachedTruthProvider();
  // The daemon's own probe (sampleFor from the evidence book, the rule set's latency thresholds, its lags).
  const { platform, snapshots } = await openClockedPlatform(config, path.join(dir, 'data'), () => new Date(),
    ({ client, sampleFor, latencyThresholdsMs, lags }) => runProbeCycle(config, { client, truth, sampleFor, latencyThresholdsMs, lags }));
  t.after(() => platform.stop());
  await platform.start();
  const incident = await waitFor('the incident', async () => (await platform.incidents.list({ systemId: 't-tld' }))[0], 120_000, 50);
  await platform.daemon.stop();

  assert.equal(incident.grade, 'II');
  assert.ok(snapshots.length >= 2, `${snapshots.length} cycles`);
  const ruleset = await readRuleset('miit-domain-security-2011');
  const systems = config.systems.map((x) => ({ id: x.id, org: x.org, kind: x.kind }));
  for (const s of snapshots as Snapshot[]) {
    const [a, b] = s.systems[0].nodes;
    assert.equal(a.succeeded, a.queries, 'node a answers everything');
    assert.equal(a.dataErrors, 0, `node a: the signed data and its signatures are good: ${JSON.stringify(a.dataErrorSamples)}`);
    assert.equal(a.keyDomainErrors, 0);
    assert.equal(b.keyDomainErrors, 1, 'node b: the key domain is wrong');
    assert.ok(b.dataErrors >= 1 && b.dataErrors / b.dataChecked <= 0.0001, `${b.dataErrors} of ${b.dataChecked}: under every rate threshold`);
    assert.ok(b.dataErrorSamples!.some((e) => e.name === 'ns1.gov.t.lab.' && !e.reason?.startsWith('dnssec')), JSON.stringify(b.dataErrorSamples));
    assert.equal(b.dataEvidence?.census, true, 'the evidence is a census');
    assert.ok(b.dataEvidence!.decisions.every((d) => d.verdict === 'not-above'), JSON.stringify(b.dataEvidence!.decisions));
    // As the incident service grades it: II from the key-domain rule alone, nothing undetermined.
    const graded = gradeSnapshot(s, { ruleset, organizations: config.organizations, systems }).incidents;
    assert.deepEqual(graded.map((i) => [i.grade, i.matched.map((m) => m.rule), i.undetermined.length]), [['II', ['tld-key-domain-data-errors'], 0]]);
  }
});
