// Record-by-record comparison: the unit of dataErrors (one RRset), its edge cases, and the fast path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareRRset, describeMismatch, finalRRset, pickRRset, sameRRset } from './data-compare.ts';
import { records } from './testing/fake-dns-client.ts';

test('compareRRset: one changed record counts once; missing and extra records count once each', () => {
  assert.deepEqual(compareRRset(['192.0.2.1', '192.0.2.2'], ['192.0.2.2', '192.0.2.1']), { errors: 0, missing: [], extra: [] });
  assert.deepEqual(compareRRset(['192.0.2.1', '192.0.2.2'], ['192.0.2.1', '203.0.113.9']),
    { errors: 1, missing: ['192.0.2.2'], extra: ['203.0.113.9'] });
  assert.equal(compareRRset(['a', 'b', 'c'], []).errors, 3, 'everything missing');
  assert.equal(compareRRset([], ['x']).errors, 1, 'an extra record where the truth has none');
  assert.equal(compareRRset(['a'], ['a', 'b', 'c']).errors, 2, 'max(|missing|, |extra|)');
  assert.equal(compareRRset(['a', 'a'], ['a']).errors, 0, 'duplicates are one record');
});

test('sameRRset agrees with compareRRset on permutations, duplicates and large sets', () => {
  const cases: Array<[string[], string[]]> = [
    [['a'], ['a']], [['a'], ['b']], [['a', 'b'], ['b', 'a']], [['a', 'b'], ['a', 'a']], [['a', 'a'], ['a', 'a']],
    [[], []], [['a', 'b', 'c'], ['c', 'b']],
    [Array.from({ length: 20 }, (_, i) => `r${i}`), Array.from({ length: 20 }, (_, i) => `r${19 - i}`)],
  ];
  for (const [expected, got] of cases) {
    // The fast path may say "not the same" (then the general comparison decides), never a wrong "same".
    if (sameRRset(expected, got)) assert.equal(compareRRset(expected, got).errors, 0, `${expected} vs ${got}`);
  }
  assert.equal(sameRRset(['a', 'b'], ['b', 'a']), true);
  assert.equal(sameRRset(['a', 'b'], ['a', 'a']), false);
  assert.equal(sameRRset(['a', 'a'], ['a', 'a']), false, 'duplicates go to the general comparison');
});

test('pickRRset matches owner and type case-insensitively, only in the section given', () => {
  const section = records(`
    www.lab. A 192.0.2.1
    WWW.lab. A 192.0.2.2
    www.lab. AAAA 2001:db8::1
    mail.lab. A 192.0.2.25
  `);
  assert.deepEqual(pickRRset(section, 'www.lab.', 'a'), ['192.0.2.1', '192.0.2.2']);
  assert.deepEqual(pickRRset(section, 'WWW.LAB.', 'AAAA'), ['2001:db8::1']);
  assert.deepEqual(pickRRset(section, 'ftp.lab.', 'A'), []);
});

test('finalRRset follows a CNAME chain inside the answer, bounded', () => {
  const answer = records(`
    www.lab. CNAME edge.lab.
    edge.lab. CNAME cdn.lab.
    cdn.lab. A 192.0.2.7
  `);
  assert.deepEqual(finalRRset(answer, 'www.lab.', 'A'), { finalName: 'cdn.lab.', data: ['192.0.2.7'] });
  assert.deepEqual(finalRRset(answer, 'www.lab.', 'CNAME'), { finalName: 'www.lab.', data: ['edge.lab.'] });
  assert.deepEqual(finalRRset(answer, 'www.lab.', 'AAAA'), { finalName: 'cdn.lab.', data: [] });
  const loop = records(`
    a.lab. CNAME b.lab.
    b.lab. CNAME a.lab.
  `);
  assert.deepEqual(finalRRset(loop, 'a.lab.', 'A').data, [], 'a CNAME loop ends without data');
});

test('describeMismatch names the problem', () => {
  assert.equal(describeMismatch('w.', 'A', ['1'], []).problem, 'missing');
  assert.equal(describeMismatch('w.', 'A', [], ['1']).problem, 'extra');
  assert.deepEqual(describeMismatch('w.', 'A', ['1'], ['2']), { name: 'w.', type: 'A', problem: 'different', expected: ['1'], got: ['2'] });
});
