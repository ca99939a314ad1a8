// A finding's evidence in words: what was expected, what was seen (answers with their TTLs), where
// from (the resolver or server), when; any further fields of the evidence as "key: value" lines.
// Also the severity badge. The evidence is free-form JSON (SPEC §3 Findings), so it is read defensively.
import { Fragment } from 'react';
import { useI18n } from '../i18n.ts';
import { evidenceKeyLabel, severityLabel } from '../i18n-findings.ts';
import { fmtTime } from '../format.ts';
import type { FindingView } from '../types.ts';
import '../findings.css';

const RECORD_DATA = ['data', 'rdata', 'value', 'address', 'answer', 'target'] as const;

/** One evidence value as text: records as "name TYPE data (TTL n)", lists joined, objects as key: value. */
export function fmtEvidence(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  // Records ("www.gov.lab. 300 IN A 192.0.2.1", with their TTLs) and objects one per line; short values on one.
  if (Array.isArray(v)) return v.length === 0 ? '∅' : v.map(fmtEvidence).join(v.some((x) => typeof x === 'object' || /\s/.test(String(x))) ? '\n' : ', ');
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

const SHOWN = new Set(['expected', 'seen', 'via', 'at']);

export function FindingEvidence({ f }: { f: FindingView }) {
  const { t, lang } = useI18n();
  const e = f.evidence ?? {};
  const extra = Object.entries(e).filter(([k, v]) => !SHOWN.has(k) && v !== undefined);
  const differs = 'expected' in e && 'seen' in e && fmtEvidence(e.expected) !== fmtEvidence(e.seen);
  return (
    <dl className="evidence" data-testid="finding-evidence">
      {e.via !== undefined && <><dt>{f.kind === 'key-domain-mismatch' || f.kind.startsWith('resolver-') ? t('resolver') : t('via')}</dt><dd data-field="via">{fmtEvidence(e.via)}</dd></>}
      {'expected' in e && <><dt>{t('expected')}</dt><dd data-field="expected">{fmtEvidence(e.expected)}</dd></>}
      {'seen' in e && <><dt>{t('seen')}</dt><dd data-field="seen" className={differs ? 'bad-text' : undefined}>{fmtEvidence(e.seen)}</dd></>}
      {extra.map(([k, v]) => <Fragment key={k}><dt>{evidenceKeyLabel(k, lang)}</dt><dd data-field={k}>{fmtEvidence(v)}</dd></Fragment>)}
      {e.at && <><dt>{t('seenAt')}</dt><dd data-field="at">{fmtTime(e.at, lang, true)}</dd></>}
    </dl>
  );
}

export function SeverityBadge({ severity }: { severity: string }) {
  const { lang } = useI18n();
  return <span className={`badge sev-${severity}`} data-severity={severity}>{severityLabel(severity, lang)}</span>;
}
