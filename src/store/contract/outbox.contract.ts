// Contract: the notification outbox — dedupe, due times, leases, retries, giving up.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { NotFoundError } from '../store-errors.ts';
import type { NotificationInput } from '../store.ts';
import { minute, withStore, type MakeStore } from './fixtures.ts';

const msg = (over: Partial<NotificationInput> = {}): NotificationInput => ({
  channel: 'email', recipient: 'duty@cn-registry.example', payload: { subject: '事件报告', grade: 'II' }, createdAt: minute(0), ...over,
});
const LEASE = 5 * 60_000;

export function outboxContract(makeStore: MakeStore): void {
  it('enqueue stores the item pending; a repeated dedupe key returns the first item', () =>
    withStore(makeStore, async (store) => {
      const n = await store.enqueueNotification(msg({ incidentId: 'INC-1', dedupeKey: 'INC-1/phone' }));
      assert.deepEqual(n, {
        id: n.id, channel: 'email', recipient: 'duty@cn-registry.example', payload: { subject: '事件报告', grade: 'II' },
        incidentId: 'INC-1', dedupeKey: 'INC-1/phone', state: 'pending', attempts: 0, nextAttemptAt: minute(0),
        leaseUntil: null, lastError: null, createdAt: minute(0), sentAt: null,
      });
      const again = await store.enqueueNotification(msg({ dedupeKey: 'INC-1/phone', recipient: 'other', createdAt: minute(1) }));
      assert.deepEqual(again, n);
      await store.enqueueNotification(msg());
      await store.enqueueNotification(msg());
      assert.equal((await store.notifications()).length, 3, 'no key: never deduplicated');
      assert.deepEqual((await store.notifications({ incidentId: 'INC-1' })).map((x) => x.id), [n.id]);
    }));

  it('claims only due items, oldest due first, up to the limit, and not again until the lease passes', () =>
    withStore(makeStore, async (store) => {
      const a = await store.enqueueNotification(msg({ createdAt: minute(0), notBefore: minute(2) }));
      const b = await store.enqueueNotification(msg({ createdAt: minute(1) }));
      const later = await store.enqueueNotification(msg({ createdAt: minute(0), notBefore: minute(30) }));
      const first = await store.claimDueNotifications(minute(5), 1, LEASE);
      assert.deepEqual(first.map((x) => [x.id, x.attempts, x.leaseUntil]), [[b.id, 1, minute(10)]]);
      const second = await store.claimDueNotifications(minute(5), 10, LEASE);
      assert.deepEqual(second.map((x) => x.id), [a.id], 'b is leased, later is not due');
      assert.deepEqual(await store.claimDueNotifications(minute(9), 10, LEASE), []);
      const expired = await store.claimDueNotifications(minute(10), 10, LEASE);
      assert.deepEqual(expired.map((x) => [x.id, x.attempts]), [[b.id, 2], [a.id, 2]], 'lease passed: claimable again');
      await store.markNotificationSent(a.id, minute(11));
      await store.markNotificationSent(b.id, minute(11));
      const due = await store.claimDueNotifications(minute(40), 10, LEASE);
      assert.deepEqual(due.map((x) => x.id), [later.id], 'sent items are never claimed again');
    }));

  it('concurrent claims never hand out the same item twice', () =>
    withStore(makeStore, async (store) => {
      for (let i = 0; i < 12; i++) await store.enqueueNotification(msg({ createdAt: minute(i % 3) }));
      const batches = await Promise.all([1, 2, 3, 4].map(() => store.claimDueNotifications(minute(5), 5, LEASE)));
      const ids = batches.flat().map((x) => x.id);
      assert.equal(ids.length, 12);
      assert.equal(new Set(ids).size, 12);
    }));

  it('sent items are done; failed items come back at retryAt; retryAt null gives up', () =>
    withStore(makeStore, async (store) => {
      const a = await store.enqueueNotification(msg());
      const b = await store.enqueueNotification(msg());
      const c = await store.enqueueNotification(msg());
      await store.claimDueNotifications(minute(1), 10, LEASE);
      await store.markNotificationSent(a.id, minute(1));
      await store.markNotificationFailed(b.id, { error: 'SMTP 451', retryAt: minute(3) });
      await store.markNotificationFailed(c.id, { error: 'mailbox unknown', retryAt: null });
      assert.deepEqual(await store.claimDueNotifications(minute(2), 10, LEASE), []);
      const retry = await store.claimDueNotifications(minute(3), 10, LEASE);
      assert.deepEqual(retry.map((x) => [x.id, x.attempts, x.lastError]), [[b.id, 2, 'SMTP 451']]);
      assert.deepEqual(await store.claimDueNotifications(minute(7), 10, LEASE), [], 'b leased; a sent; c dead');
      const sent = (await store.notifications({ state: 'sent' }))[0];
      assert.deepEqual([sent.id, sent.sentAt, sent.leaseUntil], [a.id, minute(1), null]);
      const dead = await store.notifications({ state: 'dead' });
      assert.deepEqual(dead.map((x) => [x.id, x.lastError, x.attempts]), [[c.id, 'mailbox unknown', 1]]);
      await assert.rejects(store.markNotificationSent(987654, minute(1)), NotFoundError);
      await assert.rejects(store.markNotificationFailed(987654, { error: 'x', retryAt: null }), NotFoundError);
    }));
}
