// Contract: incidents with optimistic versions, filters, and the timeline.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { AlreadyExistsError, NotFoundError, VersionConflictError } from '../store-errors.ts';
import type { IncidentInput } from '../store.ts';
import { minute, withStore, type MakeStore } from './fixtures.ts';

const base = (over: Partial<IncidentInput> = {}): IncidentInput => ({
  systemId: 'cn-tld', org: 'cn-registry', state: 'open', grade: 'II', createdAt: minute(0),
  detail: { matched: [{ rule: 'tld-half-nodes-degraded', grade: 'II' }], note: '中国' }, ...over,
});

export function incidentContract(makeStore: MakeStore): void {
  it('createIncident / getIncident round-trip; ids are generated or taken; duplicates rejected', () =>
    withStore(makeStore, async (store) => {
      const a = await store.createIncident(base());
      assert.match(a.id, /^[0-9a-f-]{36}$/);
      assert.deepEqual(a, {
        id: a.id, systemId: 'cn-tld', org: 'cn-registry', state: 'open', grade: 'II', proposedGrade: null, drill: false,
        detail: base().detail, version: 1, createdAt: minute(0), updatedAt: minute(0),
      });
      assert.deepEqual(await store.getIncident(a.id), a);
      const b = await store.createIncident(base({ id: 'INC-1', grade: null, proposedGrade: 'I', drill: true }));
      assert.equal(b.id, 'INC-1');
      assert.deepEqual([b.grade, b.proposedGrade, b.drill], [null, 'I', true]);
      await assert.rejects(store.createIncident(base({ id: 'INC-1' })), AlreadyExistsError);
      assert.equal(await store.getIncident('nope'), null);
    }));

  it('updateIncident bumps the version and rejects a stale version with the current one', () =>
    withStore(makeStore, async (store) => {
      const a = await store.createIncident(base());
      const u1 = await store.updateIncident(a.id, 1, { state: 'acknowledged', updatedAt: minute(1) });
      assert.deepEqual([u1.version, u1.state, u1.grade, u1.updatedAt, u1.createdAt], [2, 'acknowledged', 'II', minute(1), minute(0)]);
      assert.deepEqual(u1.detail, a.detail, 'untouched fields stay');
      await assert.rejects(store.updateIncident(a.id, 1, { state: 'closed', updatedAt: minute(2) }),
        (e: unknown) => e instanceof VersionConflictError && e.currentVersion === 2);
      const u2 = await store.updateIncident(a.id, 2, { grade: null, proposedGrade: 'I', detail: { replaced: true }, org: 'x', updatedAt: minute(3) });
      assert.deepEqual([u2.version, u2.grade, u2.proposedGrade, u2.org, u2.detail], [3, null, 'I', 'x', { replaced: true }]);
      assert.deepEqual(await store.getIncident(a.id), u2);
      await assert.rejects(store.updateIncident('nope', 1, { updatedAt: minute(4) }), NotFoundError);
    }));

  it('concurrent updates from the same version: exactly one wins', () =>
    withStore(makeStore, async (store) => {
      const a = await store.createIncident(base());
      const results = await Promise.allSettled([1, 2, 3, 4].map((i) => store.updateIncident(a.id, 1, { state: `s${i}`, updatedAt: minute(i) })));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      assert.ok(results.every((r) => r.status === 'fulfilled' || r.reason instanceof VersionConflictError));
      assert.equal((await store.getIncident(a.id))?.version, 2);
    }));

  it('listIncidents filters on org, state, grade, system, drill and creation time; newest first; pages', () =>
    withStore(makeStore, async (store) => {
      const mk = (id: string, m: number, over: Partial<IncidentInput> = {}) => store.createIncident(base({ id, createdAt: minute(m), ...over }));
      await mk('i1', 1);
      await mk('i2', 2, { org: 'isp-bj', systemId: 'bj-rec', state: 'closed', grade: 'III' });
      await mk('i3', 3, { org: 'isp-sh', systemId: 'sh-rec', grade: 'IV' });
      await mk('i4', 4, { grade: null });
      await mk('d1', 5, { drill: true });
      const ids = async (f: Parameters<typeof store.listIncidents>[0]) => (await store.listIncidents(f)).map((i) => i.id);
      assert.deepEqual(await ids({}), ['i4', 'i3', 'i2', 'i1']);
      assert.deepEqual(await ids(undefined), ['i4', 'i3', 'i2', 'i1']);
      assert.deepEqual(await ids({ drill: true }), ['d1']);
      assert.deepEqual(await ids({ org: 'cn-registry' }), ['i4', 'i1']);
      assert.deepEqual(await ids({ org: ['isp-bj', 'isp-sh'] }), ['i3', 'i2']);
      assert.deepEqual(await ids({ org: [] }), []);
      assert.deepEqual(await ids({ state: ['closed'] }), ['i2']);
      assert.deepEqual(await ids({ state: 'open', grade: ['III', 'IV', 'II'] }), ['i3', 'i1']);
      assert.deepEqual(await ids({ systemId: 'bj-rec' }), ['i2']);
      assert.deepEqual(await ids({ from: minute(2), to: minute(4) }), ['i3', 'i2']);
      assert.deepEqual(await ids({ limit: 2 }), ['i4', 'i3']);
      assert.deepEqual(await ids({ limit: 2, offset: 2 }), ['i2', 'i1']);
    }));

  it('timeline entries come back in time order with their payloads; unknown incidents are refused', () =>
    withStore(makeStore, async (store) => {
      const a = await store.createIncident(base());
      const e2 = await store.appendTimeline(a.id, { at: minute(2), kind: 'report.written', actor: 'alice', payload: { text: '书面报告', items: [1, 2] } });
      const e1 = await store.appendTimeline(a.id, { at: minute(1), kind: 'phone.report', payload: null });
      const e3 = await store.appendTimeline(a.id, { at: minute(2), kind: 'note', payload: ['x', 'y'] });
      assert.deepEqual(e2, { id: e2.id, incidentId: a.id, at: minute(2), kind: 'report.written', actor: 'alice', payload: { text: '书面报告', items: [1, 2] } });
      assert.deepEqual((await store.timeline(a.id)).map((e) => [e.id, e.actor, e.payload]), [[e1.id, null, null], [e2.id, 'alice', e2.payload], [e3.id, null, ['x', 'y']]]);
      assert.deepEqual(await store.timeline('nope'), []);
      await assert.rejects(store.appendTimeline('nope', { at: minute(1), kind: 'x' }), NotFoundError);
    }));
}
