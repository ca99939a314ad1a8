// One case per cell of the plan's grading table (SPEC §3) and per threshold boundary, graded with the
// built-in rule set; asserts grade, proposal, confirmation, warning level and commander (SPEC §4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readRuleset } from '../src/config/read-ruleset.ts';
import { gradeSnapshot, type Incident } from '../src/core/rules/grade-snapshot.ts';
import type { LatencyStatistic } from '../src/core/rules/ruleset-schema.ts';
import type { NodeMeasurement, Snapshot, SystemMeasurement } from '../src/core/snapshot.ts';
import type { OrganizationConfig } from '../src/config/config-schema.ts';
import type { SystemInfo } from '../src/core/rules/conditions.ts';

const ruleset = await readRuleset('miit-domain-security-2011');

const ORGANIZATIONS: OrganizationConfig[] = [
  { id: 'office', role: 'emergency-office' },
  { id: 'cn-registry', role: 'registry', licensedBy: 'national' },
  { id: 'big-dns', role: 'dns-provider', grade: 1, licensedBy: 'national' },
  { id: 'small-dns', role: 'dns-provider', grade: 2, licensedBy: 'BJ' },
  { id: 'nograde-dns', role: 'dns-provider', licensedBy: 'SH' },
  { id: 'big-registrar', role: 'registrar', grade: 1, licensedBy: 'national' },
  { id: 'small-registrar', role: 'registrar', grade: 2, licensedBy: 'ZJ' },
  { id: 'news-national', role: 'website', grade: 1, licensedBy: 'national' },
  { id: 'news-bj', role: 'website', grade: 1, licensedBy: 'BJ' },
  { id: 'blog', role: 'website', grade: 2, licensedBy: 'SH' },
  { id: 'telecom', role: 'telecom', province: 'GD' },
];

const SYSTEMS: SystemInfo[] = [
  { id: 'cn-tld', org: 'cn-registry', kind: 'tld' },
  { id: 'big-auth', org: 'big-dns', kind: 'authoritative' },
  { id: 'small-auth', org: 'small-dns', kind: 'authoritative' },
  { id: 'nograde-auth', org: 'nograde-dns', kind: 'authoritative' },
  { id: 'big-reg', org: 'big-registrar', kind: 'registration' },
  { id: 'small-reg', org: 'small-registrar', kind: 'registration' },
  { id: 'news-national-dns', org: 'news-national', kind: 'website-dns' },
  { id: 'news-bj-dns', org: 'news-bj', kind: 'website-dns' },
  { id: 'blog-dns', org: 'blog', kind: 'website-dns' },
  { id: 'multi-resolver', org: 'telecom', kind: 'recursive', scope: 'multi-province', provinces: ['BJ', 'TJ', 'HE'] },
  { id: 'gd-resolver', org: 'telecom', kind: 'recursive', scope: 'province', provinces: ['GD'] },
  { id: 'local-resolver', org: 'telecom', kind: 'recursive', scope: 'local-network', provinces: ['GD'] },
];

/** A healthy node (100 % success, 10 ms, no data errors) with `over` applied. */
function node(id: string, over: Partial<NodeMeasurement> = {}): NodeMeasurement {
  return {
    id, address: '127.0.0.1', port: 53, queries: 1000, answered: 1000, succeeded: 1000, successRate: 1,
    latencyMs: { mean: 10, p50: 10, p95: 10, p99: 10, max: 10 },
    // A census (every record checked): the table's boundaries are exact (sampled evidence: docs/evidence.md).
    dataChecked: 10000, dataErrors: 0, dataErrorRate: 0, keyDomainErrors: 0, dataCensus: true,
    ...over,
  };
}

/** A system whose success rate is its nodes' (unless given) and whose latency is its slowest node's. */
function system(id: string, kind: SystemMeasurement['kind'], nodes: NodeMeasurement[], over: Partial<SystemMeasurement> = {}): SystemMeasurement {
  const queries = nodes.reduce((s, n) => s + n.queries, 0);
  const succeeded = nodes.reduce((s, n) => s + n.succeeded, 0);
  const slowest = nodes.map((n) => n.latencyMs).filter((l) => l !== null).sort((a, b) => b.p50 - a.p50)[0] ?? null;
  return {
    id, kind, nodes, successRate: queries > 0 ? succeeded / queries : 0, latencyMs: slowest, stoppedMinutes: 0,
    ...over,
  };
}


type Expect = Pick<Incident, 'grade' | 'proposedGrade' | 'needsConfirmation' | 'warningLevel' | 'commander'> & { rules?: string[] };
interface Case { name: string; system: SystemMeasurement; expect: Expect | null; latencyStatistic?: LatencyStatistic }

const OFFICE = { role: 'emergency-office' } as const;
const self = (org: string) => ({ role: 'self', org }) as const;
const prov = (province: string) => ({ role: 'provincial-authority', province }) as const;
const graded = (grade: Incident['grade'], commander: Expect['commander'], rules?: string[]): Expect => ({
  grade, proposedGrade: null, needsConfirmation: false,
  warningLevel: grade ? ({ I: 'red', II: 'orange', III: 'yellow', IV: 'blue' } as const)[grade] : null, commander, rules,
});
const proposed = (grade: Incident['grade'], proposal: Incident['grade'], commander: Expect['commander'], rules?: string[]): Expect => ({
  ...graded(grade, commander, rules), proposedGrade: proposal, needsConfirmation: true,
  commander: { ...commander, provisional: true } as Expect['commander'],
});

// Four TLD nodes a–d, the first `k` of them changed by `bad`.
const tld = (k: number, bad: Partial<NodeMeasurement>, extra: Partial<SystemMeasurement> = {}, n = 4) =>
  system('cn-tld', 'tld', ['a', 'b', 'c', 'd', 'e'].slice(0, n).map((id, i) => node(id, i < k ? bad : {})), extra);
const one = (id: string, kind: SystemMeasurement['kind'], bad: Partial<NodeMeasurement>, extra: Partial<SystemMeasurement> = {}) =>
  system(id, kind, [node('n1', bad), node('n2', bad)], extra);
const svc = (up: boolean, downMinutes = 0, degraded = false) => ({ up, degraded, downMinutes });
const STOPPED = { successRate: 0, succeeded: 0, answered: 0, latencyMs: null };

const cases: Case[] = [
  // ── TLD ──
  { name: 'tld healthy: nothing to report', system: tld(0, {}), expect: null },
  { name: 'tld I: every node stopped', system: tld(4, STOPPED), expect: graded('I', OFFICE, ['tld-stopped', 'tld-half-nodes-degraded']) },
  { name: 'tld: system success 4.9% is stopped (I)', system: tld(4, { successRate: 0.049, succeeded: 49, queries: 1000 }), expect: graded('I', OFFICE) },
  { name: 'tld: system success exactly 5% is not stopped (II)', system: tld(4, { successRate: 0.05, succeeded: 50, queries: 1000 }), expect: graded('II', OFFICE) },
  { name: 'tld II: 2 of 4 nodes success 49.9%', system: tld(2, { successRate: 0.499, succeeded: 499, queries: 1000 }), expect: graded('II', OFFICE, ['tld-half-nodes-degraded']) },
  { name: 'tld: 2 of 4 nodes success exactly 50% is not below 50%', system: tld(2, { successRate: 0.5, succeeded: 500, queries: 1000 }), expect: null },
  { name: 'tld III: 1 of 4 nodes success 49.9% (less than half)', system: tld(1, { successRate: 0.499, succeeded: 499, queries: 1000 }), expect: graded('III', OFFICE, ['tld-minority-nodes-degraded']) },
  { name: 'tld II: 3 of 5 nodes success 10%', system: tld(3, { successRate: 0.1, succeeded: 100, queries: 1000 }, {}, 5), expect: graded('II', OFFICE) },
  { name: 'tld III: 2 of 5 nodes success 10% (less than half)', system: tld(2, { successRate: 0.1, succeeded: 100, queries: 1000 }, {}, 5), expect: graded('III', OFFICE) },
  { name: 'tld II: 2 of 4 nodes respond in 5001 ms', system: tld(2, { latencyMs: lat(5001) }), expect: graded('II', OFFICE, ['tld-half-nodes-degraded']) },
  { name: 'tld: 2 of 4 nodes respond in exactly 5000 ms', system: tld(2, { latencyMs: lat(5000) }), expect: null },
  { name: 'tld III: 1 of 4 nodes responds in 5001 ms', system: tld(1, { latencyMs: lat(5001) }), expect: graded('III', OFFICE) },
  { name: 'tld: latency by mean (p50 fine, mean 6000 ms) with latencyStatistic mean → II', system: tld(2, { latencyMs: { ...lat(10), mean: 6000 } }), latencyStatistic: 'mean', expect: graded('II', OFFICE) },
  { name: 'tld: latency by p50 ignores a slow mean', system: tld(2, { latencyMs: { ...lat(10), mean: 6000 } }), expect: null },
  { name: 'tld II: a node data errors 0.1001%', system: tld(1, { dataChecked: 1000000, dataErrors: 1001, dataErrorRate: 1001 / 1000000 }), expect: graded('II', OFFICE, ['tld-node-data-errors-over-0.1pct', 'tld-node-data-errors-over-0.01pct']) },
  { name: 'tld III: a node data errors exactly 0.1% (over 0.01%, not over 0.1%)', system: tld(1, { dataChecked: 100000, dataErrors: 100, dataErrorRate: 100 / 100000 }), expect: graded('III', OFFICE, ['tld-node-data-errors-over-0.01pct']) },
  { name: 'tld III: a node data errors 0.0101%', system: tld(1, { dataChecked: 1000000, dataErrors: 101, dataErrorRate: 101 / 1000000 }), expect: graded('III', OFFICE) },
  { name: 'tld: a node data errors exactly 0.01%', system: tld(1, { dataChecked: 100000, dataErrors: 10, dataErrorRate: 10 / 100000 }), expect: null },
  { name: 'tld II: a key domain erroneous', system: tld(1, { keyDomainErrors: 1 }), expect: graded('II', OFFICE, ['tld-key-domain-data-errors']) },
  { name: 'tld III: registration unavailable 241 min', system: tld(0, {}, { services: { registration: svc(false, 241) } }), expect: graded('III', OFFICE, ['tld-registration-down-over-4h']) },
  { name: 'tld IV: registration unavailable exactly 240 min counts as degraded', system: tld(0, {}, { services: { registration: svc(false, 240) } }), expect: graded('IV', self('cn-registry'), ['tld-registration-degraded']) },
  { name: 'tld IV: registration degraded', system: tld(0, {}, { services: { registration: svc(true, 0, true) } }), expect: graded('IV', self('cn-registry')) },
  { name: 'tld IV: WHOIS unavailable', system: tld(0, {}, { services: { whois: svc(false, 3), rdap: svc(true) } }), expect: graded('IV', self('cn-registry'), ['tld-query-service-unavailable']) },
  { name: 'tld IV: RDAP unavailable', system: tld(0, {}, { services: { rdap: svc(false, 3) } }), expect: graded('IV', self('cn-registry')) },
  { name: 'tld: every service up', system: tld(0, {}, { services: { registration: svc(true), whois: svc(true), rdap: svc(true) } }), expect: null },

  // ── DNS service provider's authoritative DNS ──
  { name: 'provider grade-1 stopped: II measured, I proposed (social impact)', system: one('big-auth', 'authoritative', STOPPED), expect: proposed('II', 'I', OFFICE, ['provider-grade1-stopped', 'provider-grade1-serious-degradation', 'provider-grade1-degradation']) },
  { name: 'provider grade-1 II: success 49.9%', system: one('big-auth', 'authoritative', { successRate: 0.499, succeeded: 499, queries: 1000 }), expect: graded('II', OFFICE, ['provider-grade1-serious-degradation', 'provider-grade1-degradation']) },
  { name: 'provider grade-1 III: success exactly 50%', system: one('big-auth', 'authoritative', { successRate: 0.5, succeeded: 500, queries: 1000 }), expect: graded('III', OFFICE, ['provider-grade1-degradation']) },
  { name: 'provider grade-1 III: success 79.9%', system: one('big-auth', 'authoritative', { successRate: 0.799, succeeded: 799, queries: 1000 }), expect: graded('III', OFFICE) },
  { name: 'provider grade-1: success exactly 80%', system: one('big-auth', 'authoritative', { successRate: 0.8, succeeded: 800, queries: 1000 }), expect: null },
  { name: 'provider grade-1 II: 5001 ms', system: one('big-auth', 'authoritative', { latencyMs: lat(5001) }), expect: graded('II', OFFICE) },
  { name: 'provider grade-1: exactly 5000 ms', system: one('big-auth', 'authoritative', { latencyMs: lat(5000) }), expect: null },
  { name: 'provider grade-1 II: data errors 1.01%', system: one('big-auth', 'authoritative', { dataChecked: 10000, dataErrors: 101, dataErrorRate: 0.0101 }), expect: graded('II', OFFICE) },
  { name: 'provider grade-1 III: data errors exactly 1%', system: one('big-auth', 'authoritative', { dataChecked: 10000, dataErrors: 100, dataErrorRate: 0.01 }), expect: graded('III', OFFICE) },
  { name: 'provider grade-1 III: data errors 0.1001%', system: one('big-auth', 'authoritative', { dataChecked: 1000000, dataErrors: 1001, dataErrorRate: 0.001001 }), expect: graded('III', OFFICE) },
  { name: 'provider grade-1: data errors exactly 0.1%', system: one('big-auth', 'authoritative', { dataChecked: 100000, dataErrors: 100, dataErrorRate: 0.001 }), expect: null },
  { name: 'provider grade-2 degraded: finding without grade, handled by itself', system: one('small-auth', 'authoritative', { successRate: 0.3, succeeded: 300, queries: 1000 }), expect: graded(null, self('small-dns'), ['provider-grade2-degradation']) },
  { name: 'provider grade-2 stopped: finding without grade', system: one('small-auth', 'authoritative', STOPPED), expect: graded(null, self('small-dns')) },
  { name: 'provider without a grade counts as grade 2', system: one('nograde-auth', 'authoritative', { successRate: 0.3, succeeded: 300, queries: 1000 }), expect: graded(null, self('nograde-dns')) },
  { name: 'provider grade-2 healthy', system: one('small-auth', 'authoritative', {}), expect: null },

  // ── registrar's registration system ──
  { name: 'registrar IV: registration system unavailable', system: system('big-reg', 'registration', [], { successRate: 0, services: { registration: svc(false, 10) } }), expect: graded('IV', self('big-registrar'), ['registrar-registration-unavailable']) },
  { name: 'registrar grade-2 IV: registration unavailable', system: system('small-reg', 'registration', [], { successRate: 0, services: { registration: svc(false, 500) } }), expect: graded('IV', self('small-registrar')) },
  { name: 'registrar core database damaged: II proposed, needs confirmation', system: system('big-reg', 'registration', [], { successRate: 0, coreDataIntact: false, services: { registration: svc(true) } }), expect: proposed(null, 'II', OFFICE, ['registrar-core-data-damaged']) },
  { name: 'registrar grade-2 core database damaged and down: IV measured, II proposed', system: system('small-reg', 'registration', [], { successRate: 0, coreDataIntact: false, services: { registration: svc(false, 30) } }), expect: proposed('IV', 'II', OFFICE) },
  { name: 'registrar registration degraded: finding without grade', system: system('big-reg', 'registration', [], { successRate: 0, services: { registration: svc(true, 0, true) } }), expect: graded(null, self('big-registrar'), ['registrar-registration-degraded']) },
  { name: 'registrar healthy (no DNS nodes is not "stopped")', system: system('big-reg', 'registration', [], { successRate: 0, coreDataIntact: true, services: { registration: svc(true) } }), expect: null },

  // ── website's authoritative DNS ──
  { name: 'website grade-1 licensed nationally stops: III proposed, office', system: one('news-national-dns', 'website-dns', STOPPED), expect: proposed(null, 'III', OFFICE, ['website-grade1-stopped', 'website-dns-failure']) },
  { name: 'website grade-1 licensed by BJ stops: III proposed, BJ authority', system: one('news-bj-dns', 'website-dns', STOPPED), expect: proposed(null, 'III', prov('BJ')) },
  { name: 'website grade-2 stops: IV proposed, itself', system: one('blog-dns', 'website-dns', STOPPED), expect: proposed(null, 'IV', self('blog')) },
  { name: 'website grade-1 fails (success 30%, not stopped): IV proposed, itself', system: one('news-bj-dns', 'website-dns', { successRate: 0.3, succeeded: 300, queries: 1000 }), expect: proposed(null, 'IV', self('news-bj'), ['website-dns-failure']) },
  { name: 'website grade-1 healthy', system: one('news-bj-dns', 'website-dns', {}), expect: null },

  // ── telecom operator's recursive DNS ──
  { name: 'resolver multi-province stopped 61 min: II', system: one('multi-resolver', 'recursive', STOPPED, { stoppedMinutes: 61 }), expect: graded('II', OFFICE, ['resolver-multi-province-stopped-over-1h', 'resolver-stopped']) },
  { name: 'resolver multi-province stopped exactly 60 min: finding', system: one('multi-resolver', 'recursive', STOPPED, { stoppedMinutes: 60 }), expect: graded(null, self('telecom'), ['resolver-stopped']) },
  { name: 'resolver province stopped 61 min: III, that province', system: one('gd-resolver', 'recursive', STOPPED, { stoppedMinutes: 61 }), expect: graded('III', prov('GD'), ['resolver-province-stopped-over-1h', 'resolver-stopped']) },
  { name: 'resolver province stopped exactly 60 min: finding', system: one('gd-resolver', 'recursive', STOPPED, { stoppedMinutes: 60 }), expect: graded(null, self('telecom')) },
  { name: 'resolver local network stopped: IV, itself', system: one('local-resolver', 'recursive', STOPPED, { stoppedMinutes: 5 }), expect: graded('IV', self('telecom'), ['resolver-local-network-stopped', 'resolver-stopped']) },
  { name: 'resolver local network stopped for 300 min stays IV', system: one('local-resolver', 'recursive', STOPPED, { stoppedMinutes: 300 }), expect: graded('IV', self('telecom')) },
  { name: 'resolver province healthy', system: one('gd-resolver', 'recursive', {}), expect: null },
];

function lat(ms: number) {
  return { mean: ms, p50: ms, p95: ms, p99: ms, max: ms };
}

for (const c of cases) {
  test(c.name, () => {
    const snapshot: Snapshot = { at: '2026-11-23T08:00:00Z', window: { from: '2026-11-23T07:55:00Z', to: '2026-11-23T08:00:00Z' }, systems: [c.system] };
    const result = gradeSnapshot(snapshot, { ruleset, organizations: ORGANIZATIONS, systems: SYSTEMS, latencyStatistic: c.latencyStatistic });
    assert.deepEqual(result.ruleset, { id: 'miit-domain-security-2011', version: '1' });
    if (c.expect === null) {
      assert.deepEqual(result.incidents, [], 'nothing to report');
      return;
    }
    assert.equal(result.incidents.length, 1);
    const got = result.incidents[0];
    const { rules, ...want } = c.expect;
    assert.deepEqual(
      { grade: got.grade, proposedGrade: got.proposedGrade, needsConfirmation: got.needsConfirmation, warningLevel: got.warningLevel, commander: got.commander },
      want,
    );
    if (rules) assert.deepEqual(got.matched.map((m) => m.rule).sort(), [...rules].sort());
    for (const m of got.matched) assert.ok(m.detail.length > 0, `rule ${m.rule} explains itself`);
    if (got.grade === null && got.proposedGrade === null) assert.ok(got.finding, 'an ungraded incident carries its finding');
  });
}

test('detail words the evidence: nodes, share and threshold', () => {
  const result = gradeSnapshot({ at: 'x', window: { from: 'x', to: 'x' }, systems: [tld(2, { successRate: 0.1, succeeded: 100, queries: 1000 })] },
    { ruleset, organizations: ORGANIZATIONS, systems: SYSTEMS });
  assert.deepEqual(result.incidents[0].matched, [{ rule: 'tld-half-nodes-degraded', grade: 'II', detail: '2 of 4 nodes: success rate below 50% (a, b)' }]);
});

test('every system of a snapshot is graded on its own, in snapshot order; quiet systems are left out', () => {
  const systems = [one('gd-resolver', 'recursive', STOPPED, { stoppedMinutes: 90 }), tld(0, {}), tld(4, STOPPED)];
  systems[2] = { ...systems[2], id: 'cn-tld' };
  systems[1] = { ...systems[1], id: 'other-tld' };
  const result = gradeSnapshot({ at: 'x', window: { from: 'x', to: 'x' }, systems }, { ruleset, organizations: ORGANIZATIONS, systems: SYSTEMS });
  assert.deepEqual(result.incidents.map((i) => [i.system, i.grade]), [['gd-resolver', 'III'], ['cn-tld', 'I']]);
});

test('stoppedBelow from the configuration overrides the rule set default', () => {
  const s = tld(4, { successRate: 0.08, succeeded: 80, queries: 1000 });
  const at = (stoppedBelow?: number) => gradeSnapshot({ at: 'x', window: { from: 'x', to: 'x' }, systems: [s] },
    { ruleset, organizations: ORGANIZATIONS, systems: SYSTEMS, stoppedBelow }).incidents[0].grade;
  assert.equal(at(), 'II');
  assert.equal(at(0.1), 'I');
});
