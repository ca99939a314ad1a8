// The live `finding` event goes only to callers for whom GET /findings/:id answers 200.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OrganizationConfig } from '../config/config-schema.ts';
import { principalFor } from '../core/access/visibility.ts';
import { mayReadFinding, scopedFrame } from './live-scope.ts';

const orgs: OrganizationConfig[] = [
  { id: 'office', role: 'emergency-office' }, { id: 'cert', role: 'cert' },
  { id: 'bj-authority', role: 'provincial-authority', province: 'BJ' },
  { id: 'bj-telecom', role: 'telecom' }, { id: 'reg-a', role: 'registry', licensedBy: 'national' },
];
const who = (org: string) => principalFor({ id: `${org}-u`, username: `${org}-u`, org, roles: ['viewer'] }, orgs,
  [{ org: 'bj-telecom', kind: 'recursive', provinces: ['BJ'] }, { org: 'reg-a', kind: 'tld' }])!;
const finding = { id: 'fnd-1', org: 'bj-telecom', kind: 'key-domain-mismatch' };

test('finding events: the owner, the office, the CERT and the authority of the province; nobody else; no org, nobody', () => {
  for (const org of ['office', 'cert', 'bj-telecom', 'bj-authority']) assert.equal(mayReadFinding(who(org), finding), true, org);
  assert.equal(mayReadFinding(who('reg-a'), finding), false);
  assert.equal(mayReadFinding(who('office'), { id: 'x' } as never), false);
  const frame = scopedFrame(who('bj-telecom'), { kind: 'finding', finding, change: 'opened' }, () => ({ at: null, systems: [] }));
  assert.deepEqual(frame, { event: 'finding', data: { change: 'opened', finding } });
  assert.equal(scopedFrame(who('reg-a'), { kind: 'finding', finding }, () => ({ at: null, systems: [] })), null);
});
