import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Notification, Store } from '../store/store.ts';
import { ackSealKey, revealAcks, revealText, sealAck } from './ack-seal.ts';
import type { Notifier, OutboundMessage } from './notifier.ts';
import { OutboxWorker } from './outbox-worker.ts';

const KEY = Buffer.alloc(32, 7);

test('a sealed code reveals only with its key; text without placeholders is untouched', () => {
  const sealed = sealAck('code-123', KEY);
  assert.match(sealed, /^\{\{ack:[A-Za-z0-9_-]+\}\}$/);
  assert.doesNotMatch(sealed, /code-123/);
  assert.equal(revealText(`Code: ${sealed}.`, KEY), 'Code: code-123.');
  assert.throws(() => revealText(sealed, Buffer.alloc(32, 8)));
  const m = { id: 'm', text: 'plain' } as OutboundMessage;
  assert.equal(revealAcks(m, KEY), m);
});

test('the seal key: HKDF of the audit key, else a 0600 key file in the data folder that stays the same', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dnswarden-seal-'));
  try {
    const a = ackSealKey(null, dir);
    assert.equal(a.length, 32);
    assert.deepEqual(ackSealKey(null, dir), a);
    assert.equal(statSync(join(dir, 'ack-seal.key')).mode & 0o777, 0o600);
    const fromAudit = ackSealKey(Buffer.from('x'.repeat(40)), dir);
    assert.equal(fromAudit.length, 32);
    assert.notDeepEqual(fromAudit, a);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the outbox worker sends the revealed code, and logs a webhook by its host only', async () => {
  const sealed = sealAck('the-code', KEY);
  const url = 'https://hooks.example/services/SECRET?token=SECRET';
  const items: Notification[] = ['email', 'webhook'].map((channel, i) => ({
    id: i + 1, channel, recipient: channel === 'email' ? 'a@x.example' : url, payload: { messageId: `m${i}`, subject: 's', text: `Code: ${sealed}`, data: { ackToken: sealed } },
    incidentId: null, dedupeKey: null, state: 'pending', attempts: 0, nextAttemptAt: '2026-01-01T00:00:00.000Z', leaseUntil: null, lastError: null,
    createdAt: '2026-01-01T00:00:00.000Z', sentAt: null,
  }));
  const store = {
    async claimDueNotifications() { return items.filter((x) => x.state === 'pending').map((x) => ({ ...x, attempts: 1 })); },
    async markNotificationSent(id: number) { items[id - 1].state = 'sent'; },
    async markNotificationFailed(id: number) { items[id - 1].state = 'dead'; },
  } as unknown as Store;
  const sent: OutboundMessage[] = [];
  const email: Notifier = { channel: 'email', send: async (m) => { sent.push(m); } };
  const webhook: Notifier = { channel: 'webhook', send: async () => { throw new Error('HTTP 500'); } };
  const lines: string[] = [];
  const w = new OutboxWorker({ store, notifiers: { email, webhook }, ackKey: KEY, log: (l) => lines.push(l), now: () => Date.parse('2026-01-01T00:01:00Z') });
  await w.tick();
  assert.equal(sent[0].text, 'Code: the-code');
  assert.deepEqual(sent[0].data, { ackToken: 'the-code' });
  assert.ok(lines.length > 0);
  for (const l of lines) assert.doesNotMatch(l, /SECRET/, l);
});
