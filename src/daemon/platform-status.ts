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
