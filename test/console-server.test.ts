// The console's server side: the SSE stream (auth, first frame, live cycles, pings, cleanup on
// disconnect, the bound on concurrent streams, shutdown with open streams) and the static console
// (index fallback for client routes, cache headers, no path escapes, the "not built" page).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { buildApp } from '../src/http/app.ts';
import { eventsRoutes, type LiveEvent } from '../src/http/routes/events.ts';
import { requireAuth } from '../src/http/request-auth.ts';
import { fakeDeps, fakeSnapshot, TOKEN } from './http-fixtures.ts';

const auth = { authorization: `Bearer ${TOKEN}` };

/** A publish/subscribe pair standing in for the daemon's 'cycle' event. */
function feed() {
  const listeners = new Set<(e: LiveEvent) => void>();
  return {
    subscribe: (fn: (e: LiveEvent) => void) => { listeners.add(fn); return () => { listeners.delete(fn); }; },
    publish: (e: LiveEvent) => { for (const fn of listeners) fn(e); },
    count: () => listeners.size,
  };
}

/** Reads an SSE response: `until(pred)` returns the text read since the last call once `pred` holds; bounded. */
function sseReader(res: Response) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  return {
    async until(pred: (text: string) => boolean, timeoutMs = 10_000): Promise<string> {
      let text = '';
      const deadline = Date.now() + timeoutMs;
      for (let i = 0; i < 1000 && Date.now() < deadline; i++) {
        let timer: NodeJS.Timeout | undefined;
        const next = await Promise.race([reader.read(), new Promise<null>((r) => { timer = setTimeout(() => r(null), deadline - Date.now()); })]);
        clearTimeout(timer);
        if (next === null || next.done) break;
        text += next.value;
        if (pred(text)) break;
      }
      return text;
    },
  };
}

async function waitFor(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; i < 1000; i++) {
    if (check()) return;
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('GET /api/v1/events: auth, the latest figures at once, a frame per cycle, cleanup on disconnect', async (t) => {
  const live = feed();
  const app = await buildApp(fakeDeps({ subscribe: live.subscribe }));
  t.after(() => app.close());
  const url = await app.listen({ host: '127.0.0.1', port: 0 });

  const status = async (u: string, headers: Record<string, string> = {}) => {
    const r = await fetch(u, { headers });
    await r.text();
    return r.status;
  };
  assert.equal(await status(`${url}/api/v1/events`), 401);
  assert.equal(await status(`${url}/api/v1/events?token=${TOKEN}`), 401, 'no tokens in URLs');
  assert.equal(await status(`${url}/api/v1/events?x=1`, auth), 400);

  const abort = new AbortController();
  const res = await fetch(`${url}/api/v1/events`, { headers: auth, signal: abort.signal });
  assert.equal(res.status, 200);
  assert.match(String(res.headers.get('content-type')), /^text\/event-stream/);
  assert.equal(res.headers.get('cache-control'), 'no-cache, no-transform');
  const stream = sseReader(res);
  const first = await stream.until((s) => s.includes('event: cycle'));
  assert.match(first, /^retry: 5000\n\n/);
  const data = JSON.parse(/event: cycle\ndata: (.*)\n\n/.exec(first)![1]);
  assert.equal(data.at, '2026-11-23T08:00:10.000Z');
  assert.deepEqual(data.systems.map((s: { id: string }) => s.id), ['lab-tld', 'quiet']);
  await waitFor('subscribed', () => live.count() === 1);

  const later = fakeSnapshot('2026-11-23T08:00:20.000Z');
  later.systems[0].nodes[0].successRate = 0;
  live.publish({ kind: 'cycle', snapshot: later });
  live.publish({ kind: 'incident', data: { id: 'i1', grade: 'II' } });
  const next = await stream.until((s) => s.includes('event: incident'));
  const cycle = JSON.parse(/event: cycle\ndata: (.*)\n\n/.exec(next)![1]);
  assert.equal(cycle.at, '2026-11-23T08:00:20.000Z');
  assert.equal(cycle.systems[0].nodes[0].successRate, 0);
  assert.match(next, /event: incident\ndata: \{"id":"i1","grade":"II"\}\n\n/);

  abort.abort();
  await waitFor('unsubscribed after the client left', () => live.count() === 0);
});

test('events: pings, at most maxStreams at once, and the server closes with streams open', async () => {
  const live = feed();
  const app = Fastify();
  const deps = fakeDeps({ subscribe: live.subscribe });
  // The stream is scoped to its caller, so it needs the auth hook in front of it.
  app.decorateRequest('auth', null);
  app.addHook('onRequest', requireAuth(deps));
  await app.register(eventsRoutes, { deps, maxStreams: 2, pingMs: 50 });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const a = await fetch(`${url}/events`, { headers: auth });
  const b = await fetch(`${url}/events`, { headers: auth });
  assert.equal(a.status, 200);
  assert.equal(b.status, 200);
  const c = await fetch(`${url}/events`, { headers: auth });
  assert.equal(c.status, 503);
  assert.match(((await c.json()) as { error: string }).error, /too many live streams/);
  assert.match(await sseReader(a).until((s) => s.includes(': ping')), /\n: ping\n\n/);
  await waitFor('two subscribers', () => live.count() === 2);

  const closed = app.close();
  await Promise.race([closed, new Promise((_, reject) => setTimeout(() => reject(new Error('close hung on open streams')), 10_000))]);
  assert.equal(live.count(), 0);
});

test('console: index for client routes, cached hashed assets, no escapes, JSON 404s under /api', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'dw-console-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const dist = path.join(dir, 'dist');
  await mkdir(path.join(dist, 'assets'), { recursive: true });
  await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>console</title>');
  await writeFile(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  await writeFile(path.join(dist, 'favicon.svg'), '<svg/>');
  await writeFile(path.join(dir, 'secret.txt'), 'TOP-SECRET-CONTENT');
  const app = await buildApp(fakeDeps({ consoleDir: dist }));
  t.after(() => app.close());

  for (const url of ['/', '/incidents', '/incidents/42', '/systems/lab-tld', '/login?next=1']) {
    const res = await app.inject({ url });
    assert.equal(res.statusCode, 200, url);
    assert.match(res.body, /<title>console<\/title>/);
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
  }
  const js = await app.inject({ url: '/assets/index-abc123.js' });
  assert.equal(js.statusCode, 200);
  assert.match(String(js.headers['content-type']), /^text\/javascript/);
  assert.equal(js.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal((await app.inject({ url: '/favicon.svg' })).headers['content-type'], 'image/svg+xml');
  assert.equal((await app.inject({ url: '/assets/index-old.js' })).statusCode, 404, 'a missing asset is not HTML');

  for (const url of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
    const res = await app.inject({ url });
    assert.doesNotMatch(res.body, /TOP-SECRET-CONTENT/, url);
  }
  const api = await app.inject({ url: '/api/v1/nope' });
  assert.equal(api.statusCode, 404);
  assert.deepEqual(api.json(), { error: 'no route GET /api/v1/nope', statusCode: 404 });
  assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200);
  assert.equal((await app.inject({ url: '/api/v1/systems', headers: auth })).statusCode, 200);
});

test('console: without a build, a page says how to make one', async (t) => {
  const app = await buildApp(fakeDeps({ consoleDir: path.join(tmpdir(), 'dw-console-missing-does-not-exist') }));
  t.after(() => app.close());
  const res = await app.inject({ url: '/incidents' });
  assert.equal(res.statusCode, 503);
  assert.match(res.body, /npm run build:web/);
  assert.match(String(res.headers['content-type']), /^text\/html/);
});
