// Drills (应急演练): simulated incidents run the same process, never show in real listings, are
// tracked apart from real measurements, and are measured afterwards (acknowledge, report, recover).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, MINUTE, REPORT, ACTORS } from './response-fixtures.ts';
import type { ResponseDetail } from '../src/response/response-types.ts';

test('a drill from a fault description opens drill incidents kept apart from real ones', async () => {
  const h = await harness();
  try {
    const { drillId, incidents } = await h.service.startDrill({ name: '2026 Q4 TLD drill', faults: [{ systemId: 'cn-tld', kind: 'nodes-down', nodes: 2 }], actor: ACTORS.office });
    assert.equal(incidents.length, 1);
    assert.equal(incidents[0].drill, true);
    assert.equal(incidents[0].grade, 'II');
    assert.equal((incidents[0].detail as unknown as ResponseDetail).drillInfo?.id, drillId);
    assert.deepEqual(await h.store.listIncidents(), [], 'drills never show in real listings');
    assert.deepEqual(await h.service.list({ systemId: 'cn-tld' }), []);
    assert.equal((await h.store.listIncidents({ drill: true })).length, 1);
    const opened = h.sent.filter((n) => n.event === 'incident-opened');
    assert.equal(opened.length, 1);
    assert.equal(opened[0].incident.drill, true);

    // Real measurements of the same system use their own tracker: a real incident opens after 2 real cycles.
    await h.service.onSnapshot(h.snapshot([{ systemId: 'cn-tld', kind: 'nodes-down', nodes: 2 }]));
    assert.deepEqual(await h.store.listIncidents(), [], 'the drill does not count as a real bad cycle');
    h.clock.advance(MINUTE);
    await h.service.onSnapshot(h.snapshot([{ systemId: 'cn-tld', kind: 'nodes-down', nodes: 2 }]));
    const real = await h.store.listIncidents();
    assert.equal(real.length, 1);
    assert.equal(real[0].drill, false);
    // …and a clean real cycle does not resolve the drill incident.
    for (let i = 0; i < 3; i++) { h.clock.advance(MINUTE); await h.service.onSnapshot(h.snapshot([], ['cn-tld'])); }
    assert.equal((await h.service.get(incidents[0].id)).detail.resolvedAt, undefined);
    assert.ok((await h.service.get(real[0].id)).detail.resolvedAt);

    await assert.rejects(h.service.startDrill({ name: 'nothing', faults: [{ systemId: 'gd-resolver', kind: 'slow', nodes: 1 }] }), /grade no incident/);
    await assert.rejects(h.service.startDrill({ name: 'x', faults: [{ systemId: 'nope', kind: 'stopped' }] }), { code: 'INVALID' });
    await assert.rejects(h.service.startDrill({ name: '', faults: [] }), { code: 'INVALID' });
    const audit = await h.store.auditEntries();
    assert.ok(audit.some((a) => a.action === 'drill.started' && a.target === drillId && a.actor === 'u-office'));
  } finally { await h.close(); }
});

test('drill report: time to acknowledge, to file the report, to recover, per incident', async () => {
  const h = await harness();
  try {
    const { drillId, incidents } = await h.service.startDrill({
      name: 'two systems', faults: [{ systemId: 'cn-tld', kind: 'nodes-down', nodes: 2 }, { systemId: 'gd-resolver', kind: 'stopped' }],
    });
    assert.equal(incidents.length, 2);
    const tld = incidents.find((i) => i.systemId === 'cn-tld')!;
    h.clock.advance(10 * MINUTE);
    await h.service.executeMeasure(tld.id, ACTORS.registry, { measureId: 'switch-to-backup-nodes' }); // first human action
    h.clock.advance(20 * MINUTE);
    await h.service.fileInformationReport(tld.id, ACTORS.registry, REPORT);
    h.clock.advance(30 * MINUTE);
    // Recovery cycles of the drill: the tld comes back, the resolver stays down.
    await h.service.onSnapshot(h.service.drillSnapshot([{ systemId: 'gd-resolver', kind: 'stopped' }], ['cn-tld']), { drill: true });
    h.clock.advance(MINUTE);
    await h.service.onSnapshot(h.service.drillSnapshot([{ systemId: 'gd-resolver', kind: 'stopped' }], ['cn-tld']), { drill: true });

    const report = await h.service.drillReport(drillId);
    assert.equal(report.name, 'two systems');
    assert.equal(report.incidents.length, 2);
    const t = report.incidents.find((i) => i.systemId === 'cn-tld')!;
    assert.equal(t.secondsToAcknowledge, 600);
    assert.equal(t.secondsToReport, 1800);
    assert.equal(t.secondsToRecover, 61 * 60);
    assert.equal(t.reportTimeliness, 'on-time');
    const r = report.incidents.find((i) => i.systemId === 'gd-resolver')!;
    assert.equal(r.grade, 'III');
    assert.equal(r.secondsToAcknowledge, null);
    assert.equal(r.secondsToRecover, null);
    await assert.rejects(h.service.drillReport('drill-unknown'), { code: 'NOT_FOUND' });
    assert.deepEqual(await h.store.listIncidents(), []);
  } finally { await h.close(); }
});

test('a drill from a supplied snapshot, and drill tracks rebuilt after a restart', async () => {
  const h = await harness();
  try {
    const snap = h.snapshot([{ systemId: 'big-auth', kind: 'stopped' }]);
    const { drillId, incidents } = await h.service.startDrill({ name: 'provider outage', snapshot: snap });
    assert.equal(incidents[0].proposedGrade, 'I');
    const svc = await h.restart();
    h.clock.advance(MINUTE);
    for (let i = 0; i < 2; i++) { await svc.onSnapshot(svc.drillSnapshot([], ['big-auth']), { drill: true }); h.clock.advance(MINUTE); }
    const report = await svc.drillReport(drillId);
    assert.equal(report.incidents[0].secondsToRecover, 120, 'resolved on the 2nd clean cycle, 2 min after the start');
    assert.equal((await h.store.listIncidents({ drill: true })).length, 1);
  } finally { await h.close(); }
});
