import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatConfigError, formatPath, pointerToPath, showValue } from './config-errors.ts';

test('paths use dots for keys and brackets for list indexes', () => {
  assert.equal(formatPath(['systems', 0, 'nodes', 1, 'port']), 'systems[0].nodes[1].port');
  assert.equal(formatPath(['probing']), 'probing');
  assert.equal(formatPath([]), '(root)');
});

test('JSON pointers become paths, telling indexes from keys by the data', () => {
  const data = { systems: [{ nodes: [{}, { port: 1 }] }], probing: { '0': 'x' } };
  assert.deepEqual(pointerToPath('/systems/0/nodes/1/port', data), ['systems', 0, 'nodes', 1, 'port']);
  assert.deepEqual(pointerToPath('/probing/0', data), ['probing', '0']);
  assert.deepEqual(pointerToPath('/a~1b/c~0d', {}), ['a/b', 'c~d']);
  assert.deepEqual(pointerToPath('', data), []);
});

test('an error prints as file:line:column: path: message', () => {
  assert.equal(formatConfigError({ file: 'c.yaml', line: 3, column: 7, path: 'probing.timeout', message: 'must be above 5s' }),
    'c.yaml:3:7: probing.timeout: must be above 5s');
  assert.equal(formatConfigError({ file: 'c.yaml', line: 0, column: 0, path: '', message: 'cannot read the configuration: no such file' }),
    'c.yaml: cannot read the configuration: no such file');
});

test('values in messages are quoted and kept to one short line', () => {
  assert.equal(showValue('x'), "'x'");
  assert.equal(showValue(5), '5');
  assert.equal(showValue(null), 'null');
  assert.equal(showValue(undefined), 'nothing');
  assert.equal(showValue({ a: [1] }), '{"a":[1]}');
  const long = showValue('a\nb'.repeat(40));
  assert.ok(!long.includes('\n'));
  assert.equal(long.length, 60);
  assert.ok(long.endsWith('...'));
});
