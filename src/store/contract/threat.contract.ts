// Contract: threat reports and cases (migration 008) — intake opens a case or links a duplicate of an
// open one (any shared name), versioned updates, timeline, filters, counting, retention of personal data.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { AlreadyExistsError, NotFoundError, VersionConflictError } from '../store-errors.ts';
import type { ThreatCaseInput, ThreatReportInput } from '../store.ts';
import { minute, withStore, type MakeStore } from './fixtures.ts';

const report = (over: Partial<ThreatReportInput> = {}): ThreatReportInput => ({
  trackingId: 'TR-1', statusTokenHash: 'a'.repeat(64), receivedAt: minute(0), sourceClass: 'anonymous', reporterOrg: null, lang: 'zh',
  format: 'json', threatType: 'phishing', names: ['bank-login.lab'], description: 'fake bank login',
  evidence: [{ kind: 'url', value: 'http://bank-login.lab/' }], reporter: { email: 'someone@example.test', lang: 'zh' }, ...over,
});
const newCase = (over: Partial<ThreatCaseInput> = {}): ThreatCaseInput => ({
  id: 'tc-1', org: 'lab-registry', threatType: 'phishing', priority: 'normal', credibilityScore: 15, acknowledgedAt: minute(0),
  assessmentDueAt: minute(24 * 60), detail: { triage: { responsible: 'registrar' } }, ...over,
});

export function threatContract(makeStore: MakeStore): void {
  it('intake opens a case with the report, received and acknowledged entries; a duplicate is linked, not dropped', () =>
    withStore(makeStore, async (store) => {
      const first = await store.intakeThreatReport(report(), newCase());
      assert.equal(first.created, true);
      assert.deepEqual({ ...first.threatCase, version: 0 }, {
        id: 'tc-1', org: 'lab-registry', primaryName: 'bank-login.lab', names: ['bank-login.lab'], threatType: 'phishing', state: 'acknowledged',
        priority: 'normal', credibilityScore: 15, sourceClass: 'anonymous', referredTo: null, receivedAt: minute(0), acknowledgedAt: minute(0),
        assessmentDueAt: minute(24 * 60), assessedAt: null, mitigatedAt: null, closedAt: null, reports: 1, detail: { triage: { responsible: 'registrar' } },
        personal: null, version: 0,
      });
      assert.deepEqual(first.report, { ...report(), caseId: 'tc-1' });
      const dup = await store.intakeThreatReport(report({ trackingId: 'TR-2', receivedAt: minute(5), names: ['other.lab', 'bank-login.lab'], reporter: null }),
        newCase({ id: 'tc-2' }));
      assert.equal(dup.created, false);
      assert.equal(dup.threatCase.id, 'tc-1');
      assert.equal(dup.threatCase.reports, 2);
      assert.deepEqual(dup.threatCase.names, ['bank-login.lab', 'other.lab']);
      assert.equal(await store.getThreatCase('tc-2'), null);
      assert.deepEqual((await store.threatReports('tc-1')).map((r) => r.trackingId), ['TR-1', 'TR-2']);
      assert.deepEqual((await store.threatTimeline('tc-1')).map((e) => e.kind), ['received', 'acknowledged', 'report-linked']);
      assert.equal(await store.countThreatReports(), 2);
      const third = await store.intakeThreatReport(report({ trackingId: 'TR-3', names: ['other.lab'] }), newCase({ id: 'tc-3' }));
      assert.equal(third.threatCase.id, 'tc-1', 'a name added by a linked report links too');
      await assert.rejects(store.intakeThreatReport(report({ names: ['new.lab'] }), newCase({ id: 'tc-4' })), AlreadyExistsError);
      assert.equal(await store.getThreatCase('tc-4'), null, 'a refused intake leaves nothing behind');
    }));

  it('updates are versioned; a closed case is not a duplicate target; filters and the timeline', () =>
    withStore(makeStore, async (store) => {
      const { threatCase: c } = await store.intakeThreatReport(report(), newCase());
      const assessed = await store.updateThreatCase(c.id, c.version, { state: 'assessed', assessedAt: minute(60), priority: 'high', referredTo: 'reg-a',
        detail: { assessment: { intendedAction: 'server-hold' } }, personal: { registrant: { name: 'Zhang San' } } });
      assert.equal(assessed.version, c.version + 1);
      assert.equal(assessed.assessedAt, minute(60));
      assert.deepEqual(assessed.personal, { registrant: { name: 'Zhang San' } });
      await assert.rejects(store.updateThreatCase(c.id, c.version, { priority: 'low' }), VersionConflictError);
      await assert.rejects(store.updateThreatCase('nope', 1, { priority: 'low' }), NotFoundError);
      assert.deepEqual((await store.listThreatCases({ referredTo: 'reg-a' })).map((x) => x.id), ['tc-1']);
      assert.deepEqual((await store.listThreatCases({ state: 'open', priority: 'high', org: ['lab-registry'] })).map((x) => x.id), ['tc-1']);
      assert.deepEqual(await store.listThreatCases({ org: [] }), []);
      assert.deepEqual((await store.listThreatCases({ name: 'bank-login.lab' })).map((x) => x.id), ['tc-1']);
      const entry = await store.appendThreatTimeline(c.id, { at: minute(61), kind: 'action', actor: 'u-1', detail: { name: 'bank-login.lab', action: 'server-hold', state: 'applied' } });
      assert.equal(entry.kind, 'action');
      await assert.rejects(store.appendThreatTimeline('nope', { at: minute(1), kind: 'note', actor: 'x' }), NotFoundError);
      await store.updateThreatCase(c.id, assessed.version, { state: 'closed', closedAt: minute(120) });
      const next = await store.intakeThreatReport(report({ trackingId: 'TR-9', receivedAt: minute(130) }), newCase({ id: 'tc-9' }));
      assert.equal(next.created, true, 'a report of a closed case opens a new one');
      assert.deepEqual((await store.listThreatCases({ state: 'open' })).map((x) => x.id), ['tc-9']);
      assert.deepEqual((await store.listThreatCases()).map((x) => x.id), ['tc-9', 'tc-1'], 'newest first');
    }));

  it('retention erases reporter and registrant details of cases closed before the cut, and only those', () =>
    withStore(makeStore, async (store) => {
      const { threatCase: c } = await store.intakeThreatReport(report(), newCase());
      await store.intakeThreatReport(report({ trackingId: 'TR-open', names: ['open.lab'] }), newCase({ id: 'tc-open' }));
      await store.updateThreatCase(c.id, c.version, { state: 'closed', assessedAt: minute(1), closedAt: minute(10), personal: { registrant: { email: 'r@x.test' } } });
      assert.deepEqual(await store.pruneThreatPersonalData(minute(5)), { reports: 0, cases: 0 });
      assert.deepEqual(await store.pruneThreatPersonalData(minute(11)), { reports: 1, cases: 1 });
      assert.equal((await store.getThreatReport('TR-1'))!.reporter, null);
      assert.equal((await store.getThreatCase('tc-1'))!.personal, null);
      assert.deepEqual((await store.getThreatReport('TR-1'))!.evidence, report().evidence, 'the evidence stays');
      assert.notEqual((await store.getThreatReport('TR-open'))!.reporter, null);
      assert.deepEqual(await store.pruneThreatPersonalData(minute(11)), { reports: 0, cases: 0 });
    }));
}
