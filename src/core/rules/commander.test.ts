import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commanderFor } from './commander.ts';
import type { OrganizationConfig } from '../../config/config-schema.ts';

const sys = { id: 's', org: 'o' };
const org = (over: Partial<OrganizationConfig>): OrganizationConfig => ({ id: 'o', role: 'dns-provider', ...over });

test('I and II: the national emergency office, whoever is affected', () => {
  for (const grade of ['I', 'II'] as const) {
    assert.deepEqual(commanderFor({ grade, object: 'registration', org: org({ role: 'registrar', grade: 2 }), system: sys }), { role: 'emergency-office' });
    assert.deepEqual(commanderFor({ grade, object: 'recursive', org: org({ role: 'telecom' }), system: { ...sys, scope: 'multi-province' } }), { role: 'emergency-office' });
  }
});

test('III by object', () => {
  assert.deepEqual(commanderFor({ grade: 'III', object: 'tld', org: org({ role: 'registry' }), system: sys }), { role: 'emergency-office' });
  assert.deepEqual(commanderFor({ grade: 'III', object: 'authoritative', org: org({ grade: 1 }), system: sys }), { role: 'emergency-office' });
  assert.deepEqual(commanderFor({ grade: 'III', object: 'authoritative', org: org({ grade: 2 }), system: sys }), { role: 'self', org: 'o' });
  assert.deepEqual(commanderFor({ grade: 'III', object: 'website-dns', org: org({ role: 'website', grade: 1, licensedBy: 'national' }), system: sys }), { role: 'emergency-office' });
  assert.deepEqual(commanderFor({ grade: 'III', object: 'website-dns', org: org({ role: 'website', grade: 1, licensedBy: 'SH' }), system: sys }), { role: 'provincial-authority', province: 'SH' });
  assert.deepEqual(commanderFor({ grade: 'III', object: 'website-dns', org: org({ role: 'website', grade: 2, licensedBy: 'SH' }), system: sys }), { role: 'self', org: 'o' });
  assert.deepEqual(commanderFor({ grade: 'III', object: 'recursive', org: org({ role: 'telecom' }), system: { ...sys, scope: 'province', provinces: ['GD'] } }), { role: 'provincial-authority', province: 'GD' });
  assert.deepEqual(commanderFor({ grade: 'III', object: 'recursive', org: org({ role: 'telecom', province: 'HB' }), system: { ...sys, scope: 'province' } }), { role: 'provincial-authority', province: 'HB' });
  assert.deepEqual(commanderFor({ grade: 'III', object: 'recursive', org: org({ role: 'telecom' }), system: { ...sys, scope: 'province' } }), { role: 'emergency-office' }, 'no province known: the office');
});

test('IV and findings: the organisation itself', () => {
  assert.deepEqual(commanderFor({ grade: 'IV', object: 'tld', org: org({ role: 'registry' }), system: sys }), { role: 'self', org: 'o' });
  assert.deepEqual(commanderFor({ grade: null, object: 'authoritative', org: undefined, system: { id: 's', org: 'ghost' } }), { role: 'self', org: 'ghost' });
});
