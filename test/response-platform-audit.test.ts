// The platform's own changes to an incident are in the audit log beside people's: opening (grade,
// commander, report deadline), regrading and resolving, with actor 'system' and the incident's
// organisation (so that organisation's admins see them too); the applied events carry the grade and
// the deadline for the daemon's log line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, MINUTE } from './response-fixtures.ts';
import type { DrillFault } from '../src/response/drill-snapshot.ts';
import type { AuditEntry } from '../src/store/store.ts';

const TWO_DOWN: DrillFault[] = [{ systemId: 'cn-tld', kind: 'nodes-down', nodes: 2 }];
const ONE_DOWN: DrillFault[] = [{ systemId: 'cn-tld', kind: 'nodes-down', nodes: 1 }];

test('opening, regrading and resolving an incident are audited as the platform', async () => {
  const h = await harness();
  try {
    await h.service.onSnapshot(h.snapshot(TWO_DOWN));
    h.clock.advance(MINUTE);
    const [open] = await h.service.onSnapshot(h.snapshot(TWO_DOWN));
    assert.equal(open.kind, 'open');
    assert.equal(open.grade, 'II');
    const [inc] = await h.store.listIncidents();
    const due = (inc.detail as { deadlines: { writtenReportDue: string } }).deadlines.writtenReportDue;
    assert.equal(open.writtenReportDue, due, 'the applied event carries the report deadline');

    h.clock.advance(MINUTE);
    const [regrade] = await h.service.onSnapshot(h.snapshot(ONE_DOWN));
    assert.equal(regrade?.kind, 'regrade');
    for (let i = 0; i < 3; i++) { h.clock.advance(MINUTE); await h.service.onSnapshot(h.snapshot([], ['cn-tld'])); }

    const platform = (await h.store.auditEntries(1, 1000)).filter((e: AuditEntry) => e.target === inc.id && e.actor === 'system');
    assert.deepEqual(platform.map((e) => e.action), ['incident.opened', 'incident.regraded', 'incident.resolved']);
    for (const e of platform) assert.equal(e.org, 'cn-registry');
    const opened = platform[0].detail as Record<string, unknown>;
    assert.equal(opened.grade, 'II');
    assert.equal(opened.writtenReportDue, due);
    assert.deepEqual(opened.commander, { role: 'emergency-office' });
    assert.equal((platform[1].detail as Record<string, unknown>).from, 'II');
    assert.ok((platform[2].detail as Record<string, unknown>).resolvedAt);
  } finally { await h.close(); }
});
