import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../snapshot.ts';
import { FindingTracker, findingKey } from './finding-tracker.ts';
import { deriveFindings } from './derive-findings.ts';

const t = (n: number) => new Date(Date.UTC(2026, 10, 23, 8, 0, n * 10)).toISOString();
const hijack = (over: Partial<Finding> = {}): Finding => ({
  kind: 'key-domain-mismatch', system: 'bj-resolver', node: 'r1', org: 'bj-telecom', severity: 'warning',
  summary: 'www.gov.lab. A hijacked', subject: 'www.gov.lab. A', evidence: { expected: ['192.0.2.1'], seen: ['203.0.113.66'], via: 'bj-resolver/r1', at: t(0) }, ...over,
});
const P = ['bj-resolver', 'lab-tld'];

test('opens after two consecutive cycles, closes after three without it; first and last seen kept', () => {
  const tr = new FindingTracker();
  assert.deepEqual(tr.step(t(0), [hijack()], P), []);
  const open = tr.step(t(1), [hijack()], P);
  assert.equal(open.length, 1);
  assert.equal(open[0].kind, 'open');
  assert.equal(open[0].kind === 'open' && open[0].firstSeen, t(0));
  assert.equal(tr.step(t(2), [hijack()], P)[0].kind, 'seen');
  assert.deepEqual(tr.step(t(3), [], P), []);
  assert.deepEqual(tr.step(t(4), [], P), []);
  const closed = tr.step(t(5), [], P);
  assert.deepEqual(closed, [{ kind: 'close', key: findingKey(hijack()), lastSeen: t(2), at: t(5), missedCycles: 3 }]);
  assert.deepEqual(tr.state(), {});
});

test('a sighting interrupted before opening starts again; a miss while open is forgiven by the next sighting', () => {
  const tr = new FindingTracker({ openAfterCycles: 2, closeAfterCycles: 2 });
  tr.step(t(0), [hijack()], P);
  tr.step(t(1), [], P);
  assert.deepEqual(tr.step(t(2), [hijack()], P), [], 'not consecutive: pending again from one');
  assert.equal(tr.step(t(3), [hijack()], P)[0].kind, 'open');
  tr.step(t(4), [], P);
  assert.equal(tr.step(t(5), [hijack()], P)[0].kind, 'seen');
  assert.deepEqual(tr.step(t(6), [], P), []);
  assert.equal(tr.step(t(7), [], P)[0].kind, 'close');
});

test('severity rises while open and never falls; the most severe duplicate in a cycle counts', () => {
  const tr = new FindingTracker({ openAfterCycles: 1 });
  const [o] = tr.step(t(0), [hijack(), hijack({ severity: 'info' })], P);
  assert.equal(o.kind === 'open' && o.finding.severity, 'warning');
  const [up] = tr.step(t(1), [hijack({ severity: 'critical' })], P);
  assert.deepEqual(up.kind === 'seen' && [up.raised, up.severity], ['critical', 'critical']);
  const [down] = tr.step(t(2), [hijack({ severity: 'info' })], P);
  assert.deepEqual(down.kind === 'seen' && [down.raised, down.severity, down.finding.severity], [null, 'critical', 'critical']);
});

test('identity is kind, system, node and subject; a system not probed keeps its findings', () => {
  const tr = new FindingTracker({ openAfterCycles: 1, closeAfterCycles: 1 });
  const aaaa = hijack({ subject: 'www.gov.lab. AAAA' });
  assert.equal(tr.step(t(0), [hijack(), aaaa], P).filter((e) => e.kind === 'open').length, 2);
  assert.deepEqual(tr.step(t(1), [], ['lab-tld']), [], 'bj-resolver was not probed');
  assert.equal(tr.step(t(2), [], P).filter((e) => e.kind === 'close').length, 2);
});

test('restored open tracks close after the misses again; restore round-trips state()', () => {
  const tr = new FindingTracker();
  tr.restoreOpen(findingKey(hijack()), { firstSeen: t(0), lastSeen: t(1), severity: 'critical' });
  assert.ok(tr.isOpen(findingKey(hijack())));
  assert.equal(tr.step(t(2), [hijack({ severity: 'warning' })], P)[0].kind, 'seen');
  const copy = new FindingTracker();
  copy.restore(tr.state());
  assert.deepEqual(copy.state(), tr.state());
  copy.step(t(3), [], P); copy.step(t(4), [], P);
  assert.equal(copy.step(t(5), [], P)[0].kind, 'close');
  assert.throws(() => new FindingTracker({ openAfterCycles: 0 }), RangeError);
});

test('derivation: snapshot findings, legacy keyDomains, ungraded conditions, undetermined evidence', () => {
  const snapshot = {
    at: t(0), window: { from: t(0), to: t(0) }, systems: [],
    keyDomains: [
      { name: 'www.gov.lab.', type: 'A', system: 'bj-resolver', node: 'r1', status: 'hijacked', expected: ['192.0.2.1'], got: ['203.0.113.66'] },
      { name: 'www.gov.lab.', type: 'AAAA', system: 'bj-resolver', node: 'r1', status: 'ok' },
    ],
  };
  const orgOf = (s: string) => ({ 'bj-resolver': 'bj-telecom', 'big-dns-auth': 'big-dns' } as Record<string, string>)[s];
  const graded = [{ system: 'big-dns-auth', org: 'big-dns', matched: [{ rule: 'provider-grade2-degraded', grade: null, detail: 'success 70%' }, { rule: 'x', grade: 'III', detail: 'y' }],
    undetermined: [{ rule: 'provider-data-1pct', grade: 'II', detail: '3 in 2,500', node: 'ns1', errors: 3 }, { rule: 'provider-data-01pct', grade: 'III', detail: '3 in 2,500', node: 'ns1', errors: 3 },
      { rule: 'provider-data-1pct', grade: 'II', detail: 'too few checks', node: 'ns2', errors: 0 }] }];
  const legacy = deriveFindings(snapshot, graded, { orgOf });
  assert.deepEqual(legacy.map((f) => [f.kind, f.system, f.node, f.org, f.severity, f.subject]), [
    ['key-domain-mismatch', 'bj-resolver', 'r1', 'bj-telecom', 'critical', 'www.gov.lab. A'],
    ['ungraded-condition', 'big-dns-auth', null, 'big-dns', 'warning', 'provider-grade2-degraded'],
    ['data-undetermined', 'big-dns-auth', 'ns1', 'big-dns', 'warning', 'data-errors'],
  ]);
  assert.deepEqual((legacy[2].evidence.rules as Array<{ rule: string }>).map((r) => r.rule), ['provider-data-1pct', 'provider-data-01pct'], 'one finding per node; nothing for a node with no error seen');
  assert.deepEqual([legacy[0].evidence.expected, legacy[0].evidence.seen, legacy[0].evidence.via], [['192.0.2.1'], ['203.0.113.66'], 'bj-resolver/r1']);
  // the probe's own key-domain findings win over the legacy extension
  const own = deriveFindings({ ...snapshot, findings: [hijack({ org: '' })] }, [], { orgOf });
  assert.deepEqual(own.map((f) => [f.kind, f.org, f.severity]), [['key-domain-mismatch', 'bj-telecom', 'warning']]);
});
