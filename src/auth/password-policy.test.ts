import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MIN_PASSWORD_LENGTH, passwordProblems } from './password-policy.ts';

test('one policy: 12 characters (not bytes), 5 different ones, not the username', () => {
  assert.equal(MIN_PASSWORD_LENGTH, 12);
  assert.deepEqual(passwordProblems('a long enough passphrase', 'zoe'), []);
  assert.deepEqual(passwordProblems('eight888', 'zoe'), ['the password must be at least 12 characters long']);
  assert.equal(passwordProblems('aaaaaaaaaaaaaaaa', 'zoe').length, 1);
  assert.deepEqual(passwordProblems('xx-Zoe-2026-long', 'zoe'), ['the password must not contain the username']);
  assert.deepEqual(passwordProblems('我的密码很长而且不一样啊', 'zoe'), []);
});
