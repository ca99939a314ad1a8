// Signatures as data (SPEC §3, issue 10 items 2 and 3) on real NSD: zones signed by ldns-signzone with
// windows relative to the test's `now` (the probe's injected clock), probed with check.dnssec and
// `sample: all`. A good zone has 0 data errors; expired signatures make every RRset (and the NXDOMAIN
// proof) a data error; a stripped RRSIG or a record changed under its signature is exactly one. The
// operations findings: a wrong DS at the parent (the parent is a watched system) is dnssec-ds-mismatch,
// an expired zone is dnssec-bogus and dnssec-expiring, a short horizon gives dnssec-expiring, a
// published CDNSKEY dnssec-rollover; the snapshot's `dnssec` lists every zone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rmSync } from 'node:fs';
import { createDnsClient } from '../src/dns/dns-client.ts';
import { runProbeCycle, type ProbeSnapshot } from '../src/probe/probe-engine.ts';
import { CachedTruthProvider } from '../src/probe/truth/truth-provider.ts';
import { authSystem, probeConfig } from '../src/probe/testing/config-fixture.ts';
import type { ResolvedSystem } from '../src/config/config-types.ts';
import { normaliseDs } from '../src/core/delegations/delegation-state.ts';
import { ADDR, buildWorld, type ChildSpec, type World } from './support/dnssec-world.ts';

const now = Math.floor(Date.now() / 1000);
const SPECS: ChildSpec[] = [
  { name: 'good' },
  { name: 'exp', window: 'expired' },
  { name: 'nosig', edit: (t) => t.split('\n').filter((l) => !/^www\.nosig\.lab\.\s+\d+\s+IN\s+RRSIG\s+A\s/.test(l)).join('\n') },
  { name: 'badsig', edit: (t) => t.replace(/^(www\.badsig\.lab\.\s+\d+\s+IN\s+A\s+)192\.0\.2\.1$/m, '$1192.0.2.99') },
  { name: 'wds', wrongDs: true },
  { name: 'roll', extra: '@ 300 IN CDNSKEY 0 3 0 AA==\n' },
  { name: 'n3', nsec3: { salt: 'AB12', iterations: 0 }, edit: (t) => t.split('\n').filter((l) => !/IN\s+RRSIG\s+NSEC3\s/.test(l)).join('\n') },
];
const dir = path.join(tmpdir(), `dw-probe-dnssec-${process.pid}`);
let world: World;
let snap: ProbeSnapshot;

before(async () => {
  world = await buildWorld(dir, now, SPECS, []);
  const node = (address: string) => [{ id: 'n1', address, port: world.port }];
  const sys = (id: string, zone: string, address: string, extra: Partial<ResolvedSystem> = {}): ResolvedSystem =>
    authSystem(id, [zone], node(address), { truth: { zonefile: world.zones.get(zone)!.file }, dnssec: true, ...extra });
  const systems = [
    sys('lab', 'lab.', ADDR.parent, { kind: 'tld' }),
    ...SPECS.map((s) => sys(s.name, `${s.name}.lab.`, ADDR.children, s.name === 'good' ? { dnssecExpiryHorizonMs: 30 * 86400_000 } : {})),
  ];
  const client = createDnsClient();
  try {
    snap = await runProbeCycle(probeConfig(systems), { client, truth: new CachedTruthProvider(), now: () => new Date(now * 1000) });
  } finally {
    await client.close();
  }
});
after(async () => { await world?.stop(); rmSync(dir, { recursive: true, force: true }); });

const nodeOf = (id: string) => snap.systems.find((s) => s.id === id)!.nodes[0];
const findings = (id: string, kind: string) => snap.findings!.filter((f) => f.system === id && f.kind === kind);

test('a good signed zone, and the signed parent: every query succeeds, no data error', () => {
  for (const id of ['good', 'lab', 'wds', 'roll']) {
    const n = nodeOf(id);
    assert.equal(n.succeeded, n.queries, id);
    assert.equal(n.dataErrors, 0, `${id}: ${JSON.stringify(n.dataErrorSamples)}`);
    assert.ok(n.dataChecked > 5, id);
  }
  assert.equal(findings('good', 'dnssec-bogus').length, 0);
});

test('expired signatures: every RRset and the NXDOMAIN proof are data errors', () => {
  const n = nodeOf('exp');
  // SOA, apex NS, DNSKEY, ns A, www A, www AAAA, mail MX: 7 RRsets; and the NSEC proof of the random name.
  assert.equal(n.dataErrors, 8, JSON.stringify(n.dataErrorSamples));
  assert.ok(n.dataErrorSamples!.every((s) => s.reason?.startsWith('dnssec signature-expired')));
  const node = findings('exp', 'dnssec-bogus').find((f) => f.node === 'n1')!;
  assert.equal(node.severity, 'critical');
  assert.equal(node.evidence.dnssecErrors, 8);
  assert.match(String(node.evidence.seen), /signature-expired/);
  assert.ok(findings('exp', 'dnssec-bogus').some((f) => f.node === null && f.subject === 'exp.lab.'), 'the DNSKEY RRset itself');
  assert.equal(findings('exp', 'dnssec-expiring')[0]?.severity, 'critical');
});

test('a stripped RRSIG and a record changed under its signature: exactly one bad RRset each', () => {
  const nosig = nodeOf('nosig');
  assert.equal(nosig.dataErrors, 1);
  assert.deepEqual(nosig.dataErrorSamples!.map((s) => [s.name, s.type, s.reason]), [['www.nosig.lab.', 'A', 'dnssec missing-signature: www.nosig.lab. type 1: no RRSIG by nosig.lab.']]);
  const bad = nodeOf('badsig');
  assert.equal(bad.dataErrors, 1);
  assert.match(bad.dataErrorSamples![0].reason!, /^dnssec bad-signature/);
  assert.equal(findings('badsig', 'dnssec-bogus')[0].evidence.dnssecErrors, 1);
});

test('NSEC3 records without signatures: the NXDOMAIN proof is one data error', () => {
  const n = nodeOf('n3');
  assert.equal(n.dataErrors, 1, JSON.stringify(n.dataErrorSamples));
  assert.equal(n.dataErrorSamples![0].type, 'NXDOMAIN');
});

test('operations: wrong DS at the parent, expiry horizon, rollover; the snapshot lists every zone', () => {
  const ds = findings('wds', 'dnssec-ds-mismatch');
  assert.equal(ds.length, 1);
  assert.equal(ds[0].subject, 'wds.lab.');
  const published = world.publishedDs.get('wds.lab.')!.split(/\s+/);
  assert.deepEqual(ds[0].evidence.seen, [normaliseDs(published.slice(published.indexOf('DS') + 1).join(' '))]);
  assert.equal(findings('good', 'dnssec-ds-mismatch').length, 0);
  const exp = findings('good', 'dnssec-expiring');
  assert.equal(exp.length, 1);
  assert.equal(exp[0].severity, 'warning');
  assert.equal(findings('wds', 'dnssec-expiring').length, 0, 'ten days left, horizon 7 d');
  assert.equal(findings('roll', 'dnssec-rollover').length, 1);
  assert.equal(findings('good', 'dnssec-rollover').length, 0);
  const zones = new Map(snap.dnssec!.map((z) => [z.zone, z]));
  assert.equal(zones.size, SPECS.length + 1);
  assert.equal(zones.get('good.lab.')!.status, 'secure');
  assert.deepEqual(zones.get('good.lab.')!.algorithms, [13]);
  assert.equal(zones.get('good.lab.')!.dsMatch, true);
  assert.equal(zones.get('wds.lab.')!.dsMatch, false);
  assert.equal(zones.get('exp.lab.')!.status, 'bogus');
  assert.equal(zones.get('lab.')!.dsAtParent, null, 'no parent watched');
});
