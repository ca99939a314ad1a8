// Contract: migrations are idempotent, a closed store rejects, data survives close/reopen.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { verifyAuditChain } from '../audit-chain.ts';
import { StoreClosedError } from '../store-errors.ts';
import { cycle, minute, node, withStore, type MakeStore } from './fixtures.ts';

export function lifecycleContract(makeStore: MakeStore): void {
  it('migrate() again applies nothing', () =>
    withStore(makeStore, async (store) => {
      assert.deepEqual(await store.migrate(), []);
    }));

  it('after close() calls reject with StoreClosedError; close() twice is fine', () =>
    withStore(makeStore, async (store) => {
      await store.close();
      await store.close();
      await assert.rejects(store.latestBySystem(), StoreClosedError);
      await assert.rejects(store.recordCycle(cycle('s', minute(0), [node('a')])), StoreClosedError);
      await assert.rejects(store.appendAudit({ at: minute(0), actor: 'a', action: 'b' }), StoreClosedError);
    }));

  it('everything written survives close and reopen; the audit chain continues', () =>
    withStore(makeStore, async (store, handle) => {
      if (!handle.reopen) return;
      await store.recordCycle(cycle('s', minute(0), [node('a'), node('b')]));
      const outage = await store.openOutage({ systemId: 's', startedAt: minute(0) });
      const inc = await store.createIncident({ id: 'INC-9', systemId: 's', org: 'o', state: 'open', createdAt: minute(0) });
      await store.appendTimeline(inc.id, { at: minute(1), kind: 'note', payload: { ok: true } });
      const note = await store.enqueueNotification({ channel: 'sms', recipient: '+86', payload: 'hi', createdAt: minute(0) });
      await store.claimDueNotifications(minute(0), 10, 60_000);
      await store.appendAudit({ at: minute(0), actor: 'a', action: 'before-restart' });
      await store.close();

      const again = await handle.reopen();
      try {
        assert.deepEqual(await again.migrate(), []);
        const latest = await again.latestBySystem();
        assert.deepEqual(latest.map((c) => [c.systemId, c.nodes.map((n) => n.id)]), [['s', ['a', 'b']]]);
        assert.deepEqual(await again.openOutages(), [outage]);
        assert.deepEqual(await again.getIncident('INC-9'), inc);
        assert.equal((await again.timeline('INC-9')).length, 1);
        const [kept] = await again.notifications();
        assert.deepEqual([kept.id, kept.attempts, kept.leaseUntil], [note.id, 1, minute(1)], 'the lease survives too');
        await again.appendAudit({ at: minute(1), actor: 'a', action: 'after-restart' });
        const audit = await again.auditEntries();
        assert.deepEqual(audit.map((e) => e.action), ['before-restart', 'after-restart']);
        assert.equal(verifyAuditChain(audit).ok, true);
      } finally {
        await again.close();
      }
    }));
}
