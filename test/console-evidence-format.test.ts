// The console's pure helpers for findings and evidence (web/src/evidence-format.ts,
// web/src/components/chart-gaps.ts): evidence in words, rates, serial states, gaps on a chart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fmtEvidence, fmtRate, serialState } from '../web/src/evidence-format.ts';
import { gapBands, gapTimes } from '../web/src/components/chart-gaps.ts';

test('fmtEvidence: answers with TTLs one per line, records, difference samples, plain values', () => {
  assert.equal(fmtEvidence(['www.gov.lab. 300 IN A 192.0.2.1', 'www.gov.lab. 86400 IN A 198.51.100.66']),
    'www.gov.lab. 300 IN A 192.0.2.1\nwww.gov.lab. 86400 IN A 198.51.100.66');
  assert.equal(fmtEvidence(['192.0.2.1', '192.0.2.2']), '192.0.2.1, 192.0.2.2');
  assert.equal(fmtEvidence({ name: 'www.gov.lab', type: 'A', data: '192.0.2.10', ttl: 300 }), 'www.gov.lab A 192.0.2.10 (TTL 300)');
  assert.equal(fmtEvidence({ name: 'www.t.lab.', type: 'A', problem: 'different', expected: ['192.0.2.1'], got: ['192.0.2.99'] }),
    'www.t.lab. A different: 192.0.2.1 → 192.0.2.99');
  assert.equal(fmtEvidence({ name: 'x.t.lab.', type: 'A', problem: 'missing' }), 'x.t.lab. A missing');
  assert.equal(fmtEvidence([{ name: 'a.t.lab.', type: 'A', problem: 'missing' }, { name: 'b.t.lab.', type: 'MX', problem: 'extra' }]),
    '• a.t.lab. A missing\n• b.t.lab. MX extra');
  assert.equal(fmtEvidence([]), '∅');
  assert.equal(fmtEvidence(null), '—');
  assert.equal(fmtEvidence(2026120401), '2026120401');
  assert.equal(fmtEvidence(false), 'false');
  assert.equal(fmtEvidence({ checked: 40, errors: 0 }), 'checked: 40; errors: 0');
});

test('fmtRate: three significant digits in per cent, exact zero', () => {
  assert.equal(fmtRate(0.01), '1 %');
  assert.equal(fmtRate(0.0001), '0.01 %');
  assert.equal(fmtRate(0.000205), '0.0205 %');
  assert.equal(fmtRate(0.0912345), '9.12 %');
  assert.equal(fmtRate(0), '0 %');
  assert.equal(fmtRate(null), '—');
  assert.equal(fmtRate(Number.NaN), '—');
});

test('serialState: the server says lagging; otherwise RFC 1982 order, wrapping at 2^32', () => {
  assert.equal(serialState({ lagging: true, soaSerial: 5 }, 5), 'lagging');
  assert.equal(serialState({ soaSerial: 7 }, 7), 'ok');
  assert.equal(serialState({ soaSerial: 8 }, 7), 'ahead');
  assert.equal(serialState({ soaSerial: 6 }, 7), 'lagging');
  assert.equal(serialState({ soaSerial: 1 }, 2 ** 32 - 1), 'ahead', 'wrapped past 2^32 − 1');
  assert.equal(serialState({ soaSerial: 2 ** 32 - 1 }, 1), 'lagging');
  assert.equal(serialState({ soaSerial: null }, 7), 'unknown');
  assert.equal(serialState({ soaSerial: 7 }, undefined), 'unknown');
});

test('gaps: null points inside each gap, bands in seconds, both clipped to the range', () => {
  const from = '2026-01-01T00:00:00.000Z', to = '2026-01-01T01:00:00.000Z';
  const gaps = [
    { from: '2026-01-01T00:10:00.000Z', to: '2026-01-01T00:20:00.000Z', reason: 'platform down' },
    { from: '2025-12-31T23:50:00.000Z', to: '2026-01-01T00:05:00.000Z' },
    { from: '2026-01-01T02:00:00.000Z', to: '2026-01-01T03:00:00.000Z' },
  ];
  assert.deepEqual(gapTimes(gaps, from, to), [
    '2026-01-01T00:10:00.000Z', '2026-01-01T00:15:00.000Z', '2026-01-01T00:20:00.000Z',
    '2026-01-01T00:00:00.000Z', '2026-01-01T00:02:30.000Z', '2026-01-01T00:05:00.000Z',
  ]);
  const s = (iso: string) => Date.parse(iso) / 1000;
  assert.deepEqual(gapBands(gaps, from, to), [[s('2026-01-01T00:10:00Z'), s('2026-01-01T00:20:00Z')], [s(from), s('2026-01-01T00:05:00Z')]]);
  assert.deepEqual(gapTimes(undefined, from, to), []);
});
