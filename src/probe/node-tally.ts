// Per-node counters for one probe cycle or a window of cycles; mergeable, turned into a
// NodeMeasurement at the end. Pure.
import { LatencySketch } from '../core/latency-sketch.ts';
import type { NodeMeasurement } from '../core/snapshot.ts';
import type { ResolvedNode } from '../config/config-types.ts';
import { compareRRset, describeMismatch, sameRRset, type DataErrorSample } from './data-compare.ts';

export const MAX_DATA_ERROR_SAMPLES = 20;

/** Why a query failed. */
export type FailureCause =
  | 'timeout' | 'servfail' | 'refused' | 'nxdomain-unexpected' | 'lame' | 'wrong-answer'
  | 'network-error' | 'malformed' | 'no-recursion' | 'other-rcode'
  /** Not sent: the node answered none of the cycle's first queries (see probe-dns-node.ts). */
  | 'node-down';

/** Queries sent first; when none of them is answered the node counts as down for the cycle. */
export const NODE_DOWN_PROBES = 16;

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

  constructor(node: ResolvedNode) {
    this.node = node;
  }

  /** One query: answered (latency known) or not; succeeded or failed with a cause. */
  recordQuery(latencyMs: number | null, failure: FailureCause | null): void {
    this.queries++;
    if (latencyMs !== null) {
      this.answered++;
      this.latency.add(latencyMs);
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
    };
  }
}
