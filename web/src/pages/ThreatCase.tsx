// 威胁案件 / Threat case: the case's names, priority, credibility, source class, responsible party and
// timers; its reports (reporter details only for who may read personal data — the server redacts them
// otherwise); the timeline in words; and the staff's commands: assess (the reporter is told the
// intended action or why none, with a time frame), refer to a registrar, reply to the reporters, mark
// mitigated, close; the registrar answers a referral. Exports IODEF and STIX.
import { useState } from 'react';
import { download, post } from '../api.ts';
import { useApi, useCan } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { INTENDED_ACTIONS, threatWord } from '../i18n-threats.ts';
import { fmtTime } from '../format.ts';
import { Countdown, Panel } from '../components/ui.tsx';
import type { CaseRow } from './Threats.tsx';
import { CaseNameActions } from './CaseNameActions.tsx';
import { nameWord } from '../i18n-names.ts';
import '../threats.css';

interface Report { trackingId: string; receivedAt: string; sourceClass: string; reporterOrg: string | null; lang: string; format: string; description: string;
  evidence: Array<{ kind: string; value: string }>; reporter: Record<string, string> | null }
interface Detail extends Omit<CaseRow, 'reports'> {
  personalData: 'shown' | 'redacted'; registrant: Record<string, string> | null; reports: Report[];
  assessment: { intendedAction: string; reason: string; timeFrameHours: number | null; actionDueAt: string | null } | null;
  timeline: Array<{ id: number; at: string; kind: string; actor: string; detail: Record<string, unknown> }>;
}

function entryWords(detail: Record<string, unknown>, lang: 'zh' | 'en'): string {
  const parts: string[] = [];
  if (typeof detail.intendedAction === 'string') parts.push(threatWord(detail.intendedAction, lang));
  if (typeof detail.reason === 'string' && detail.reason) parts.push(detail.reason);
  if (typeof detail.registrar === 'string') parts.push(detail.registrar);
  if (typeof detail.answer === 'string') parts.push(threatWord(detail.answer, lang));
  if (typeof detail.message === 'string') parts.push(detail.message);
  if (typeof detail.action === 'string') parts.push(`${nameWord(detail.action, lang) === detail.action ? threatWord(detail.action, lang) : nameWord(detail.action, lang)} ${String(detail.name ?? '')} (${nameWord(String(detail.state ?? ''), lang)})`);
  if (typeof detail.trackingId === 'string') parts.push(detail.trackingId);
  if (typeof detail.note === 'string' && detail.note) parts.push(detail.note);
  return parts.join(' · ');
}

export function ThreatCasePage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const can = useCan();
  const c = useApi<Detail>(`/threat-cases/${encodeURIComponent(id)}`);
  const [assess, setAssess] = useState({ intendedAction: 'server-hold', reason: '', timeFrameHours: '24' });
  const [refer, setRefer] = useState({ registrar: '', withinHours: '48' });
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const act = async (path: string, body: unknown) => {
    setError(null);
    const r = await post(`/threat-cases/${encodeURIComponent(id)}/${path}`, body);
    if (!r.ok) setError(r.error); else c.reload();
  };
  const handles = can('threat.handle');

  return (
    <Panel title={`${t('caseTitle')} ${id}`} result={c.result} testId="threat-case">
      {(d) => (
        <div className="threat-case">
          <dl className="facts">
            <dt>{t('domainName')}</dt><dd data-testid="case-names">{d.names.join(', ')}</dd>
            <dt>{t('threatType')}</dt><dd>{threatWord(d.threatType, lang)}</dd>
            <dt>{t('state')}</dt><dd data-testid="case-state">{threatWord(d.state, lang)}</dd>
            <dt>{t('priority')}</dt><dd>{threatWord(d.priority, lang)}{d.harms.length ? ` (${d.harms.map((h) => threatWord(h, lang)).join(', ')})` : ''}</dd>
            <dt>{t('credibility')}</dt><dd>{threatWord(d.credibility.level, lang)} ({d.credibility.score}/100)</dd>
            <dt>{t('sourceClass')}</dt><dd>{threatWord(d.sourceClass, lang)}</dd>
            <dt>{t('responsibleParty')}</dt><dd>{threatWord(d.responsible, lang)}</dd>
            <dt>{t('assessmentDue')}</dt><dd>{d.assessedAt ? `✓ ${fmtTime(d.assessedAt, lang)}` : <Countdown due={d.assessmentDueAt} />}</dd>
            {d.assessment && <><dt>{t('intendedAction')}</dt><dd data-testid="case-action">{threatWord(d.assessment.intendedAction, lang)} — {d.assessment.reason}
              {d.assessment.actionDueAt ? <> · <Countdown due={d.mitigatedAt ? null : d.assessment.actionDueAt} /></> : null}</dd></>}
            {d.referral && <><dt>{t('referredTo')}</dt><dd>{d.referral.registrar} · {d.referral.answeredAt ? `${threatWord(d.referral.answer, lang)} ${fmtTime(d.referral.answeredAt, lang)}` : <Countdown due={d.referral.dueAt} />}
              {d.referral.overdue ? <p className="muted">{t('registryMayAct')}</p> : null}</dd></>}
          </dl>
          <p>
            <button className="link" onClick={() => void download(`/threat-cases/${encodeURIComponent(id)}/iodef`, `${id}.xml`)}>{t('exportIodef')}</button>{' '}
            <button className="link" onClick={() => void download(`/threat-cases/${encodeURIComponent(id)}/stix`, `${id}.json`)}>{t('exportStix')}</button>
            {can('names.read') && <>{' '}<button className="link" data-testid="export-sinkhole-log" onClick={() => void download(`/threat-cases/${encodeURIComponent(id)}/sinkhole-log?format=csv`, `${id}-sinkhole-log.csv`)}>{t('exportSinkholeLog')}</button></>}
          </p>
          <h3>{t('reportsCount')} ({d.reports.length})</h3>
          {d.personalData === 'redacted' && <p className="muted" data-testid="personal-redacted">{t('personalRedacted')}</p>}
          <ul className="reports" data-testid="case-reports">
            {d.reports.map((r) => (
              <li key={r.trackingId}><b>{r.trackingId}</b> · {fmtTime(r.receivedAt, lang)} · {threatWord(r.sourceClass, lang)}{r.reporterOrg ? ` (${r.reporterOrg})` : ''} · {r.format}
                <div>{r.description}</div>
                {r.evidence.length > 0 && <ul>{r.evidence.map((e, i) => <li key={i}>{e.kind}: <code>{e.value}</code></li>)}</ul>}
                <div className="muted" data-testid="reporter">{t('reporterCol')}: {r.reporter ? Object.entries(r.reporter).map(([k, v]) => `${k} ${v}`).join(', ') : threatWord('anonymous', lang)}</div>
              </li>))}
          </ul>
          <h3>{t('timeline')}</h3>
          <ol className="timeline" data-testid="case-timeline">
            {d.timeline.map((e) => <li key={e.id} data-kind={e.kind}><time>{fmtTime(e.at, lang, true)}</time> {threatWord(e.kind, lang)} {entryWords(e.detail, lang)}</li>)}
          </ol>
          {error && <p className="error" data-testid="case-error">{error}</p>}
          {handles && d.state !== 'closed' && (
            <div className="case-actions">
              <form data-testid="assess-form" onSubmit={(e) => { e.preventDefault(); void act('assess', { intendedAction: assess.intendedAction, reason: assess.reason,
                timeFrameHours: assess.intendedAction === 'no-action' ? null : Number(assess.timeFrameHours) }); }}>
                <h3>{t('assess')}</h3>
                <label>{t('intendedAction')}<select name="intendedAction" value={assess.intendedAction} onChange={(e) => setAssess({ ...assess, intendedAction: e.target.value })}>
                  {INTENDED_ACTIONS.map((a) => <option key={a} value={a}>{threatWord(a, lang)}</option>)}</select></label>
                <label>{t('reasonForReporter')}<textarea name="reason" value={assess.reason} onChange={(e) => setAssess({ ...assess, reason: e.target.value })} /></label>
                <label>{t('timeFrameHours')}<input name="timeFrameHours" type="number" min={0} value={assess.timeFrameHours} onChange={(e) => setAssess({ ...assess, timeFrameHours: e.target.value })} /></label>
                <button type="submit">{t('assess')}</button>
              </form>
              <form data-testid="refer-form" onSubmit={(e) => { e.preventDefault(); void act('refer', { registrar: refer.registrar.trim(), withinHours: Number(refer.withinHours) }); }}>
                <h3>{t('refer')}</h3>
                <label>{t('registrar')}<input name="registrar" value={refer.registrar} onChange={(e) => setRefer({ ...refer, registrar: e.target.value })} /></label>
                <label>{t('timeFrameHours')}<input name="withinHours" type="number" min={1} value={refer.withinHours} onChange={(e) => setRefer({ ...refer, withinHours: e.target.value })} /></label>
                <button type="submit">{t('refer')}</button>
              </form>
              <form data-testid="reply-form" onSubmit={(e) => { e.preventDefault(); if (text.trim()) void act('reply', { message: text.trim() }).then(() => setText('')); }}>
                <h3>{t('replyToReporter')}</h3>
                <textarea name="message" value={text} onChange={(e) => setText(e.target.value)} />
                <button type="submit">{t('send')}</button>
              </form>
              <p>
                {d.assessedAt && !d.mitigatedAt && <button onClick={() => void act('mitigate', {})} data-testid="mitigate">{t('mitigate')}</button>}{' '}
                {d.assessedAt && <button onClick={() => void act('close', { reason: text.trim() || 'closed' })} data-testid="close-case">{t('closeCase')}</button>}
              </p>
            </div>
          )}
          {can('names.act') && d.state !== 'closed' && <CaseNameActions caseId={id} names={d.names} onDone={c.reload} />}
          {can('threat.referral-answer') && d.referral && !d.referral.answeredAt && (
            <p data-testid="referral-answer">{t('referralAnswer')}:{' '}
              {(['acted', 'investigating', 'declined'] as const).map((a) => <button key={a} onClick={() => void act('referral-answer', { answer: a })}>{threatWord(a, lang)}</button>)}</p>
          )}
        </div>
      )}
    </Panel>
  );
}
