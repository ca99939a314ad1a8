import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changeError, issueError, LEVEL_FOR_GRADE } from './warning-rules.ts';

test('levels follow grades', () => {
  assert.deepEqual(LEVEL_FOR_GRADE, { I: 'red', II: 'orange', III: 'yellow', IV: 'blue' });
});

test('the office issues anywhere; a province only for itself; others never', () => {
  assert.equal(issueError({ org: 'office', role: 'emergency-office' }, { national: true }), null);
  assert.equal(issueError({ org: 'bj', role: 'provincial-authority', province: 'BJ' }, { national: false, provinces: ['BJ'] }), null);
  assert.match(issueError({ org: 'bj', role: 'provincial-authority', province: 'BJ' }, { national: true }) ?? '', /national/);
  assert.match(issueError({ org: 'bj', role: 'provincial-authority', province: 'BJ' }, { national: false, provinces: ['SH'] }) ?? '', /only for BJ/);
  assert.match(issueError({ org: 'cert', role: 'cert' }, { national: true }) ?? '', /only the emergency office/);
});

test('a lifted warning cannot be changed', () => {
  assert.match(changeError({ org: 'office', role: 'emergency-office' }, { national: true }, 'lifted') ?? '', /already lifted/);
});
