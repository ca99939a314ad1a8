// Three-valued conditions (undetermined data evidence) and exact latency boundaries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateCondition, type EvalContext } from './conditions.ts';
import { gradeSnapshot, undeterminedGradeOf } from './grade-snapshot.ts';
import { readRuleset } from '../../config/read-ruleset.ts';
import type { Condition } from './ruleset-schema.ts';
import type { DataEvidence, NodeMeasurement, SystemMeasurement } from '../snapshot.ts';

const node = (id: string, over: Partial<NodeMeasurement> = {}): NodeMeasurement => ({
  id, address: '127.0.0.1', port: 53, queries: 100, answered: 100, succeeded: 100, successRate: 1,
  latencyMs: { mean: 20, p50: 10, p95: 90, p99: 99, max: 120 }, dataChecked: 1_000_000, dataErrors: 0, dataErrorRate: 0, keyDomainErrors: 0, ...over,
});
const ctx = (nodes: NodeMeasurement[], over: Partial<SystemMeasurement> = {}, more: Partial<EvalContext> = {}): EvalContext => ({
  system: { id: 's', kind: 'tld', nodes, successRate: 1, latencyMs: nodes[0]?.latencyMs ?? null, stoppedMinutes: 0, ...over },
  info: { id: 's', org: 'o', kind: 'tld' }, org: { id: 'o', role: 'registry' }, stoppedBelow: 0.05, latencyStatistic: 'p50', ...more,
});
const over001: Condition = { anyNode: { dataErrorRate: { gt: 0.0001 } } };
const state = (r: { ok: boolean; undetermined: boolean }) => (r.ok ? 'holds' : r.undetermined ? 'undetermined' : 'fails');

test('a sample decides a data threshold only with the evidence: one error in 2,500 is undetermined, not above', () => {
  const one = ctx([node('a', { dataChecked: 2500, dataErrors: 1 })]);
  const r = evaluateCondition(over001, one);
  assert.equal(state(r), 'undetermined');
  assert.deepEqual(r.undeterminedNodes, ['a']);
  assert.match(r.details[0], /^node a: data missing or erroneous 0\.04% \(above 0\.01%: undetermined \/ 待定; 95% bounds 0\.0089%–0\.18%, 1 of 2500 checked\)$/);
  assert.equal(state(evaluateCondition(over001, ctx([node('a', { dataChecked: 2500, dataErrors: 2 })]))), 'holds');
  assert.equal(state(evaluateCondition(over001, ctx([node('a', { dataChecked: 30000, dataErrors: 0 })]))), 'fails');
  assert.equal(state(evaluateCondition(over001, ctx([node('a', { dataChecked: 0, dataErrors: 0 })]))), 'fails', 'nothing checked: not measured');
  assert.equal(state(evaluateCondition(over001, ctx([node('a', { dataChecked: 2500, dataErrors: 1 })], {}, { confidence: 0.999 }))), 'undetermined');
});

test('the evidence window, when present, decides instead of the cycle counts', () => {
  const window: DataEvidence = { checked: 250_000, errors: 50, census: false, cycles: 90, from: 'x', lower: 0.00016, upper: 0.00025, decisions: [] };
  const r = evaluateCondition(over001, ctx([node('a', { dataChecked: 2500, dataErrors: 0, dataEvidence: window })]));
  assert.equal(state(r), 'holds', 'the cycle alone saw nothing; the window is above');
  assert.match(r.details[0], /50 of 250000 checked/);
});

test('Kleene logic: all / any / not / quantifiers with an undetermined part', () => {
  const u = node('a', { dataChecked: 2500, dataErrors: 1 });
  const x = ctx([u, node('b'), node('c', { successRate: 0.2 })]);
  const held: Condition = { anyNode: { successRate: { lt: 0.5 } } };
  assert.equal(state(evaluateCondition({ all: [held, over001] }, x)), 'undetermined');
  assert.equal(state(evaluateCondition({ all: [{ org: { role: 'registrar' } }, over001] }, x)), 'fails', 'a false part decides all');
  assert.equal(state(evaluateCondition({ any: [held, over001] }, x)), 'holds', 'a true part decides any');
  assert.equal(state(evaluateCondition({ not: over001 }, x)), 'undetermined');
  assert.equal(state(evaluateCondition({ nodesCount: { where: { dataErrorRate: { gt: 0.0001 } }, gte: 1 } }, x)), 'undetermined');
  assert.equal(state(evaluateCondition({ nodesCount: { where: { dataErrorRate: { gt: 0.0001 } }, lte: 1 } }, x)), 'holds', '0 or 1: at most 1 either way');
  assert.equal(state(evaluateCondition({ allNodes: { dataErrorRate: { gt: 0.0001 } } }, x)), 'fails', 'b and c are clean');
  const share = evaluateCondition({ nodesShare: { where: { any: [{ successRate: { lt: 0.5 } }, { dataErrorRate: { gt: 0.0001 } }] }, gte: 0.5 } }, x);
  assert.equal(state(share), 'undetermined');
  assert.match(share.details[0], /^1 of 3 nodes: .* \(c\); 1 undetermined \/ 待定 \(a\)$/);
});

test('latency "above v" comes from the exact count of slower answers, never from a histogram bucket', () => {
  // The case: 60 answers at 4,995–5,000 ms and 40 at 5,040 ms; a sketch reports p50 = 5,040.
  const sketchy = { mean: 5016, p50: 5040, p95: 5040, p99: 5040, max: 5040 };
  const n = node('a', { answered: 100, latencyMs: sketchy, latencyAbove: { 5000: 40 } });
  const c: Condition = { anyNode: { latency: { gt: 5000 } } };
  assert.equal(state(evaluateCondition(c, ctx([n]))), 'fails', 'p50: 40 of 100 slower is not more than half');
  assert.equal(state(evaluateCondition(c, ctx([n], {}, { latencyStatistic: 'p95' }))), 'holds', 'p95: 40 % slower is more than 5 %');
  const half = node('a', { answered: 100, latencyMs: sketchy, latencyAbove: { 5000: 50 } });
  assert.equal(state(evaluateCondition(c, ctx([half]))), 'fails', 'exactly half is not more than half');
  const most = node('a', { answered: 100, latencyMs: { ...sketchy, p50: 4990 }, latencyAbove: { 5000: 51 } });
  const r = evaluateCondition(c, ctx([most]));
  assert.equal(state(r), 'holds', 'more than half slower: above, whatever the bucket says');
  assert.match(r.details[0], /51 of 100 answers slower than 5000 ms/);
  assert.equal(state(evaluateCondition(c, ctx([node('a', { latencyMs: sketchy })]))), 'holds', 'no count: the summary decides (older snapshots)');
  assert.equal(state(evaluateCondition({ latency: { gt: 5000 } }, ctx([n], { latencyMs: sketchy, latencyAbove: { 5000: 40 }, answered: 100 }))), 'fails', 'system level too');
});

test('grading: an undetermined rule is listed apart, not graded; a system with only those still appears', async () => {
  const ruleset = await readRuleset('miit-domain-security-2011');
  const sys = (nodes: NodeMeasurement[]): SystemMeasurement => ({ id: 'cn', kind: 'tld', org: 'reg', nodes, successRate: 1, latencyMs: null, stoppedMinutes: 0 });
  const grade = (nodes: NodeMeasurement[]) => gradeSnapshot({ at: 'x', window: { from: 'x', to: 'x' }, systems: [sys(nodes)] },
    { ruleset, organizations: [{ id: 'reg', role: 'registry' }], systems: [] }).incidents;

  const only = grade([node('a', { dataChecked: 2500, dataErrors: 1 })]);
  assert.equal(only.length, 1);
  assert.equal(only[0].grade, null);
  assert.deepEqual(only[0].matched, []);
  assert.deepEqual(only[0].undetermined.map((u) => [u.rule, u.grade, u.node]),
    [['tld-node-data-errors-over-0.1pct', 'II', 'a'], ['tld-node-data-errors-over-0.01pct', 'III', 'a']], 'most serious first');
  assert.match(only[0].undetermined[0].detail, /undetermined \/ 待定/);
  assert.equal(undeterminedGradeOf(only[0]), 'II');
  assert.equal(only[0].undetermined[0].errors, 1);
  const clean = grade([node('a', { dataChecked: 2500, dataErrors: 0 })]);
  assert.deepEqual(clean[0].undetermined.map((u) => [u.rule, u.errors]), [['tld-node-data-errors-over-0.1pct', 0], ['tld-node-data-errors-over-0.01pct', 0]],
    '2,500 clean records cannot rule out 0.01 %: undetermined, with nothing wrong seen');

  const both = grade([node('a', { dataChecked: 10000, dataErrors: 8 })]);
  assert.equal(both[0].grade, 'III', '8 in 10,000 is above 0.01 %');
  assert.deepEqual(both[0].undetermined.map((u) => u.rule), ['tld-node-data-errors-over-0.1pct'], '… and undetermined against 0.1 %');
  assert.equal(undeterminedGradeOf(both[0]), 'II');

  assert.deepEqual(grade([node('a')]), [], 'a clean node on enough checks: nothing to report');
  const census = grade([node('a', { dataChecked: 10000, dataErrors: 11, dataCensus: true })]);
  assert.equal(census[0].grade, 'II', 'a census of 11 errors in 10,000 is over 0.1 %');
  assert.deepEqual(census[0].undetermined, []);
});
