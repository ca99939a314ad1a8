// Synthetic measurement snapshots for drills (应急演练): a configured system measured healthy, then
// a described fault applied to it. The drill runs the real grading and process on the result. Pure.
import type { NodeMeasurement, Snapshot, SystemKind, SystemMeasurement } from '../core/snapshot.ts';

export type DrillFault =
  | { systemId: string; kind: 'stopped'; minutes?: number }
  | { systemId: string; kind: 'nodes-down'; nodes: number }
  | { systemId: string; kind: 'slow'; nodes: number; latencyMs?: number }
  | { systemId: string; kind: 'data-errors'; rate: number; nodes?: number }
  | { systemId: string; kind: 'key-domain-errors' }
  | { systemId: string; kind: 'registration-down'; minutes: number }
  | { systemId: string; kind: 'core-data-damaged' };

const DRILL_FAULT_KINDS = ['stopped', 'nodes-down', 'slow', 'data-errors', 'key-domain-errors', 'registration-down', 'core-data-damaged'] as const;

export interface DrillSystem { id: string; org: string; kind: SystemKind; nodes: Array<{ id: string; address: string; port: number }> }

const QUERIES = 1000;
const CHECKED = 10_000;

function healthyNode(n: { id: string; address: string; port: number }): NodeMeasurement {
  return {
    id: n.id, address: n.address, port: n.port, queries: QUERIES, answered: QUERIES, succeeded: QUERIES, successRate: 1,
    latencyMs: { mean: 10, p50: 10, p95: 10, p99: 10, max: 10 }, dataChecked: CHECKED, dataErrors: 0, dataErrorRate: 0, keyDomainErrors: 0,
    // A drill describes exact rates: its synthetic data checks are a census (decided exactly, docs/evidence.md).
    dataCensus: true,
  };
}

const downNode = (n: NodeMeasurement): NodeMeasurement =>
  ({ ...n, answered: 0, succeeded: 0, successRate: 0, latencyMs: null, dataChecked: 0, dataErrorRate: 0, failures: { timeout: n.queries } });

/** Totals recomputed from the nodes: success rate over all queries, latency of the slowest node. */
function withTotals(s: SystemMeasurement): SystemMeasurement {
  const queries = s.nodes.reduce((t, n) => t + n.queries, 0);
  const succeeded = s.nodes.reduce((t, n) => t + n.succeeded, 0);
  const slowest = s.nodes.map((n) => n.latencyMs).filter((l) => l !== null).sort((a, b) => b.p50 - a.p50)[0] ?? null;
  return { ...s, successRate: queries > 0 ? succeeded / queries : 0, latencyMs: slowest };
}

export function healthySystem(sys: DrillSystem): SystemMeasurement {
  const nodes = (sys.nodes.length > 0 ? sys.nodes : [{ id: 'n1', address: '127.0.0.1', port: 53 }]).map(healthyNode);
  const up = { up: true, degraded: false, downMinutes: 0 };
  return withTotals({
    id: sys.id, kind: sys.kind, org: sys.org, nodes, successRate: 1, latencyMs: null, stoppedMinutes: 0,
    services: sys.kind === 'tld' || sys.kind === 'registration' ? { registration: up, whois: up, rdap: up } : {},
    coreDataIntact: true,
  });
}

/** The first `count` nodes changed by `f` (at least one, at most all; one when not given). */
function onNodes(s: SystemMeasurement, count: number | undefined, f: (n: NodeMeasurement) => NodeMeasurement): SystemMeasurement {
  const k = Math.max(1, Math.min(s.nodes.length, Number.isFinite(count) ? Math.floor(count as number) : 1));
  return withTotals({ ...s, nodes: s.nodes.map((n, i) => (i < k ? f(n) : n)) });
}

export function applyFault(s: SystemMeasurement, fault: DrillFault): SystemMeasurement {
  switch (fault.kind) {
    case 'stopped': return { ...onNodes(s, s.nodes.length, downNode), stoppedMinutes: fault.minutes ?? 90 };
    case 'nodes-down': return onNodes(s, fault.nodes, downNode);
    case 'slow': {
      const ms = fault.latencyMs ?? 6000;
      return onNodes(s, fault.nodes, (n) => ({ ...n, latencyMs: { mean: ms, p50: ms, p95: ms, p99: ms, max: ms } }));
    }
    case 'data-errors': {
      const errors = Math.round(fault.rate * CHECKED);
      return onNodes(s, fault.nodes ?? 1, (n) => ({ ...n, dataChecked: CHECKED, dataErrors: errors, dataErrorRate: errors / CHECKED }));
    }
    case 'key-domain-errors': return onNodes(s, 1, (n) => ({ ...n, keyDomainErrors: 1 }));
    case 'registration-down':
      return { ...s, services: { ...s.services, registration: { up: false, degraded: false, downMinutes: fault.minutes } } };
    case 'core-data-damaged': return { ...s, coreDataIntact: false };
  }
}

/**
 * A snapshot holding the faulted systems and those listed healthy (recovery cycles); the others are
 * "not probed", so their drill tracks do not change. Throws on an unknown system or fault kind.
 */
export function drillSnapshot(systems: readonly DrillSystem[], faults: readonly DrillFault[], at: string,
  opts: { healthy?: readonly string[]; windowMs?: number } = {}): Snapshot {
  const out = new Map<string, SystemMeasurement>();
  for (const id of opts.healthy ?? []) {
    const sys = systems.find((s) => s.id === id);
    if (!sys) throw new Error(`drill: unknown system '${id}'`);
    out.set(id, healthySystem(sys));
  }
  for (const f of faults) {
    const sys = systems.find((s) => s.id === f.systemId);
    if (!sys) throw new Error(`drill fault: unknown system '${f.systemId}'`);
    if (!(DRILL_FAULT_KINDS as readonly string[]).includes(f.kind)) throw new Error(`drill fault: unknown kind '${(f as { kind: string }).kind}'`);
    out.set(sys.id, applyFault(out.get(sys.id) ?? healthySystem(sys), f));
  }
  const to = new Date(at);
  const windowMs = opts.windowMs ?? 60_000;
  return { at: to.toISOString(), window: { from: new Date(to.getTime() - windowMs).toISOString(), to: to.toISOString() }, systems: [...out.values()] };
}
