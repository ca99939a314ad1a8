import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dueDeadlineEvents, informationReportProblems, phaseChangeError, writtenReportDue, DEFAULT_DEADLINES } from './incident-process.ts';

test('the written report is due 24 h after opening by default, per grade when configured', () => {
  assert.equal(writtenReportDue('2026-11-23T08:00:00.000Z', 'II'), '2026-11-24T08:00:00.000Z');
  const policy = { ...DEFAULT_DEADLINES, writtenReportHours: { ...DEFAULT_DEADLINES.writtenReportHours, I: 2 } };
  assert.equal(writtenReportDue('2026-11-23T08:00:00.000Z', 'I', policy), '2026-11-23T10:00:00.000Z');
});

test('phases move forward, need the information report, and closing needs the closing report', () => {
  const none = { infoReportFiled: false, closingReportFiled: false };
  assert.equal(phaseChangeError('initial-response', 'information-report', none), null);
  assert.match(phaseChangeError('information-report', 'emergency-handling', none) ?? '', /information report/);
  const filed = { infoReportFiled: true, closingReportFiled: false };
  assert.equal(phaseChangeError('information-report', 'emergency-handling', filed), null);
  assert.match(phaseChangeError('emergency-handling', 'initial-response', filed) ?? '', /cannot go back/);
  assert.match(phaseChangeError('emergency-handling', 'initial-response', filed) ?? '', /不能从应急处置退回先期处置$/);
  assert.equal(phaseChangeError('recovery', 'emergency-handling', filed), null, 'relapse is allowed');
  assert.match(phaseChangeError('recovery', 'closed', filed) ?? '', /closing report/);
  assert.equal(phaseChangeError('recovery', 'closed', { infoReportFiled: true, closingReportFiled: true }), null);
  assert.match(phaseChangeError('closed', 'recovery', filed) ?? '', /closed/);
});

test('an information report must state start, scope, harm, measures and recommendations', () => {
  assert.deepEqual(informationReportProblems({}).length, 5);
  assert.deepEqual(informationReportProblems({ startedAt: 'yesterday', scope: 'x', harm: 'y', measuresTaken: 'z', recommendations: 'w' }),
    ['startedAt: not a date-time']);
  assert.deepEqual(informationReportProblems({ startedAt: '2026-11-23T08:00:00Z', scope: 'x', harm: 'y', measuresTaken: 'z', recommendations: 'w' }), []);
});

test('reminders fire once each, nearest first, then one overdue escalation', () => {
  const due = '2026-11-24T08:00:00.000Z';
  const sent = new Set<string>();
  assert.deepEqual(dueDeadlineEvents(due, '2026-11-24T03:00:00.000Z', sent, false), []);
  const r1 = dueDeadlineEvents(due, '2026-11-24T04:30:00.000Z', sent, false);
  assert.deepEqual(r1.map((e) => e.key), ['remind:240']);
  sent.add('remind:240');
  assert.deepEqual(dueDeadlineEvents(due, '2026-11-24T05:00:00.000Z', sent, false), []);
  assert.deepEqual(dueDeadlineEvents(due, '2026-11-24T07:30:00.000Z', sent, false).map((e) => e.key), ['remind:60']);
  assert.deepEqual(dueDeadlineEvents(due, '2026-11-24T08:00:00.000Z', sent, false).map((e) => e.key), ['remind:60'], 'exactly at the deadline is not overdue');
  assert.deepEqual(dueDeadlineEvents(due, '2026-11-24T08:00:01.000Z', sent, false).map((e) => e.key), ['overdue']);
  sent.add('overdue');
  assert.deepEqual(dueDeadlineEvents(due, '2026-11-25T08:00:00.000Z', sent, false), []);
  assert.deepEqual(dueDeadlineEvents(due, '2026-11-25T08:00:00.000Z', new Set(), true), [], 'nothing once the report is filed');
});
