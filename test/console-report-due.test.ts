// The overview's written-report deadlines: an incident stays on the list after its measurements
// recover (resolved, phase recovery) until the written report is filed — end to end from the
// incident service through GET /incidents to the console's own filter (web/src/pages/incident-view.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildWorld, loginAll } from './http-access-fixtures.ts';
import { reportsDue } from '../web/src/pages/incident-view.ts';
import type { IncidentSummary } from '../web/src/types.ts';

test('a resolved incident keeps its report deadline on the overview until the report is filed', async () => {
  const world = await buildWorld();
  try {
    const tokens = await loginAll(world.app);
    const list = async (): Promise<IncidentSummary[]> => {
      const res = await world.app.inject({ method: 'GET', url: '/api/v1/incidents?limit=500', headers: { authorization: `Bearer ${tokens.office}` } });
      assert.equal(res.statusCode, 200, res.body);
      return res.json().incidents;
    };
    const id = world.incidents.registry.id;
    const registry = { id: world.userIds.registry, org: 'registry' };
    // what clean measurements do (grading-intake #resolve): resolvedAt set, phase recovery — report not yet filed
    const stored = (await world.store.getIncident(id))!;
    await world.store.updateIncident(id, stored.version, {
      updatedAt: world.clock.now().toISOString(), state: 'recovery',
      detail: { ...stored.detail, phase: 'recovery', phaseBeforeRecovery: stored.detail.phase, resolvedAt: world.clock.now().toISOString() },
    });
    let inc = (await list()).find((i) => i.id === id)!;
    assert.equal(inc.phase, 'recovery');
    assert.equal(inc.reportFiledAt, null);
    assert.ok(reportsDue(await list()).some((i) => i.id === id), 'still due in recovery');

    await world.service.fileInformationReport(id, registry, { startedAt: '2026-11-23T07:00:00.000Z', scope: 's', harm: 'h', measuresTaken: 'm', recommendations: 'r' });
    inc = (await list()).find((i) => i.id === id)!;
    assert.ok(inc.reportFiledAt, 'the summary says when the report was filed');
    assert.ok(!reportsDue(await list()).some((i) => i.id === id), 'filed: off the list');
  } finally {
    await world.close();
  }
});
