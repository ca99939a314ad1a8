import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { Value } from '@sinclair/typebox/value';
import { parseRuleset, RulesetError } from './load-ruleset.ts';
import { RulesetSchema } from './ruleset-schema.ts';
import { builtinRulesetPath } from '../../config/read-ruleset.ts';

const header = 'id: test-rules\nversion: "1"\nrules:\n';
const problemsOf = (text: string) => {
  try {
    parseRuleset(text, 'rules.yaml');
  } catch (e) {
    assert.ok(e instanceof RulesetError, String(e));
    return e.problems;
  }
  assert.fail('expected the rule set to be refused');
};

test('the built-in rule set parses, fills defaults, and also satisfies the full recursive schema', async () => {
  const text = await readFile(builtinRulesetPath('miit-domain-security-2011')!, 'utf8');
  const rs = parseRuleset(text);
  assert.equal(rs.id, 'miit-domain-security-2011');
  assert.equal(rs.version, '1');
  assert.deepEqual(rs.defaults, { stoppedBelow: 0.05, latencyStatistic: 'p50' });
  assert.deepEqual(rs.grades?.III, { zh: '较大', en: 'relatively serious' });
  assert.ok(Value.Check(RulesetSchema, parse(text)));
  for (const object of ['tld', 'authoritative', 'registration', 'website-dns', 'recursive']) {
    assert.ok(rs.rules.some((r) => r.object === object), `rules for ${object}`);
  }
});

test('defaults are filled when the rule set gives none; confirm defaults to false', () => {
  const rs = parseRuleset(`${header}  - { id: r, object: tld, grade: I, when: { systemStopped: true } }\n`);
  assert.deepEqual(rs.defaults, { stoppedBelow: 0.05, latencyStatistic: 'p50' });
  assert.equal(rs.rules[0].confirm, false);
});

test('an unknown condition is named with its path, line and rule', () => {
  const [p, ...rest] = problemsOf(`${header}  - id: half\n    object: tld\n    grade: II\n    when:\n      all:\n        - { nodeShare: { gte: 0.5 } }\n`);
  assert.equal(rest.length, 0);
  assert.equal(p.path, 'rules[0].when.all[0].nodeShare');
  assert.match(p.message, /unknown system condition 'nodeShare'.*nodesShare.*\(rule half\)/);
  assert.equal(p.line, 9);
});

test('a system condition inside a node condition is refused with a hint', () => {
  const [p] = problemsOf(`${header}  - { id: r, object: tld, grade: II, when: { anyNode: { stoppedMinutes: { gt: 1 } } } }\n`);
  assert.equal(p.path, 'rules[0].when.anyNode.stoppedMinutes');
  assert.match(p.message, /system condition, not allowed inside a node condition/);
});

test('comparisons: unknown operator, wrong type, no operator', () => {
  const ps = problemsOf(`${header}  - { id: a, object: tld, grade: II, when: { successRate: { below: 0.5 } } }
  - { id: b, object: tld, grade: II, when: { latency: { gt: "5s" } } }
  - { id: c, object: tld, grade: II, when: { nodesShare: { where: { successRate: { lt: 0.5 } } } } }
`);
  const byPath = Object.fromEntries(ps.map((p) => [p.path, p.message]));
  assert.match(byPath['rules[0].when.successRate.below'], /unknown key 'below'/);
  assert.match(byPath['rules[0].when.successRate'], /needs at least one of lt, lte, gt, gte, eq/);
  assert.match(byPath['rules[1].when.latency.gt'], /number/i);
  assert.match(byPath['rules[2].when.nodesShare'], /needs at least one of/);
});

test('two keys in one condition, bad grade, bad object, duplicate ids, a finding that needs confirmation', () => {
  const ps = problemsOf(`${header}  - { id: a, object: tld, grade: V, when: { systemStopped: true, coreDataIntact: false } }
  - { id: a, object: dns, grade: null, confirm: true, when: { systemStopped: true } }
`);
  const paths = ps.map((p) => p.path);
  assert.ok(paths.includes('rules[0].grade'), paths.join());
  assert.ok(paths.includes('rules[0].when'));
  assert.match(ps.find((p) => p.path === 'rules[0].when')!.message, /exactly one key, found 2/);
  assert.ok(paths.includes('rules[1].object'));
  assert.match(ps.find((p) => p.path === 'rules[1].id')!.message, /duplicate rule id 'a'/);
  assert.match(ps.find((p) => p.path === 'rules[1].confirm')!.message, /cannot need confirmation/);
});

test('unknown top-level keys and missing version; the message carries file:line:column', () => {
  try {
    parseRuleset('id: x\nthresholds: {}\nrules:\n  - { id: r, object: tld, grade: I, when: { systemStopped: true } }\n', 'my-rules.yaml');
    assert.fail('refused');
  } catch (e) {
    assert.ok(e instanceof RulesetError);
    assert.match(e.message, /my-rules\.yaml:2:\d+: thresholds: unknown key 'thresholds'/);
    assert.ok(e.problems.some((p) => p.path === 'version' || /version/.test(p.message)), e.message);
  }
});

test('YAML syntax errors are reported with their line', () => {
  const [p] = problemsOf('id: x\nrules: [\n');
  assert.ok((p.line ?? 0) >= 1);
});
