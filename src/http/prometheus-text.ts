// Prometheus text exposition format 0.0.4: HELP and TYPE once per family, then its samples.
// Pure: families in, text out. Label values and HELP text are escaped as the format requires.

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

export const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Label value: backslash, double quote and line feed escaped. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP text: backslash and line feed escaped. */
export function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** A sample value as Go's ParseFloat reads it: NaN, +Inf, -Inf, or a decimal number. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function formatLabels(labels: Record<string, string> | undefined): string {
  if (!labels) return '';
  const parts: string[] = [];
  for (const [name, value] of Object.entries(labels)) {
    if (!LABEL_NAME.test(name)) throw new Error(`invalid label name '${name}'`);
    parts.push(`${name}="${escapeLabelValue(value)}"`);
  }
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

export function renderPrometheus(families: MetricFamily[]): string {
  const lines: string[] = [];
  for (const family of families) {
    if (!METRIC_NAME.test(family.name)) throw new Error(`invalid metric name '${family.name}'`);
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`);
    lines.push(`# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples) {
      lines.push(`${family.name}${sample.suffix ?? ''}${formatLabels(sample.labels)} ${formatValue(sample.value)}`);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
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
