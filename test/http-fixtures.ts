// Small fakes for the HTTP tests: a resolved config, a snapshot and an in-memory series store.
import type { ResolvedConfig } from '../src/config/config-types.ts';
import type { Snapshot } from '../src/core/snapshot.ts';
import { LatencySketch } from '../src/core/latency-sketch.ts';
import { CycleMetrics } from '../src/daemon/cycle-metrics.ts';
import type { AppDeps } from '../src/http/app.ts';
import type { Store } from '../src/store/store.ts';

export const TOKEN = 'test-token-0123456789abcdef';

export function fakeConfig(): ResolvedConfig {
  return {
    file: '<inline>',
    organizations: [{ id: 'lab-registry', role: 'registry' }],
    systems: [
      { id: 'lab-tld', org: 'lab-registry', kind: 'tld', zones: ['lab.'], nodes: [
        { id: 'a', address: '127.0.10.1', port: 53 }, { id: 'b"x', address: '127.0.10.2', port: 53 },
      ], sample: 10, nxdomainCheck: true },
      { id: 'quiet', org: 'lab-registry', kind: 'authoritative', zones: ['q.lab.'], nodes: [{ id: 'n1', address: '127.0.10.3', port: 53 }], sample: 10, nxdomainCheck: true },
    ],
    keyDomains: [],
    probing: { intervalMs: 1000, timeoutMs: 1000, transports: ['udp'], inFlight: 8, stoppedBelow: 0.05 },
    rules: { ruleset: 'miit-domain-security-2011', latencyStatistic: 'p50', openAfterCycles: 1, resolveAfterCycles: 1 },
    notifications: {},
    database: { url: null, retentionMs: 400 * 86_400_000 },
    http: { listen: '127.0.0.1:0', host: '127.0.0.1', port: 0, token: TOKEN, sessionTtlMs: 12 * 3600_000 },
  } as ResolvedConfig;
}

export function fakeSnapshot(at = '2026-11-23T08:00:10.000Z'): Snapshot {
  const lat = { mean: 3, p50: 2, p95: 9, p99: 20, max: 41 };
  return {
    at,
    window: { from: '2026-11-23T08:00:00.000Z', to: at },
    systems: [{
      id: 'lab-tld', kind: 'tld', org: 'lab-registry', successRate: 0.5, latencyMs: lat, stoppedMinutes: 0,
      services: { whois: { up: false, degraded: false, downMinutes: 3 } },
      nodes: [
        { id: 'a', address: '127.0.10.1', port: 53, queries: 100, answered: 100, succeeded: 100, successRate: 1, latencyMs: lat,
          dataChecked: 50, dataErrors: 1, dataErrorRate: 0.02, keyDomainErrors: 0, failures: {} },
        { id: 'b"x', address: '127.0.10.2', port: 53, queries: 100, answered: 0, succeeded: 0, successRate: 0, latencyMs: null,
          dataChecked: 0, dataErrors: 0, dataErrorRate: 0, keyDomainErrors: 0, failures: { timeout: 100 } },
      ],
    }],
  };
}

export function fakeMetrics(): CycleMetrics {
  const metrics = new CycleMetrics();
  const sketch = new LatencySketch();
  for (const ms of [0.5, 2, 3, 7, 40, 900, 20_000]) sketch.add(ms);
  metrics.observe(fakeSnapshot(), 1234, new Map([['lab-tld/a', sketch]]));
  metrics.observe(fakeSnapshot('2026-11-23T08:00:20.000Z'), 1000, new Map([['lab-tld/a', sketch]]));
  return metrics;
}

export function fakeDeps(overrides: Partial<AppDeps> = {}): AppDeps {
  const metrics = fakeMetrics();
  const snapshot = fakeSnapshot();
  return {
    version: '0.0.0-test',
    config: fakeConfig(),
    token: TOKEN,
    latest: () => snapshot,
    health: () => ({ status: 'ok', version: '0.0.0-test', lastCycleAt: snapshot.at, store: 'ok', reasons: [] }),
    metrics: () => metrics.families({ skippedTicks: 0, failedCycles: 0, storePending: 0, storeDropped: 0, storeOk: true }),
    store: {
      systemSeries: async (_id, _from, _to) => [{ at: snapshot.at, system: { ...snapshot.systems[0] } }],
      nodeSeries: async (_s, nodeId) => [{ at: snapshot.at, nodeId, address: '127.0.10.1', port: 53, queries: 10, answered: 10, succeeded: 9,
        successRate: 0.9, latencyMs: null, dataChecked: 0, dataErrors: 0, dataErrorRate: 0, keyDomainErrors: 0 }],
      outageHistory: async () => [{ id: 1, systemId: 'lab-tld', nodeId: 'b"x', service: null, startedAt: '2026-11-23T08:00:00.000Z', endedAt: null,
        measuredMs: 0, lastMeasuredAt: null }],
      gapHistory: async () => [{ id: 1, from: '2026-11-23T07:30:00.000Z', to: '2026-11-23T07:40:00.000Z', reason: 'platform-down' }],
      listFindings: async () => [],
      // no users: only the machine token authenticates
      getSession: async () => null,
      getApiToken: async () => null,
    } as Partial<Store> as Store,
    ...overrides,
  };
}
