// The outbox on the real SQLite store: enqueue from an incident event, delivery, a worker process
// killed mid-send (SIGKILL) whose items a new worker re-sends after the lease with the same
// message id, concurrent workers never sending one item twice, and nothing lost across reopen.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openStore } from '../src/store/open-store.ts';
import type { Store } from '../src/store/store.ts';
import { enqueueIncidentNotifications, type Recipient } from '../src/notify/incident-notifications.ts';
import { OutboxWorker } from '../src/notify/outbox-worker.ts';
import type { Notifier, OutboundMessage } from '../src/notify/notifier.ts';

const root = mkdtempSync(join(tmpdir(), 'dnswarden-outbox-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const T0 = Date.parse('2026-11-23T08:00:00.000Z');
const LEASE = 60_000;

function recorder(channel: string): Notifier & { got: OutboundMessage[] } {
  const got: OutboundMessage[] = [];
  return { channel, got, async send(m) { got.push(m); } };
}

const recipients: Recipient[] = [
  { channel: 'email', address: 'duty@cnnic.example', org: 'cnnic' },
  { channel: 'email', address: 'office@miit.example', org: 'miit', lang: 'en' },
  { channel: 'webhook', address: 'http://127.0.0.1:9/hook', org: 'miit' },
];

async function withIncident(store: Store) {
  return store.createIncident({
    id: `INC-${++n}`, systemId: 'cn-tld', org: 'cnnic', state: 'initial-response', grade: 'II', createdAt: new Date(T0).toISOString(),
    detail: { title: { zh: '解析失败', en: 'resolution failing' }, commander: { role: 'emergency-office' }, openedAt: new Date(T0).toISOString(),
      deadlines: { writtenReportDue: new Date(T0 + 86_400_000).toISOString(), sent: [] } },
  });
}

describe('notification outbox on SQLite', () => {
  it('one item per recipient and channel; a repeated enqueue is deduplicated; the worker sends each once', async () => {
    const dataDir = join(root, `db${++n}`);
    const store = await openStore({ url: null, dataDir });
    try {
      const incident = await withIncident(store);
      const at = new Date(T0).toISOString();
      const first = await enqueueIncidentNotifications(store, { incident, event: 'incident-opened', recipients, at });
      const again = await enqueueIncidentNotifications(store, { incident, event: 'incident-opened', recipients, at });
      assert.equal(first.length, 3);
      assert.deepEqual(again.map((x) => x.id), first.map((x) => x.id), 'dedupe key returns the first items');
      assert.equal((await store.notifications({ incidentId: incident.id })).length, 3);

      const email = recorder('email'), webhook = recorder('webhook');
      const worker = new OutboxWorker({ store, notifiers: { email, webhook }, now: () => T0 + 1000, leaseMs: LEASE });
      assert.deepEqual(await worker.tick(), { sent: 3, failed: 0, dead: 0 });
      assert.deepEqual(await worker.tick(), { sent: 0, failed: 0, dead: 0 }, 'nothing left');
      assert.deepEqual(email.got.map((m) => m.recipient).sort(), ['duty@cnnic.example', 'office@miit.example']);
      const en = email.got.find((m) => m.recipient === 'office@miit.example')!;
      assert.ok(en.subject.startsWith('[dnswarden] Incident opened') && en.subject.includes('事件开启'), 'en first, zh too');
      assert.equal(webhook.got[0].incidentId, incident.id);
      assert.equal((webhook.got[0].data.incident as { grade: string }).grade, 'II');
      const ids = [...email.got, ...webhook.got].map((m) => m.id);
      assert.equal(new Set(ids).size, 3, 'distinct message ids per recipient');
      const sent = await store.notifications({ state: 'sent' });
      assert.equal(sent.length, 3);
      assert.ok(sent.every((x) => x.sentAt === new Date(T0 + 1000).toISOString()));
    } finally {
      await store.close();
    }
  });

  it('a worker process killed mid-send: after the lease a new worker re-sends with the same message id', async () => {
    const dataDir = join(root, `db${++n}`);
    let store = await openStore({ url: null, dataDir });
    const incident = await withIncident(store);
    const [item] = await enqueueIncidentNotifications(store, {
      incident, event: 'incident-opened', recipients: [recipients[0]], at: new Date(T0).toISOString(),
    });
    await store.close();

    // The child claims the item, reports the message id, then hangs inside send() until killed.
    const child = join(root, `crash-worker-${n}.mjs`);
    const src = (p: string) => JSON.stringify(pathToFileURL(join(process.cwd(), p)).href);
    writeFileSync(child, `
      import { openStore } from ${src('src/store/open-store.ts')};
      import { OutboxWorker } from ${src('src/notify/outbox-worker.ts')};
      const store = await openStore({ url: null, dataDir: ${JSON.stringify(dataDir)} });
      const hang = { channel: 'email', send: (m) => { process.stdout.write('SENDING ' + m.id + '\\n'); return new Promise(() => {}); } };
      const worker = new OutboxWorker({ store, notifiers: { email: hang }, now: () => ${T0 + 1000}, leaseMs: ${LEASE}, sendTimeoutMs: 3_600_000 });
      setTimeout(() => process.exit(3), 60_000).unref();
      await worker.tick();
    `);
    const proc = spawn(process.execPath, [child], { stdio: ['ignore', 'pipe', 'inherit'] });
    const sendingId = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error('child never reached send()')), 30_000);
      proc.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /SENDING (\S+)\n/.exec(out);
        if (m) { clearTimeout(timer); resolve(m[1]); }
      });
      proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`child exited early: ${code}`)); });
    });
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await exited;

    store = await openStore({ url: null, dataDir });
    try {
      const [leased] = await store.notifications({ incidentId: incident.id });
      assert.equal(leased.state, 'pending');
      assert.equal(leased.attempts, 1, 'the killed attempt counted');
      assert.equal(leased.leaseUntil, new Date(T0 + 1000 + LEASE).toISOString());

      let clock = T0 + 2000;
      const email = recorder('email');
      const worker = new OutboxWorker({ store, notifiers: { email }, now: () => clock, leaseMs: LEASE });
      assert.deepEqual(await worker.tick(), { sent: 0, failed: 0, dead: 0 }, 'still leased by the dead worker');
      clock = T0 + 1000 + LEASE;
      assert.deepEqual(await worker.tick(), { sent: 1, failed: 0, dead: 0 }, 'lease passed: re-sent');
      assert.equal(email.got[0].id, sendingId, 'same message id as the killed attempt: receivers can de-duplicate');
      assert.equal(email.got[0].id, (item.payload as { messageId: string }).messageId);
      const [done] = await store.notifications({ incidentId: incident.id });
      assert.deepEqual([done.state, done.attempts], ['sent', 2]);
    } finally {
      await store.close();
    }
  });

  it('concurrent workers on one store never send an item twice', async () => {
    const dataDir = join(root, `db${++n}`);
    const store = await openStore({ url: null, dataDir });
    try {
      const incident = await withIncident(store);
      const many: Recipient[] = Array.from({ length: 30 }, (_, i) => ({ channel: 'email', address: `u${i}@x.example`, org: 'cnnic' }));
      await enqueueIncidentNotifications(store, { incident, event: 'incident-opened', recipients: many, at: new Date(T0).toISOString() });
      const email = recorder('email');
      const workers = [1, 2, 3].map(() => new OutboxWorker({ store, notifiers: { email }, now: () => T0 + 1000, batchSize: 7 }));
      for (let round = 0; round < 5; round++) await Promise.all(workers.map((w) => w.tick()));
      assert.equal(email.got.length, 30);
      assert.equal(new Set(email.got.map((m) => m.recipient)).size, 30);
    } finally {
      await store.close();
    }
  });

  it('nothing is lost across close and reopen: pending, retry times and sent state persist', async () => {
    const dataDir = join(root, `db${++n}`);
    let store = await openStore({ url: null, dataDir });
    const incident = await withIncident(store);
    await enqueueIncidentNotifications(store, { incident, event: 'incident-opened', recipients, at: new Date(T0).toISOString() });
    const flaky: Notifier = { channel: 'webhook', async send() { throw new Error('connection refused'); } };
    const email = recorder('email');
    let w = new OutboxWorker({ store, notifiers: { email, webhook: flaky }, now: () => T0, backoff: { baseMs: 10_000, maxMs: 60_000, maxAttempts: 5 }, random: () => 0 });
    assert.deepEqual(await w.tick(), { sent: 2, failed: 1, dead: 0 });
    await w.stop();
    await store.close();

    store = await openStore({ url: null, dataDir });
    try {
      const all = await store.notifications({ incidentId: incident.id });
      assert.equal(all.length, 3);
      const pending = all.filter((x) => x.state === 'pending');
      assert.deepEqual(pending.map((x) => [x.channel, x.attempts, x.nextAttemptAt, x.lastError]),
        [['webhook', 1, new Date(T0 + 5000).toISOString(), 'connection refused']], 'retry at base/2 with zero jitter');
      const webhook = recorder('webhook');
      w = new OutboxWorker({ store, notifiers: { email, webhook }, now: () => T0 + 5000 });
      assert.deepEqual(await w.tick(), { sent: 1, failed: 0, dead: 0 });
      assert.equal(email.got.length, 2, 'sent emails are not sent again after reopen');
      assert.equal((await store.notifications({ state: 'sent' })).length, 3);
    } finally {
      await store.close();
    }
  });
});
