// Contract: emergency contacts and their change log, contact drills, warnings, drills (migration 004).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { NotFoundError, VersionConflictError } from '../store-errors.ts';
import type { ContactEntry } from '../store.ts';
import { minute, withStore, type MakeStore } from './fixtures.ts';

const primary: ContactEntry = { name: '王伟', role: 'primary', phone: '+86 10 1234 5678', email: 'duty@registry.lab', lang: 'zh' };
const backup: ContactEntry = { name: 'Li Na', role: 'backup', phone: '+86 10 8765 4321', lang: 'en' };

export function recordsContract(makeStore: MakeStore): void {
  it('contacts: version 0 when none; put with the right version logs a diff; a stale version conflicts', () =>
    withStore(makeStore, async (store) => {
      assert.deepEqual(await store.getContacts('cn-registry'), { org: 'cn-registry', version: 0, contacts: [], updatedAt: null, updatedBy: null });
      const first = await store.putContacts('cn-registry', 0, [primary], { at: minute(0), by: 'zoe' });
      assert.deepEqual(first.list, { org: 'cn-registry', version: 1, contacts: [primary], updatedAt: minute(0), updatedBy: 'zoe' });
      assert.deepEqual(first.change, {
        id: first.change.id, org: 'cn-registry', version: 1, changedAt: minute(0), reportedAt: null, by: 'zoe',
        diff: { added: [primary], removed: [], changed: [] },
      });
      const moved = { ...primary, phone: '+86 10 0000 0000' };
      const second = await store.putContacts('cn-registry', 1, [moved, backup], { at: minute(10), by: 'zoe' });
      assert.equal(second.list.version, 2);
      assert.deepEqual(second.change.diff, { added: [backup], removed: [], changed: [{ name: primary.name, from: primary, to: moved }] });
      await assert.rejects(store.putContacts('cn-registry', 1, [], { at: minute(11), by: 'eve' }),
        (e: unknown) => e instanceof VersionConflictError && e.currentVersion === 2);
      await assert.rejects(store.putContacts('new-org', 3, [], { at: minute(11), by: 'eve' }), VersionConflictError);
      await assert.rejects(store.putContacts('cn-registry', 0, [], { at: minute(11), by: 'eve' }), VersionConflictError);
      assert.deepEqual((await store.getContacts('cn-registry')).contacts, [moved, backup], 'a refused put changes nothing');
      const third = await store.putContacts('cn-registry', 2, [backup], { at: minute(12), by: 'zoe', diff: { note: 'given by the caller' } });
      assert.deepEqual(third.change.diff, { note: 'given by the caller' });
    }));

  it('contact changes: listed oldest first per org, unreported filter, report time kept once', () =>
    withStore(makeStore, async (store) => {
      const a = await store.putContacts('org-a', 0, [primary], { at: minute(0), by: 'x' });
      await store.putContacts('org-b', 0, [backup], { at: minute(1), by: 'y' });
      await store.putContacts('org-a', 1, [primary, backup], { at: minute(2), by: 'x' });
      assert.deepEqual((await store.contactChanges()).map((c) => [c.org, c.version]), [['org-a', 1], ['org-b', 1], ['org-a', 2]]);
      assert.deepEqual((await store.contactChanges('org-a')).map((c) => c.changedAt), [minute(0), minute(2)]);
      const reported = await store.markContactChangeReported(a.change.id, minute(30));
      assert.equal(reported.reportedAt, minute(30));
      assert.equal((await store.markContactChangeReported(a.change.id, minute(40))).reportedAt, minute(30));
      assert.deepEqual((await store.contactChanges('org-a', { unreported: true })).map((c) => c.version), [2]);
      assert.equal((await store.contactChanges(undefined, { unreported: true })).length, 2);
      await assert.rejects(store.markContactChangeReported(99_999, minute(1)), NotFoundError);
    }));

  it('contact drills: the first acknowledgement counts; unknown drill or contact is NotFoundError', () =>
    withStore(makeStore, async (store) => {
      const contacts = [{ key: 'k1', org: 'org-a', name: '王伟', channel: 'sms', address: '+8610' }, { key: 'k2', org: 'org-b', name: 'Li' }];
      const d = await store.createContactDrill({ id: 'cd-1', org: null, startedAt: minute(0), dueAt: minute(15), createdBy: 'office-duty', contacts });
      assert.deepEqual(d, { id: 'cd-1', org: null, startedAt: minute(0), dueAt: minute(15), createdBy: 'office-duty', contacts: contacts.map((c) => ({ ...c, ackedAt: null })) });
      await store.recordContactAck('cd-1', 'k2', minute(3));
      const after = await store.recordContactAck('cd-1', 'k2', minute(9));
      assert.deepEqual(after.contacts.map((c) => [c.key, c.ackedAt]), [['k1', null], ['k2', minute(3)]]);
      assert.deepEqual(await store.getContactDrill('cd-1'), after);
      await assert.rejects(store.recordContactAck('cd-1', 'k9', minute(3)), NotFoundError);
      await assert.rejects(store.recordContactAck('nope', 'k1', minute(3)), NotFoundError);
      assert.equal(await store.getContactDrill('nope'), null);
      await store.createContactDrill({ id: 'cd-2', org: 'org-a', startedAt: minute(60), createdBy: 'a', contacts: [contacts[0]] });
      await store.recordContactAck('cd-2', 'k1', minute(61));
      assert.deepEqual((await store.listContactDrills()).map((x) => [x.id, x.contacts.filter((c) => c.ackedAt).length]), [['cd-2', 1], ['cd-1', 1]]);
      assert.deepEqual((await store.listContactDrills({ org: 'org-a' })).map((x) => x.id), ['cd-2']);
      assert.deepEqual((await store.listContactDrills({ limit: 1 })).map((x) => x.id), ['cd-2']);
    }));

  it('warnings: issued active with history; adjusted and lifted under the version check', () =>
    withStore(makeStore, async (store) => {
      const w = await store.createWarning({ id: 'w1', org: 'office', level: 'yellow', scope: { national: false, provinces: ['BJ'] }, issuedBy: 'duty', text: '可能发生较大事件', issuedAt: minute(0) });
      assert.deepEqual(w, {
        id: 'w1', org: 'office', level: 'yellow', scope: { national: false, provinces: ['BJ'] }, state: 'active', issuedBy: 'duty',
        text: '可能发生较大事件', history: [{ at: minute(0), by: 'duty', action: 'issued' }], drill: false, version: 1, issuedAt: minute(0), updatedAt: minute(0),
      });
      const up = await store.updateWarning('w1', 1, { level: 'orange', by: 'chief', note: 'two provinces now', scope: { national: true }, updatedAt: minute(5) });
      assert.deepEqual([up.level, up.scope, up.version, up.state, up.text], ['orange', { national: true }, 2, 'active', w.text]);
      assert.deepEqual(up.history[1], { at: minute(5), by: 'chief', action: 'adjusted', note: 'two provinces now',
        from: { level: 'yellow', scope: { national: false, provinces: ['BJ'] } }, to: { level: 'orange', scope: { national: true } } });
      await assert.rejects(store.updateWarning('w1', 1, { state: 'lifted', by: 'x', updatedAt: minute(6) }),
        (e: unknown) => e instanceof VersionConflictError && e.currentVersion === 2);
      await assert.rejects(store.updateWarning('nope', 1, { state: 'lifted', by: 'x', updatedAt: minute(6) }), NotFoundError);
      const lifted = await store.updateWarning('w1', 2, { state: 'lifted', by: 'chief', updatedAt: minute(30) });
      assert.deepEqual([lifted.state, lifted.history.map((h) => h.action)], ['lifted', ['issued', 'adjusted', 'lifted']]);
      assert.deepEqual(await store.getWarning('w1'), lifted);
      await store.createWarning({ id: 'w2', org: 'bj-authority', level: 'blue', scope: { national: false, provinces: ['BJ'] }, issuedBy: 'bj', text: 't', issuedAt: minute(40) });
      await store.createWarning({ id: 'w3', org: 'office', level: 'red', scope: { national: true }, issuedBy: 'd', text: 'drill', drill: true, issuedAt: minute(50) });
      assert.deepEqual((await store.listWarnings()).map((x) => x.id), ['w2', 'w1']);
      assert.deepEqual((await store.listWarnings({ state: 'active' })).map((x) => x.id), ['w2']);
      assert.deepEqual((await store.listWarnings({ state: 'lifted' })).map((x) => x.id), ['w1']);
      assert.deepEqual((await store.listWarnings({ drill: true })).map((x) => [x.id, x.drill]), [['w3', true]]);
    }));

  it('drills: created planned, run and ended under the version check, with a report', () =>
    withStore(makeStore, async (store) => {
      const d = await store.createDrill({ id: 'd1', name: '2026 年国家演练', org: 'office', scope: { level: 'national' }, createdBy: 'chief', createdAt: minute(0) });
      assert.deepEqual(d, {
        id: 'd1', name: '2026 年国家演练', org: 'office', scope: { level: 'national' }, state: 'planned', createdBy: 'chief',
        startedAt: null, endedAt: null, report: null, version: 1, createdAt: minute(0), updatedAt: minute(0),
      });
      const running = await store.updateDrill('d1', 1, { state: 'running', startedAt: minute(10), updatedAt: minute(10) });
      assert.deepEqual([running.state, running.startedAt, running.version, running.name], ['running', minute(10), 2, d.name]);
      await assert.rejects(store.updateDrill('d1', 1, { state: 'ended', updatedAt: minute(11) }), (e: unknown) => e instanceof VersionConflictError && e.currentVersion === 2);
      await assert.rejects(store.updateDrill('zz', 1, { state: 'ended', updatedAt: minute(11) }), NotFoundError);
      const report = { incidents: 3, reportsOnTime: 2, findings: ['backup contact unreachable'] };
      const ended = await store.updateDrill('d1', 2, { state: 'ended', endedAt: minute(90), report, updatedAt: minute(90) });
      assert.deepEqual([ended.state, ended.endedAt, ended.report], ['ended', minute(90), report]);
      assert.deepEqual(await store.getDrill('d1'), ended);
      assert.equal(await store.getDrill('zz'), null);
      await store.createDrill({ id: 'd2', name: 'BJ', org: 'bj-authority', scope: { level: 'provincial', province: 'BJ' }, createdBy: 'bj', createdAt: minute(100) });
      assert.deepEqual((await store.listDrills()).map((x) => x.id), ['d2', 'd1']);
      assert.deepEqual((await store.listDrills({ org: 'office' })).map((x) => x.id), ['d1']);
      assert.deepEqual((await store.listDrills({ state: 'planned' })).map((x) => x.id), ['d2']);
    }));
}
