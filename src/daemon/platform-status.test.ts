// platformHealth: ok, or degraded with one reason per problem.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { platformHealth, type HealthInputs } from './platform-status.ts';

const T0 = Date.parse('2026-11-23T08:00:00Z');
const healthy: HealthInputs = {
  version: '1.0', nowMs: T0 + 5_000, startedAtMs: T0, stopped: false, lastCycleAt: '2026-11-23T08:00:04.000Z',
  store: { ok: true, pending: 0, dropped: 0 }, scheduler: { lastError: null, lastEndedAt: '2026-11-23T08:00:04.000Z' },
  intervalMs: 10_000, timeoutMs: 10_000,
};

test('a recent cycle and a working store: ok', () => {
  assert.deepEqual(platformHealth(healthy), { status: 'ok', version: '1.0', lastCycleAt: healthy.lastCycleAt, store: 'ok', reasons: [] });
});

test('each problem is one reason', () => {
  const h = platformHealth({ ...healthy, store: { ok: false, pending: 3, dropped: 2 }, scheduler: { ...healthy.scheduler, lastError: 'boom' } });
  assert.equal(h.status, 'degraded');
  assert.equal(h.store, 'error');
  assert.deepEqual(h.reasons, ['store writes failing; 3 write(s) queued for retry', '2 unsaved write(s) dropped (retry queue full)', 'the latest probe cycle failed']);
});

test('no cycle for 2 × interval + timeout + 5 s: late; a stopped platform is not', () => {
  const limit = 2 * 10_000 + 10_000 + 5_000;
  const lastEnded = Date.parse(healthy.scheduler.lastEndedAt!);
  assert.deepEqual(platformHealth({ ...healthy, nowMs: lastEnded + limit }).reasons, []);
  assert.deepEqual(platformHealth({ ...healthy, nowMs: lastEnded + limit + 1 }).reasons, ['no probe cycle completed recently']);
  assert.deepEqual(platformHealth({ ...healthy, nowMs: lastEnded + limit + 1, stopped: true }).reasons, []);
  // before the first cycle, from the start
  assert.deepEqual(platformHealth({ ...healthy, scheduler: { lastError: null, lastEndedAt: null }, nowMs: T0 + limit + 1 }).reasons,
    ['no probe cycle completed recently']);
});
