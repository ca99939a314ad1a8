import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildReportView, summarizePayload } from './report-model.ts';
import { readFigures } from './report-figures.ts';
import { sampleInput, at, FIRST_FIGURES } from './testing/sample-incident.ts';

test('view model of a grade II TLD incident: parties, grade, commander, figures', () => {
  const v = buildReportView(sampleInput());
  assert.equal(v.incidentId, 'INC-20261123-0001');
  assert.equal(v.grade, 'II');
  assert.equal(v.warningLevel, 'orange');
  assert.deepEqual(v.organization.name, { zh: 'CN 域名注册管理机构', en: 'CN Registry' });
  assert.equal(v.system.kind, 'tld');
  assert.deepEqual(v.system.zones, ['cn.']);
  assert.equal(v.commander.role, 'emergency-office');
  assert.equal(v.startedAt, at(-7), 'the report states when it began, before detection');
  assert.equal(v.openedAt, at(0));
  assert.equal(v.figures.first?.nodes.length, 4);
  assert.equal(v.figures.first?.nodesFailing, 2);
  assert.deepEqual(v.figures.first?.nodes.map((n) => n.status), ['ok', 'ok', 'stopped', 'failing']);
  assert.equal(v.figures.first?.at, at(0), 'opening figures without a time are dated at opening');
  assert.equal(v.figures.last?.nodesFailing, 0);
});

test('measures link to the directive that allowed them; people get display names', () => {
  const v = buildReportView(sampleInput());
  assert.equal(v.measures.length, 2);
  const [filter, flush] = v.measures;
  assert.equal(filter.major, false);
  assert.equal(filter.directiveId, null);
  assert.equal(flush.major, true);
  assert.equal(flush.directiveId, 'D-2026-017');
  assert.equal(flush.requestedBy, '李明 (Li Ming)');
  assert.equal(v.directives[0].issuer.name.zh, '互联网应急办');
  assert.equal(v.directives[0].issuerRole, 'emergency-office');
});

test('deadline: filed in time, filed late, pending, overdue', () => {
  const inTime = buildReportView(sampleInput({ filedAtMin: 390 })).deadline;
  assert.equal(inTime.status, 'in-time');
  assert.equal(inTime.due, at(1440));
  const exactly = buildReportView(sampleInput({ filedAtMin: 1440 })).deadline;
  assert.equal(exactly.status, 'in-time', 'filing at the deadline itself is within 24 hours');
  const late = buildReportView(sampleInput({ filedAtMin: 1440 + 95 })).deadline;
  assert.equal(late.status, 'late');
  assert.equal(late.lateMinutes, 95);
  const input = sampleInput({ filedAtMin: null });
  const pending = buildReportView({ ...input, now: at(1000) }).deadline;
  assert.equal(pending.status, 'pending');
  assert.equal(pending.remainingMinutes, 440);
  const overdue = buildReportView({ ...input, now: at(1500) }).deadline;
  assert.equal(overdue.status, 'overdue');
  assert.equal(overdue.lateMinutes, 60);
});

test('durations: acknowledge from the ack entry, report from filing, recover from resolution', () => {
  const v = buildReportView(sampleInput({ closed: true }));
  assert.equal(v.acknowledgedAt, at(6));
  assert.deepEqual(v.durations, { toAcknowledge: 6, toReport: 390, toRecover: 180, toClose: 1800 });
  const open = buildReportView(sampleInput());
  assert.equal(open.durations.toRecover, null);
});

test('timeline is sorted and payloads are summarised', () => {
  const input = sampleInput();
  const v = buildReportView({ ...input, timeline: [...input.timeline].reverse() });
  assert.deepEqual(v.timeline.map((e) => e.at), [...v.timeline.map((e) => e.at)].sort());
  assert.equal(summarizePayload({ measureId: 'filter-abnormal-queries' }).zh, '过滤异常和无效域名请求');
  assert.equal(summarizePayload({ text: 'hello' }).en, 'hello');
  assert.equal(summarizePayload({ a: 1 }).en, '{"a":1}');
  assert.ok(summarizePayload({ big: 'x'.repeat(500) }).en.length <= 160);
});

test('figures are read from a measurement, a stored cycle or a snapshot, and junk is ignored', () => {
  const asCycle = readFigures({ at: at(1), system: { successRate: 0.5 }, nodes: FIRST_FIGURES.nodes }, 'cn-tld');
  assert.equal(asCycle?.nodes.length, 4);
  assert.equal(asCycle?.at, at(1));
  const asSnapshot = readFigures({ at: at(2), systems: [{ ...FIRST_FIGURES, id: 'other' }, FIRST_FIGURES] }, 'cn-tld');
  assert.equal(asSnapshot?.successRate, FIRST_FIGURES.successRate);
  assert.equal(asSnapshot?.at, at(2));
  assert.equal(readFigures('nonsense', 'x'), null);
  assert.equal(readFigures({ nodes: 'no' }, 'x'), null);
  const slow = readFigures({ nodes: [{ id: 'n', successRate: 0.9, latencyMs: { p50: 5001 } }] }, 'x');
  assert.equal(slow?.nodes[0].status, 'slow');
  const exactly5s = readFigures({ nodes: [{ id: 'n', successRate: 0.9, latencyMs: { p50: 5000 } }] }, 'x');
  assert.equal(exactly5s?.nodes[0].status, 'ok', 'above 5 s excludes exactly 5 s');
});

test('a manual incident without figures, report or organisation config still builds', () => {
  const input = sampleInput({ filedAtMin: null });
  const detail = { ...input.incident.detail };
  delete detail.firstFigures; delete detail.lastFigures;
  const v = buildReportView({ ...input, incident: { ...input.incident, detail }, organizations: [], systems: [] });
  assert.deepEqual(v.figures, { first: null, last: null });
  assert.equal(v.informationReport, null);
  assert.deepEqual(v.organization.name, { zh: 'cn-registry', en: 'cn-registry' });
});
