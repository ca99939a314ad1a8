// A finding's evidence in words: what was expected, what was seen (answers with their TTLs), where
// from (the resolver or server), when; any further fields of the evidence as "key: value" lines.
// Also the severity badge. The evidence is free-form JSON (SPEC §3 Findings), so it is read defensively.
import { Fragment } from 'react';
import { useI18n } from '../i18n.ts';
import { evidenceKeyLabel, evidenceStatusLabel, severityLabel } from '../i18n-findings.ts';
import { fmtTime } from '../format.ts';
import type { FindingView } from '../types.ts';
import { fmtEvidence } from '../evidence-format.ts';
import '../findings.css';

const SHOWN = new Set(['expected', 'seen', 'via', 'at']);

export function FindingEvidence({ f }: { f: FindingView }) {
  const { t, lang } = useI18n();
  const show = (v: unknown) => (typeof v === 'boolean' ? t(v ? 'yes' : 'no') : fmtEvidence(v));
  const e = f.evidence ?? {};
  const extra = Object.entries(e).filter(([k, v]) => !SHOWN.has(k) && v !== undefined);
  const differs = 'expected' in e && 'seen' in e && fmtEvidence(e.expected) !== fmtEvidence(e.seen);
  return (
    <dl className="evidence" data-testid="finding-evidence">
      {e.via !== undefined && <><dt>{f.kind === 'key-domain-mismatch' || f.kind.startsWith('resolver-') ? t('resolver') : t('via')}</dt><dd data-field="via">{fmtEvidence(e.via)}</dd></>}
      {'expected' in e && <><dt>{t('expected')}</dt><dd data-field="expected">{fmtEvidence(e.expected)}</dd></>}
      {'seen' in e && <><dt>{t('seen')}</dt><dd data-field="seen" className={differs ? 'bad-text' : undefined}>{fmtEvidence(e.seen)}</dd></>}
      {extra.map(([k, v]) => <Fragment key={k}><dt>{evidenceKeyLabel(k, lang)}</dt><dd data-field={k}>{k === 'status' && typeof v === 'string' ? evidenceStatusLabel(v, lang) : show(v)}</dd></Fragment>)}
      {e.at && <><dt>{t('seenAt')}</dt><dd data-field="at">{fmtTime(e.at, lang, true)}</dd></>}
    </dl>
  );
}

export function SeverityBadge({ severity }: { severity: string }) {
  const { lang } = useI18n();
  return <span className={`badge sev-${severity}`} data-severity={severity}>{severityLabel(severity, lang)}</span>;
}
