// GET /audit names the people who acted ("username (org)") next to their ids; the platform's own
// entries and anonymous callers have no name (the console words those itself).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildWorld, loginAll } from './http-access-fixtures.ts';

test('audit entries carry actorName for users, null for the platform and anonymous callers', async () => {
  const world = await buildWorld();
  try {
    await world.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'registry', password: 'wrong password here' } });
    await world.store.appendAudit({ at: world.clock.now().toISOString(), actor: 'system', action: 'incident.opened', org: 'registry', target: 'inc-x', detail: null });
    const res = await world.app.inject({ method: 'GET', url: '/api/v1/audit?limit=1000', headers: { authorization: `Bearer ${(await loginAll(world.app))['office-admin']}` } });
    assert.equal(res.statusCode, 200, res.body);
    const entries = res.json().entries as Array<{ actor: string; actorName: string | null; action: string }>;
    const byOffice = entries.find((e) => e.actor === world.userIds.office);
    assert.ok(byOffice, 'the office opened the incidents of the fixture');
    assert.equal(byOffice.actorName, 'office (office)');
    assert.equal(entries.find((e) => e.actor === 'system')?.actorName, null);
    assert.equal(entries.find((e) => e.actor === 'anonymous')?.actorName, null);
  } finally {
    await world.close();
  }
});
