import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataErrorThresholdsOf, latencyThresholdsOf } from './latency-thresholds.ts';
import { readRuleset } from '../../config/read-ruleset.ts';
import { parseRuleset } from './load-ruleset.ts';

test('the built-in rule set compares latency with 5 s and data errors with 0.01 %, 0.1 % and 1 %', async () => {
  const ruleset = await readRuleset('miit-domain-security-2011');
  assert.deepEqual(latencyThresholdsOf(ruleset), [5000]);
  assert.deepEqual(dataErrorThresholdsOf(ruleset), [0.0001, 0.001, 0.01]);
  assert.deepEqual(dataErrorThresholdsOf(ruleset, 'tld'), [0.0001, 0.001]);
  assert.deepEqual(dataErrorThresholdsOf(ruleset, 'authoritative'), [0.001, 0.01]);
  assert.deepEqual(dataErrorThresholdsOf(ruleset, 'recursive'), [], 'the table has no data threshold for resolvers');
});

test('values are found at every depth and under every operator', () => {
  const ruleset = parseRuleset([
    'id: t', 'version: "1"', 'rules:',
    '  - { id: a, object: tld, grade: IV, when: { not: { nodesCount: { where: { all: [ { latency: { gt: 200, lte: 900 } } ] }, gte: 1 } } } }',
    '  - { id: b, object: tld, grade: IV, when: { any: [ { latency: { eq: 50 } }, { allNodes: { dataErrorRate: { gte: 0.5 } } } ] } }',
  ].join('\n'), 'inline.yaml');
  assert.deepEqual(latencyThresholdsOf(ruleset), [50, 200, 900]);
  assert.deepEqual(dataErrorThresholdsOf(ruleset), [0.5]);
});
