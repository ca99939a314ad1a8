// The standard notify: organisations → contacts → the store's outbox, de-duplicated by key, so a
// replay of the same notification (after a crash) enqueues nothing new.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, MINUTE, ruleset } from './response-fixtures.ts';
import { IncidentService } from '../src/response/incident-service.ts';
import { createOutboxNotify } from '../src/response/outbox-notify.ts';
import type { ResponseNotification } from '../src/response/response-types.ts';

test('incident-opened goes to the contacts of the affected org and of the commander, once', async () => {
  const h = await harness();
  try {
    const nobody: string[] = [];
    const calls: ResponseNotification[] = [];
    const outbox = createOutboxNotify(h.store,
      (t) => (t.org === 'gd-authority' ? [] : [{ channel: 'email', address: `duty@${t.org}.example`, org: t.org }]),
      (_n, org) => nobody.push(org));
    const notify = async (n: ResponseNotification) => { calls.push(n); await outbox(n); };
    const svc = new IncidentService({ store: h.store, ruleset, config: h.config, now: h.clock.now, authorize: () => null, notify });
    for (let i = 0; i < 2; i++) { await svc.onSnapshot(h.snapshot([{ systemId: 'cn-tld', kind: 'nodes-down', nodes: 2 }])); h.clock.advance(MINUTE); }
    const [inc] = await h.store.listIncidents();
    const items = await h.store.notifications({ incidentId: inc.id });
    assert.deepEqual(items.map((n) => n.recipient).sort(), ['duty@cn-registry.example', 'duty@office.example']);
    assert.ok(items.every((n) => (n.payload as { event: string }).event === 'incident-opened'));
    assert.match((items[0].payload as { subject: string }).subject, /cn-tld/);

    await outbox(calls[0]); // a replay
    assert.equal((await h.store.notifications({ incidentId: inc.id })).length, 2);

    // A commander without contacts is reported, not silently skipped.
    for (let i = 0; i < 2; i++) { await svc.onSnapshot(h.snapshot([{ systemId: 'gd-resolver', kind: 'stopped' }])); h.clock.advance(MINUTE); }
    assert.deepEqual(nobody, ['gd-authority']);
  } finally { await h.close(); }
});
