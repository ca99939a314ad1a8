// What the platform reports about itself: its health (GET /healthz, src/http/api-schemas.ts Health
// is this shape as a schema) and its metric families (GET /metrics, rendered by
// src/http/prometheus-text.ts). Here, not in src/http, so that the daemon never imports the HTTP layer.

export interface PlatformHealth {
  status: 'ok' | 'degraded';
  version: string;
  lastCycleAt: string | null;
  store: 'ok' | 'error';
  reasons: string[];
}

/** What the health is made of: the store writer, the scheduler, the latest cycle and the probing settings. */
export interface HealthInputs {
  version: string;
  /** Now and when cycling started (ms since the epoch). */
  nowMs: number;
  startedAtMs: number;
  stopped: boolean;
  lastCycleAt: string | null;
  store: { ok: boolean; pending: number; dropped: number };
  scheduler: { lastError: string | null; lastEndedAt: string | null };
  intervalMs: number;
  timeoutMs: number;
}

/** Degraded with its reasons when the store fails or drops writes, the latest cycle failed, or no cycle ended recently. Pure. */
export function platformHealth(h: HealthInputs): PlatformHealth {
  const reasons: string[] = [];
  if (!h.store.ok) reasons.push(`store writes failing; ${h.store.pending} write(s) queued for retry`);
  if (h.store.dropped > 0) reasons.push(`${h.store.dropped} unsaved write(s) dropped (retry queue full)`);
  if (h.scheduler.lastError !== null) reasons.push('the latest probe cycle failed');
  // Expected at least one cycle per interval; allow for a full probe timeout on top.
  const lastMs = h.scheduler.lastEndedAt ? Date.parse(h.scheduler.lastEndedAt) : h.startedAtMs;
  const late = 2 * h.intervalMs + h.timeoutMs + 5000;
  if (!h.stopped && h.nowMs - lastMs > late) reasons.push('no probe cycle completed recently');
  return {
    status: reasons.length === 0 ? 'ok' : 'degraded',
    version: h.version, lastCycleAt: h.lastCycleAt, store: h.store.ok ? 'ok' : 'error', reasons,
  };
}

export type MetricType = 'counter' | 'gauge' | 'histogram';

export interface Sample {
  /** Appended to the family name: '' for plain samples, '_bucket' / '_sum' / '_count' for histograms. */
  suffix?: string;
  labels?: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: MetricType;
  samples: Sample[];
}

/** A sample value as Go's ParseFloat reads it: NaN, +Inf, -Inf, or a decimal number. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

/** Cumulative histogram state: counts[i] observations ≤ bounds[i]; count includes those above the last bound. */
export interface HistogramData {
  bounds: number[];
  counts: number[];
  sum: number;
  count: number;
}

/** The _bucket (ending with le="+Inf" = count), _sum and _count samples of one labelled histogram. */
export function histogramSamples(labels: Record<string, string>, h: HistogramData): Sample[] {
  const samples: Sample[] = h.bounds.map((bound, i) => ({
    suffix: '_bucket', labels: { ...labels, le: formatValue(bound) }, value: h.counts[i] ?? 0,
  }));
  samples.push({ suffix: '_bucket', labels: { ...labels, le: '+Inf' }, value: h.count });
  samples.push({ suffix: '_sum', labels, value: h.sum });
  samples.push({ suffix: '_count', labels, value: h.count });
  return samples;
}
