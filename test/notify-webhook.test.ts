// Signed webhooks against a real node:http receiver on loopback: the receiver checks the
// HMAC (and rejects a tampered body); 500, 500, then 200 is retried with backoff on a fake
// clock and ends sent; a 4xx other than 408/429 is permanent → dead; 429 and timeouts retry.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { openStore } from '../src/store/open-store.ts';
import type { Store } from '../src/store/store.ts';
import { enqueueIncidentNotifications } from '../src/notify/incident-notifications.ts';
import { OutboxWorker } from '../src/notify/outbox-worker.ts';
import { createWebhookNotifier, type WebhookBody } from '../src/notify/webhook/webhook-notifier.ts';
import { signWebhook, verifyWebhookSignature } from '../src/notify/webhook/webhook-signature.ts';

const SECRET = 'hook-secret-密钥-0123456789';
const T0 = Date.parse('2026-11-23T08:00:00.000Z');
let clock = T0;
const now = () => clock;

interface Received { path: string; status: number; delivery: string; body: WebhookBody | null; verdict: string }
const received: Received[] = [];
/** Status to answer per path, consumed in order; 200 when exhausted. */
const plan = new Map<string, number[]>();
let server: Server;
let base = '';
const root = mkdtempSync(join(tmpdir(), 'dnswarden-webhook-'));
let store: Store;

function handle(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const raw = Buffer.concat(chunks);
    const path = req.url ?? '/';
    if (path === '/hang') return; // never answers: the notifier's timeout must fire
    const v = verifyWebhookSignature({
      secret: SECRET, rawBody: raw, nowMs: clock,
      timestamp: req.headers['x-dnswarden-timestamp'] as string | undefined, signature: req.headers['x-dnswarden-signature'] as string | undefined,
    });
    const delivery = String(req.headers['x-dnswarden-delivery'] ?? '');
    if (!v.ok) {
      received.push({ path, status: 401, delivery, body: null, verdict: v.reason });
      res.writeHead(401).end(v.reason);
      return;
    }
    const body = JSON.parse(raw.toString('utf8')) as WebhookBody;
    const status = plan.get(path)?.shift() ?? 200;
    received.push({ path, status, delivery, body, verdict: 'ok' });
    res.writeHead(status, status === 429 ? { 'retry-after': '120' } : {}).end(status < 300 ? 'ok' : 'nope');
  });
}

before(async () => {
  server = createServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  store = await openStore({ url: null, dataDir: root });
});
after(async () => {
  await store.close();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(root, { recursive: true, force: true });
});

let seq = 0;
async function enqueueTo(path: string) {
  const incident = await store.createIncident({
    id: `INC-W${++seq}`, systemId: 'cn-tld', org: 'cnnic', state: 'initial-response', grade: 'I', createdAt: new Date(T0).toISOString(),
    detail: { openedAt: new Date(T0).toISOString(), deadlines: { writtenReportDue: new Date(T0 + 86_400_000).toISOString(), sent: [] } },
  });
  const [item] = await enqueueIncidentNotifications(store, {
    incident, event: 'incident-opened', at: new Date(clock).toISOString(), recipients: [{ channel: 'webhook', address: `${base}${path}`, org: 'miit' }],
  });
  return item;
}

function makeWorker(paths: string[], timeoutMs = 5000) {
  const webhook = createWebhookNotifier(paths.map((p) => ({ url: `${base}${p}`, secret: SECRET })), { now, timeoutMs });
  return new OutboxWorker({ store, notifiers: { webhook }, now, random: () => 0, backoff: { baseMs: 60_000, maxMs: 3_600_000, maxAttempts: 5 } });
}

describe('signed webhooks through the outbox', () => {
  it('the receiver rejects a tampered body and a replay outside the window', async () => {
    const body = JSON.stringify({ id: 'x', event: 'incident-opened' });
    const ts = String(Math.floor(clock / 1000));
    const headers = { 'content-type': 'application/json', 'x-dnswarden-timestamp': ts, 'x-dnswarden-signature': signWebhook(SECRET, ts, body) };
    assert.equal((await fetch(`${base}/probe`, { method: 'POST', headers, body })).status, 200);
    const tampered = body.replace('"x"', '"y"');
    assert.equal((await fetch(`${base}/probe`, { method: 'POST', headers, body: tampered })).status, 401);
    assert.equal(received.at(-1)!.verdict, 'mismatch');
    clock += 10 * 60_000; // the same signed request 10 minutes later is a replay
    assert.equal((await fetch(`${base}/probe`, { method: 'POST', headers, body })).status, 401);
    assert.equal(received.at(-1)!.verdict, 'stale');
  });

  it('500, 500, 200: retried with growing backoff on the fake clock, then sent; same delivery id each time', async () => {
    plan.set('/flaky', [500, 500]);
    const item = await enqueueTo('/flaky');
    const worker = makeWorker(['/flaky']);
    assert.deepEqual(await worker.tick(), { sent: 0, failed: 1, dead: 0 });
    let [row] = await store.notifications({ incidentId: item.incidentId! });
    assert.equal(row.nextAttemptAt, new Date(clock + 30_000).toISOString(), 'first retry after base/2 (zero jitter)');
    assert.match(row.lastError ?? '', /HTTP 500/);
    assert.deepEqual(await worker.tick(), { sent: 0, failed: 0, dead: 0 }, 'not due yet');
    clock += 30_000;
    assert.deepEqual(await worker.tick(), { sent: 0, failed: 1, dead: 0 });
    [row] = await store.notifications({ incidentId: item.incidentId! });
    assert.equal(row.nextAttemptAt, new Date(clock + 60_000).toISOString(), 'second retry waits twice as long');
    clock += 60_000;
    assert.deepEqual(await worker.tick(), { sent: 1, failed: 0, dead: 0 });
    [row] = await store.notifications({ incidentId: item.incidentId! });
    assert.deepEqual([row.state, row.attempts], ['sent', 3]);
    const hits = received.filter((r) => r.path === '/flaky');
    assert.deepEqual(hits.map((h) => [h.status, h.verdict]), [[500, 'ok'], [500, 'ok'], [200, 'ok']]);
    const id = (item.payload as { messageId: string }).messageId;
    assert.ok(hits.every((h) => h.delivery === id && h.body!.id === id));
    assert.equal(hits[2].body!.incidentId, item.incidentId);
    assert.ok(hits[2].body!.subject.includes('Grade I 特别重大 (extraordinarily serious)'));
  });

  it('a 404 is permanent: dead at once, not retried', async () => {
    plan.set('/gone', [404]);
    const item = await enqueueTo('/gone');
    const worker = makeWorker(['/gone']);
    assert.deepEqual(await worker.tick(), { sent: 0, failed: 0, dead: 1 });
    clock += 3_600_000;
    assert.deepEqual(await worker.tick(), { sent: 0, failed: 0, dead: 0 });
    const [row] = await store.notifications({ incidentId: item.incidentId! });
    assert.deepEqual([row.state, row.attempts], ['dead', 1]);
    assert.match(row.lastError ?? '', /HTTP 404/);
  });

  it('408 and 429 are temporary; Retry-After lengthens the wait', async () => {
    plan.set('/busy', [429, 408]);
    const item = await enqueueTo('/busy');
    const worker = makeWorker(['/busy']);
    assert.deepEqual(await worker.tick(), { sent: 0, failed: 1, dead: 0 });
    let [row] = await store.notifications({ incidentId: item.incidentId! });
    assert.equal(row.nextAttemptAt, new Date(clock + 120_000).toISOString(), 'Retry-After: 120 beats the 30 s backoff');
    clock += 120_000;
    assert.deepEqual(await worker.tick(), { sent: 0, failed: 1, dead: 0 });
    clock += 60_000;
    assert.deepEqual(await worker.tick(), { sent: 1, failed: 0, dead: 0 });
    [row] = await store.notifications({ incidentId: item.incidentId! });
    assert.equal(row.state, 'sent');
  });

  it('gives up after maxAttempts temporary failures', async () => {
    plan.set('/down', [503, 503, 503, 503, 503, 503]);
    const item = await enqueueTo('/down');
    const worker = makeWorker(['/down']);
    const results = [];
    for (let i = 0; i < 5; i++) {
      results.push(await worker.tick());
      clock += 3_600_000;
    }
    assert.deepEqual(results.map((r) => r.dead), [0, 0, 0, 0, 1]);
    const [row] = await store.notifications({ incidentId: item.incidentId! });
    assert.deepEqual([row.state, row.attempts], ['dead', 5]);
  });

  it('a receiver that never answers times out (temporary); an unconfigured URL is permanent', async () => {
    const slow = await enqueueTo('/hang');
    const worker = makeWorker(['/hang'], 300);
    assert.deepEqual(await worker.tick(), { sent: 0, failed: 1, dead: 0 });
    const [row] = await store.notifications({ incidentId: slow.incidentId! });
    assert.match(row.lastError ?? '', /timed out/);
    clock += 3_600_000;
    const rogue = await enqueueTo('/not-configured');
    const other = makeWorker(['/flaky']);
    await other.tick();
    const [r2] = await store.notifications({ incidentId: rogue.incidentId! });
    assert.equal(r2.state, 'dead');
    assert.match(r2.lastError ?? '', /not a configured webhook/);
    assert.equal(received.filter((r) => r.path === '/not-configured').length, 0, 'never called');
  });
});
