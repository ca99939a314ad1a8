import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFault, drillSnapshot, healthySystem, type DrillSystem } from './drill-snapshot.ts';

const TLD: DrillSystem = { id: 't', org: 'r', kind: 'tld', nodes: ['a', 'b', 'c', 'd'].map((id, i) => ({ id, address: `127.0.0.${i + 1}`, port: 53 })) };

test('a healthy system: every node answers, all services up', () => {
  const s = healthySystem(TLD);
  assert.equal(s.successRate, 1);
  assert.equal(s.nodes.length, 4);
  assert.equal(s.services?.registration?.up, true);
  assert.equal(s.coreDataIntact, true);
});

test('nodes-down takes the first n nodes to 0 % and recomputes the system rate', () => {
  const s = applyFault(healthySystem(TLD), { systemId: 't', kind: 'nodes-down', nodes: 2 });
  assert.deepEqual(s.nodes.map((n) => n.successRate), [0, 0, 1, 1]);
  assert.equal(s.successRate, 0.5);
  assert.equal(s.nodes[0].latencyMs, null);
});

test('stopped, slow, data errors, registration down, core data damaged', () => {
  const h = healthySystem(TLD);
  const stopped = applyFault(h, { systemId: 't', kind: 'stopped', minutes: 61 });
  assert.equal(stopped.successRate, 0);
  assert.equal(stopped.stoppedMinutes, 61);
  assert.equal(applyFault(h, { systemId: 't', kind: 'slow', nodes: 1, latencyMs: 5001 }).nodes[0].latencyMs?.p50, 5001);
  assert.equal(applyFault(h, { systemId: 't', kind: 'data-errors', rate: 0.002 }).nodes[0].dataErrorRate, 0.002);
  assert.deepEqual(applyFault(h, { systemId: 't', kind: 'registration-down', minutes: 300 }).services?.registration, { up: false, degraded: false, downMinutes: 300 });
  assert.equal(applyFault(h, { systemId: 't', kind: 'core-data-damaged' }).coreDataIntact, false);
});

test('a snapshot holds the faulted and the listed healthy systems only; unknown systems throw', () => {
  const other: DrillSystem = { ...TLD, id: 'u' };
  const snap = drillSnapshot([TLD, other], [{ systemId: 't', kind: 'nodes-down', nodes: 1 }], '2026-11-23T08:00:00Z', { healthy: ['u'] });
  assert.deepEqual(snap.systems.map((s) => s.id), ['u', 't']);
  assert.equal(snap.window.from, '2026-11-23T07:59:00.000Z');
  assert.deepEqual(drillSnapshot([TLD, other], [], '2026-11-23T08:00:00Z').systems, []);
  assert.throws(() => drillSnapshot([TLD], [{ systemId: 'x', kind: 'stopped' }], '2026-11-23T08:00:00Z'), /unknown system/);
});

test('a slow or nodes-down fault without a node count affects one node (the API leaves it optional)', () => {
  const slow = applyFault(healthySystem(TLD), { systemId: 't', kind: 'slow' } as unknown as Parameters<typeof applyFault>[1]);
  assert.equal(slow.nodes[0].latencyMs?.p50, 6000);
  assert.ok(slow.nodes.slice(1).every((n) => (n.latencyMs?.p50 ?? 0) < 6000));
  const down = applyFault(healthySystem(TLD), { systemId: 't', kind: 'nodes-down' } as unknown as Parameters<typeof applyFault>[1]);
  assert.deepEqual(down.nodes.map((n) => n.successRate), [0, 1, 1, 1]);
});
