import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResolvedConfig } from '../config/config-types.ts';
import type { User } from '../store/store.ts';
import { COMMAND_ACTIONS, createAuthorize, UserDirectory } from './incident-authorize.ts';

const config = {
  organizations: [
    { id: 'office', role: 'emergency-office' },
    { id: 'bj', role: 'provincial-authority', province: 'BJ' },
    { id: 'reg', role: 'registry', licensedBy: 'national' },
    { id: 'other', role: 'dns-provider', grade: 1, licensedBy: 'national' },
    { id: 'cert', role: 'cert' },
  ],
  systems: [{ id: 'tld', org: 'reg', kind: 'tld', nodes: [], zones: ['cn.'], sample: 10, nxdomainCheck: true }],
} as unknown as ResolvedConfig;

const user = (id: string, org: string, roles: string[], disabled = false): User => ({
  id, org, username: id, displayName: null, passwordHash: 'x', roles, disabled, createdAt: '', updatedAt: '',
});

async function setUp(users: User[]) {
  const dir = new UserDirectory({ listUsers: async () => users, getUser: async (id) => users.find((u) => u.id === id) ?? null });
  await dir.refresh();
  let misses = 0;
  return { authorize: createAuthorize(config, dir, () => { misses++; }), misses: () => misses, dir };
}

const incident = { id: 'i1', systemId: 'tld', org: 'reg', drill: false, detail: { commander: { role: 'emergency-office' } } };

test('every response action maps to at least one access action', () => {
  for (const [k, v] of Object.entries(COMMAND_ACTIONS)) assert.ok(v.length > 0, k);
});

test('office commands, the registry reports, another operator does not see it, CERT reads only', async () => {
  const { authorize } = await setUp([
    user('o', 'office', ['duty-officer']), user('r', 'reg', ['duty-officer']), user('x', 'other', ['admin']),
    user('c', 'cert', ['admin']), user('v', 'reg', ['viewer']), user('d', 'office', ['admin'], true),
  ]);
  assert.equal(authorize({ id: 'o', org: 'office' }, 'incident.confirm-grade', incident), null);
  assert.equal(authorize({ id: 'o', org: 'office' }, 'incident.reassign', incident), null);
  assert.equal(authorize({ id: 'r', org: 'reg' }, 'incident.file-information-report', incident), null);
  assert.equal(authorize({ id: 'r', org: 'reg' }, 'incident.change-phase', incident), null);
  assert.match(authorize({ id: 'r', org: 'reg' }, 'incident.reassign', incident) ?? '', /may not reassign/);
  assert.match(authorize({ id: 'x', org: 'other' }, 'incident.confirm-grade', incident) ?? '', /not visible/);
  assert.match(authorize({ id: 'c', org: 'cert' }, 'incident.record-directive', incident) ?? '', /may not/);
  assert.match(authorize({ id: 'v', org: 'reg' }, 'incident.file-information-report', incident) ?? '', /viewer/);
  assert.match(authorize({ id: 'd', org: 'office' }, 'incident.confirm-grade', incident) ?? '', /disabled/);
  assert.match(authorize({ id: 'o', org: 'reg' }, 'incident.confirm-grade', incident) ?? '', /does not belong/);
});

test('an unknown user is refused and asks for a reload; an actor carrying roles is taken as is', async () => {
  const { authorize, misses } = await setUp([]);
  assert.match(authorize({ id: 'new', org: 'office' }, 'incident.confirm-grade', incident) ?? '', /unknown user/);
  assert.equal(misses(), 1);
  const withRoles = { id: 'new', org: 'office', roles: ['admin'] };
  assert.equal(authorize(withRoles, 'incident.confirm-grade', incident), null);
});

test('open-manual: the office for anyone, an operator for itself only', async () => {
  const { authorize } = await setUp([user('o', 'office', ['admin']), user('r', 'reg', ['admin']), user('x', 'other', ['admin'])]);
  const draft = { id: '', systemId: 'tld', org: 'reg', drill: false };
  assert.equal(authorize({ id: 'o', org: 'office' }, 'incident.open-manual', draft), null);
  assert.equal(authorize({ id: 'r', org: 'reg' }, 'incident.open-manual', draft), null);
  assert.notEqual(authorize({ id: 'x', org: 'other' }, 'incident.open-manual', draft), null);
});
