import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compare, describeComparison, evaluateCondition, formatValue, type EvalContext } from './conditions.ts';
import type { Condition } from './ruleset-schema.ts';
import type { NodeMeasurement, SystemMeasurement } from '../snapshot.ts';

const node = (id: string, over: Partial<NodeMeasurement> = {}): NodeMeasurement => ({
  id, address: '127.0.0.1', port: 53, queries: 100, answered: 100, succeeded: 100, successRate: 1,
  latencyMs: { mean: 20, p50: 10, p95: 90, p99: 99, max: 120 }, dataChecked: 1000, dataErrors: 0, dataErrorRate: 0, keyDomainErrors: 0, ...over,
});
const ctx = (nodes: NodeMeasurement[], over: Partial<SystemMeasurement> = {}, more: Partial<EvalContext> = {}): EvalContext => {
  const system: SystemMeasurement = { id: 's', kind: 'tld', nodes, successRate: 1, latencyMs: nodes[0]?.latencyMs ?? null, stoppedMinutes: 0, ...over };
  return { system, info: { id: 's', org: 'o', kind: 'tld' }, org: { id: 'o', role: 'dns-provider', grade: 1, licensedBy: 'national' }, stoppedBelow: 0.05, latencyStatistic: 'p50', ...more };
};
const ev = (c: Condition, x: EvalContext) => evaluateCondition(c, x);

test('comparisons are strict where written: lt excludes equality, gte includes it', () => {
  assert.equal(compare(0.5, { lt: 0.5 }), false);
  assert.equal(compare(0.4999, { lt: 0.5 }), true);
  assert.equal(compare(0.5, { gte: 0.5 }), true);
  assert.equal(compare(0.25, { gt: 0, lt: 0.5 }), true);
  assert.equal(compare(0, { gt: 0, lt: 0.5 }), false);
  assert.equal(describeComparison({ gt: 0, lt: 0.5 }, 'rate'), 'below 50% and above 0%');
  assert.equal(formatValue(0.0001, 'rate'), '0.01%');
  assert.equal(formatValue(0.001001, 'rate'), '0.1001%');
});

test('nodesShare counts probed nodes only and words which nodes and why', () => {
  const nodes = [node('a', { successRate: 0.2 }), node('b', { latencyMs: { mean: 1, p50: 6000, p95: 1, p99: 1, max: 1 } }), node('c'), node('d'), node('x', { queries: 0, successRate: 0 })];
  const where: Condition = { nodesShare: { where: { any: [{ successRate: { lt: 0.5 } }, { latency: { gt: 5000 } }] }, gte: 0.5 } };
  const r = ev(where, ctx(nodes));
  assert.equal(r.ok, true);
  assert.deepEqual(r.details, ['2 of 4 nodes: success rate below 50% or response time (p50) above 5000 ms (a, b)']);
  assert.equal(ev(where, ctx(nodes.slice(1))).ok, false, '1 of 3 is less than half');
  assert.equal(ev({ nodesCount: { where: { successRate: { lt: 0.5 } }, eq: 1 } }, ctx(nodes)).ok, true);
});

test('latency statistic selects the summary field; a node without answers has no latency', () => {
  const n = [node('a', { latencyMs: { mean: 6000, p50: 10, p95: 7000, p99: 1, max: 1 } }), node('b', { latencyMs: null, successRate: 0 })];
  const c: Condition = { anyNode: { latency: { gt: 5000 } } };
  assert.equal(ev(c, ctx(n)).ok, false);
  assert.equal(ev(c, ctx(n, {}, { latencyStatistic: 'mean' })).ok, true);
  assert.deepEqual(ev(c, ctx(n, {}, { latencyStatistic: 'p95' })).details, ['node a: response time (p95) 7000 ms (above 5000 ms)']);
});

test('systemStopped needs probed nodes; stoppedBelow is configurable', () => {
  assert.equal(ev({ systemStopped: true }, ctx([node('a', { successRate: 0 })], { successRate: 0.04 })).ok, true);
  assert.equal(ev({ systemStopped: true }, ctx([node('a')], { successRate: 0.05 })).ok, false);
  assert.equal(ev({ systemStopped: true }, ctx([node('a')], { successRate: 0.05 }, { stoppedBelow: 0.06 })).ok, true);
  assert.equal(ev({ systemStopped: true }, ctx([], { successRate: 0 })).ok, false, 'no nodes: nothing measured, not stopped');
  assert.equal(ev({ systemStopped: false }, ctx([], { successRate: 0 })).ok, true);
});

test('data error rate: per node from the counts (a census is exact); system aggregates counts', () => {
  const n = [node('a', { dataChecked: 1000, dataErrors: 2, dataErrorRate: 0.002, dataCensus: true }), node('b', { dataChecked: 1000, dataErrors: 0, dataErrorRate: 0, dataCensus: true })];
  assert.deepEqual(ev({ anyNode: { dataErrorRate: { gt: 0.001 } } }, ctx(n)).details, ['node a: data missing or erroneous 0.2% (above 0.1%; census, 2 of 1000 checked)']);
  assert.equal(ev({ dataErrorRate: { gt: 0.001 } }, ctx(n)).ok, false, 'system rate is exactly 0.1%');
  assert.equal(ev({ dataErrorRate: { eq: 0.001 } }, ctx(n)).ok, true);
});

test('services, minutes, core data, key domains', () => {
  const x = ctx([node('a', { keyDomainErrors: 2 })], { stoppedMinutes: 61, coreDataIntact: false, services: { registration: { up: false, degraded: false, downMinutes: 241 } } });
  assert.deepEqual(ev({ service: { name: 'registration', up: false, downMinutes: { gt: 240 } } }, x).details, ['registration service unavailable for 241 min (above 240 min)']);
  assert.equal(ev({ service: { name: 'whois', up: false } }, x).ok, false, 'an absent service is not a failed one');
  assert.equal(ev({ stoppedMinutes: { gt: 60 } }, x).ok, true);
  assert.deepEqual(ev({ coreDataIntact: false }, x).details, ['core database lost or abnormally modified']);
  assert.equal(ev({ coreDataIntact: false }, ctx([node('a')])).ok, false, 'absent means intact');
  assert.equal(ev({ keyDomainErrors: { gt: 0 } }, x).ok, true);
});

test('org and system conditions select; missing org grade means grade 2; lists mean one of', () => {
  const x = ctx([node('a')]);
  assert.equal(ev({ org: { grade: 1 } }, x).ok, true);
  assert.equal(ev({ org: { grade: 2 } }, { ...x, org: { id: 'o', role: 'website' } }).ok, true);
  assert.equal(ev({ org: { grade: 1 } }, { ...x, org: undefined }).ok, false);
  assert.equal(ev({ org: { role: ['registrar', 'dns-provider'], licensedBy: 'national' } }, x).ok, true);
  assert.equal(ev({ system: { scope: 'province' } }, x).ok, false);
  assert.equal(ev({ system: { scope: 'province' } }, { ...x, info: { ...x.info, scope: 'province' } }).ok, true);
  assert.deepEqual(ev({ org: { grade: 1 } }, x).details, [], 'context explains nothing');
});

test('all / any / not combine, collecting the details of what held', () => {
  const x = ctx([node('a', { successRate: 0.3 })], { successRate: 0.3 });
  const r = ev({ all: [{ org: { grade: 1 } }, { any: [{ successRate: { lt: 0.5 } }, { latency: { gt: 5000 } }] }] }, x);
  assert.deepEqual(r, { ok: true, undetermined: false, details: ['success rate 30% (below 50%)'], undeterminedNodes: [] });
  assert.equal(ev({ not: { successRate: { lt: 0.5 } } }, x).ok, false);
  assert.equal(ev({ all: [{ org: { grade: 2 } }, { successRate: { lt: 0.5 } }] }, x).ok, false);
});
