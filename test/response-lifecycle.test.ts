// The measured lifecycle on a real SQLite store: open after N graded cycles, regrade, resolve after
// M clean cycles, relapse, one open incident per system, and restarts (including a crash mid-opening).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, HOUR, MINUTE, REPORT, ACTORS } from './response-fixtures.ts';
import type { ResponseDetail } from '../src/response/response-types.ts';
import type { DrillFault } from '../src/response/drill-snapshot.ts';

const TWO_DOWN: DrillFault[] = [{ systemId: 'cn-tld', kind: 'nodes-down', nodes: 2 }];
const ONE_DOWN: DrillFault[] = [{ systemId: 'cn-tld', kind: 'nodes-down', nodes: 1 }];

test('2 of 4 TLD nodes down: a grade II incident opens on the 2nd cycle, commanded by the office, report due in 24 h', async () => {
  const h = await harness();
  try {
    assert.deepEqual(await h.service.onSnapshot(h.snapshot(TWO_DOWN)), []);
    assert.equal((await h.store.listIncidents()).length, 0, 'one bad cycle opens nothing');
    h.clock.advance(MINUTE);
    const openedAt = h.clock.iso();
    const applied = await h.service.onSnapshot(h.snapshot(TWO_DOWN));
    assert.equal(applied.length, 1);
    assert.equal(applied[0].kind, 'open');

    const [inc] = await h.store.listIncidents();
    const d = inc.detail as unknown as ResponseDetail;
    assert.equal(inc.grade, 'II');
    assert.equal(inc.proposedGrade, null);
    assert.equal(inc.state, 'initial-response');
    assert.equal(inc.org, 'cn-registry');
    assert.deepEqual(d.commander, { role: 'emergency-office' });
    assert.equal(d.warningLevel, 'orange');
    assert.equal(d.openedAt, openedAt);
    assert.equal(d.deadlines.writtenReportDue, new Date(Date.parse(openedAt) + 24 * HOUR).toISOString());
    assert.ok(d.matched.some((m) => m.rule === 'tld-half-nodes-degraded' && m.grade === 'II'));
    assert.equal((d.firstFigures as { id: string }).id, 'cn-tld');
    assert.ok(d.announcedAt);

    const opened = h.sent.filter((n) => n.event === 'incident-opened');
    assert.equal(opened.length, 1);
    assert.deepEqual(opened[0].to, [{ org: 'cn-registry', as: 'affected' }, { org: 'office', as: 'commander' }]);
    const tl = await h.store.timeline(inc.id);
    assert.deepEqual(tl.map((e) => e.kind), ['opened']);
    assert.equal(tl[0].actor, null);
  } finally { await h.close(); }
});

test('clean cycles resolve it into recovery; it stays open until a closing report and close', async () => {
  const h = await harness();
  try {
    for (let i = 0; i < 3; i++) { await h.service.onSnapshot(h.snapshot(TWO_DOWN)); h.clock.advance(MINUTE); }
    assert.equal((await h.store.listIncidents()).length, 1, 'a third bad cycle does not open a second incident');
    const [inc] = await h.store.listIncidents();
    await h.service.fileInformationReport(inc.id, ACTORS.registry, REPORT);
    await assert.rejects(h.service.close(inc.id, ACTORS.office), { code: 'CONFLICT' });

    await h.service.onSnapshot(h.snapshot([], ['cn-tld']));
    h.clock.advance(MINUTE);
    assert.equal((await h.service.get(inc.id)).detail.resolvedAt, undefined, 'one clean cycle is not enough');
    const resolvedAt = h.clock.iso();
    await h.service.onSnapshot(h.snapshot([], ['cn-tld']));
    const after = await h.service.get(inc.id);
    const d = after.detail as unknown as ResponseDetail;
    assert.equal(d.resolvedAt, resolvedAt);
    assert.equal(after.state, 'recovery');
    assert.equal(d.phase, 'recovery');
    assert.ok(h.sent.some((n) => n.event === 'incident-resolved' && n.incident.id === inc.id));
    assert.ok((await h.store.timeline(inc.id)).some((e) => e.kind === 'measurements-clean'));

    await assert.rejects(h.service.close(inc.id, ACTORS.office), /closing report/);
    await h.service.fileClosingReport(inc.id, ACTORS.registry, { summary: 'two nodes lost power', cause: 'power', lessons: 'UPS' });
    const closed = await h.service.close(inc.id, ACTORS.office);
    assert.equal(closed.state, 'closed');
    assert.ok((closed.detail as unknown as ResponseDetail).closedAt);
    await assert.rejects(h.service.changePhase(inc.id, ACTORS.office, 'recovery'), { code: 'CONFLICT' });

    // After closing, a new run of bad cycles opens a new incident.
    for (let i = 0; i < 2; i++) { h.clock.advance(MINUTE); await h.service.onSnapshot(h.snapshot(TWO_DOWN)); }
    assert.equal((await h.store.listIncidents()).length, 2);
  } finally { await h.close(); }
});

test('regrade: III → II escalates and notifies; the report deadline stays from opening', async () => {
  const h = await harness();
  try {
    await h.service.onSnapshot(h.snapshot(ONE_DOWN)); h.clock.advance(MINUTE);
    await h.service.onSnapshot(h.snapshot(ONE_DOWN));
    const [inc] = await h.store.listIncidents();
    assert.equal(inc.grade, 'III');
    const due = (inc.detail as unknown as ResponseDetail).deadlines.writtenReportDue;
    h.clock.advance(MINUTE);
    const applied = await h.service.onSnapshot(h.snapshot(TWO_DOWN));
    assert.deepEqual(applied.map((a) => a.kind), ['regrade']);
    const after = await h.service.get(inc.id);
    const d = after.detail as unknown as ResponseDetail;
    assert.equal(after.grade, 'II');
    assert.equal(d.deadlines.writtenReportDue, due);
    assert.deepEqual(d.gradeHistory.map((g) => g.grade), ['III', 'II']);
    const regraded = h.sent.filter((n) => n.event === 'incident-regraded');
    assert.equal(regraded.length, 1);
    assert.equal(regraded[0].context?.previousGrade, 'III');
    // De-escalation is recorded but not announced.
    h.clock.advance(MINUTE);
    await h.service.onSnapshot(h.snapshot(ONE_DOWN));
    assert.equal((await h.service.get(inc.id)).grade, 'III');
    assert.equal(h.sent.filter((n) => n.event === 'incident-regraded').length, 1);
    assert.deepEqual((await h.store.timeline(inc.id)).map((e) => e.kind), ['opened', 'regraded', 'regraded']);
  } finally { await h.close(); }
});

test('relapse: a resolved, not yet closed incident degrades again — the same incident comes back', async () => {
  const h = await harness();
  try {
    for (let i = 0; i < 2; i++) { await h.service.onSnapshot(h.snapshot(TWO_DOWN)); h.clock.advance(MINUTE); }
    const [inc] = await h.store.listIncidents();
    await h.service.fileInformationReport(inc.id, ACTORS.registry, REPORT);
    await h.service.changePhase(inc.id, ACTORS.registry, 'emergency-handling');
    for (let i = 0; i < 2; i++) { await h.service.onSnapshot(h.snapshot([], ['cn-tld'])); h.clock.advance(MINUTE); }
    assert.equal((await h.service.get(inc.id)).state, 'recovery');
    for (let i = 0; i < 2; i++) { await h.service.onSnapshot(h.snapshot(TWO_DOWN)); h.clock.advance(MINUTE); }
    const all = await h.store.listIncidents();
    assert.equal(all.length, 1, 'no second incident while the first is open');
    const back = all[0];
    assert.equal(back.state, 'emergency-handling', 'back to the phase it was in');
    assert.equal((back.detail as unknown as ResponseDetail).resolvedAt, undefined);
    assert.ok((await h.store.timeline(inc.id)).some((e) => e.kind === 'relapsed'));
  } finally { await h.close(); }
});

test('restart: a new service over the same file keeps the incident and timeline and opens no duplicate', async () => {
  const h = await harness();
  try {
    for (let i = 0; i < 2; i++) { await h.service.onSnapshot(h.snapshot(TWO_DOWN)); h.clock.advance(MINUTE); }
    const [inc] = await h.store.listIncidents();
    await h.service.fileInformationReport(inc.id, ACTORS.registry, REPORT);

    const svc = await h.restart();
    for (let i = 0; i < 3; i++) { await svc.onSnapshot(h.snapshot(TWO_DOWN)); h.clock.advance(MINUTE); }
    const all = await h.store.listIncidents();
    assert.equal(all.length, 1);
    assert.equal(all[0].id, inc.id);
    assert.deepEqual((await h.store.timeline(inc.id)).map((e) => e.kind), ['opened', 'information-report-filed']);
    assert.equal(h.sent.filter((n) => n.event === 'incident-opened').length, 1);
    // The rebuilt tracker still resolves it after the clean cycles.
    for (let i = 0; i < 2; i++) { await svc.onSnapshot(h.snapshot([], ['cn-tld'])); h.clock.advance(MINUTE); }
    assert.ok((await svc.get(inc.id)).detail.resolvedAt);
  } finally { await h.close(); }
});

test('crash mid-opening (notify fails after the row is written): the restart finishes the opening once', async () => {
  const h = await harness();
  try {
    await h.service.onSnapshot(h.snapshot(TWO_DOWN)); h.clock.advance(MINUTE);
    // A service whose notify dies, as a process would between the insert and the announcement.
    const { IncidentService } = await import('../src/response/incident-service.ts');
    const { ruleset } = await import('./response-fixtures.ts');
    const dying = new IncidentService({
      store: h.store, ruleset, config: h.config, now: h.clock.now, authorize: () => null,
      notify: async () => { throw new Error('process killed'); },
    });
    await dying.onSnapshot(h.snapshot(TWO_DOWN)); // first cycle for this instance
    await assert.rejects(dying.onSnapshot(h.snapshot(TWO_DOWN)), /process killed/);
    const [half] = await h.store.listIncidents();
    assert.equal((half.detail as unknown as ResponseDetail).announcedAt, undefined);

    const svc = await h.restart();
    const [inc] = await h.store.listIncidents();
    assert.equal(inc.id, half.id);
    assert.ok((inc.detail as unknown as ResponseDetail).announcedAt, 'start() finished the announcement');
    assert.equal(h.sent.filter((n) => n.event === 'incident-opened' && n.incident.id === inc.id).length, 1);
    for (let i = 0; i < 3; i++) { h.clock.advance(MINUTE); await svc.onSnapshot(h.snapshot(TWO_DOWN)); }
    assert.equal((await h.store.listIncidents()).length, 1, 'no duplicate');
    assert.deepEqual((await h.store.timeline(inc.id)).map((e) => e.kind), ['opened']);
  } finally { await h.close(); }
});

test('restart: the tracker is rebuilt from the store, so clean cycles right after a restart resolve the incident', async () => {
  const h = await harness();
  try {
    for (let i = 0; i < 2; i++) { await h.service.onSnapshot(h.snapshot(TWO_DOWN)); h.clock.advance(MINUTE); }
    const [inc] = await h.store.listIncidents();
    const svc = await h.restart();
    for (let i = 0; i < 2; i++) { await svc.onSnapshot(h.snapshot([], ['cn-tld'])); h.clock.advance(MINUTE); }
    assert.ok((await svc.get(inc.id)).detail.resolvedAt, 'resolved without first seeing bad cycles again');
  } finally { await h.close(); }
});
