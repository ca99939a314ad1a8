import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commanderOrgs, incidentTargets, routeCommander, toModelCommander } from './recipients.ts';
import type { OrganizationConfig } from '../config/config-schema.ts';

const ORGS: OrganizationConfig[] = [
  { id: 'office', role: 'emergency-office' }, { id: 'gd', role: 'provincial-authority', province: 'GD' },
  { id: 'bj', role: 'provincial-authority', province: 'BJ' }, { id: 'tel', role: 'telecom', province: 'GD' },
  { id: 'reg', role: 'registry' },
];

test('commanders resolve to the organisations that act as them', () => {
  assert.deepEqual(commanderOrgs({ role: 'emergency-office' }, ORGS), ['office']);
  assert.deepEqual(commanderOrgs({ role: 'provincial-authority', province: 'GD' }, ORGS), ['gd']);
  assert.deepEqual(commanderOrgs({ role: 'self', org: 'tel' }, ORGS), ['tel']);
});

test('targets: affected first, each organisation once', () => {
  assert.deepEqual(incidentTargets('tel', { role: 'self', org: 'tel' }, ORGS), [{ org: 'tel', as: 'affected' }]);
  assert.deepEqual(incidentTargets('reg', { role: 'emergency-office' }, ORGS, 'commander'), [{ org: 'office', as: 'commander' }]);
});

test('routing follows the plan and falls back to the affected org for self', () => {
  const config = { organizations: ORGS, systems: [{ id: 'r', org: 'tel', kind: 'recursive', scope: 'province' as const, provinces: ['GD'] }] };
  assert.deepEqual(routeCommander(config, { systemId: 'r', org: 'tel', object: 'recursive' }, 'III'), { role: 'provincial-authority', province: 'GD' });
  assert.deepEqual(routeCommander(config, { systemId: 'r', org: 'tel', object: 'recursive' }, 'II', true), { role: 'emergency-office', provisional: true });
  assert.deepEqual(toModelCommander({ role: 'self', org: null }, 'tel'), { role: 'self', org: 'tel' });
});
