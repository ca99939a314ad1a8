// Builders for contract-test data, and the per-test store lifecycle.
import type { NodeMeasurement } from '../../core/snapshot.ts';
import type { CycleInput, Store, SystemAggregate } from '../store.ts';

export interface StoreHandle {
  store: Store;
  /** Closes and removes what makeStore created. */
  cleanup(): Promise<void>;
  /** Opens the same database again (a daemon restart); the contract closes what this returns. */
  reopen?: () => Promise<Store>;
}

export type MakeStore = () => Promise<StoreHandle>;

export async function withStore(makeStore: MakeStore, fn: (store: Store, handle: StoreHandle) => Promise<void>): Promise<void> {
  const handle = await makeStore();
  try {
    await fn(handle.store, handle);
  } finally {
    await handle.cleanup();
  }
}

/** 2026-11-23T08:MM:00.000Z for minute offsets (negative or above 59 roll over). */
export function minute(m: number): string {
  return new Date(Date.UTC(2026, 10, 23, 8, 0, 0) + m * 60_000).toISOString();
}

export function node(id: string, over: Partial<NodeMeasurement> = {}): NodeMeasurement {
  return {
    id, address: `127.0.10.${id.charCodeAt(0) % 200}`, port: 53, queries: 600, answered: 598, succeeded: 597, successRate: 0.995,
    latencyMs: { mean: 3.1, p50: 2, p95: 9, p99: 20, max: 41 }, dataChecked: 100_000, dataErrors: 3, dataErrorRate: 0.00003,
    keyDomainErrors: 0, ...over,
  };
}

export function systemAgg(id: string, over: Partial<SystemAggregate> = {}): SystemAggregate {
  return {
    id, kind: 'tld', org: 'cn-registry', successRate: 0.995, latencyMs: { mean: 3.1, p50: 2, p95: 9, p99: 20, max: 41 }, stoppedMinutes: 0,
    services: { registration: { up: true, degraded: false, downMinutes: 0 } }, coreDataIntact: true, ...over,
  };
}

export function cycle(systemId: string, at: string, nodes: NodeMeasurement[], over: Partial<CycleInput> = {}): CycleInput {
  return { at, systemId, nodes, system: systemAgg(systemId), ...over };
}
