// Unit tests of the engine with an in-memory DNS client (real servers: test/probe-engine.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runProbeCycle } from './probe-engine.ts';
import { FakeDnsClient, records } from './testing/fake-dns-client.ts';
import { authSystem, probeConfig } from './testing/config-fixture.ts';
import { StaticTruthProvider } from './truth/truth-provider.ts';
import { seededRng } from './random-sample.ts';
import { OutageTracker } from '../core/outage-tracker.ts';
import type { DnsAnswer } from '../dns/dns-client-types.ts';
import { NODE_DOWN_PROBES } from './node-down.ts';

const lab = { origin: 'lab.', records: records(`
  lab. SOA ns1.lab. admin.lab. 1 3600 600 86400 300
  lab. NS ns1.lab.
  ns1.lab. A 127.0.10.1
  www.lab. A 192.0.2.1
  www.lab. A 192.0.2.2
  www.lab. AAAA 2001:db8::1
  mail.lab. MX 10 mx.lab.
  mx.lab. A 192.0.2.25
  gov.lab. NS ns1.gov.lab.
  ns1.gov.lab. A 192.0.2.53
  www.gov.lab. A 192.0.2.80
`) };
const node = { id: 'a', address: '127.0.0.1', port: 5353 };
const tld = authSystem('lab-tld', ['lab.'], [node, { id: 'b', address: '127.0.0.2', port: 5353 }], { kind: 'tld', keyDomains: ['gov.lab'] });
const deps = (client: FakeDnsClient) => ({ client, truth: new StaticTruthProvider({ 'lab-tld': [lab] }), rng: seededRng(1) });
const timeout = (q: { transport?: 'udp' | 'tcp' }): DnsAnswer =>
  ({ outcome: 'timeout', transport: q.transport ?? 'udp', latencyMs: null, answer: [], authority: [], additional: [] });

test('healthy nodes: every query succeeds, every record checked, no data errors', async () => {
  const snap = await runProbeCycle(probeConfig([tld]), deps(new FakeDnsClient([lab])));
  const sys = snap.systems[0];
  assert.equal(sys.successRate, 1);
  for (const n of sys.nodes) {
    // units: lab NS, ns1 A, www A, www AAAA, mail MX, mx A, gov.lab referral; + SOA + NXDOMAIN check
    assert.equal(n.queries, 9);
    assert.equal(n.succeeded, 9);
    assert.equal(n.dataChecked, 1 + 1 + 1 + 2 + 1 + 1 + 1 + 1 /* NS */ + 1 /* glue */);
    assert.equal(n.dataErrors, 0);
    assert.equal(n.keyDomainErrors, 0);
    assert.ok(n.latencyMs && n.latencyMs.p50 > 0);
  }
  assert.equal(sys.stoppedMinutes, 0);
});

test('a changed record and a changed glue address count once each; the key domain is wrong', async () => {
  const client = new FakeDnsClient([lab], {
    override: (q, normal) => {
      if (q.address !== node.address) return undefined;
      const swap = (r: { name: string; type: string; data: string }) =>
        r.data === '192.0.2.2' ? { ...r, data: '203.0.113.9' } : r.data === '192.0.2.53' ? { ...r, data: '203.0.113.53' } : r;
      return { ...normal, answer: normal.answer.map(swap) as never, additional: normal.additional.map(swap) as never };
    },
  });
  const snap = await runProbeCycle(probeConfig([tld]), deps(client));
  const [a, b] = snap.systems[0].nodes;
  assert.equal(a.dataErrors, 2);
  assert.equal(a.keyDomainErrors, 1);
  assert.equal(a.successRate, 1, 'different data is a data error, not a failed query');
  assert.deepEqual(a.dataErrorSamples?.map(s => `${s.name} ${s.type} ${s.problem}`).sort(), ['ns1.gov.lab. A different', 'www.lab. A different']);
  assert.equal(b.dataErrors, 0);
});

test('timeouts, lame and REFUSED answers are failures by cause; timeouts leave data unchecked', async () => {
  let i = 0;
  const client = new FakeDnsClient([lab], {
    override: (q, normal) => {
      if (q.address !== node.address) return undefined;
      const k = i++ % 3;
      if (k === 0) return timeout(q);
      if (k === 1) return { ...normal, aa: false, authority: [] };
      return { ...normal, rcode: 'REFUSED' };
    },
  });
  const snap = await runProbeCycle(probeConfig([tld], { inFlight: 1 }), deps(client));
  const a = snap.systems[0].nodes[0];
  assert.equal(a.succeeded, 0);
  assert.equal(a.answered, 6);
  assert.deepEqual(a.failures, { timeout: 3, lame: 3, refused: 3 });
  assert.equal(a.dataChecked, 0);
  assert.equal(snap.systems[0].successRate, 9 / 18);
});

test('a stopped system reports the minutes observed; the outage tracker carries them across cycles', async () => {
  let t = Date.parse('2026-11-23T08:00:00Z');
  const now = () => new Date((t += 30_000));
  const outages = new OutageTracker();
  const client = new FakeDnsClient([lab], { override: (q) => timeout(q) });
  const first = await runProbeCycle(probeConfig([tld]), { ...deps(client), now, outages });
  assert.equal(first.systems[0].successRate, 0);
  assert.equal(first.systems[0].stoppedMinutes, 0.5);
  const second = await runProbeCycle(probeConfig([tld]), { ...deps(client), now, outages });
  assert.equal(second.systems[0].stoppedMinutes, 1.5);
  assert.equal(second.systems[0].latencyMs, null);
});

test('a sample smaller than the truth checks that many RRsets plus the key domain, different each cycle', async () => {
  const client = new FakeDnsClient([lab]);
  const cfg = probeConfig([{ ...tld, sample: 2, nodes: [node] }]);
  const snap = await runProbeCycle(cfg, deps(client));
  // SOA + NXDOMAIN + key-domain referral + 2 sampled
  assert.equal(snap.systems[0].nodes[0].queries, 5);
  assert.equal(client.queries.filter(q => q.name === 'gov.lab.').length, 1);
});

test('recursive: sampled names and key domains compared with the truth; a hijack is found', async () => {
  const resolver = { ...authSystem('isp', [], [{ id: 'r1', address: '127.0.30.1', port: 53 }]), kind: 'recursive' as const, sample: 'all' as const };
  const cfg = probeConfig([tld, resolver], {}, [{ name: 'www.lab', types: ['A', 'AAAA'], expect: 'authoritative', via: ['isp'] }]);
  const client = new FakeDnsClient([lab], {
    recursive: true,
    override: (q, normal) => q.recursionDesired && q.name === 'www.lab.' && q.type === 'A'
      ? { ...normal, answer: [{ name: 'www.lab.', type: 'A', ttl: 1, data: '198.51.100.66' }] } : undefined,
  });
  // The TLD nodes get non-AA answers from this fake: only the resolver matters here.
  const snap = await runProbeCycle(cfg, deps(client));
  const isp = snap.systems[1];
  assert.equal(isp.nodes[0].successRate, 1, JSON.stringify(isp.nodes[0].failures));
  assert.equal(isp.nodes[0].keyDomainErrors, 1);
  // Regression: the key domain's RRsets used to be compared twice (key-domain query and sample): 4 errors.
  assert.equal(isp.nodes[0].dataErrors, 2, 'www.lab A (two addresses) differs once, in the key-domain query');
  // Every in-zone answer RRset once (was 10): lab NS, ns1 A, mail MX, mx A sampled; www A (2) and AAAA as key domains.
  assert.equal(isp.nodes[0].dataChecked, 1 + 1 + 1 + 1 + 2 + 1);
  const findings = snap.keyDomains.map(f => `${f.name} ${f.type} ${f.status}`);
  assert.deepEqual(findings, ['www.lab. A hijacked', 'www.lab. AAAA ok']);
  // The stored finding: per resolver node and key domain, expected vs seen WITH TTLs, via the resolver.
  const mismatch = snap.findings!.filter(f => f.kind === 'key-domain-mismatch');
  assert.equal(mismatch.length, 1);
  assert.deepEqual({ ...mismatch[0], summary: undefined }, {
    kind: 'key-domain-mismatch', system: 'isp', node: 'r1', org: 'org', severity: 'critical', subject: 'www.lab./A', summary: undefined,
    evidence: { expected: ['www.lab. 300 IN A 192.0.2.1', 'www.lab. 300 IN A 192.0.2.2'], seen: ['www.lab. 1 IN A 198.51.100.66'],
      via: 'isp/r1 127.0.30.1:53', at: snap.at, status: 'hijacked' },
  });
  assert.match(mismatch[0].summary, /重点域名/);
  assert.equal(snap.findings!.filter(f => f.kind === 'resolver-data-wrong').length, 0, 'only the key domain is wrong');
});

test('recursive: a resolver whose sampled answers differ gives a resolver-data-wrong finding with samples', async () => {
  const resolver = { ...authSystem('isp', [], [{ id: 'r1', address: '127.0.30.1', port: 53 }]), kind: 'recursive' as const, sample: 'all' as const };
  const client = new FakeDnsClient([lab], {
    recursive: true,
    override: (q, normal) => q.recursionDesired && q.name === 'mx.lab.' ? { ...normal, answer: [{ name: 'mx.lab.', type: 'A', ttl: 300, data: '203.0.113.25' }] } : undefined,
  });
  const snap = await runProbeCycle(probeConfig([tld, resolver]), deps(client));
  const wrong = snap.findings!.filter(f => f.kind === 'resolver-data-wrong');
  assert.equal(wrong.length, 1);
  assert.equal(wrong[0].node, 'r1');
  assert.equal(wrong[0].evidence.dataErrors, 1);
  assert.deepEqual((wrong[0].evidence.samples as Array<{ name: string }>).map(x => x.name), ['mx.lab.']);
});

// The lab zone with 40 more hosts: a sample larger than the probe head.
const bigLab = { origin: 'lab.', records: [...lab.records, ...records(Array.from({ length: 40 }, (_, i) => `h${i}.lab. A 192.0.2.${i + 100}`).join('\n'))] };
const r1Queries = (snap: { systems: Array<{ nodes: Array<{ queries: number }> }> }) => snap.systems[1].nodes[0].queries;

test('recursive: a resolver that answers none of the first queries is down; the rest is not sent', async () => {
  const resolver = { ...authSystem('isp', [], [{ id: 'r1', address: '127.0.30.1', port: 53 }]), kind: 'recursive' as const, sample: 'all' as const };
  const cfg = probeConfig([tld, resolver], {}, [{ name: 'www.lab', types: ['A', 'AAAA'], expect: 'authoritative', via: ['isp'] }]);
  const client = new FakeDnsClient([bigLab], { recursive: true, override: (q) => (q.recursionDesired ? timeout(q) : undefined) });
  const snap = await runProbeCycle(cfg, { ...deps(client), truth: new StaticTruthProvider({ 'lab-tld': [bigLab] }) });
  const r1 = snap.systems[1].nodes[0];
  const sent = client.queries.filter((q) => q.recursionDesired).length;
  assert.equal(sent, NODE_DOWN_PROBES, 'only the first queries went to the resolver');
  assert.ok(r1.queries > NODE_DOWN_PROBES, `the sample is larger than the probe head (${r1.queries})`);
  assert.deepEqual(r1.failures, { timeout: NODE_DOWN_PROBES, 'node-down': r1.queries - NODE_DOWN_PROBES });
  assert.deepEqual(snap.keyDomains.map((f) => `${f.type} ${f.status}`), ['A failed', 'AAAA failed'], 'key domains are reported, as failed');
});

test('recursive: one answer among the first queries keeps the whole sample going', async () => {
  const resolver = { ...authSystem('isp', [], [{ id: 'r1', address: '127.0.30.1', port: 53 }]), kind: 'recursive' as const, sample: 'all' as const };
  let n = 0;
  const client = new FakeDnsClient([bigLab], { recursive: true, override: (q) => (q.recursionDesired && n++ > 0 ? timeout(q) : undefined) });
  const snap = await runProbeCycle(probeConfig([tld, resolver]), { ...deps(client), truth: new StaticTruthProvider({ 'lab-tld': [bigLab] }) });
  assert.ok(r1Queries(snap) > NODE_DOWN_PROBES);
  const r1 = snap.systems[1].nodes[0];
  assert.equal(client.queries.filter((q) => q.recursionDesired).length, r1.queries, 'every planned query was sent');
  assert.equal(r1.failures?.['node-down'], undefined);
});

test('runProbeCycleDetailed gives the tallies behind the snapshot (latency sketches for metrics)', async () => {
  const { runProbeCycleDetailed } = await import('./probe-engine.ts');
  const { snapshot, tallies } = await runProbeCycleDetailed(probeConfig([tld]), deps(new FakeDnsClient([lab])));
  const a = tallies.get('lab-tld')?.get('a');
  assert.ok(a);
  assert.equal(a.latency.count, snapshot.systems[0].nodes[0].answered);
  assert.equal(a.latency.cumulativeCounts().at(-1), a.latency.count);
});
