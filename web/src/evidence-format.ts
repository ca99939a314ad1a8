// Pure helpers for findings and evidence (no React, so node tests import them): a finding's
// evidence values as text, rates as percentages, a node's serial against the truth's (RFC 1982).
import type { NodeFigures } from './types.ts';

const RECORD_DATA = ['data', 'rdata', 'value', 'address', 'answer', 'target'] as const;

/** One evidence value as text: records as "name TYPE data (TTL n)", lists joined, objects as key: value. */
export function fmtEvidence(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  // Records ("www.gov.lab. 300 IN A 192.0.2.1", with their TTLs) and objects one per line; short values on one.
  if (Array.isArray(v)) {
    if (v.length === 0) return '∅';
    if (v.some((x) => x !== null && typeof x === 'object')) return v.map((x) => `• ${fmtEvidence(x)}`).join('\n');
    return v.map(fmtEvidence).join(v.some((x) => /\s/.test(String(x))) ? '\n' : ', ');
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('problem' in o && 'name' in o) { // a record found missing, different or extra
      const change = 'expected' in o || 'got' in o ? `: ${fmtEvidence(o.expected)} → ${fmtEvidence(o.got)}` : '';
      return `${String(o.name)} ${String(o.type ?? '')} ${String(o.problem)}${change}`;
    }
    const dataKey = RECORD_DATA.find((k) => k in o);
    if (dataKey) {
      const head = [o.name, o.type].filter((x) => typeof x === 'string' && x).join(' ');
      const ttl = typeof o.ttl === 'number' ? ` (TTL ${o.ttl})` : '';
      return `${head ? `${head} ` : ''}${fmtEvidence(o[dataKey])}${ttl}`;
    }
    return Object.entries(o).map(([k, x]) => `${k}: ${fmtEvidence(x)}`).join('; ');
  }
  return String(v);
}

/** A rate as a percentage with three significant digits: 0.000205 → "0.0205 %". */
export function fmtRate(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  if (x === 0) return '0 %';
  const pct = x * 100;
  return `${pct < 1e-4 ? pct.toExponential(1) : String(Number(pct.toPrecision(3)))} %`;
}

type SerialState = 'lagging' | 'ahead' | 'ok' | 'unknown';

/** The node's serial against the truth's: the server's `lagging` wins; otherwise RFC 1982 comparison. */
export function serialState(n: Pick<NodeFigures, 'lagging' | 'soaSerial'>, truth: number | null | undefined): SerialState {
  if (n.lagging) return 'lagging';
  if (n.soaSerial === null || n.soaSerial === undefined || truth === null || truth === undefined) return 'unknown';
  if (n.soaSerial === truth) return 'ok';
  const diff = (n.soaSerial - truth + 2 ** 32) % 2 ** 32;
  return diff > 0 && diff < 2 ** 31 ? 'ahead' : 'lagging';
}
