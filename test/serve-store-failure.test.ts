// The daemon in-process with a fake probe and a real embedded store that can be made to fail:
// cycles go on, /healthz says degraded with the reason, nothing is lost once the store is back,
// and every cycle is emitted to subscribers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Daemon } from '../src/daemon/daemon.ts';
import { buildApp } from '../src/http/app.ts';
import { openStore } from '../src/store/open-store.ts';
import type { Store } from '../src/store/store.ts';
import type { Snapshot } from '../src/core/snapshot.ts';
import type { DnsClient } from '../src/dns/dns-client-types.ts';
import { fakeConfig, TOKEN } from './http-fixtures.ts';

const noClient: DnsClient = { query: async () => { throw new Error('no network in this test'); }, close: async () => {} };

/** The store, with a switch that makes every write fail like a vanished database. */
function breakable(store: Store): { store: Store; setDown: (down: boolean) => void } {
  let down = false;
  const failing = new Set(['recordCycle', 'openOutage', 'closeOutage']);
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (down && failing.has(String(prop))) return Promise.reject(new Error('SQLITE_CANTOPEN: unable to open database file'));
        return value.apply(target, args);
      };
    },
  });
  return { store: proxy, setDown: (d) => { down = d; } };
}

test('a failing store degrades /healthz, keeps the cycles and writes them when it is back', { timeout: 60_000 }, async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'dw-store-fail-'));
  const real = await openStore({ url: null, dataDir: dir });
  const { store, setDown } = breakable(real);
  const config = fakeConfig();
  config.probing.intervalMs = 20;
  let minute = 0;
  const probe = async (): Promise<Snapshot> => {
    const at = (m: number) => new Date(Date.UTC(2026, 10, 23, 8, m)).toISOString();
    minute++;
    const rate = minute >= 3 ? 0 : 1; // from the third cycle on, node n1 stops answering
    return {
      at: at(minute + 1), window: { from: at(minute), to: at(minute + 1) },
      systems: [{ id: 'quiet', kind: 'authoritative', org: 'lab-registry', successRate: rate, latencyMs: null, stoppedMinutes: 0,
        nodes: [{ id: 'n1', address: '127.0.10.3', port: 53, queries: 10, answered: 10 * rate, succeeded: 10 * rate, successRate: rate,
          latencyMs: null, dataChecked: 0, dataErrors: 0, dataErrorRate: 0, keyDomainErrors: 0 }] }],
    };
  };
  const logs: string[] = [];
  const daemon = new Daemon({ config, store, version: 't', probe, client: noClient, log: (l) => logs.push(l) });
  const seen: string[] = [];
  daemon.onCycle((s) => seen.push(s.at));
  const app = await buildApp({ version: 't', config, token: TOKEN, latest: () => daemon.latest(), health: () => daemon.health(),
    metrics: () => daemon.metrics(), store });
  t.after(async () => { await daemon.stop({ graceMs: 1000 }); await app.close(); await real.close(); await rm(dir, { recursive: true, force: true }); });

  const waitCycles = async (n: number) => {
    for (let i = 0; i < 3000 && daemon.schedulerStats().cycles < n; i++) await new Promise((r) => setTimeout(r, 5));
    assert.ok(daemon.schedulerStats().cycles >= n, `reached ${n} cycles`);
  };
  setDown(true);
  await daemon.start();
  await waitCycles(4);
  const health = (await app.inject({ url: '/healthz' })).json();
  assert.equal(health.status, 'degraded');
  assert.equal(health.store, 'error');
  assert.match(health.reasons.join(' '), /store writes failing/);
  assert.doesNotMatch(JSON.stringify(health), /SQLITE|database file/, 'no internals on the open endpoint');
  assert.ok(daemon.storeStatus().pending >= 4);
  assert.match((await app.inject({ url: '/metrics' })).body, /^dnswarden_store_up 0$/m);
  assert.ok(logs.some((l) => /store: write failed/.test(l)));
  assert.ok(daemon.latest() !== null, 'the API still has the latest figures');

  setDown(false);
  const before = daemon.schedulerStats().cycles;
  await waitCycles(before + 1);
  assert.equal(daemon.storeStatus().ok, true);
  assert.equal((await app.inject({ url: '/healthz' })).json().status, 'ok');
  await daemon.stop({ graceMs: 1000 });
  const stored = await real.systemSeries('quiet', '2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z');
  assert.equal(stored.length, daemon.schedulerStats().cycles, 'every cycle stored, none lost');
  assert.deepEqual(seen.length, daemon.schedulerStats().cycles, 'every cycle emitted');
  const outages = await real.outageHistory('quiet', '2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z');
  assert.deepEqual(outages.map((o) => [o.nodeId, o.startedAt, o.endedAt]).sort(),
    [[null, '2026-11-23T08:03:00.000Z', null], ['n1', '2026-11-23T08:03:00.000Z', null]]);
});
