// A mergeable logarithmic histogram of latencies (DDSketch-style buckets, HDR-like accuracy):
// every value between MIN_MS and MAX_MS is reported with at most 1 % relative error, in constant
// memory (~820 counters), without keeping or sorting the values. Merging two sketches adds counters,
// so per-cycle sketches combine into per-window and per-system sketches exactly.
import type { LatencySummary } from './snapshot.ts';

const RELATIVE_ERROR = 0.01;
export const MIN_MS = 0.01;
export const MAX_MS = 120_000;
const GAMMA = (1 + RELATIVE_ERROR) / (1 - RELATIVE_ERROR);
const LOG_GAMMA = Math.log(GAMMA);
/** Bucket i (i ≥ 1) holds values in (MIN_MS·γ^(i-1), MIN_MS·γ^i]; bucket 0 holds values ≤ MIN_MS. */
const TOP_INDEX = Math.ceil(Math.log(MAX_MS / MIN_MS) / LOG_GAMMA);
/** One more bucket for values above MAX_MS (reported as MAX_MS … the exact max). */
const BUCKETS = TOP_INDEX + 2;

/** Upper bounds (ms) of the Prometheus histogram buckets the metrics endpoint exposes (+Inf implied). */
export const PROMETHEUS_BOUNDS_MS = [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] as const;

export interface LatencySketchJSON {
  v: 1;
  count: number;
  sum: number;
  min: number;
  max: number;
  /** Sparse counters: [bucket index, count] pairs in increasing index order. */
  buckets: Array<[number, number]>;
}

function bucketOf(ms: number): number {
  if (!(ms > MIN_MS)) return 0;
  if (ms > MAX_MS) return TOP_INDEX + 1;
  return Math.min(TOP_INDEX, Math.max(1, Math.ceil(Math.log(ms / MIN_MS) / LOG_GAMMA)));
}

/** Representative value of a bucket: the point with equal relative distance to both edges. */
function valueOf(index: number): number {
  if (index === 0) return MIN_MS;
  if (index > TOP_INDEX) return MAX_MS;
  return (MIN_MS * 2 * GAMMA ** index) / (GAMMA + 1);
}

/** Upper edge of a bucket. */
function upperEdgeOf(index: number): number {
  if (index > TOP_INDEX) return Infinity;
  return MIN_MS * GAMMA ** index;
}

export class LatencySketch {
  #counts = new Float64Array(BUCKETS);
  #count = 0;
  #sum = 0;
  #min = Infinity;
  #max = -Infinity;

  add(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    this.#counts[bucketOf(ms)] += 1;
    this.#count += 1;
    this.#sum += ms;
    if (ms < this.#min) this.#min = ms;
    if (ms > this.#max) this.#max = ms;
  }

  merge(other: LatencySketch): this {
    const theirs = other.#counts;
    for (let i = 0; i < BUCKETS; i++) if (theirs[i] !== 0) this.#counts[i] += theirs[i];
    this.#count += other.#count;
    this.#sum += other.#sum;
    if (other.#min < this.#min) this.#min = other.#min;
    if (other.#max > this.#max) this.#max = other.#max;
    return this;
  }

  get count(): number { return this.#count; }
  get mean(): number { return this.#count === 0 ? NaN : this.#sum / this.#count; }
  get max(): number { return this.#count === 0 ? NaN : this.#max; }
  get min(): number { return this.#count === 0 ? NaN : this.#min; }

  /** The q-quantile by nearest rank: the value at rank ceil(q·n) (rank 1 for q = 0). NaN when empty. */
  quantile(q: number): number {
    if (this.#count === 0) return NaN;
    const rank = Math.max(1, Math.ceil(Math.min(1, Math.max(0, q)) * this.#count));
    if (rank === 1) return this.#min; // the extremes are kept exactly
    if (rank >= this.#count) return this.#max;
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.#counts[i];
      if (seen >= rank) return Math.min(this.#max, Math.max(this.#min, valueOf(i)));
    }
    return this.#max;
  }

  /** The snapshot's latency summary, or null when nothing was measured. Values rounded to 0.001 ms. */
  summary(): LatencySummary | null {
    if (this.#count === 0) return null;
    const r = (x: number) => Math.round(x * 1000) / 1000;
    return { mean: r(this.mean), p50: r(this.quantile(0.5)), p95: r(this.quantile(0.95)), p99: r(this.quantile(0.99)), max: r(this.#max) };
  }

  /** Number of values ≤ each bound (bucket-resolution: within 1 % of the bound), for Prometheus `le` buckets. */
  cumulativeCounts(boundsMs: readonly number[] = PROMETHEUS_BOUNDS_MS): number[] {
    const result: number[] = [];
    let i = 0;
    let seen = 0;
    for (const bound of boundsMs) {
      while (i < BUCKETS && upperEdgeOf(i) <= bound * (1 + 1e-9)) seen += this.#counts[i++];
      result.push(seen);
    }
    return result;
  }

  get sum(): number { return this.#sum; }

  toJSON(): LatencySketchJSON {
    const buckets: Array<[number, number]> = [];
    for (let i = 0; i < BUCKETS; i++) if (this.#counts[i] !== 0) buckets.push([i, this.#counts[i]]);
    return { v: 1, count: this.#count, sum: this.#sum, min: this.#count ? this.#min : 0, max: this.#count ? this.#max : 0, buckets };
  }

  static fromJSON(json: LatencySketchJSON): LatencySketch {
    if (json?.v !== 1 || !Array.isArray(json.buckets)) throw new Error('not a latency sketch (v1)');
    const sketch = new LatencySketch();
    for (const [index, n] of json.buckets) {
      if (!Number.isInteger(index) || index < 0 || index >= BUCKETS || !(n >= 0)) throw new Error(`bad sketch bucket ${index}`);
      sketch.#counts[index] += n;
    }
    sketch.#count = json.count;
    sketch.#sum = json.sum;
    sketch.#min = json.count ? json.min : Infinity;
    sketch.#max = json.count ? json.max : -Infinity;
    return sketch;
  }
}
