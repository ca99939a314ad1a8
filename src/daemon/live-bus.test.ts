import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Incident } from '../store/store.ts';
import { LiveBus, type LiveEvent } from './live-bus.ts';

const inc = (version: number): Incident => ({
  id: 'i1', systemId: 's', org: 'o', state: 'initial-response', grade: 'II', proposedGrade: null, drill: false, version,
  detail: { openedAt: '2026-01-01T00:00:00.000Z', deadlines: { writtenReportDue: '2026-01-02T00:00:00.000Z', sent: [] }, commander: { role: 'emergency-office' } },
  createdAt: '', updatedAt: '',
});

test('publishes to every listener; a throwing one is logged, the others still get it; unsubscribe works', () => {
  const logs: string[] = [];
  const bus = new LiveBus((l) => logs.push(l));
  const got: LiveEvent[] = [];
  bus.subscribe(() => { throw new Error('boom'); });
  const off = bus.subscribe((e) => got.push(e));
  bus.publish({ kind: 'warning', data: { id: 'w' } });
  assert.equal(got.length, 1);
  assert.match(logs[0], /boom/);
  off();
  bus.publish({ kind: 'warning', data: { id: 'w2' } });
  assert.equal(got.length, 1);
});

test('an incident goes out once per version, with its summary', () => {
  const bus = new LiveBus();
  const got: LiveEvent[] = [];
  bus.subscribe((e) => got.push(e));
  bus.publishIncident(inc(1), 'opened');
  bus.publishIncident(inc(1), 'updated');
  bus.publishIncident(inc(2), 'updated');
  bus.publishIncident(inc(1), 'updated');
  assert.equal(got.length, 2);
  const first = got[0].kind === 'incident' ? got[0].data as Record<string, unknown> : {};
  assert.equal(first.change, 'opened');
  assert.equal(first.writtenReportDue, '2026-01-02T00:00:00.000Z');
  assert.equal(first.resolvedAt, null);
});
