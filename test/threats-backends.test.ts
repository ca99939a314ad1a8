// Threat intake on both backends through the real HTTP app: 30 reports of the same new name sent at
// once become one case with 30 linked reports (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock),
// every 202 is stored, and the reporter's status page works on each — PostgreSQL on a throwaway cluster.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PG_SKIP, startPgCluster, type PgCluster } from './support/pg-cluster.ts';
import { buildThreatWorld, phishing } from './threats-fixtures.ts';

let cluster: PgCluster | null = null;
before(async () => { if (!PG_SKIP) cluster = await startPgCluster(); });
after(async () => { await cluster?.stop(); });

for (const backend of ['sqlite', 'postgres'] as const) {
  describe(`threat intake on ${backend}`, { skip: backend === 'postgres' ? PG_SKIP : false }, () => {
    test('30 simultaneous reports of one new name: one case, 30 linked reports, all stored; status pages answer', async () => {
      const storeUrl = backend === 'postgres' ? await cluster!.createDatabase('threats_concurrent') : undefined;
      const w = await buildThreatWorld({ storeUrl });
      try {
        const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => w.app.inject({
          method: 'POST', url: '/api/v1/threat-reports', remoteAddress: `192.0.2.${i + 1}`, payload: phishing({ names: ['same-name.lab'], description: `report ${i}` }),
        })));
        assert.deepEqual(answers.map((a) => a.statusCode), answers.map(() => 202));
        const cases = await w.store.listThreatCases({ name: 'same-name.lab' });
        assert.equal(cases.length, 1, 'one case');
        assert.equal(cases[0].reports, 30);
        assert.equal(await w.store.countThreatReports(), 30);
        const timeline = await w.store.threatTimeline(cases[0].id);
        assert.equal(timeline.filter((e) => e.kind === 'report-linked').length, 29);
        const a = answers[7].json();
        const s = await w.app.inject({ method: 'GET', url: `/api/v1/threat-reports/${a.trackingId}?statusToken=${encodeURIComponent(a.statusToken)}` });
        assert.equal(s.statusCode, 200);
        assert.deepEqual(s.json().steps.map((x: { kind: string }) => x.kind), ['received', 'acknowledged'], 'a linked report: acknowledged at once, its own steps only');
        const assessed = await w.app.inject({ method: 'POST', url: `/api/v1/threat-cases/${cases[0].id}/assess`, headers: { authorization: `Bearer ${w.tokens.registry}` },
          payload: { intendedAction: 'server-hold', reason: 'confirmed', timeFrameHours: 2 } });
        assert.equal(assessed.statusCode, 200, assessed.body);
        const after = await w.app.inject({ method: 'GET', url: `/api/v1/threat-reports/${a.trackingId}?statusToken=${encodeURIComponent(a.statusToken)}` });
        assert.equal(after.json().state, 'assessed', 'every linked reporter sees the assessment');
      } finally {
        await w.close();
      }
    });
  });
}
