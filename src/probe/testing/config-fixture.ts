// Hand-made ResolvedConfig for probe tests, without YAML files.
import type { ResolvedConfig, ResolvedSystem } from '../../config/config-types.ts';

export function probeConfig(systems: ResolvedSystem[], probing: Partial<ResolvedConfig['probing']> = {},
  keyDomains: ResolvedConfig['keyDomains'] = []): ResolvedConfig {
  return {
    file: '<inline>',
    organizations: [{ id: 'org', role: 'registry' }],
    systems,
    keyDomains,
    probing: { intervalMs: 10_000, timeoutMs: 10_000, transports: ['udp'], inFlight: 64, stoppedBelow: 0.05, ...probing },
    rules: { ruleset: 'miit-domain-security-2011', latencyStatistic: 'p50', openAfterCycles: 2, resolveAfterCycles: 3 },
    notifications: {},
    database: { url: null, retentionMs: 400 * 86_400_000 },
    http: { listen: '127.0.0.1:8053', host: '127.0.0.1', port: 8053, sessionTtlMs: 12 * 3600_000 },
  };
}

export function authSystem(id: string, zones: string[], nodes: Array<{ id: string; address: string; port: number }>,
  extra: Partial<ResolvedSystem> = {}): ResolvedSystem {
  return { id, org: 'org', kind: 'authoritative', zones, nodes, sample: 'all', nxdomainCheck: true, ...extra };
}
