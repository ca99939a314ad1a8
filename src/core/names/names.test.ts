import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDelete, checkRecord, checkTransfer, decide, expired, isReversible, NAME_ACTIONS, parseUntil, UNDO, type NameState, type NameStatus } from './name-rules.ts';

const st = (status: NameStatus, locked = false): NameState => ({ status, locked });

test('hold and unhold: active ↔ held, already when there, refused when not registered or locked', () => {
  assert.deepEqual(decide('hold', st('active')), { kind: 'apply', next: st('held') });
  assert.deepEqual(decide('hold', st('held')), { kind: 'already' });
  assert.equal(decide('hold', st('absent')).kind, 'refused');
  assert.deepEqual(decide('hold', st('active', true)), { kind: 'refused', reason: 'locked (serverUpdateProhibited): unlock first' });
  assert.deepEqual(decide('unhold', st('held')), { kind: 'apply', next: st('active') });
  assert.deepEqual(decide('unhold', st('active')), { kind: 'already' });
  assert.equal(decide('unhold', st('sinkholed')).kind, 'refused');
});

test('sinkhole: registered names only; unregistered go through block --sinkhole', () => {
  assert.deepEqual(decide('sinkhole', st('active')), { kind: 'apply', next: st('sinkholed') });
  assert.match((decide('sinkhole', st('absent')) as { reason: string }).reason, /block --sinkhole/);
  assert.equal(decide('sinkhole', st('held')).kind, 'refused');
  assert.deepEqual(decide('unsinkhole', st('sinkholed')), { kind: 'apply', next: st('active') });
});

test('block reserves unregistered names, with --sinkhole delegates them to the sinkhole; registered names are refused', () => {
  assert.deepEqual(decide('block', st('absent')), { kind: 'apply', next: st('reserved') });
  assert.deepEqual(decide('block', st('absent'), { withSinkhole: true }), { kind: 'apply', next: st('reserved-sinkholed') });
  assert.deepEqual(decide('block', st('reserved')), { kind: 'already' });
  assert.deepEqual(decide('block', st('reserved'), { withSinkhole: true }), { kind: 'apply', next: st('reserved-sinkholed') });
  assert.match((decide('block', st('active')) as { reason: string }).reason, /registered/);
  assert.deepEqual(decide('unblock', st('reserved-sinkholed')), { kind: 'apply', next: st('absent') });
  assert.deepEqual(decide('unblock', st('absent')), { kind: 'already' });
});

test('lock is the three server*Prohibited statuses: registered names only, unlock always possible', () => {
  assert.deepEqual(decide('lock', st('held')), { kind: 'apply', next: st('held', true) });
  assert.deepEqual(decide('lock', st('active', true)), { kind: 'already' });
  assert.equal(decide('lock', st('reserved')).kind, 'refused');
  assert.deepEqual(decide('unlock', st('active', true)), { kind: 'apply', next: st('active') });
  assert.deepEqual(decide('unlock', st('active')), { kind: 'already' });
});

test('every change action has its undo, and undoing returns to the state before', () => {
  const from: Record<string, NameState> = { hold: st('active'), sinkhole: st('active'), lock: st('active'), block: st('absent') };
  for (const action of ['hold', 'sinkhole', 'lock', 'block'] as const) {
    const d = decide(action, from[action]);
    assert.equal(d.kind, 'apply');
    const back = decide(UNDO[action] as typeof action, (d as { next: NameState }).next);
    assert.deepEqual(back, { kind: 'apply', next: from[action] }, action);
  }
  for (const a of NAME_ACTIONS) assert.ok(isReversible(a), a);
  assert.equal(isReversible('delete'), false);
});

test('records: reason and requester required; a referral belongs to a case', () => {
  assert.deepEqual(checkRecord({ action: 'hold', reason: 'phishing', requester: 'alice' }), []);
  assert.deepEqual(checkRecord({ action: 'hold', reason: ' ', requester: '' }), ['a reason is required', 'a requester is required']);
  assert.deepEqual(checkRecord({ action: 'refer', reason: 'r', requester: 'a' }), ['a referral belongs to a case (--case)']);
});

test('delete: two approvers other than the requester and the whole checklist', () => {
  const checklist = { 'evidence-verified': true, 'registrar-contacted': true, 'registrant-notified-or-unreachable': true, 'no-legitimate-use': true, 'legal-review': true };
  const base = { action: 'delete' as const, reason: 'malware', requester: 'alice' };
  assert.deepEqual(checkDelete({ ...base, approvers: ['bob', 'carol'], checklist }), []);
  assert.ok(checkDelete({ ...base, approvers: ['alice', 'bob'], checklist }).some((p) => /two approvers/.test(p)));
  assert.ok(checkDelete({ ...base, approvers: ['bob', 'bob'], checklist }).some((p) => /two approvers/.test(p)));
  assert.deepEqual(checkDelete({ ...base, approvers: ['bob', 'carol'], checklist: { ...checklist, 'legal-review': false } }),
    ["due-diligence checklist: 'legal-review' not done"]);
});

test('transfer: EPP only, to a named registrar', () => {
  assert.deepEqual(checkTransfer('epp', 'reg-b'), []);
  assert.equal(checkTransfer('dns-update', 'reg-b').length, 1);
});

test('--until: durations from now, dates in UTC, never the past', () => {
  const now = new Date('2026-12-04T20:00:00Z');
  assert.deepEqual(parseUntil('90d', now), { at: '2027-03-04T20:00:00.000Z' });
  assert.deepEqual(parseUntil('2027-01-31', now), { at: '2027-01-31T00:00:00.000Z' });
  assert.deepEqual(parseUntil('2027-01-31T08:00:00+08:00', now), { at: '2027-01-31T00:00:00.000Z' });
  assert.ok('error' in parseUntil('2020-01-01', now));
  assert.ok('error' in parseUntil('soon', now));
  assert.equal(expired('2026-12-04T20:00:00.000Z', now), true);
  assert.equal(expired(null, now), false);
});
