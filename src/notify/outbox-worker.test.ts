import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Notification, NotificationFailure, Store } from '../store/store.ts';
import { NotifyError, type Notifier } from './notifier.ts';
import { OutboxWorker } from './outbox-worker.ts';

/** The four outbox methods of a Store, in memory. */
function memoryOutbox(channels: string[]) {
  const items: Notification[] = channels.map((channel, i) => ({
    id: i + 1, channel, recipient: `r${i}`, payload: { messageId: `m${i}`, subject: 's', text: 't' }, incidentId: null, dedupeKey: null,
    state: 'pending', attempts: 0, nextAttemptAt: '2026-01-01T00:00:00.000Z', leaseUntil: null, lastError: null, createdAt: '2026-01-01T00:00:00.000Z', sentAt: null,
  }));
  const store = {
    async claimDueNotifications(now: string, limit: number, leaseMs = 60_000) {
      const due = items.filter((x) => x.state === 'pending' && x.nextAttemptAt <= now && (!x.leaseUntil || x.leaseUntil <= now)).slice(0, limit);
      for (const x of due) { x.attempts++; x.leaseUntil = new Date(Date.parse(now) + leaseMs).toISOString(); }
      return due.map((x) => ({ ...x }));
    },
    async markNotificationSent(id: number, at: string) { Object.assign(items[id - 1], { state: 'sent', sentAt: at, leaseUntil: null }); },
    async markNotificationFailed(id: number, f: NotificationFailure) {
      Object.assign(items[id - 1], { state: f.retryAt ? 'pending' : 'dead', nextAttemptAt: f.retryAt ?? items[id - 1].nextAttemptAt, lastError: f.error, leaseUntil: null });
    },
  };
  return { items, store: store as unknown as Store };
}

test('an item for a channel without a notifier is dead at once, with the reason', async () => {
  const { items, store } = memoryOutbox(['sms']);
  const w = new OutboxWorker({ store, notifiers: {}, now: () => Date.parse('2026-01-01T00:01:00Z') });
  assert.deepEqual(await w.tick(), { sent: 0, failed: 0, dead: 1 });
  assert.match(items[0].lastError ?? '', /no notifier configured for channel "sms"/);
});

test('a send that hangs past sendTimeoutMs is a temporary failure', async () => {
  const { items, store } = memoryOutbox(['email']);
  const hang: Notifier = { channel: 'email', send: () => new Promise(() => undefined) };
  const w = new OutboxWorker({ store, notifiers: { email: hang }, now: () => Date.parse('2026-01-01T00:01:00Z'), sendTimeoutMs: 50 });
  assert.deepEqual(await w.tick(), { sent: 0, failed: 1, dead: 0 });
  assert.equal(items[0].state, 'pending');
  assert.match(items[0].lastError ?? '', /timed out/);
});

test('a permanent NotifyError is dead on the first attempt; sending at most `concurrency` at a time', async () => {
  const { items, store } = memoryOutbox(['email', 'email', 'email', 'email', 'email']);
  let active = 0, peak = 0;
  const email: Notifier = {
    channel: 'email',
    async send(m) {
      active++; peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
      if (m.recipient === 'r2') throw new NotifyError('550 no such mailbox', { permanent: true });
    },
  };
  const w = new OutboxWorker({ store, notifiers: { email }, now: () => Date.parse('2026-01-01T00:01:00Z'), concurrency: 2 });
  assert.deepEqual(await w.tick(), { sent: 4, failed: 0, dead: 1 });
  assert.equal(peak, 2);
  assert.deepEqual(items.map((x) => x.state), ['sent', 'sent', 'dead', 'sent', 'sent']);
});

test('start() ticks until stop(); stop() waits for the send in flight to be recorded', async () => {
  const { items, store } = memoryOutbox(['email']);
  let release!: () => void;
  let entered!: () => void;
  const inSend = new Promise<void>((r) => { entered = r; });
  const email: Notifier = { channel: 'email', send: () => { entered(); return new Promise<void>((r) => { release = r; }); } };
  const w = new OutboxWorker({ store, notifiers: { email }, now: () => Date.parse('2026-01-01T00:01:00Z') });
  w.start(10);
  await inSend;
  const stopped = w.stop();
  let stoppedYet = false;
  void stopped.then(() => { stoppedYet = true; });
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(stoppedYet, false, 'stop waits for the tick');
  release();
  await stopped;
  assert.equal(items[0].state, 'sent');
});
