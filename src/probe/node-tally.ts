// Per-node counters for one probe cycle or a window of cycles; mergeable, turned into a
// NodeMeasurement at the end. Pure.
//
// Exact boundaries: `latencyAbove[i]` counts answered queries strictly slower than
// `latencyThresholdsMs[i]`, so "above 5 s" is decided from counts, not from the sketch (whose mean
// and max are exact — sum/count and the true maximum — but whose percentiles are bucket values).
import { LatencySketch } from '../core/latency-sketch.ts';
import type { NodeMeasurement } from '../core/snapshot.ts';
import type { ResolvedNode } from '../config/config-types.ts';
import { compareRRset, describeMismatch, sameRRset, type DataErrorSample } from './data-compare.ts';

export const MAX_DATA_ERROR_SAMPLES = 20;

/** Why a query failed. */
export type FailureCause =
  | 'timeout' | 'servfail' | 'refused' | 'nxdomain-unexpected' | 'lame' | 'wrong-answer'
  | 'network-error' | 'malformed' | 'no-recursion' | 'other-rcode'
  /** Not sent: the node answered none of the cycle's first queries (see node-down.ts). */
  | 'node-down';

/** Latency thresholds counted exactly when the caller gives none: the plan's 5 s. */
export const DEFAULT_LATENCY_THRESHOLDS_MS: readonly number[] = [5000];

/** Differences of a node that is ahead of the truth: reported in a truth-stale finding, never graded. */
export interface AheadEvidence { differences: number; samples: DataErrorSample[] }

export class NodeTally {
  readonly node: ResolvedNode;
  queries = 0;
  answered = 0;
  succeeded = 0;
  dataChecked = 0;
  dataErrors = 0;
  readonly failures: Record<string, number> = {};
  readonly latency = new LatencySketch();
  readonly dataErrorSamples: DataErrorSample[] = [];
  /** Key domains whose data was wrong on this node (names). */
  readonly keyDomainsWrong = new Set<string>();
  /** Of dataErrors, those in key-domain answers (resolvers: the rest are sampled records). */
  keyDomainDataErrors = 0;
  readonly latencyThresholdsMs: readonly number[];
  /** Answered queries slower than each threshold (same order as latencyThresholdsMs). */
  readonly latencyAbove: number[];
  /** SOA serial of the system's first zone as the node served it (latest cycle that gave one). */
  soaSerial: number | null = null;
  /** The node served an older serial than the truth (latest cycle). */
  lagging = false;
  /** How long the node has lagged without a break (ms; set by the prober from the lag tracker). */
  lagMs = 0;
  lagOverTolerance = false;
  /** Differences explained by the lag (the node serves its version's data; the truth moved on). */
  lagErrors = 0;
  readonly lagSamples: DataErrorSample[] = [];
  /** Every unit of the truth was queried and compared (in every merged cycle). Set by the prober. */
  dataCensus = false;
  /** Set when the node was ahead of the truth: its data was compared but not graded. */
  ahead: AheadEvidence | null = null;
  /** check.dnssec (src/probe/dnssec): RRsets and denial proofs judged, those bogus, their reasons, the earliest expiry (s). */
  dnssecChecked = 0;
  dnssecErrors = 0;
  readonly dnssecSamples: Array<{ name: string; type: string; reason: string; detail?: string }> = [];
  dnssecExpiresAt: number | null = null;

  constructor(node: ResolvedNode, latencyThresholdsMs: readonly number[] = DEFAULT_LATENCY_THRESHOLDS_MS) {
    this.node = node;
    this.latencyThresholdsMs = latencyThresholdsMs;
    this.latencyAbove = latencyThresholdsMs.map(() => 0);
  }

  /** One query: answered (latency known) or not; succeeded or failed with a cause. */
  recordQuery(latencyMs: number | null, failure: FailureCause | null): void {
    this.queries++;
    if (latencyMs !== null) {
      this.answered++;
      this.latency.add(latencyMs);
      const limits = this.latencyThresholdsMs;
      for (let i = 0; i < limits.length; i++) if (latencyMs > limits[i]) this.latencyAbove[i]++;
    }
    if (failure === null) this.succeeded++;
    else this.failures[failure] = (this.failures[failure] ?? 0) + 1;
  }

  /** Compares one RRset with the truth; returns its number of errors. */
  recordData(name: string, type: string, expected: readonly string[], got: readonly string[]): number {
    if (sameRRset(expected, got)) {
      this.dataChecked += expected.length;
      return 0;
    }
    const { errors } = compareRRset(expected, got);
    this.dataChecked += new Set(expected).size;
    this.dataErrors += errors;
    if (errors > 0 && this.dataErrorSamples.length < MAX_DATA_ERROR_SAMPLES) {
      this.dataErrorSamples.push(describeMismatch(name, type, expected, got));
    }
    return errors;
  }

  /** Counts the differences of an RRset that the node serves as its (older) version has it. */
  recordLag(name: string, type: string, expected: readonly string[], got: readonly string[]): number {
    if (sameRRset(expected, got)) return 0;
    const { errors } = compareRRset(expected, got);
    this.lagErrors += errors;
    if (errors > 0 && this.lagSamples.length < MAX_DATA_ERROR_SAMPLES) this.lagSamples.push(describeMismatch(name, type, expected, got));
    return errors;
  }

  merge(other: NodeTally): this {
    this.queries += other.queries;
    this.answered += other.answered;
    this.succeeded += other.succeeded;
    this.dataChecked += other.dataChecked;
    this.dataErrors += other.dataErrors;
    for (const [k, v] of Object.entries(other.failures)) this.failures[k] = (this.failures[k] ?? 0) + v;
    this.latency.merge(other.latency);
    for (const s of other.dataErrorSamples) {
      if (this.dataErrorSamples.length >= MAX_DATA_ERROR_SAMPLES) break;
      this.dataErrorSamples.push(s);
    }
    for (const k of other.keyDomainsWrong) this.keyDomainsWrong.add(k);
    this.keyDomainDataErrors += other.keyDomainDataErrors;
    for (let i = 0; i < this.latencyAbove.length; i++) this.latencyAbove[i] += other.latencyAbove[i] ?? 0;
    if (other.soaSerial !== null) this.soaSerial = other.soaSerial;
    this.lagging = other.lagging;
    this.lagMs = other.lagMs;
    this.lagOverTolerance = other.lagOverTolerance;
    this.lagErrors += other.lagErrors;
    for (const s of other.lagSamples) {
      if (this.lagSamples.length >= MAX_DATA_ERROR_SAMPLES) break;
      this.lagSamples.push(s);
    }
    this.dataCensus = this.dataCensus && other.dataCensus;
    this.ahead = other.ahead; // the latest cycle says whether the truth is stale
    this.dnssecChecked += other.dnssecChecked;
    this.dnssecErrors += other.dnssecErrors;
    for (const s of other.dnssecSamples) if (this.dnssecSamples.length < MAX_DATA_ERROR_SAMPLES) this.dnssecSamples.push(s);
    if (other.dnssecExpiresAt !== null) this.dnssecExpiresAt = Math.min(this.dnssecExpiresAt ?? Infinity, other.dnssecExpiresAt);
    return this;
  }

  toMeasurement(): NodeMeasurement {
    const rate = (a: number, b: number) => (b === 0 ? 0 : a / b);
    return {
      id: this.node.id,
      address: this.node.address,
      port: this.node.port,
      queries: this.queries,
      answered: this.answered,
      succeeded: this.succeeded,
      successRate: rate(this.succeeded, this.queries),
      latencyMs: this.latency.summary(),
      dataChecked: this.dataChecked,
      dataErrors: this.dataErrors,
      dataErrorRate: rate(this.dataErrors, this.dataChecked),
      keyDomainErrors: this.keyDomainsWrong.size,
      failures: { ...this.failures },
      dataErrorSamples: [...this.dataErrorSamples],
      soaSerial: this.soaSerial,
      lagging: this.lagging,
      lagErrors: this.lagErrors,
      dataCensus: this.dataCensus,
      latencyAbove: Object.fromEntries(this.latencyThresholdsMs.map((t, i) => [String(t), this.latencyAbove[i]])),
    };
  }
}
