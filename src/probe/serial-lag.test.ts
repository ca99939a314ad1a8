// Serial-aware comparison through the engine with an in-memory client: lagging nodes compared with
// the version they serve, lag tolerance, nodes ahead of the truth, and the findings they give.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runProbeCycle, type ProbeDeps } from './probe-engine.ts';
import { FakeDnsClient, records } from './testing/fake-dns-client.ts';
import { authSystem, probeConfig } from './testing/config-fixture.ts';
import { seededRng } from './random-sample.ts';
import { TruthIndex } from './truth/truth-index.ts';
import { TruthHistory } from './truth/truth-history.ts';
import { SerialLagTracker } from './serial-lag-tracker.ts';
import type { TruthProvider } from './probe-types.ts';
import type { DnsClient } from '../dns/dns-client-types.ts';

const zoneText = (serial: number, hosts: string[], extra = '') => ({ origin: 'lab.', records: records(`
  lab. SOA ns1.lab. admin.lab. ${serial} 3600 600 86400 300
  lab. NS ns1.lab.
  ns1.lab. A 127.0.10.1
  ${hosts.map((a, i) => `h${i}.lab. A ${a}`).join('\n')}
  ${extra}
`) });
const OLD = ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4'];
const NEW = ['198.51.100.1', '198.51.100.2', '198.51.100.3', '192.0.2.4']; // 3 records changed
const v1 = zoneText(1, OLD);
const v2 = zoneText(2, NEW, 'added.lab. A 192.0.2.99');

function truthWith(history: boolean): TruthProvider {
  const current = new TruthIndex([v2]);
  if (history) { current.history = new TruthHistory(); current.history.record(new TruthIndex([v1]), current); }
  return { truthFor: async () => current };
}

const nodes = [{ id: 'old', address: '127.0.0.1', port: 53 }, { id: 'new', address: '127.0.0.2', port: 53 }];
const config = (extra = {}) => probeConfig([authSystem('tld', ['lab.'], nodes, { kind: 'tld', ...extra })]);
/** Node "old" (127.0.0.1) serves `zone` (v1 by default), node "new" serves v2. */
const client = (zone = v1): DnsClient => {
  const oldServer = new FakeDnsClient([zone]), newServer = new FakeDnsClient([v2]);
  return { query: (q) => (q.address === '127.0.0.1' ? oldServer : newServer).query(q), close: async () => {} };
};
const t0 = Date.parse('2026-12-04T03:00:00Z');
const deps = (truth: TruthProvider, c: DnsClient, extra: Partial<ProbeDeps> = {}): ProbeDeps =>
  ({ client: c, truth, rng: seededRng(3), now: () => new Date(t0), ...extra });

test('lagging, version kept: the 3 changed records are lagErrors, not dataErrors; a warning finding', async () => {
  const snap = await runProbeCycle(config(), deps(truthWith(true), client()));
  const [old, cur] = snap.systems[0].nodes;
  assert.equal(snap.systems[0].truthSerial, 2);
  assert.equal(old.soaSerial, 1);
  assert.equal(old.lagging, true);
  assert.equal(old.lagErrors, 4, '3 changed + the added name it does not have yet');
  assert.equal(old.dataErrors, 0, JSON.stringify(old.dataErrorSamples));
  assert.equal(old.successRate, 1, 'NXDOMAIN for a name added after its version is not a failure');
  assert.equal(old.dataCensus, true);
  assert.deepEqual([cur.soaSerial, cur.lagging, cur.lagErrors, cur.dataErrors], [2, false, 0, 0]);
  const lag = snap.findings!.filter(f => f.kind === 'serial-lag');
  assert.equal(lag.length, 1);
  assert.equal(lag[0].node, 'old');
  assert.equal(lag[0].severity, 'warning');
  assert.equal(lag[0].evidence.withinTolerance, true);
  assert.match(lag[0].summary, /serial 1, behind the truth's 2/);
  assert.match(lag[0].summary, /落后/);
});

test('lagging with one record tampered relative to its own version: dataErrors 1', async () => {
  const tampered = zoneText(1, ['192.0.2.1', '192.0.2.2', '192.0.2.3', '203.0.113.66']);
  const snap = await runProbeCycle(config(), deps(truthWith(true), client(tampered)));
  const old = snap.systems[0].nodes[0];
  assert.equal(old.dataErrors, 1, JSON.stringify(old.dataErrorSamples));
  assert.equal(old.dataErrorSamples![0].name, 'h3.lab.');
  assert.equal(old.lagErrors, 4);
});

test('lagging, version unknown: every difference (SOA included) is a lagError, nothing is graded', async () => {
  const snap = await runProbeCycle(config(), deps(truthWith(false), client()));
  const old = snap.systems[0].nodes[0];
  assert.equal(old.lagging, true);
  assert.equal(old.lagErrors, 5, '3 changed + added + SOA');
  assert.equal(old.dataErrors, 0);
  assert.equal(old.dataChecked, 0);
  assert.equal(old.dataCensus, false);
});

test('a lag longer than check.serialLagTolerance makes the lag differences data errors; critical finding', async () => {
  const lags = new SerialLagTracker();
  const cfg = config({ serialLagToleranceMs: 60_000 });
  let t = t0;
  const d = (c: DnsClient) => deps(truthWith(true), c, { lags, now: () => new Date(t) });
  const first = await runProbeCycle(cfg, d(client()));
  assert.equal(first.systems[0].nodes[0].dataErrors, 0);
  t += 60_000; // exactly the tolerance: not over
  assert.equal((await runProbeCycle(cfg, d(client()))).systems[0].nodes[0].dataErrors, 0);
  t += 1;
  const late = await runProbeCycle(cfg, d(client()));
  const old = late.systems[0].nodes[0];
  assert.equal(old.lagErrors, 4);
  assert.equal(old.dataErrors, 4);
  const f = late.findings!.find(x => x.kind === 'serial-lag')!;
  assert.equal(f.severity, 'critical');
  assert.equal(f.evidence.withinTolerance, false);
});

test('a node ahead of the truth: truth-stale finding, its data is not graded', async () => {
  const ahead = zoneText(3, ['203.0.113.1', ...NEW.slice(1)], 'added.lab. A 192.0.2.99');
  const snap = await runProbeCycle(config(), deps(truthWith(true), client(ahead)));
  const node = snap.systems[0].nodes[0];
  assert.deepEqual([node.soaSerial, node.lagging, node.dataChecked, node.dataErrors, node.lagErrors], [3, false, 0, 0, 0]);
  const stale = snap.findings!.find(f => f.kind === 'truth-stale')!;
  assert.equal(stale.node, 'old');
  assert.equal(stale.evidence.differences, 2, 'h0 and the SOA differ from the truth');
});

test('sampleFor widens one node; latencyAbove sums over nodes; an unreadable truth is a finding', async () => {
  const big = zoneText(2, Array.from({ length: 30 }, (_, i) => `192.0.2.${i + 1}`));
  const truth: TruthProvider = { truthFor: async () => new TruthIndex([big]) };
  const c = new FakeDnsClient([big], { latencyMs: 6000 });
  const snap = await runProbeCycle(config({ sample: 5 }), deps(truth, c, { sampleFor: (_s, n) => (n === 'new' ? 'all' : undefined), latencyThresholdsMs: [5000, 7000] }));
  const [old, cur] = snap.systems[0].nodes;
  assert.equal(old.dataChecked, 1 + 5, 'SOA + 5 sampled');
  assert.equal(cur.dataChecked, 1 + 32, 'SOA + every unit');
  assert.equal(cur.dataCensus, true);
  assert.equal(old.dataCensus, false);
  assert.deepEqual(snap.systems[0].latencyAbove, { 5000: old.answered + cur.answered, 7000: 0 });
  assert.equal(snap.systems[0].answered, old.answered + cur.answered);
  const broken: TruthProvider = { truthFor: async () => { throw new Error('no such file'); } };
  const bad = await runProbeCycle(config({ truth: { zonefile: '/nowhere/lab.zone' } }), deps(broken, c));
  const f = bad.findings!.find(x => x.kind === 'truth-unreadable')!;
  assert.deepEqual([f.node, f.evidence.via, f.evidence.seen], [null, '/nowhere/lab.zone', 'no such file']);
});

test('without deps.lags the lag is kept per configuration object (the daemon probes one config cycle after cycle)', async () => {
  const cfg = config({ serialLagToleranceMs: 60_000 });
  let t = t0;
  const d = () => deps(truthWith(true), client(), { now: () => new Date(t) });
  await runProbeCycle(cfg, d());
  t += 120_000;
  assert.equal((await runProbeCycle(cfg, d())).systems[0].nodes[0].dataErrors, 4, 'same config: over the tolerance');
  assert.equal((await runProbeCycle(config({ serialLagToleranceMs: 60_000 }), d())).systems[0].nodes[0].dataErrors, 0, 'a new config starts afresh');
});
