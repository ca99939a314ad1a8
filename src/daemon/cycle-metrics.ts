// What /metrics exposes, kept up to date by the daemon after each cycle: gauges from the latest
// snapshot, counters summed over every cycle since start (queries, latency histogram, cycles).
// Pure state; src/http/prometheus-text.ts renders it.
import { LatencySketch, PROMETHEUS_BOUNDS_MS, type LatencySketchJSON } from '../core/latency-sketch.ts';
import type { NodeMeasurement, Snapshot } from '../core/snapshot.ts';
import { histogramSamples, type HistogramData, type MetricFamily, type Sample } from './platform-status.ts';

/** A node measurement may carry its cycle's latency sketch (an extension of the probe engine). */
type NodeWithSketch = NodeMeasurement & { latencySketch?: LatencySketchJSON };

interface NodeCounters {
  system: string;
  node: string;
  queries: number;
  succeeded: number;
  latency: HistogramData;
}

export interface RuntimeFigures {
  skippedTicks: number;
  failedCycles: number;
  storePending: number;
  storeDropped: number;
  storeOk: boolean;
}

const BOUNDS_S = PROMETHEUS_BOUNDS_MS.map((ms) => ms / 1000);
const nodeKey = (system: string, node: string) => `${system}\u0000${node}`;

export class CycleMetrics {
  #latest: Snapshot | null = null;
  #cycles = 0;
  #lastDurationS: number | null = null;
  #nodes = new Map<string, NodeCounters>();

  /** Adds one cycle. `sketches` (key: system id + "/" + node id) override the node extension. */
  observe(snapshot: Snapshot, durationMs: number, sketches?: Map<string, LatencySketch>): void {
    this.#latest = snapshot;
    this.#cycles += 1;
    this.#lastDurationS = durationMs / 1000;
    for (const system of snapshot.systems) {
      for (const node of system.nodes as NodeWithSketch[]) {
        const key = nodeKey(system.id, node.id);
        let c = this.#nodes.get(key);
        if (!c) {
          c = { system: system.id, node: node.id, queries: 0, succeeded: 0, latency: { bounds: BOUNDS_S, counts: BOUNDS_S.map(() => 0), sum: 0, count: 0 } };
          this.#nodes.set(key, c);
        }
        c.queries += node.queries;
        c.succeeded += node.succeeded;
        const sketch = sketches?.get(`${system.id}/${node.id}`) ?? (node.latencySketch ? safeSketch(node.latencySketch) : null);
        if (sketch && sketch.count > 0) {
          const cumulative = sketch.cumulativeCounts(PROMETHEUS_BOUNDS_MS);
          cumulative.forEach((n, i) => { c.latency.counts[i] += n; });
          c.latency.sum += sketch.sum / 1000;
          c.latency.count += sketch.count;
        }
      }
    }
  }

  get cycles(): number { return this.#cycles; }

  families(runtime: RuntimeFigures): MetricFamily[] {
    const snap = this.#latest;
    const nodeGauge = (pick: (n: NodeMeasurement) => number): Sample[] =>
      (snap?.systems ?? []).flatMap((s) => s.nodes.map((n) => ({ labels: { system: s.id, node: n.id }, value: pick(n) })));
    const counters = [...this.#nodes.values()];
    return [
      { name: 'dnswarden_node_success_ratio', type: 'gauge', help: 'Share of probe queries that succeeded in the latest cycle (0..1).', samples: nodeGauge((n) => n.successRate) },
      { name: 'dnswarden_node_queries_total', type: 'counter', help: 'Probe queries sent to the node since the daemon started.',
        samples: counters.map((c) => ({ labels: { system: c.system, node: c.node }, value: c.queries })) },
      { name: 'dnswarden_node_succeeded_total', type: 'counter', help: 'Probe queries that succeeded since the daemon started.',
        samples: counters.map((c) => ({ labels: { system: c.system, node: c.node }, value: c.succeeded })) },
      { name: 'dnswarden_node_data_errors', type: 'gauge', help: 'Records missing or different from the truth in the latest cycle.', samples: nodeGauge((n) => n.dataErrors) },
      { name: 'dnswarden_node_data_checked', type: 'gauge', help: 'Records compared with the truth in the latest cycle.', samples: nodeGauge((n) => n.dataChecked) },
      { name: 'dnswarden_node_latency_seconds', type: 'histogram', help: 'Response time of answered probe queries since the daemon started.',
        samples: counters.flatMap((c) => histogramSamples({ system: c.system, node: c.node }, c.latency)) },
      { name: 'dnswarden_system_success_ratio', type: 'gauge', help: 'Share of the system\'s probe queries that succeeded in the latest cycle (0..1).',
        samples: (snap?.systems ?? []).map((s) => ({ labels: { system: s.id }, value: s.successRate })) },
      { name: 'dnswarden_system_stopped_minutes', type: 'gauge', help: 'Minutes the whole system has been failing to resolve without a break (0 when resolving).',
        samples: (snap?.systems ?? []).map((s) => ({ labels: { system: s.id }, value: s.stoppedMinutes })) },
      { name: 'dnswarden_cycles_total', type: 'counter', help: 'Probe cycles completed since the daemon started.', samples: [{ value: this.#cycles }] },
      { name: 'dnswarden_cycles_failed_total', type: 'counter', help: 'Probe cycles that failed since the daemon started.', samples: [{ value: runtime.failedCycles }] },
      { name: 'dnswarden_cycle_ticks_skipped_total', type: 'counter', help: 'Scheduled cycle starts skipped because the previous cycle was still running.', samples: [{ value: runtime.skippedTicks }] },
      { name: 'dnswarden_cycle_duration_seconds', type: 'gauge', help: 'Duration of the latest probe cycle.', samples: this.#lastDurationS === null ? [] : [{ value: this.#lastDurationS }] },
      { name: 'dnswarden_store_up', type: 'gauge', help: '1 when the latest store write succeeded, 0 while writes fail.', samples: [{ value: runtime.storeOk ? 1 : 0 }] },
      { name: 'dnswarden_store_pending_writes', type: 'gauge', help: 'Writes waiting in the retry queue for the store.', samples: [{ value: runtime.storePending }] },
      { name: 'dnswarden_store_dropped_writes_total', type: 'counter', help: 'Writes dropped because the retry queue was full.', samples: [{ value: runtime.storeDropped }] },
    ];
  }
}

function safeSketch(json: LatencySketchJSON): LatencySketch | null {
  try { return LatencySketch.fromJSON(json); } catch { return null; }
}
