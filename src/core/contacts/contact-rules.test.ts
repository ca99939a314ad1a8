import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contactListProblems, lateChangeReport } from './contact-rules.ts';

test('a contact list needs a primary and a backup, each reachable', () => {
  assert.deepEqual(contactListProblems([]), ['no primary 24-hour contact', 'no backup contact']);
  assert.deepEqual(contactListProblems([
    { name: 'Li', role: 'primary', phone: '+86 10 1234 5678' },
    { name: 'Wang', role: 'backup' },
  ]), ['contacts[1] (Wang): no phone, email or webhook']);
  assert.deepEqual(contactListProblems([
    { name: 'Li', role: 'primary', phone: 'call me' },
    { name: 'Wang', role: 'backup', email: 'w@x.lab' },
  ]), ['contacts[0] (Li): phone is not a phone number']);
});

test('a change reported after more than 3 days is late; exactly 3 days is not', () => {
  assert.equal(lateChangeReport({ org: 'o', changedAt: '2026-11-01T00:00:00Z', reportedAt: '2026-11-04T00:00:00Z' }, '2026-11-10T00:00:00Z').late, false);
  assert.equal(lateChangeReport({ org: 'o', changedAt: '2026-11-01T00:00:00Z', reportedAt: '2026-11-04T00:00:01Z' }, '2026-11-10T00:00:00Z').late, true);
  const pending = lateChangeReport({ org: 'o', changedAt: '2026-11-01T00:00:00Z', reportedAt: null }, '2026-11-05T12:00:00Z');
  assert.deepEqual(pending, { late: true, days: 4.5 });
});
