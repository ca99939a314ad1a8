// Shared shapes of the probe engine: what a probe kind receives and returns.
import type { ResolvedConfig, ResolvedSystem } from '../config/config-types.ts';
import type { DnsClient } from '../dns/dns-client-types.ts';
import type { NodeTally } from './node-tally.ts';
import type { Rng } from './random-sample.ts';
import type { TruthIndex } from './truth/truth-index.ts';
import type { DnssecCycle } from './dnssec/dnssec-cycle.ts';

/** Gives the authoritative truth of a system (null when it has none), cached by the implementation. */
export interface TruthProvider {
  truthFor(system: ResolvedSystem): Promise<TruthIndex | null>;
  /** A node served a newer serial than the truth: refresh it at the next call rather than at the usual time. */
  newerSerialSeen?(system: ResolvedSystem): void;
}

/** One key domain, as seen through one resolver node. Snapshot extension (`keyDomains` at top level). */
export interface KeyDomainFinding {
  name: string;
  type: string;
  system: string;
  node: string;
  status: 'ok' | 'hijacked' | 'missing' | 'failed' | 'unknown';
  expected?: string[];
  got?: string[];
  detail?: string;
  /** Evidence with TTLs, presentation form ("name ttl IN type data"): what the truth has, what the resolver answered. */
  expectedRecords?: string[];
  seenRecords?: string[];
}

export interface ProbeContext {
  config: ResolvedConfig;
  system: ResolvedSystem;
  client: DnsClient;
  rng: Rng;
  /** Truth of this system (authoritative kinds), or null. */
  truth: TruthIndex | null;
  /** Truths of every authoritative system in the config (for resolvers and key domains). */
  allTruths: TruthIndex[];
  /** Counts cycles, so that probes can rotate work across cycles. */
  cycle: number;
  /** Per-node sample size override (undefined = the system's `check.sample`). */
  sampleFor?: (systemId: string, nodeId: string) => number | 'all' | undefined;
  /** Latency thresholds counted exactly per node (default [5000]). */
  latencyThresholdsMs?: readonly number[];
  /** Records whether a node of this system lags in this cycle (null: unknown); returns how long it has lagged (ms). */
  observeLag?: (nodeId: string, lagging: boolean | null) => number;
  /** The cycle's DNSSEC state (time, verify cache, zone keys) for systems with check.dnssec (src/probe/dnssec). */
  dnssec?: DnssecCycle;
}

/** What probing one system's nodes gives for one cycle. */
export interface SystemProbeResult {
  tallies: NodeTally[];
  keyDomains?: KeyDomainFinding[];
}

export interface ProbeKind {
  /** Probes every node of the system once (one cycle). */
  probe(ctx: ProbeContext): Promise<SystemProbeResult>;
}
