import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OrganizationConfig } from '../config/config-schema.ts';
import type { Principal } from '../core/access/access-types.ts';
import { principalFor, type VisibilitySystem } from '../core/access/visibility.ts';
import type { Snapshot } from '../core/snapshot.ts';
import { mayReadIncidentEvent, mayReceiveWarning, scopedFrame, visibleSystems } from './live-scope.ts';

const orgs: OrganizationConfig[] = [
  { id: 'office', role: 'emergency-office' },
  { id: 'cert', role: 'cert' },
  { id: 'bj-authority', role: 'provincial-authority', province: 'BJ' },
  { id: 'reg-a', role: 'registry', licensedBy: 'national' },
  { id: 'reg-b', role: 'registry', licensedBy: 'national' },
  { id: 'bj-dns', role: 'dns-provider', grade: 2, licensedBy: 'BJ' },
];
const systems: VisibilitySystem[] = [{ org: 'reg-a', kind: 'tld' }, { org: 'reg-b', kind: 'tld' }, { org: 'bj-dns', kind: 'authoritative' }];

function who(org: string, roles: string[] = ['duty-officer']): Principal {
  const p = principalFor({ id: `${org}-user`, username: `${org}-user`, org, roles }, orgs, systems);
  assert.ok(p, org);
  return p;
}

const figures = [
  { id: 'a-tld', org: 'reg-a', successRate: 1 },
  { id: 'b-tld', org: 'reg-b', successRate: 0.5 },
  { id: 'bj-auth', org: 'bj-dns', successRate: 0 },
];
const ids = (xs: Array<{ id: string }>) => xs.map((x) => x.id);

test('cycle systems: the office and the CERT all, a registry its own, an authority its province', () => {
  assert.deepEqual(ids(visibleSystems(who('office'), figures)), ['a-tld', 'b-tld', 'bj-auth']);
  assert.deepEqual(ids(visibleSystems(who('cert', ['viewer']), figures)), ['a-tld', 'b-tld', 'bj-auth']);
  assert.deepEqual(ids(visibleSystems(who('reg-a'), figures)), ['a-tld']);
  assert.deepEqual(ids(visibleSystems(who('reg-b', ['viewer']), figures)), ['b-tld']);
  assert.deepEqual(ids(visibleSystems(who('bj-authority'), figures)), ['bj-auth']);
  assert.deepEqual(visibleSystems({ visible: new Set() }, figures), []);
});

test('incident events: read like GET /incidents/:id (visible org, or the commander)', () => {
  const ofA = { id: 'i1', org: 'reg-a', commander: { role: 'emergency-office' }, drill: false };
  assert.equal(mayReadIncidentEvent(who('office'), ofA), true);
  assert.equal(mayReadIncidentEvent(who('cert', ['viewer']), ofA), true);
  assert.equal(mayReadIncidentEvent(who('reg-a', ['viewer']), ofA), true);
  assert.equal(mayReadIncidentEvent(who('reg-b'), ofA), false);
  assert.equal(mayReadIncidentEvent(who('bj-authority'), ofA), false);
  // Reassigned to BJ: the commanding authority reads it although reg-a is not in its province.
  const reassigned = { ...ofA, commander: { role: 'provincial-authority', province: 'BJ' } };
  assert.equal(mayReadIncidentEvent(who('bj-authority'), reassigned), true);
  assert.equal(mayReadIncidentEvent(who('reg-b'), reassigned), false);
  // Drills: the same rule.
  assert.equal(mayReadIncidentEvent(who('reg-b'), { ...ofA, drill: true }), false);
  assert.equal(mayReadIncidentEvent(who('reg-a'), { ...ofA, drill: true, commander: undefined }), true);
  // A user without any role reads nothing (GET /incidents/:id answers 403).
  assert.equal(mayReadIncidentEvent(who('reg-a', []), ofA), false);
});

test('incident events nobody can place go only to who reads every incident', () => {
  for (const bad of [{}, { org: 7 }, { id: 'x' }]) {
    assert.equal(mayReadIncidentEvent(who('office', ['viewer']), bad), true, JSON.stringify(bad));
    assert.equal(mayReadIncidentEvent(who('cert'), bad), true, JSON.stringify(bad));
    assert.equal(mayReadIncidentEvent(who('office', []), bad), false, JSON.stringify(bad));
    assert.equal(mayReadIncidentEvent(who('reg-a'), bad), false, JSON.stringify(bad));
    assert.equal(mayReadIncidentEvent(who('bj-authority'), bad), false, JSON.stringify(bad));
  }
  for (const bad of [null, undefined, 'reg-a', 42]) assert.equal(mayReadIncidentEvent(who('office'), bad), false, JSON.stringify(bad));
  // A malformed commander is no commander: only the organisation counts.
  assert.equal(mayReadIncidentEvent(who('reg-b'), { org: 'reg-a', commander: 'reg-b' }), false);
  assert.equal(mayReadIncidentEvent(who('reg-b'), { org: 'reg-a', commander: { org: 'reg-b' } }), false);
});

test('warning events go to every signed-in caller, like GET /warnings', () => {
  const w = { change: 'issued', warning: { id: 'w1', scope: { national: false, provinces: ['SH'] } } };
  for (const org of ['office', 'reg-a', 'bj-authority']) assert.equal(mayReceiveWarning(who(org, ['viewer']), w), true);
});

test('scopedFrame: a cycle is sliced, an unreadable incident is dropped, the figures come from the callback', () => {
  const snapshot = { at: '2026-11-23T08:00:10.000Z', window: { from: '', to: '' }, systems: [] } as Snapshot;
  let computed = 0;
  const all = (s: Snapshot) => { computed++; return { at: s.at, systems: figures }; };
  const cycle = scopedFrame(who('reg-b'), { kind: 'cycle', snapshot }, all);
  assert.deepEqual(cycle, { event: 'cycle', data: { at: snapshot.at, systems: [figures[1]] } });
  assert.equal(computed, 1);
  assert.equal(figures.length, 3, 'the shared figures are not changed');
  const inc = { kind: 'incident' as const, data: { id: 'i1', org: 'reg-a', commander: null } };
  assert.equal(scopedFrame(who('reg-b'), inc, all), null);
  assert.deepEqual(scopedFrame(who('reg-a'), inc, all), { event: 'incident', data: inc.data });
  assert.deepEqual(scopedFrame(who('reg-b'), { kind: 'warning', data: { id: 'w' } }, all), { event: 'warning', data: { id: 'w' } });
  assert.equal(scopedFrame(who('office'), { kind: 'other', data: {} } as never, all), null);
});
