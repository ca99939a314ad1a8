// Every organisation role × every user role × every action, on resources at different distances
// from the caller. Expected rights are written out as a matrix, one row per (action, resource).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OrganizationConfig } from '../../config/config-schema.ts';
import { ACTIONS, ORG_ROLES, USER_ROLES, type Action, type OrgRole, type Principal, type Resource, type UserRole } from './access-types.ts';
import { can, canSee, decide, PERMISSIONS } from './permissions.ts';
import { principalFor, type VisibilitySystem } from './visibility.ts';

const orgs: OrganizationConfig[] = [
  { id: 'office', role: 'emergency-office' },
  { id: 'bj-authority', role: 'provincial-authority', province: 'BJ' },
  { id: 'sh-authority', role: 'provincial-authority', province: 'SH' },
  { id: 'cert', role: 'cert' },
  { id: 'reg', role: 'registry', licensedBy: 'national' },
  { id: 'bjdns', role: 'dns-provider', grade: 2, licensedBy: 'BJ' },
  { id: 'bjreg', role: 'registrar', licensedBy: 'BJ' },
  { id: 'bj-telecom', role: 'telecom' },
  { id: 'news', role: 'website', grade: 1, licensedBy: 'BJ' },
  { id: 'shsite', role: 'website', grade: 1, licensedBy: 'SH' },
];
const systems: VisibilitySystem[] = [{ org: 'bj-telecom', kind: 'recursive', provinces: ['BJ'] }];

/** The caller's organisation for each organisation role (the matrix columns, in ORG_ROLES order). */
const CALLER: Record<OrgRole, string> = {
  'emergency-office': 'office', 'provincial-authority': 'bj-authority', cert: 'cert', registry: 'reg',
  'dns-provider': 'bjdns', registrar: 'bjreg', telecom: 'bj-telecom', website: 'news',
};

const RESOURCES = {
  'inc-self': { kind: 'incident', org: 'bjdns', commander: { role: 'self', org: 'bjdns' } },
  'inc-prov': { kind: 'incident', org: 'bjdns', commander: { role: 'provincial-authority', province: 'BJ' } },
  'inc-office': { kind: 'incident', org: 'bjdns', commander: { role: 'emergency-office' } },
  'inc-ungraded': { kind: 'incident', org: 'bjdns', commander: null },
  'inc-sh': { kind: 'incident', org: 'shsite', commander: { role: 'provincial-authority', province: 'SH' } },
  'org-bjdns': { kind: 'org', org: 'bjdns' },
  'org-sh': { kind: 'org', org: 'shsite' },
  'warn-bj': { kind: 'warning', scope: { national: false, provinces: ['BJ'] } },
  'warn-sh': { kind: 'warning', scope: { national: false, provinces: ['SH'] } },
  'warn-national': { kind: 'warning', scope: { national: true } },
  platform: { kind: 'platform' },
} satisfies Record<string, Resource>;
type ResourceName = keyof typeof RESOURCES | 'own-org';

const resourceFor = (name: ResourceName, p: Principal): Resource => (name === 'own-org' ? { kind: 'org', org: p.org } : RESOURCES[name]);

// Cells: which user roles may (a = admin, d = duty-officer, v = viewer; '-' none).
// Columns:    office  province cert  registry dns   registrar telecom website
const INC_READ_BJDNS = ['adv', 'adv', 'adv', '-', 'adv', '-', '-', '-'];
const OPERATOR_OWN = ['-', '-', '-', '-', 'ad', '-', '-', '-'];
const OFFICE_ONLY = ['ad', '-', '-', '-', '-', '-', '-', '-'];
const EVERYONE = ['adv', 'adv', 'adv', 'adv', 'adv', 'adv', 'adv', 'adv'];
const EXPECTED: Record<Action, Partial<Record<ResourceName, string[]>>> = {
  'incident.read': {
    'inc-self': INC_READ_BJDNS, 'inc-prov': INC_READ_BJDNS, 'inc-office': INC_READ_BJDNS, 'inc-ungraded': INC_READ_BJDNS,
    'inc-sh': ['adv', '-', 'adv', '-', '-', '-', '-', '-'],
  },
  'incident.confirm-grade': {
    'inc-self': ['ad', '-', '-', '-', 'ad', '-', '-', '-'],
    'inc-prov': ['ad', 'ad', '-', '-', '-', '-', '-', '-'],
    'inc-office': OFFICE_ONLY, 'inc-ungraded': OFFICE_ONLY, 'inc-sh': OFFICE_ONLY,
  },
  'incident.reassign': { 'inc-self': OFFICE_ONLY, 'inc-prov': OFFICE_ONLY, 'inc-sh': OFFICE_ONLY },
  'incident.directive': {
    'inc-self': OFFICE_ONLY, 'inc-prov': ['ad', 'ad', '-', '-', '-', '-', '-', '-'], 'inc-office': OFFICE_ONLY, 'inc-sh': OFFICE_ONLY,
  },
  'incident.report': { 'inc-self': OPERATOR_OWN, 'inc-prov': OPERATOR_OWN, 'inc-office': OPERATOR_OWN, 'inc-sh': ['-', '-', '-', '-', '-', '-', '-', '-'] },
  'measure.execute': { 'inc-self': OPERATOR_OWN, 'inc-office': OPERATOR_OWN, 'inc-sh': ['-', '-', '-', '-', '-', '-', '-', '-'] },
  'warning.read': { 'warn-bj': EVERYONE, 'warn-national': EVERYONE },
  'warning.issue': {
    'warn-bj': ['ad', 'ad', '-', '-', '-', '-', '-', '-'], 'warn-sh': OFFICE_ONLY, 'warn-national': OFFICE_ONLY,
  },
  'contacts.read': {
    'org-bjdns': ['adv', 'adv', 'adv', '-', 'adv', '-', '-', '-'], 'org-sh': ['adv', '-', 'adv', '-', '-', '-', '-', '-'], 'own-org': EVERYONE,
  },
  'contacts.write': { 'org-bjdns': OPERATOR_OWN, 'org-sh': ['-', '-', '-', '-', '-', '-', '-', '-'], 'own-org': ['ad', 'ad', 'ad', 'ad', 'ad', 'ad', 'ad', 'ad'] },
  'drill.run': {
    'org-bjdns': ['ad', 'ad', '-', '-', 'ad', '-', '-', '-'], 'org-sh': OFFICE_ONLY, 'own-org': ['ad', 'ad', 'ad', 'ad', 'ad', 'ad', 'ad', 'ad'],
  },
  'audit.read': {
    'org-bjdns': ['ad', 'ad', 'ad', '-', 'ad', '-', '-', '-'], 'org-sh': ['ad', '-', 'ad', '-', '-', '-', '-', '-'],
    'own-org': ['ad', 'ad', 'ad', 'ad', 'ad', 'ad', 'ad', 'ad'], platform: ['ad', '-', 'ad', '-', '-', '-', '-', '-'],
  },
  'users.manage': {
    'org-bjdns': ['a', '-', '-', '-', 'a', '-', '-', '-'], 'org-sh': ['a', '-', '-', '-', '-', '-', '-', '-'],
    'own-org': ['a', 'a', 'a', 'a', 'a', 'a', 'a', 'a'], platform: ['a', '-', '-', '-', '-', '-', '-', '-'],
  },
  'personal-data.read': {
    'org-bjdns': ['ad', '-', '-', '-', 'ad', '-', '-', '-'], 'org-sh': OFFICE_ONLY, 'own-org': ['ad', '-', '-', 'ad', 'ad', 'ad', 'ad', 'ad'],
  },
  'finding.read': {
    'org-bjdns': ['adv', 'adv', 'adv', '-', 'adv', '-', '-', '-'], 'org-sh': ['adv', '-', 'adv', '-', '-', '-', '-', '-'], 'own-org': EVERYONE,
  },
  'finding.convert': { 'org-bjdns': OFFICE_ONLY, 'org-sh': OFFICE_ONLY, 'own-org': OFFICE_ONLY },
  'delegation.read': {
    'org-bjdns': ['adv', 'adv', 'adv', '-', 'adv', '-', '-', '-'], 'org-sh': ['adv', '-', 'adv', '-', '-', '-', '-', '-'], 'own-org': EVERYONE,
  },
  'delegation.approve': {
    'org-bjdns': ['ad', '-', '-', '-', 'ad', '-', '-', '-'], 'org-sh': OFFICE_ONLY, 'own-org': ['ad', '-', '-', 'ad', 'ad', 'ad', 'ad', 'ad'],
  },  // Threat cases: the office and the CERT read all, the registry (handling) and a registrar (referred) their own.
  'threat.read': {
    'org-bjdns': ['adv', '-', 'adv', '-', '-', '-', '-', '-'], 'org-sh': ['adv', '-', 'adv', '-', '-', '-', '-', '-'],
    'own-org': ['adv', '-', 'adv', 'adv', '-', 'adv', '-', '-'],
  },
  'threat.handle': { 'org-bjdns': OFFICE_ONLY, 'org-sh': OFFICE_ONLY, 'own-org': ['ad', '-', '-', 'ad', '-', '-', '-', '-'] },
  'threat.referral-answer': { 'org-bjdns': ['-', '-', '-', '-', '-', '-', '-', '-'], 'org-sh': ['-', '-', '-', '-', '-', '-', '-', '-'], 'own-org': ['-', '-', '-', '-', '-', 'ad', '-', '-'] },
  'threat.personal-data': { 'org-bjdns': OFFICE_ONLY, 'org-sh': OFFICE_ONLY, 'own-org': ['ad', '-', '-', 'ad', '-', '-', '-', '-'] },
  // Actions on names: the office and the CERT read every registry's names, a registry its own; the registry and the office act.
  'names.read': {
    'org-bjdns': ['adv', '-', 'adv', '-', '-', '-', '-', '-'], 'org-sh': ['adv', '-', 'adv', '-', '-', '-', '-', '-'],
    'own-org': ['adv', '-', 'adv', 'adv', '-', '-', '-', '-'],
  },
  'names.act': { 'org-bjdns': OFFICE_ONLY, 'org-sh': OFFICE_ONLY, 'own-org': ['ad', '-', '-', 'ad', '-', '-', '-', '-'] },
};

const LETTER: Record<UserRole, string> = { admin: 'a', 'duty-officer': 'd', viewer: 'v' };

function principal(orgRole: OrgRole, role: UserRole): Principal {
  const p = principalFor({ id: `${orgRole}-${role}`, org: CALLER[orgRole], roles: [role] }, orgs, systems);
  assert.ok(p, `${orgRole} has a principal`);
  return p;
}

test('the matrix covers every action and the table has a rule list for every action', () => {
  assert.deepEqual(Object.keys(EXPECTED).sort(), [...ACTIONS].sort());
  assert.deepEqual(Object.keys(PERMISSIONS).sort(), [...ACTIONS].sort());
  assert.deepEqual(Object.values(CALLER).map((id) => orgs.find((o) => o.id === id)?.role), [...ORG_ROLES]);
});

for (const action of ACTIONS) {
  test(`${action}: every organisation role × every user role`, () => {
    const rows = Object.entries(EXPECTED[action]) as Array<[ResourceName, string[]]>;
    assert.ok(rows.length > 0);
    const mismatches: string[] = [];
    for (const [resourceName, cells] of rows) {
      assert.equal(cells.length, ORG_ROLES.length, `${action} ${resourceName}: one cell per organisation role`);
      ORG_ROLES.forEach((orgRole, i) => {
        for (const role of USER_ROLES) {
          const p = principal(orgRole, role);
          const expected = cells[i].includes(LETTER[role]);
          if (can(p, action, resourceFor(resourceName, p)) !== expected) {
            mismatches.push(`${orgRole}/${role} on ${resourceName}: expected ${expected ? 'allowed' : 'refused'}`);
          }
        }
      });
    }
    assert.deepEqual(mismatches, []);
  });
}

test('a user with no known role may do nothing; several roles add up', () => {
  const none = principalFor({ org: 'office', roles: ['superuser'] }, orgs, systems)!;
  assert.deepEqual(none.roles, []);
  for (const action of ACTIONS) {
    for (const r of Object.values(RESOURCES)) assert.equal(can(none, action, r), false, action);
  }
  const both = principalFor({ org: 'bjdns', roles: ['viewer', 'admin'] }, orgs, systems)!;
  assert.equal(can(both, 'users.manage', { kind: 'org', org: 'bjdns' }), true);
});

test('CERT reads everything and commands nothing', () => {
  const cert = principal('cert', 'admin');
  for (const r of Object.values(RESOURCES)) assert.equal(canSee(cert, r), true);
  const command: Action[] = ['incident.confirm-grade', 'incident.reassign', 'incident.directive', 'incident.report', 'measure.execute', 'warning.issue'];
  for (const action of command) {
    for (const r of Object.values(RESOURCES)) assert.equal(can(cert, action, r), false, `${action} on ${JSON.stringify(r)}`);
  }
});

test('decide: outside the scope is not-found (never forbidden), inside but not allowed is forbidden', () => {
  const website = principal('website', 'admin');
  assert.equal(decide(website, 'incident.read', RESOURCES['inc-self']), 'not-found');
  assert.equal(decide(website, 'contacts.write', RESOURCES['org-sh']), 'not-found');
  assert.equal(decide(website, 'audit.read', RESOURCES.platform), 'not-found');
  const viewer = principal('dns-provider', 'viewer');
  assert.equal(decide(viewer, 'incident.read', RESOURCES['inc-self']), 'allow');
  assert.equal(decide(viewer, 'incident.report', RESOURCES['inc-self']), 'forbidden');
  assert.equal(decide(principal('provincial-authority', 'duty-officer'), 'incident.confirm-grade', RESOURCES['inc-office']), 'forbidden');
  assert.equal(decide(principal('registry', 'admin'), 'warning.issue', RESOURCES['warn-bj']), 'forbidden');
});

test('a provincial authority assigned an incident outside its licensing sees and commands it', () => {
  const bj = principal('provincial-authority', 'duty-officer');
  const assigned: Resource = { kind: 'incident', org: 'shsite', commander: { role: 'provincial-authority', province: 'BJ' } };
  assert.equal(decide(bj, 'incident.read', assigned), 'allow');
  assert.equal(decide(bj, 'incident.confirm-grade', assigned), 'allow');
  const sh = principalFor({ org: 'sh-authority', roles: ['duty-officer'] }, orgs, systems)!;
  assert.equal(decide(sh, 'incident.read', assigned), 'allow', 'SH still sees the website it licensed…');
  assert.equal(decide(sh, 'incident.confirm-grade', assigned), 'forbidden', '…but no longer commands the incident');
});
