import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Snapshot, SystemMeasurement } from '../core/snapshot.ts';
import { applyOutageMinutes, OutageBook } from './outage-book.ts';

const node = (id: string, rate: number) => ({ id, address: '127.0.0.1', port: 53, queries: 10, answered: 10 * rate, succeeded: 10 * rate,
  successRate: rate, latencyMs: null, dataChecked: 0, dataErrors: 0, dataErrorRate: 0, keyDomainErrors: 0 });
function snap(minute: number, rates: number[], whoisUp = true): Snapshot {
  const at = (m: number) => new Date(Date.UTC(2026, 10, 23, 8, m)).toISOString();
  const system: SystemMeasurement = {
    id: 's', kind: 'tld', nodes: rates.map((r, i) => node(`n${i}`, r)),
    successRate: rates.reduce((a, r) => a + r, 0) / rates.length, latencyMs: null, stoppedMinutes: 0,
    services: { whois: { up: whoisUp, degraded: false, downMinutes: 0 } },
  };
  return { at: at(minute + 1), window: { from: at(minute), to: at(minute + 1) }, systems: [system] };
}
const keys = (changes: ReturnType<OutageBook['step']>) => changes.map((c) => `${c.kind}:${c.outage.nodeId ?? '*'}/${c.outage.service ?? 'dns'}`).sort();

test('opens when a node, the system or a service starts failing, closes on recovery', () => {
  const book = new OutageBook();
  assert.deepEqual(book.step(snap(0, [1, 1]), 0.05), []);
  assert.deepEqual(keys(book.step(snap(1, [1, 0]), 0.05)), ['open:n1/dns']);
  assert.deepEqual(book.step(snap(2, [1, 0]), 0.05), [], 'still open: no change');
  assert.deepEqual(keys(book.step(snap(3, [0, 0], false), 0.05)), ['open:*/dns', 'open:*/whois', 'open:n0/dns']);
  const stopped = applyOutageMinutes(snap(5, [0, 0], false), book);
  assert.equal(stopped.systems[0].stoppedMinutes, 3, 'since the start of the first failing window (minute 3) to minute 6');
  assert.equal(stopped.systems[0].services?.whois?.downMinutes, 3);
  const closes = book.step(snap(6, [1, 1]), 0.05);
  assert.deepEqual(keys(closes), ['close:*/dns', 'close:*/whois', 'close:n0/dns', 'close:n1/dns']);
  for (const c of closes) if (c.kind === 'close') assert.equal(c.endedAt, '2026-11-23T08:06:00.000Z');
  assert.deepEqual(book.openOutages(), []);
});

test('restored outages continue: no reopening, minutes count from the original start', () => {
  const book = new OutageBook([{ systemId: 's', nodeId: null, service: null, startedAt: '2026-11-23T07:00:00.000Z', id: 7 }]);
  const changes = book.step(snap(0, [0]), 0.05);
  assert.deepEqual(keys(changes), ['open:n0/dns']);
  assert.equal(applyOutageMinutes(snap(0, [0]), book).systems[0].stoppedMinutes, 61);
  assert.equal(book.openOutages().find((o) => o.nodeId === null)?.id, 7);
});

test('systems absent from a snapshot keep their outages; unprobed nodes do not count', () => {
  const book = new OutageBook([{ systemId: 'other', nodeId: null, service: null, startedAt: '2026-11-23T07:00:00.000Z', id: 1 }]);
  const s = snap(0, [1]);
  s.systems[0].nodes[0].queries = 0;
  s.systems[0].nodes[0].successRate = 0;
  s.systems[0].successRate = 0;
  assert.deepEqual(book.step(s, 0.05), []);
  assert.equal(book.openOutages().length, 1);
});
