// A person's commands on incidents: grade confirmation, the directive gate on major measures,
// reassignment by the office, phases and reports, manual incidents; rights and audit entries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, MINUTE, REPORT, ACTORS, type Harness } from './response-fixtures.ts';
import type { ResponseDetail } from '../src/response/response-types.ts';
import type { DrillFault } from '../src/response/drill-snapshot.ts';
import type { Incident } from '../src/store/store.ts';

async function openWith(h: Harness, faults: DrillFault[]): Promise<Incident> {
  for (let i = 0; i < 2; i++) { await h.service.onSnapshot(h.snapshot(faults)); h.clock.advance(MINUTE); }
  const all = await h.store.listIncidents({ systemId: faults[0].systemId });
  assert.equal(all.length, 1);
  return all[0];
}
const detail = (i: Incident) => i.detail as unknown as ResponseDetail;

test('grade-1 provider stopped: grade II measured, I proposed; confirming needs a reason and sets grade I', async () => {
  const h = await harness();
  try {
    const inc = await openWith(h, [{ systemId: 'big-auth', kind: 'stopped' }]);
    assert.equal(inc.grade, 'II');
    assert.equal(inc.proposedGrade, 'I');
    assert.equal(detail(inc).needsConfirmation, true);
    assert.deepEqual(detail(inc).commander, { role: 'emergency-office', provisional: true });

    await assert.rejects(h.service.confirmGrade(inc.id, ACTORS.office, { decision: 'confirmed', reason: ' ' }), { code: 'INVALID' });
    await assert.rejects(h.service.confirmGrade(inc.id, ACTORS.cert, { decision: 'confirmed', reason: 'x' }), { code: 'FORBIDDEN' });
    const done = await h.service.confirmGrade(inc.id, ACTORS.office, { decision: 'confirmed', reason: 'national news reports outage for 40 M users' });
    assert.equal(done.grade, 'I');
    assert.equal(done.proposedGrade, null);
    assert.equal(detail(done).warningLevel, 'red');
    assert.deepEqual(detail(done).commander, { role: 'emergency-office' });
    assert.equal(detail(done).confirmation?.by, 'u-office');
    assert.ok(h.sent.some((n) => n.event === 'incident-regraded' && n.incident.grade === 'I'));
    await assert.rejects(h.service.confirmGrade(inc.id, ACTORS.office, { decision: 'rejected', reason: 'again' }), { code: 'CONFLICT' });

    // The same measurements keep coming: the confirmed grade stays, nothing is proposed again.
    await h.service.onSnapshot(h.snapshot([{ systemId: 'big-auth', kind: 'stopped' }]));
    const still = await h.service.get(inc.id);
    assert.equal(still.grade, 'I');
    assert.equal(still.proposedGrade, null);

    const audit = await h.store.auditEntries();
    assert.ok(audit.some((a) => a.action === 'incident.grade-confirmed' && a.target === inc.id && a.actor === 'u-office'));
    assert.ok(audit.some((a) => a.action === 'incident.denied' && a.actor === 'u-cert'));
    const tl = await h.store.timeline(inc.id);
    assert.ok(tl.some((e) => e.kind === 'grade-confirmed' && e.actor === 'u-office'));
  } finally { await h.close(); }
});

test('rejecting the proposal keeps the measured grade and routes by it', async () => {
  const h = await harness();
  try {
    const inc = await openWith(h, [{ systemId: 'big-auth', kind: 'stopped' }]);
    const done = await h.service.confirmGrade(inc.id, ACTORS.provider, { decision: 'rejected', reason: 'only test zones affected' });
    assert.equal(done.grade, 'II');
    assert.equal(done.proposedGrade, null);
    assert.equal(detail(done).needsConfirmation, false);
    assert.equal(detail(done).confirmation?.decision, 'rejected');
    await h.service.onSnapshot(h.snapshot([{ systemId: 'big-auth', kind: 'stopped' }]));
    assert.equal((await h.service.get(inc.id)).proposedGrade, null, 'a rejected proposal is not raised again by the same measurements');
  } finally { await h.close(); }
});

test('province-wide cache flush: refused without a directive, refused with another province\'s, accepted with its own', async () => {
  const h = await harness();
  try {
    const inc = await openWith(h, [{ systemId: 'gd-resolver', kind: 'stopped', minutes: 90 }]);
    assert.equal(inc.grade, 'III');
    assert.deepEqual(detail(inc).commander, { role: 'provincial-authority', province: 'GD' });
    const flushGD = { measureId: 'flush-resolver-cache-province', province: 'GD' };

    await assert.rejects(h.service.executeMeasure(inc.id, ACTORS.telecom, flushGD), { code: 'REFUSED', message: /directive/ });
    let tl = await h.store.timeline(inc.id);
    assert.equal(tl.filter((e) => e.kind === 'measure-refused').length, 1, 'the refusal is on the timeline');
    const asked = h.sent.filter((n) => n.event === 'measure-directive-needed');
    assert.equal(asked.length, 1);
    assert.deepEqual(asked[0].to, [{ org: 'gd-authority', as: 'commander' }]);

    // Non-authorities and other provinces cannot direct it.
    await assert.rejects(h.service.recordDirective(inc.id, ACTORS.telecom, { ...flushGD, text: 'flush' }), { code: 'FORBIDDEN' });
    await assert.rejects(h.service.recordDirective(inc.id, ACTORS.bj, { ...flushGD, text: 'flush' }), { code: 'FORBIDDEN', message: /BJ/ });
    await assert.rejects(h.service.recordDirective(inc.id, ACTORS.gd, { measureId: 'flush-resolver-cache-national', text: 'flush' }), { code: 'FORBIDDEN' });
    await h.service.recordDirective(inc.id, ACTORS.bj, { measureId: 'flush-resolver-cache-province', text: 'flush BJ caches' });
    await assert.rejects(h.service.executeMeasure(inc.id, ACTORS.telecom, flushGD), { code: 'REFUSED' }, 'a BJ directive does not cover GD');
    await assert.rejects(h.service.planMeasure(inc.id, ACTORS.telecom, flushGD), { code: 'REFUSED' });

    await h.service.recordDirective(inc.id, ACTORS.gd, { ...flushGD, text: '立即清除全省递归缓存' });
    await h.service.planMeasure(inc.id, ACTORS.telecom, flushGD);
    const done = await h.service.executeMeasure(inc.id, ACTORS.telecom, flushGD);
    const executed = detail(done).measures.filter((m) => m.state === 'executed');
    assert.equal(executed.length, 1);
    assert.equal(executed[0].measureId, 'flush-resolver-cache-province');
    assert.ok(executed[0].executedAt);
    assert.equal(detail(done).measures.filter((m) => m.state === 'refused').length, 3);
    tl = await h.store.timeline(inc.id);
    assert.ok(tl.some((e) => e.kind === 'measure-executed' && e.actor === 'u-telecom'));
    assert.equal(detail(done).directives.length, 2);
    assert.deepEqual(detail(done).directives[1].issuedBy, { org: 'gd-authority', role: 'provincial-authority', province: 'GD' });

    // A minor measure needs no directive; a measure for another kind of system is invalid.
    await h.service.executeMeasure(inc.id, ACTORS.telecom, { measureId: 'filter-abnormal-queries' });
    await assert.rejects(h.service.executeMeasure(inc.id, ACTORS.telecom, { measureId: 'freeze-registration-changes' }), { code: 'INVALID' });
    // The national flush needs the office.
    await assert.rejects(h.service.executeMeasure(inc.id, ACTORS.telecom, { measureId: 'flush-resolver-cache-national' }), { code: 'REFUSED' });
    await h.service.recordDirective(inc.id, ACTORS.office, { measureId: 'flush-resolver-cache-national', text: 'national flush' });
    await h.service.executeMeasure(inc.id, ACTORS.telecom, { measureId: 'flush-resolver-cache-national' });
  } finally { await h.close(); }
});

test('reassignment: only the national office, with a reason; the province becomes commander and stays so on regrade', async () => {
  const h = await harness();
  try {
    const inc = await openWith(h, [{ systemId: 'cn-tld', kind: 'nodes-down', nodes: 1 }]);
    assert.deepEqual(detail(inc).commander, { role: 'emergency-office' });
    await assert.rejects(h.service.reassign(inc.id, ACTORS.gd, { province: 'GD', reason: 'local' }), { code: 'FORBIDDEN' });
    await assert.rejects(h.service.reassign(inc.id, ACTORS.registry, { province: 'GD', reason: 'local' }), { code: 'FORBIDDEN' });
    await assert.rejects(h.service.reassign(inc.id, ACTORS.office, { province: 'GD', reason: '' }), { code: 'INVALID' });
    const done = await h.service.reassign(inc.id, ACTORS.office, { province: 'GD', reason: 'the failing nodes are in Guangzhou' });
    assert.deepEqual(detail(done).commander, { role: 'provincial-authority', province: 'GD' });
    assert.equal(detail(done).reassignedTo?.by, 'u-office');
    const told = h.sent.filter((n) => n.key.includes(':reassigned:'));
    assert.deepEqual(told.map((n) => n.to), [[{ org: 'gd-authority', as: 'commander' }]]);
    await h.service.onSnapshot(h.snapshot([{ systemId: 'cn-tld', kind: 'nodes-down', nodes: 2 }]));
    const regraded = await h.service.get(inc.id);
    assert.equal(regraded.grade, 'II');
    assert.deepEqual(detail(regraded).commander, { role: 'provincial-authority', province: 'GD' });
  } finally { await h.close(); }
});

test('phases and reports: the written report comes first, is checked, and is marked late after 24 h', async () => {
  const h = await harness();
  try {
    const inc = await openWith(h, [{ systemId: 'cn-tld', kind: 'nodes-down', nodes: 2 }]);
    await assert.rejects(h.service.changePhase(inc.id, ACTORS.registry, 'emergency-handling'), /information report/);
    await assert.rejects(h.service.changePhase(inc.id, ACTORS.registry, 'bogus' as never), { code: 'INVALID' });
    await assert.rejects(h.service.fileInformationReport(inc.id, ACTORS.registry, { ...REPORT, harm: '' }),
      (e: { code: string; problems: string[] }) => e.code === 'INVALID' && e.problems.includes('harm: required'));
    h.clock.advance(25 * 60 * MINUTE);
    const filed = await h.service.fileInformationReport(inc.id, ACTORS.registry, REPORT);
    assert.equal(detail(filed).reportTimeliness, 'late');
    assert.equal(filed.state, 'information-report');
    assert.equal(detail(filed).informationReport?.filedBy, 'u-registry');
    await assert.rejects(h.service.fileInformationReport(inc.id, ACTORS.registry, REPORT), { code: 'CONFLICT' });
    const moved = await h.service.changePhase(inc.id, ACTORS.registry, 'emergency-handling');
    assert.equal(moved.state, 'emergency-handling');
    await assert.rejects(h.service.changePhase(inc.id, ACTORS.registry, 'initial-response'), /cannot go back/);
    await assert.rejects(h.service.fileClosingReport(inc.id, ACTORS.registry, { summary: 's', cause: 'c', lessons: 'l' }), /recovery/);
    const tl = await h.store.timeline(inc.id);
    const filedEntry = tl.find((e) => e.kind === 'information-report-filed');
    assert.equal((filedEntry?.payload as { timeliness: string }).timeliness, 'late');
  } finally { await h.close(); }
});

test('on-time report; concurrent commands on one incident both land (version retries)', async () => {
  const h = await harness();
  try {
    const inc = await openWith(h, [{ systemId: 'gd-resolver', kind: 'stopped' }]);
    const [a, b] = await Promise.all([
      h.service.fileInformationReport(inc.id, ACTORS.telecom, REPORT),
      h.service.recordDirective(inc.id, ACTORS.gd, { measureId: 'flush-resolver-cache-province', text: 'flush' }),
    ]);
    assert.ok(a && b);
    const final = await h.service.get(inc.id);
    assert.equal(detail(final).reportTimeliness, 'on-time');
    assert.equal(detail(final).directives.length, 1);
  } finally { await h.close(); }
});

test('manual incident: opened by the registry with its grade; CNCERT may not open one', async () => {
  const h = await harness();
  try {
    await assert.rejects(h.service.openManualIncident(ACTORS.cert, { systemId: 'cn-tld', grade: 'III', title: 't', description: 'd' }), { code: 'FORBIDDEN' });
    await assert.rejects(h.service.openManualIncident(ACTORS.registry, { systemId: 'nope', title: 't', description: 'd' }), { code: 'INVALID' });
    await assert.rejects(h.service.openManualIncident(ACTORS.registry, { systemId: 'cn-tld', grade: 'V' as never, title: 't', description: 'd' }), { code: 'INVALID' });
    const inc = await h.service.openManualIncident(ACTORS.registry, {
      systemId: 'cn-tld', grade: 'III', proposedGrade: 'II', title: { zh: '注册系统数据异常', en: 'registration data anomaly' }, description: 'reported by phone',
    });
    assert.equal(inc.grade, 'III');
    assert.equal(inc.proposedGrade, 'II');
    assert.equal(detail(inc).manual, true);
    assert.equal(detail(inc).cause, 'manual');
    assert.deepEqual(detail(inc).commander, { role: 'emergency-office', provisional: true });
    assert.ok(detail(inc).announcedAt);
    const tl = await h.store.timeline(inc.id);
    assert.deepEqual(tl.map((e) => [e.kind, e.actor]), [['opened', 'u-registry']]);
    assert.ok(h.sent.some((n) => n.event === 'incident-opened' && n.incident.id === inc.id));
    // A manual incident is not closed by measurements; it can close once its reports are in.
    await h.service.fileInformationReport(inc.id, ACTORS.registry, REPORT);
    await h.service.changePhase(inc.id, ACTORS.registry, 'recovery');
    await h.service.fileClosingReport(inc.id, ACTORS.registry, { summary: 's', cause: 'c', lessons: 'l' });
    assert.equal((await h.service.close(inc.id, ACTORS.registry)).state, 'closed');
  } finally { await h.close(); }
});
