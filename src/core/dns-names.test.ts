import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fqdn, isUnder, parentName } from './dns-names.ts';

test('fqdn: absolute and lower-case, trimmed, the root stays the root', () => {
  assert.equal(fqdn('WWW.Example.LAB'), 'www.example.lab.');
  assert.equal(fqdn('www.example.lab.'), 'www.example.lab.');
  assert.equal(fqdn('Lab.'), 'lab.');
  assert.equal(fqdn(' Lab \n'), 'lab.', 'surrounding white space is dropped');
  assert.equal(fqdn('.'), '.');
  assert.equal(fqdn('中国'), '中国.');
});

test('isUnder: the zone itself and names below it, label-wise', () => {
  assert.ok(isUnder('example.lab.', 'example.lab.'));
  assert.ok(isUnder('www.example.lab.', 'example.lab.'));
  assert.ok(isUnder('a.b.example.lab.', 'example.lab.'));
  assert.ok(!isUnder('xexample.lab.', 'example.lab.'), 'a suffix that is not a label boundary');
  assert.ok(!isUnder('lab.', 'example.lab.'), 'the parent is not under the child');
  assert.ok(!isUnder('www.example.org.', 'example.lab.'));
});

test('isUnder: every name is under the root', () => {
  assert.ok(isUnder('.', '.'));
  assert.ok(isUnder('lab.', '.'));
  assert.ok(isUnder('www.example.lab.', '.'));
});

test('parentName: one label up, the root has none', () => {
  assert.equal(parentName('a.b.lab.'), 'b.lab.');
  assert.equal(parentName('lab.'), '.');
  assert.equal(parentName('.'), null);
});
