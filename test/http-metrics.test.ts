// /metrics: every line parses as Prometheus text format 0.0.4; histograms are cumulative and end
// with le="+Inf" equal to _count; label values are escaped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../src/http/app.ts';
import { escapeLabelValue, renderPrometheus } from '../src/http/prometheus-text.ts';
import { fakeDeps } from './http-fixtures.ts';

interface ParsedSample { name: string; labels: Record<string, string>; value: number }

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)$`);
const LABEL = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)/;

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = text;
  for (let guard = 0; rest.length > 0 && guard < 100; guard++) {
    const m = LABEL.exec(rest);
    assert.ok(m, `label syntax: ${rest}`);
    assert.equal(labels[m[1]], undefined, `duplicate label ${m[1]}`);
    labels[m[1]] = m[2].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    rest = rest.slice(m[0].length);
  }
  assert.equal(rest, '');
  return labels;
}

function parseValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  assert.match(text, /^-?[0-9]+(\.[0-9]+)?(e[+-]?[0-9]+)?$/i, `value ${text}`);
  return Number(text);
}

/** Parses an exposition: families with their TYPE, and samples, checking the line grammar. */
function parseExposition(text: string): { types: Map<string, string>; helps: Set<string>; samples: ParsedSample[] } {
  assert.ok(text.endsWith('\n'), 'ends with a line feed');
  const types = new Map<string, string>();
  const helps = new Set<string>();
  const samples: ParsedSample[] = [];
  for (const line of text.slice(0, -1).split('\n')) {
    let m: RegExpExecArray | null;
    if ((m = new RegExp(`^# HELP (${NAME}) (.*)$`).exec(line))) { assert.ok(!helps.has(m[1]), `one HELP for ${m[1]}`); helps.add(m[1]); continue; }
    if ((m = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`).exec(line))) {
      assert.ok(!types.has(m[1]), `one TYPE for ${m[1]}`);
      types.set(m[1], m[2]);
      continue;
    }
    m = SAMPLE.exec(line);
    assert.ok(m, `sample line: ${line}`);
    const family = m[1].replace(/_(bucket|sum|count)$/, '');
    const type = types.get(m[1]) ?? types.get(family);
    assert.ok(type, `TYPE comes before sample ${m[1]}`);
    if (type !== 'histogram') assert.ok(types.has(m[1]), `${m[1]}: suffixes only for histograms`);
    samples.push({ name: m[1], labels: parseLabels(m[2] ?? ''), value: parseValue(m[3]) });
  }
  for (const name of types.keys()) assert.ok(helps.has(name), `HELP for ${name}`);
  return { types, helps, samples };
}

test('/metrics is valid text format 0.0.4 with the documented families', async (t) => {
  const app = await buildApp(fakeDeps());
  t.after(() => app.close());
  const res = await app.inject({ url: '/metrics' });
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
  const { types, samples } = parseExposition(res.body);
  for (const [name, type] of [
    ['dnswarden_node_success_ratio', 'gauge'], ['dnswarden_node_queries_total', 'counter'], ['dnswarden_node_data_errors', 'gauge'],
    ['dnswarden_node_data_checked', 'gauge'], ['dnswarden_node_latency_seconds', 'histogram'],
    ['dnswarden_system_stopped_minutes', 'gauge'], ['dnswarden_cycles_total', 'counter'], ['dnswarden_cycle_duration_seconds', 'gauge'],
  ]) assert.equal(types.get(name), type, name);

  const value = (name: string, labels: Record<string, string> = {}) =>
    samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
  assert.equal(value('dnswarden_node_success_ratio', { system: 'lab-tld', node: 'a' }), 1);
  assert.equal(value('dnswarden_node_success_ratio', { system: 'lab-tld', node: 'b"x' }), 0, 'escaped quote round-trips');
  assert.equal(value('dnswarden_node_queries_total', { node: 'a' }), 200, 'summed over both cycles');
  assert.equal(value('dnswarden_node_data_errors', { node: 'a' }), 1);
  assert.equal(value('dnswarden_node_data_checked', { node: 'a' }), 50);
  assert.equal(value('dnswarden_cycles_total'), 2);
  assert.equal(value('dnswarden_cycle_duration_seconds'), 1);

  // Histograms: per label set, buckets in increasing le, cumulative, ending with +Inf = _count.
  const buckets = samples.filter((s) => s.name === 'dnswarden_node_latency_seconds_bucket');
  const series = new Map<string, ParsedSample[]>();
  for (const b of buckets) {
    const { le, ...rest } = b.labels;
    assert.ok(le !== undefined);
    const key = JSON.stringify(rest);
    series.set(key, [...(series.get(key) ?? []), b]);
  }
  assert.equal(series.size, 2);
  for (const [key, list] of series) {
    const les = list.map((b) => parseValue(b.labels.le));
    assert.deepEqual([...les].sort((x, y) => x - y), les, 'le increasing');
    assert.equal(les.at(-1), Infinity, 'last bucket is +Inf');
    for (let i = 1; i < list.length; i++) assert.ok(list[i].value >= list[i - 1].value, `cumulative ${key}`);
    const labels = JSON.parse(key) as Record<string, string>;
    assert.equal(list.at(-1)!.value, value('dnswarden_node_latency_seconds_count', labels));
    assert.ok(value('dnswarden_node_latency_seconds_sum', labels) !== undefined);
  }
  const a = series.get(JSON.stringify({ system: 'lab-tld', node: 'a' }))!;
  // 7 latencies per cycle (0.5, 2, 3, 7, 40, 900, 20000 ms) × 2 cycles.
  assert.equal(a.at(-1)!.value, 14);
  assert.equal(a.find((b) => b.labels.le === '0.001')!.value, 2);
  assert.equal(a.find((b) => b.labels.le === '0.01')!.value, 8);
  assert.equal(a.find((b) => b.labels.le === '10')!.value, 12, 'the 20 s answer is only in +Inf');
});

test('label values and HELP text are escaped', () => {
  assert.equal(escapeLabelValue('a\\b"c\nd'), 'a\\\\b\\"c\\nd');
  const text = renderPrometheus([{ name: 'x_total', type: 'counter', help: 'line\nbreak \\ here', samples: [{ labels: { l: 'q"\n\\' }, value: 1 }] }]);
  assert.equal(text, '# HELP x_total line\\nbreak \\\\ here\n# TYPE x_total counter\nx_total{l="q\\"\\n\\\\"} 1\n');
  const { samples } = parseExposition(text);
  assert.equal(samples[0].labels.l, 'q"\n\\');
  assert.throws(() => renderPrometheus([{ name: 'bad-name', type: 'gauge', help: '', samples: [] }]));
});
