import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EvidenceBook } from './evidence-book.ts';
import type { NodeMeasurement, Snapshot } from '../snapshot.ts';

const T0 = Date.UTC(2026, 10, 23, 8, 0, 0);
const at = (cycle: number) => new Date(T0 + cycle * 10_000).toISOString();

function snap(cycle: number, nodes: Array<Partial<NodeMeasurement> & { id: string }>): Snapshot {
  return {
    at: at(cycle), window: { from: at(cycle - 1), to: at(cycle) },
    systems: [{
      id: 'tld', kind: 'tld', successRate: 1, latencyMs: null, stoppedMinutes: 0,
      nodes: nodes.map((n) => ({
        address: '127.0.0.1', port: 53, queries: 10, answered: 10, succeeded: 10, successRate: 1, latencyMs: null,
        dataChecked: 0, dataErrors: 0, dataErrorRate: 0, keyDomainErrors: 0, ...n,
      })),
    }],
  };
}

const book = (over: Partial<ConstructorParameters<typeof EvidenceBook>[0]> = {}) =>
  new EvidenceBook({ windowMs: 60_000, thresholds: [0.001, 0.0001, 0.001], configuredSample: () => 2000, ...over });
const evidenceOf = (s: Snapshot, node = 'a') => s.systems[0].nodes.find((n) => n.id === node)?.dataEvidence;

test('checks accumulate across cycles; every threshold of the rule set gets a verdict', () => {
  const b = book();
  evidenceOf(b.apply(snap(0, [{ id: 'a', dataChecked: 2500, dataErrors: 1 }])));
  const e = evidenceOf(b.apply(snap(1, [{ id: 'a', dataChecked: 2500, dataErrors: 0 }])));
  assert.ok(e);
  assert.equal(e.checked, 5000);
  assert.equal(e.errors, 1);
  assert.equal(e.cycles, 2);
  assert.equal(e.from, at(-1));
  assert.equal(e.census, false);
  assert.deepEqual(e.decisions.map((d) => d.threshold), [0.0001, 0.001], 'unique and ascending');
  assert.deepEqual(e.decisions.map((d) => d.verdict), ['undetermined', 'not-above']);
  assert.ok(e.lower < 0.0002 && e.upper > 0.0002);
});

test('the window is time-based: cycles older than the window leave it', () => {
  const b = book({ windowMs: 30_000 });
  b.apply(snap(0, [{ id: 'a', dataChecked: 1000, dataErrors: 50 }]));
  for (let c = 1; c <= 3; c += 1) b.apply(snap(c, [{ id: 'a', dataChecked: 1000, dataErrors: 0 }]));
  const e = b.evidenceOf('tld', 'a');
  assert.equal(e?.cycles, 3, 'cycles 1..3 are inside 30 s of cycle 3; cycle 0 is exactly 30 s old and out');
  assert.equal(e?.errors, 0);
});

test('a census window is exact; one sampled cycle in the window makes it a sample', () => {
  const b = book();
  const e = evidenceOf(b.apply(snap(0, [{ id: 'a', dataChecked: 10000, dataErrors: 11, dataCensus: true }])));
  assert.equal(e?.census, true);
  assert.equal(e?.lower, 0.0011);
  assert.deepEqual(e?.decisions.map((d) => d.verdict), ['above', 'above']);
  const mixed = evidenceOf(b.apply(snap(1, [{ id: 'a', dataChecked: 2500, dataErrors: 3 }])));
  assert.equal(mixed?.census, false);
  assert.ok((mixed?.lower ?? 1) < 0.0011);
});

test('the sample widens ×4 per undetermined cycle up to every RRset, and returns once settled', () => {
  const b = book({ thresholds: [0.0001] });
  assert.equal(b.sampleFor('tld', 'a'), undefined, 'unknown node: the configured sample');
  const seen: Array<number | 'all' | undefined> = [];
  for (let c = 0; c < 4; c += 1) {
    b.apply(snap(c, [{ id: 'a', dataChecked: 100, dataErrors: 0 }]));
    seen.push(b.sampleFor('tld', 'a'));
  }
  assert.deepEqual(seen, [8000, 32000, 128000, 'all']);
  b.apply(snap(4, [{ id: 'a', dataChecked: 200_000, dataErrors: 0 }]));
  assert.equal(b.sampleFor('tld', 'a'), undefined, 'settled (not above): back to the configured sample');
  b.apply(snap(5, [{ id: 'a', dataChecked: 0, dataErrors: 0 }]));
  assert.equal(b.sampleFor('tld', 'a'), undefined, 'a cycle without checks changes nothing');
});

test('a node that shows errors settles above with the widened sample, is confirmed, then returns to the configured sample', () => {
  const b = book({ thresholds: [0.0001] });
  b.apply(snap(0, [{ id: 'a', dataChecked: 2500, dataErrors: 1 }]));
  assert.equal(b.sampleFor('tld', 'a'), 8000);
  const e = evidenceOf(b.apply(snap(1, [{ id: 'a', dataChecked: 10000, dataErrors: 5 }])));
  assert.equal(e?.decisions[0].verdict, 'above');
  assert.equal(b.sampleFor('tld', 'a'), 32000, 'a verdict that just turned above is confirmed on a larger sample');
  const confirmed = evidenceOf(b.apply(snap(2, [{ id: 'a', dataChecked: 40000, dataErrors: 9 }])));
  assert.equal(confirmed?.decisions[0].verdict, 'above');
  assert.equal(b.sampleFor('tld', 'a'), undefined, 'steady: back to the configured sample');
});

test('configured sample all or 0: nothing to widen', () => {
  const b = book({ configuredSample: (s) => (s === 'tld' ? 'all' : 0) });
  b.apply(snap(0, [{ id: 'a', dataChecked: 10, dataErrors: 1 }]));
  assert.equal(b.sampleFor('tld', 'a'), undefined);
  assert.equal(b.sampleFor('other', 'a'), undefined);
});

test('memory is bounded: entries per node, and nodes not seen for a window are forgotten', () => {
  const b = book({ windowMs: 3_600_000, maxCyclesPerNode: 5 });
  for (let c = 0; c < 20; c += 1) b.apply(snap(c, [{ id: 'a', dataChecked: 100, dataErrors: 0 }, { id: 'b', dataChecked: c < 2 ? 100 : 0 }]));
  assert.equal(b.evidenceOf('tld', 'a')?.cycles, 5);
  assert.equal(b.evidenceOf('tld', 'b')?.cycles, 2, 'a node seen without checks keeps its window');
  const gone = book({ windowMs: 20_000 });
  gone.apply(snap(0, [{ id: 'a', dataChecked: 100 }]));
  gone.apply(snap(5, [{ id: 'b', dataChecked: 100 }]));
  assert.equal(gone.evidenceOf('tld', 'a'), null);
});

test('nodes without checks get no evidence; the snapshot is not mutated', () => {
  const b = book();
  const s = snap(0, [{ id: 'a' }]);
  const out = b.apply(s);
  assert.equal(evidenceOf(out), undefined);
  const s2 = snap(1, [{ id: 'a', dataChecked: 10 }]);
  b.apply(s2);
  assert.equal(s2.systems[0].nodes[0].dataEvidence, undefined);
  assert.throws(() => b.apply({ ...s, at: 'later' }), RangeError);
});

test('a census in the latest cycle decides alone: the node as it is now (errors that began or ended show at once)', () => {
  const b = book({ thresholds: [0.001] });
  for (let c = 0; c < 5; c += 1) b.apply(snap(c, [{ id: 'a', dataChecked: 10000, dataErrors: 0, dataCensus: true }]));
  const began = evidenceOf(b.apply(snap(5, [{ id: 'a', dataChecked: 10000, dataErrors: 11, dataCensus: true }])));
  assert.deepEqual([began?.census, began?.cycles, began?.errors, began?.decisions[0].verdict], [true, 1, 11, 'above']);
  const ended = evidenceOf(b.apply(snap(6, [{ id: 'a', dataChecked: 10000, dataErrors: 0, dataCensus: true }])));
  assert.equal(ended?.decisions[0].verdict, 'not-above');
  const sampled = evidenceOf(b.apply(snap(7, [{ id: 'a', dataChecked: 2500, dataErrors: 0 }])));
  assert.deepEqual([sampled?.census, sampled?.cycles, sampled?.checked], [false, 6, 52500], 'a sampled cycle: the whole window as a sample');
});

test('a cycle that contradicts a settled window widens the sample (errors began after a clean window)', () => {
  const b = book({ thresholds: [0.0001], windowMs: 3_600_000 });
  for (let c = 0; c < 100; c += 1) b.apply(snap(c, [{ id: 'a', dataChecked: 2500, dataErrors: 0 }]));
  assert.equal(b.evidenceOf('tld', 'a')?.decisions[0].verdict, 'not-above');
  assert.equal(b.sampleFor('tld', 'a'), undefined);
  const e = evidenceOf(b.apply(snap(100, [{ id: 'a', dataChecked: 2500, dataErrors: 3 }])));
  assert.equal(e?.decisions[0].verdict, 'not-above', '3 in 252,500 over the window');
  assert.equal(b.sampleFor('tld', 'a'), 8000, 'but 3 in 2,500 alone is above: look closer');
});

test('thresholds per system: a kind without data rules keeps its evidence and never widens', () => {
  const b = book({ thresholds: (systemId) => (systemId === 'tld' ? [0.0001] : []) });
  const s = snap(0, [{ id: 'a', dataChecked: 2500, dataErrors: 1 }]);
  const resolver: Snapshot = { ...s, systems: [{ ...s.systems[0], id: 'isp' }] };
  const e = evidenceOf(b.apply(resolver));
  assert.equal(e?.checked, 2500);
  assert.deepEqual(e?.decisions, []);
  assert.equal(b.sampleFor('isp', 'a'), undefined);
  b.apply(snap(1, [{ id: 'a', dataChecked: 2500, dataErrors: 1 }]));
  assert.equal(b.sampleFor('tld', 'a'), 8000);
});

test('a widened node that goes silent returns to the configured sample (no extra failed queries)', () => {
  const b = book({ thresholds: [0.0001] });
  b.apply(snap(0, [{ id: 'a', dataChecked: 100, dataErrors: 0 }]));
  assert.equal(b.sampleFor('tld', 'a'), 8000, 'undetermined: widened');
  b.apply(snap(1, [{ id: 'a', queries: 16, answered: 0, succeeded: 0, successRate: 0, dataChecked: 0, dataErrors: 0 }]));
  assert.equal(b.sampleFor('tld', 'a'), undefined, 'silent: back to the configured sample');
});
