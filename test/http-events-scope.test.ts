// The live stream over a real socket is scoped like the REST routes: each signed-in client gets the
// figures of the systems it may see and the incidents it may read (GET /systems, GET /incidents/:id),
// every warning (GET /warnings), and a stream whose session is revoked ends within the re-check period.
// Absence is asserted only after a later cycle that every stream receives, so nothing depends on timing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp, type AppDeps } from '../src/http/app.ts';
import { eventsRoutes } from '../src/http/routes/events.ts';
import { requireAuth } from '../src/http/request-auth.ts';
import { LiveBus } from '../src/daemon/live-bus.ts';
import { createAuthorize, UserDirectory } from '../src/daemon/incident-authorize.ts';
import { IncidentService } from '../src/response/incident-service.ts';
import { readRuleset } from '../src/config/read-ruleset.ts';
import { hashPassword } from '../src/auth/passwords.ts';
import { login, logout } from '../src/auth/sessions.ts';
import { openStore } from '../src/store/open-store.ts';
import type { Snapshot, SystemMeasurement } from '../src/core/snapshot.ts';
import { CHEAP, FakeClock, MACHINE_TOKEN, PASSWORD, USERS, worldConfig } from './http-access-fixtures.ts';

type Frame = { event: string; data: any };

const measured = (id: string, kind: SystemMeasurement['kind'], org: string, successRate: number): SystemMeasurement =>
  ({ id, kind, org, successRate, latencyMs: null, stoppedMinutes: 0, nodes: [] });

/** cn-tld of the registry, big-auth of big-dns, bj-resolver of bj-telecom (seen by the BJ authority). */
function snapshot(at: string, rate: number): Snapshot {
  return { at, window: { from: at, to: at }, systems: [
    measured('cn-tld', 'tld', 'registry', rate), measured('big-auth', 'authoritative', 'big-dns', rate),
    measured('bj-resolver', 'recursive', 'bj-telecom', rate),
  ] };
}

const WHO = ['office-admin', 'office', 'registry', 'big-dns', 'bj'] as const;

async function liveWorld(t: { after: (fn: () => unknown) => void }) {
  const dir = mkdtempSync(join(tmpdir(), 'dnswarden-events-'));
  const config = worldConfig();
  const store = await openStore({ url: null, dataDir: dir });
  const clock = new FakeClock('2026-11-23T08:00:00.000Z');
  const users = new UserDirectory(store);
  const service = new IncidentService({
    store, config, ruleset: await readRuleset('miit-domain-security-2011'), now: clock.now,
    notify: async () => undefined, authorize: createAuthorize(config, users),
  });
  const hash = await hashPassword(PASSWORD, CHEAP);
  for (const who of WHO) {
    const u = USERS[who];
    await store.createUser({ org: u.org, username: who, displayName: who, passwordHash: hash, roles: [...u.roles], createdAt: clock.now().toISOString() });
  }
  await users.refresh();
  const bus = new LiveBus();
  let latest: Snapshot | null = snapshot('2026-11-23T08:00:00.000Z', 1);
  const deps: AppDeps = {
    version: '0.0.0-test', config, token: MACHINE_TOKEN, latest: () => latest,
    health: () => ({ status: 'ok', version: '0.0.0-test', lastCycleAt: null, store: 'ok', reasons: [] }),
    metrics: () => [], store, incidents: service, now: clock.now, scrypt: CHEAP,
    publish: (e) => bus.publish(e), subscribe: (l) => bus.subscribe(l),
  };
  const apps: FastifyInstance[] = [];
  t.after(async () => {
    for (const app of apps) await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    config, store, clock, bus, deps, apps,
    /** The daemon's side: a cycle becomes the latest figures and is published. */
    cycle(s: Snapshot) { latest = s; bus.publish({ kind: 'cycle', snapshot: s }); },
  };
}

/** Reads SSE frames; `until(pred)` returns every frame so far once pred holds (or the stream ended / timed out). */
function frames(res: Response) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  const got: Frame[] = [];
  let done = false;
  return {
    get done() { return done; },
    async until(pred: (fs: Frame[]) => boolean, timeoutMs = 10_000): Promise<Frame[]> {
      const deadline = Date.now() + timeoutMs;
      for (let i = 0; i < 2000 && !done && !pred(got) && Date.now() < deadline; i++) {
        let timer: NodeJS.Timeout | undefined;
        const next = await Promise.race([reader.read(), new Promise<null>((r) => { timer = setTimeout(() => r(null), deadline - Date.now()); })]);
        clearTimeout(timer);
        if (next === null) break;
        if (next.done) { done = true; break; }
        text += next.value;
        for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n')) {
          const block = text.slice(0, end);
          text = text.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data !== undefined) got.push({ event, data: JSON.parse(data) });
        }
      }
      return got;
    },
  };
}

const cycles = (fs: Frame[]) => fs.filter((f) => f.event === 'cycle');
const systemIds = (f: Frame) => (f.data.systems as Array<{ id: string }>).map((s) => s.id).sort();

test('GET /events: each client gets only the systems and incidents it may see, and every warning', async (t) => {
  const w = await liveWorld(t);
  const app = await buildApp(w.deps);
  w.apps.push(app);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const tokens: Record<string, string> = {};
  for (const who of WHO) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: who, password: PASSWORD } });
    assert.equal(res.statusCode, 200, res.body);
    tokens[who] = res.json().token;
  }
  const bearer = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });

  const abort = new AbortController();
  t.after(() => abort.abort());
  const streams: Record<string, ReturnType<typeof frames>> = {};
  for (const who of ['office-admin', 'registry', 'big-dns', 'bj']) {
    const res = await fetch(`${url}/api/v1/events`, { headers: bearer(who), signal: abort.signal });
    assert.equal(res.status, 200, who);
    streams[who] = frames(res);
    // The first frame is written after the subscription: once it is here, the stream hears every publish.
    await streams[who].until((fs) => cycles(fs).length === 1);
  }

  // What the REST routes let each of them see: the stream must match.
  const expected: Record<string, string[]> = {};
  for (const who of Object.keys(streams)) {
    const res = await app.inject({ url: '/api/v1/systems', headers: bearer(who) });
    expected[who] = (res.json().systems as Array<{ id: string }>).map((s) => s.id).sort();
  }
  assert.deepEqual(expected['office-admin'], ['big-auth', 'bj-auth', 'bj-resolver', 'cn-tld', 'sh-site-dns']);
  assert.deepEqual(expected.registry, ['cn-tld']);
  assert.deepEqual(expected['big-dns'], ['big-auth']);
  assert.deepEqual(expected.bj, ['bj-auth', 'bj-resolver']);

  w.cycle(snapshot('2026-11-23T08:01:00.000Z', 0.25));
  // An incident of the registry (grade II: the office commands), opened through the API, and a warning.
  const opened = await app.inject({ method: 'POST', url: '/api/v1/incidents', headers: bearer('office'),
    payload: { systemId: 'cn-tld', grade: 'II', title: 'cn-tld down', description: 'no answers' } });
  assert.equal(opened.statusCode, 201, opened.body);
  const incidentId = opened.json().incident.id as string;
  const warned = await app.inject({ method: 'POST', url: '/api/v1/warnings', headers: bearer('office'),
    payload: { level: 'blue', scope: { national: true }, text: 'watch the root' } });
  assert.equal(warned.statusCode, 201, warned.body);
  // The marker: every stream receives this cycle after whatever came before it on the same socket.
  w.cycle(snapshot('2026-11-23T08:02:00.000Z', 0.5));

  for (const [who, stream] of Object.entries(streams)) {
    const got = await stream.until((fs) => cycles(fs).length === 3);
    const cs = cycles(got);
    assert.equal(cs.length, 3, `${who}: three cycles`);
    assert.deepEqual(cs.map((c) => c.data.at), ['2026-11-23T08:00:00.000Z', '2026-11-23T08:01:00.000Z', '2026-11-23T08:02:00.000Z'], who);
    for (const c of cs) assert.deepEqual(systemIds(c), expected[who], `${who}: the systems of GET /systems`);
    const measuredIds = new Set(['cn-tld', 'big-auth', 'bj-resolver']);
    for (const s of cs[1].data.systems as Array<{ id: string; successRate: number | null }>) {
      assert.equal(s.successRate, measuredIds.has(s.id) ? 0.25 : null, `${who}: the live figures of ${s.id}`);
    }
    const incidents = got.filter((f) => f.event === 'incident');
    const readable = (await app.inject({ url: `/api/v1/incidents/${incidentId}`, headers: bearer(who) })).statusCode === 200;
    assert.equal(readable, who === 'office-admin' || who === 'registry', `${who}: GET /incidents/:id`);
    assert.deepEqual(incidents.map((f) => f.data.id), readable ? [incidentId] : [], `${who}: incident events`);
    if (readable) assert.equal(incidents[0].data.org, 'registry');
    assert.deepEqual(got.filter((f) => f.event === 'warning').map((f) => f.data.change), ['issued'], `${who}: warnings`);
    // Nothing of another organisation anywhere in the stream.
    const text = JSON.stringify(got);
    if (who === 'big-dns' || who === 'bj') assert.doesNotMatch(text, /"cn-tld"|"registry"/, who);
  }
  abort.abort();
});

test('GET /events: a revoked session ends the stream within the re-check period; the machine token sees all', async (t) => {
  const w = await liveWorld(t);
  const app = Fastify();
  w.apps.push(app);
  await app.register(async (api) => {
    api.decorateRequest('auth', null);
    api.addHook('onRequest', requireAuth(w.deps));
    await api.register(eventsRoutes, { deps: w.deps, authRecheckMs: 50 });
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const session = await login(w.store, 'registry', PASSWORD, { now: w.clock.now().toISOString() });
  assert.ok(session);

  const abort = new AbortController();
  t.after(() => abort.abort());
  const open = async (token: string) => {
    const res = await fetch(`${url}/events`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
    assert.equal(res.status, 200);
    const s = frames(res);
    await s.until((fs) => cycles(fs).length === 1);
    return s;
  };
  const registry = await open(session.token);
  const machine = await open(MACHINE_TOKEN);
  assert.equal(w.bus.listeners, 2);

  // Still alive across several re-checks.
  await new Promise((r) => setTimeout(r, 200));
  w.cycle(snapshot('2026-11-23T08:01:00.000Z', 0.5));
  assert.deepEqual(systemIds(cycles(await registry.until((fs) => cycles(fs).length === 2))[1]), ['cn-tld']);
  assert.equal(registry.done, false);

  await logout(w.store, session.token, w.clock.now().toISOString());
  const after = await registry.until(() => false, 5000);
  assert.equal(registry.done, true, 'the revoked stream ended');
  assert.equal(cycles(after).length, 2);
  assert.equal(w.bus.listeners, 1, 'its subscription is gone');

  // The machine token's stream goes on, with every system.
  w.cycle(snapshot('2026-11-23T08:02:00.000Z', 0.5));
  const all = cycles(await machine.until((fs) => cycles(fs).length === 3));
  assert.equal(all.length, 3);
  assert.equal(all[2].data.systems.length, w.config.systems.length);
  assert.equal(machine.done, false);
  abort.abort();
});
