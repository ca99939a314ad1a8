import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareSerials, serialOfSoaData } from './serial-arithmetic.ts';

test('RFC 1982: plain order, wrap-around, and the undefined half-way pair', () => {
  assert.equal(compareSerials(1, 2), 'older');
  assert.equal(compareSerials(2, 1), 'newer');
  assert.equal(compareSerials(7, 7), 'same');
  // 4294967295 + 1 wraps to 0: 4294967295 precedes 0 and 10
  assert.equal(compareSerials(4294967295, 0), 'older');
  assert.equal(compareSerials(10, 4294967290), 'newer');
  assert.equal(compareSerials(0, 2 ** 31), 'unknown');
  assert.equal(compareSerials(0, 2 ** 31 - 1), 'older');
  assert.equal(compareSerials(0, 2 ** 31 + 1), 'newer');
});

test('serial field of SOA data', () => {
  assert.equal(serialOfSoaData('ns1.lab. admin.lab. 2026120401 3600 600 86400 300'), 2026120401);
  assert.equal(serialOfSoaData('ns1.lab. admin.lab.'), null);
  assert.equal(serialOfSoaData(undefined), null);
  assert.equal(serialOfSoaData('a. b. 99999999999 1 1 1 1'), null);
});
