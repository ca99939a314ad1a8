import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSnapshot, SnapshotError } from './parse-snapshot.ts';

const minimal = { at: '2026-11-23T08:00:00Z', systems: [{ id: 's', kind: 'tld', successRate: 0.5, nodes: [{ id: 'a', queries: 10, successRate: 0.5, dataChecked: 200, dataErrors: 1 }] }] };

test('optional fields get neutral values; unknown fields are kept but ignored', () => {
  const s = parseSnapshot(JSON.stringify({ ...minimal, extra: true }));
  assert.deepEqual(s.window, { from: minimal.at, to: minimal.at });
  const sys = s.systems[0];
  assert.equal(sys.stoppedMinutes, 0);
  assert.equal(sys.latencyMs, null);
  assert.equal(sys.nodes[0].dataErrorRate, 0.005, 'derived from the counts');
  assert.equal(sys.nodes[0].keyDomainErrors, 0);
  assert.equal(sys.nodes[0].succeeded, 5);
});

test('service status gets degraded/downMinutes defaults', () => {
  const s = parseSnapshot(JSON.stringify({ ...minimal, systems: [{ ...minimal.systems[0], services: { whois: { up: false } } }] }));
  assert.deepEqual(s.systems[0].services?.whois, { up: false, degraded: false, downMinutes: 0 });
});

test('problems name the field', () => {
  const bad = { at: 'x', systems: [{ id: 's', kind: 'dns', successRate: 2, nodes: [{ id: 'a', successRate: 0.5 }] }] };
  try {
    parseSnapshot(JSON.stringify(bad), 'snap.json');
    assert.fail('refused');
  } catch (e) {
    assert.ok(e instanceof SnapshotError);
    const paths = e.problems.map((p) => p.path);
    assert.ok(paths.includes('systems[0].kind'), paths.join());
    assert.ok(paths.includes('systems[0].successRate'));
    assert.ok(paths.includes('systems[0].nodes[0].queries'));
    assert.match(e.message, /snap\.json: systems\[0\]\.nodes\[0\]\.queries: required field is missing/);
  }
});

test('invalid JSON', () => {
  assert.throws(() => parseSnapshot('{', 'x.json'), /x\.json: \(root\): not valid JSON/);
});

test('evidence fields are read and checked: census, exact latency counts, the evidence window', () => {
  const base = { id: 'a', queries: 10, successRate: 1, dataChecked: 2500, dataErrorRate: 0.0004 };
  const ok = parseSnapshot(JSON.stringify({ at: 'x', systems: [{ id: 's', kind: 'tld', successRate: 1, latencyAbove: { 5000: 3 }, answered: 10,
    nodes: [{ ...base, dataCensus: true, latencyAbove: { 5000: 1 }, dataEvidence: { checked: 5000, errors: 1, census: false, lower: 0.00001, upper: 0.001 } }] }] }));
  const n = ok.systems[0].nodes[0];
  assert.equal(n.dataErrors, 1, 'derived from the rate when only the rate is given');
  assert.equal(n.dataCensus, true);
  assert.equal(n.dataEvidence?.checked, 5000);
  assert.throws(() => parseSnapshot(JSON.stringify({ at: 'x', systems: [{ id: 's', kind: 'tld', successRate: 1,
    nodes: [{ ...base, dataEvidence: { checked: 5, errors: 1, census: false, lower: 2, upper: 1 } }] }] })), (e: unknown) =>
    e instanceof SnapshotError && e.problems.some((p) => p.path === 'systems[0].nodes[0].dataEvidence.lower'));
  assert.throws(() => parseSnapshot(JSON.stringify({ at: 'x', systems: [{ id: 's', kind: 'tld', successRate: 1,
    nodes: [{ ...base, latencyAbove: { '5000': -1 } }] }] })), SnapshotError);
});
