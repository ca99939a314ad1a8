import { test } from 'node:test';
import assert from 'node:assert/strict';
import { effectiveGrade, lastMeasured, severityOf } from './grade-apply.ts';
import type { Commander } from '../core/incidents/incident-model.ts';
import type { Grade } from '../core/grades.ts';

const route = (g: Grade | null, provisional: boolean): Commander =>
  (g === 'I' || g === 'II' ? { role: 'emergency-office', ...(provisional ? { provisional: true } : {}) } : { role: 'self', org: 'o' });
const base = { commander: { role: 'self', org: 'o' } as Commander };

test('without decisions the measured grade and proposal apply', () => {
  const e = effectiveGrade(base, { grade: 'II', proposedGrade: 'I' }, route);
  assert.deepEqual(e, { grade: 'II', proposedGrade: 'I', needsConfirmation: true, warningLevel: 'orange', commander: { role: 'emergency-office', provisional: true } });
});

test('a confirmed proposal stays the grade while it is proposed; a new proposal needs a new decision', () => {
  const confirmation = { decision: 'confirmed' as const, grade: 'I' as Grade, by: 'u', reason: 'r', at: 't' };
  assert.equal(effectiveGrade({ ...base, confirmation }, { grade: 'II', proposedGrade: 'I' }, route).grade, 'I');
  const other = effectiveGrade({ ...base, confirmation }, { grade: 'IV', proposedGrade: 'III' }, route);
  assert.deepEqual([other.grade, other.proposedGrade], ['IV', 'III']);
});

test('a rejected proposal is dropped; a reassignment keeps its province', () => {
  const confirmation = { decision: 'rejected' as const, grade: 'I' as Grade, by: 'u', reason: 'r', at: 't' };
  const e = effectiveGrade({ ...base, confirmation, reassignedTo: { province: 'GD', by: 'u', at: 't', reason: 'r' } }, { grade: 'II', proposedGrade: 'I' }, route);
  assert.deepEqual([e.grade, e.proposedGrade, e.needsConfirmation], ['II', null, false]);
  assert.deepEqual(e.commander, { role: 'provincial-authority', province: 'GD' });
});

test('lastMeasured reads the newest grading entry; severity is the higher of grade and proposal', () => {
  const gradeHistory = [
    { at: '1', grade: 'III' as Grade, proposedGrade: null, by: 'grading' },
    { at: '2', grade: 'II' as Grade, proposedGrade: 'I' as Grade, by: 'grading' },
    { at: '3', grade: 'I' as Grade, proposedGrade: null, by: 'u-office' },
  ];
  assert.deepEqual(lastMeasured({ gradeHistory }), { grade: 'II', proposedGrade: 'I' });
  assert.equal(lastMeasured({ gradeHistory: [] }), null);
  assert.equal(severityOf({ grade: 'III', proposedGrade: 'I' }), 4);
  assert.equal(severityOf({ grade: null, proposedGrade: null }), 0);
});
