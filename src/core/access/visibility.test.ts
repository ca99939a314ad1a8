import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OrganizationConfig } from '../../config/config-schema.ts';
import { principalFor, visibleOrgs, type VisibilitySystem } from './visibility.ts';

const orgs: OrganizationConfig[] = [
  { id: 'office', role: 'emergency-office' },
  { id: 'bj-authority', role: 'provincial-authority', province: 'BJ' },
  { id: 'sh-authority', role: 'provincial-authority', province: 'SH' },
  { id: 'no-province', role: 'provincial-authority' },
  { id: 'cert', role: 'cert' },
  { id: 'reg', role: 'registry', licensedBy: 'national' },
  { id: 'big-dns', role: 'dns-provider', grade: 1, licensedBy: 'national' },
  { id: 'small-dns', role: 'dns-provider', grade: 2, licensedBy: 'BJ' },
  { id: 'bj-telecom', role: 'telecom' },
  { id: 'multi-telecom', role: 'telecom' },
  { id: 'sh-telecom', role: 'telecom', province: 'SH' },
  { id: 'news', role: 'website', grade: 1, licensedBy: 'BJ' },
  { id: 'shop', role: 'website', grade: 2, licensedBy: 'SH' },
];
const systems: VisibilitySystem[] = [
  { org: 'bj-telecom', kind: 'recursive', provinces: ['BJ'] },
  { org: 'multi-telecom', kind: 'recursive', provinces: ['SH', 'BJ', 'GD'] },
  { org: 'big-dns', kind: 'authoritative' },
  { org: 'reg', kind: 'tld', provinces: ['BJ'] },
];

const sorted = (v: Set<string> | 'all'): string[] | 'all' => (v === 'all' ? v : [...v].sort());

test('the office and the CERT see all', () => {
  assert.equal(visibleOrgs({ org: 'office' }, orgs, systems), 'all');
  assert.equal(visibleOrgs({ org: 'cert' }, orgs, systems), 'all');
});

test('a provincial authority sees itself, what its province licensed, and resolvers serving its province', () => {
  assert.deepEqual(sorted(visibleOrgs({ org: 'bj-authority' }, orgs, systems)), ['bj-authority', 'bj-telecom', 'multi-telecom', 'news', 'small-dns']);
  assert.deepEqual(sorted(visibleOrgs({ org: 'sh-authority' }, orgs, systems)), ['multi-telecom', 'sh-authority', 'sh-telecom', 'shop']);
  assert.deepEqual(sorted(visibleOrgs({ org: 'bj-authority' }, orgs)), ['bj-authority', 'news', 'small-dns'], 'without systems, only licensing');
  assert.deepEqual(sorted(visibleOrgs({ org: 'no-province' }, orgs, systems)), ['no-province']);
});

test('operators see only themselves; an unknown organisation sees nothing', () => {
  for (const id of ['reg', 'big-dns', 'small-dns', 'bj-telecom', 'news']) assert.deepEqual(sorted(visibleOrgs({ org: id }, orgs, systems)), [id]);
  assert.deepEqual(sorted(visibleOrgs({ org: 'ghost' }, orgs, systems)), []);
});

test('principalFor: disabled users and unknown organisations have none; roles are filtered', () => {
  assert.equal(principalFor({ org: 'office', roles: ['admin'], disabled: true }, orgs), null);
  assert.equal(principalFor({ org: 'ghost', roles: ['admin'] }, orgs), null);
  const p = principalFor({ id: 'u1', username: 'li', org: 'bj-authority', roles: ['duty-officer', 'root'] }, orgs, systems);
  assert.deepEqual(p && { ...p, visible: sorted(p.visible as Set<string>) }, {
    userId: 'u1', username: 'li', org: 'bj-authority', orgRole: 'provincial-authority', province: 'BJ', roles: ['duty-officer'],
    visible: ['bj-authority', 'bj-telecom', 'multi-telecom', 'news', 'small-dns'],
  });
});
