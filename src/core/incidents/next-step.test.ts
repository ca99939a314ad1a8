import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextStep } from './next-step.ts';

const due = '2026-11-24T08:00:00.000Z';
const base = { phase: 'initial-response' as const, needsConfirmation: false, deadlines: { writtenReportDue: due, sent: [] } };
const report = { filedAt: '2026-11-23T09:00:00.000Z' };

test('a proposed grade waits for the commander before anything else', () => {
  assert.deepEqual(nextStep({ ...base, needsConfirmation: true }), { action: 'confirm-grade', by: 'commander' });
});

test('without the written report, the organisation owes it by the deadline', () => {
  assert.deepEqual(nextStep(base), { action: 'file-information-report', by: 'organisation', due });
  assert.deepEqual(nextStep({ ...base, phase: 'emergency-handling' }), { action: 'file-information-report', by: 'organisation', due });
});

test('report filed: handle; clean measurements: recover; recovery: closing report, then the commander closes', () => {
  assert.deepEqual(nextStep({ ...base, phase: 'emergency-handling', informationReport: report }), { action: 'handle', by: 'organisation' });
  assert.deepEqual(nextStep({ ...base, phase: 'emergency-handling', informationReport: report, resolvedAt: '2026-11-23T10:00:00.000Z' }),
    { action: 'move-to-recovery', by: 'organisation' });
  assert.deepEqual(nextStep({ ...base, phase: 'recovery', informationReport: report }), { action: 'file-closing-report', by: 'organisation' });
  assert.deepEqual(nextStep({ ...base, phase: 'recovery', informationReport: report, closingReport: report }), { action: 'close', by: 'commander' });
});

test('a closed incident has no next step', () => {
  assert.equal(nextStep({ ...base, phase: 'closed', informationReport: report, closingReport: report }), null);
});
