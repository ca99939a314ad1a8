import { test } from 'node:test';
import assert from 'node:assert/strict';
import { incidentLogLine } from './incident-log-line.ts';

test('the incident log line carries the grade and the written-report deadline', () => {
  assert.equal(incidentLogLine({ kind: 'open', system: 'lab-tld', incidentId: 'inc-1', grade: 'II', proposedGrade: null, writtenReportDue: '2026-01-02T00:00:00.000Z' }),
    'incident: open inc-1 (lab-tld) grade II 重大, written report due 2026-01-02T00:00:00.000Z');
  assert.equal(incidentLogLine({ kind: 'regrade', system: 'news-dns', incidentId: 'inc-2', grade: null, proposedGrade: 'I', writtenReportDue: '2026-01-02T00:00:00.000Z' }),
    'incident: regrade inc-2 (news-dns) proposed grade I 特别重大 (awaiting confirmation), written report due 2026-01-02T00:00:00.000Z');
  assert.equal(incidentLogLine({ kind: 'resolve', system: 'gov-dns', incidentId: null }), 'incident: resolve - (gov-dns)');
  assert.equal(incidentLogLine({ kind: 'resolve', system: 'gov-dns', incidentId: 'inc-3', grade: 'IV', proposedGrade: null }), 'incident: resolve inc-3 (gov-dns) grade IV 一般');
});
