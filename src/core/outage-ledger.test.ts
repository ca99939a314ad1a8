import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Snapshot, SystemMeasurement } from './snapshot.ts';
import { OutageLedger, type OpenOutage } from './outage-ledger.ts';

const node = (id: string, rate: number) => ({ id, address: '127.0.0.1', port: 53, queries: 10, answered: 10 * rate, succeeded: 10 * rate,
  successRate: rate, latencyMs: null, dataChecked: 0, dataErrors: 0, dataErrorRate: 0, keyDomainErrors: 0 });
const at = (m: number) => new Date(Date.UTC(2026, 10, 23, 8, 0) + m * 60_000).toISOString();
/** One cycle from minute `minute` to minute + 1 (engine-reported minutes deliberately wrong: they are replaced). */
function snap(minute: number, rates: number[], whoisUp = true): Snapshot {
  const system: SystemMeasurement = {
    id: 's', kind: 'tld', nodes: rates.map((r, i) => node(`n${i}`, r)),
    successRate: rates.reduce((a, r) => a + r, 0) / rates.length, latencyMs: null, stoppedMinutes: 999,
    services: { whois: { up: whoisUp, degraded: false, downMinutes: 999 } },
  };
  return { at: at(minute + 1), window: { from: at(minute), to: at(minute + 1) }, systems: [system] };
}
// interval 1 min, timeout 1 min: cycles more than 3 minutes apart leave a gap.
const opts = { stoppedBelow: 0.05, intervalMs: 60_000, timeoutMs: 60_000 };
const keys = (changes: ReturnType<OutageLedger['step']>['changes']) =>
  changes.map((c) => `${c.kind}:${c.outage.nodeId ?? '*'}/${c.outage.service ?? 'dns'}`).sort();

test('opens when a node, the system or a service starts failing, closes on recovery; minutes are measured', () => {
  const ledger = new OutageLedger(opts);
  assert.deepEqual(ledger.step(snap(0, [1, 1])).changes, []);
  assert.deepEqual(keys(ledger.step(snap(1, [1, 0])).changes), ['open:n1/dns']);
  assert.deepEqual(ledger.step(snap(2, [1, 0])).changes, [], 'still open: no change');
  const third = ledger.step(snap(3, [0, 0], false));
  assert.deepEqual(keys(third.changes), ['open:*/dns', 'open:*/whois', 'open:n0/dns']);
  assert.equal(third.snapshot.systems[0].stoppedMinutes, 1, 'the engine figure is replaced, not maxed');
  ledger.step(snap(4, [0, 0], false));
  const fifth = ledger.step(snap(5, [0, 0], false));
  assert.equal(fifth.snapshot.systems[0].stoppedMinutes, 3, 'minutes 3 to 6');
  assert.equal(fifth.snapshot.systems[0].services?.whois?.downMinutes, 3);
  const n1 = fifth.measured.find((o) => o.nodeId === 'n1')!;
  assert.deepEqual([n1.measuredMs, n1.lastMeasuredAt, n1.startedAt], [5 * 60_000, at(6), at(1)]);
  const closes = ledger.step(snap(6, [1, 1]));
  assert.deepEqual(keys(closes.changes), ['close:*/dns', 'close:*/whois', 'close:n0/dns', 'close:n1/dns']);
  for (const c of closes.changes) if (c.kind === 'close') assert.equal(c.endedAt, at(6));
  assert.equal(closes.snapshot.systems[0].stoppedMinutes, 0);
  assert.deepEqual(ledger.openOutages(), []);
});

test('restored outages continue with their measured time; the time the platform was down is a gap, not outage', () => {
  const open: OpenOutage[] = [{ systemId: 's', nodeId: null, service: null, startedAt: at(-30), id: 7, measuredMs: 20 * 60_000, lastMeasuredAt: at(-10) }];
  const ledger = new OutageLedger({ ...opts, open, lastCycleAt: at(-10) });
  const first = ledger.step(snap(0, [0]));
  assert.deepEqual(keys(first.changes), ['open:n0/dns'], 'the system outage is not reopened');
  assert.equal(first.snapshot.systems[0].stoppedMinutes, 21, '20 measured before + this cycle; the 10 minutes off are not added');
  assert.deepEqual(first.gap, { from: at(-10), to: at(0), reason: 'platform-down' });
  assert.equal(ledger.openOutages().find((o) => o.nodeId === null)?.id, 7);
  assert.equal(ledger.step(snap(1, [0])).gap, null);
  const missed = ledger.step(snap(10, [0]));
  assert.deepEqual(missed.gap, { from: at(2), to: at(10), reason: 'no-cycle' });
  assert.equal(missed.snapshot.systems[0].stoppedMinutes, 23, 'the missed cycles are not counted either');
  const closed = ledger.step(snap(20, [1]));
  const sys = closed.changes.find((c) => c.outage.nodeId === null);
  assert.equal(sys?.kind === 'close' && sys.endedAt, at(11), 'recovered after a gap: ended when last measured failing');
});

test('a legacy open outage without a measurement counts from the latest stored cycle; gaps within the limit are none', () => {
  const open: OpenOutage[] = [{ systemId: 's', nodeId: null, service: null, startedAt: at(-60), id: 1, measuredMs: 0, lastMeasuredAt: null }];
  const ledger = new OutageLedger({ ...opts, open, lastCycleAt: at(-2) });
  const first = ledger.step(snap(0, [0]));
  assert.equal(first.gap, null, '2 minutes since the last cycle: within 2 × interval + timeout');
  assert.equal(first.snapshot.systems[0].stoppedMinutes, 3, 'failing at the last stored cycle (minute −2): watched since');
  const recovered = new OutageLedger({ ...opts, open, lastCycleAt: at(-30) }).step(snap(0, [1]));
  const closed = recovered.changes.find((c) => c.outage.nodeId === null);
  assert.equal(closed?.kind === 'close' && closed.endedAt, at(-30), 'recovered after a gap: ended at the last stored cycle');
  assert.deepEqual(recovered.gap, { from: at(-30), to: at(0), reason: 'platform-down' });
});

test('systems absent from a snapshot keep their outages; unprobed nodes do not count', () => {
  const open: OpenOutage[] = [{ systemId: 'other', nodeId: null, service: null, startedAt: at(-60), id: 1, measuredMs: 0, lastMeasuredAt: null }];
  const ledger = new OutageLedger({ ...opts, open });
  const s = snap(0, [1]);
  s.systems[0].nodes[0].queries = 0;
  s.systems[0].nodes[0].successRate = 0;
  s.systems[0].successRate = 0;
  const step = ledger.step(s);
  assert.deepEqual(step.changes, []);
  assert.equal(step.gap, null, 'no stored cycle: nothing to compare with');
  assert.equal(ledger.openOutages().length, 1);
});
