// 举报进展 / Status of a report — public, outside the sign-in: the reporter's tracking id and status
// token show the state, the intended action with its time frame, and each step with its time, in the
// chosen language. Nothing about anyone else. Reloads every 30 s while open.
import { useEffect, useState } from 'react';
import { api, qs } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { threatWord } from '../i18n-threats.ts';
import { nameWord } from '../i18n-names.ts';
import { fmtTime } from '../format.ts';
import { navigate, useLocation } from '../router.ts';

interface Step { kind: string; at: string; text?: { zh: string; en: string } }
interface Status {
  trackingId: string; names: string[]; state: string; receivedAt: string; assessmentDueAt: string; assessedAt: string | null;
  intendedAction: { action: string; words: { zh: string; en: string }; reason: string } | null; timeFrame: { hours: number; by: string | null } | null;
  steps: Step[];
  measures?: Array<{ name: string; status: string; locked: boolean; since: string; until: string | null }>;
}

export function ReportStatusPage() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const id = query.get('trackingId') ?? '';
  const token = query.get('statusToken') ?? '';
  const [form, setForm] = useState({ id, token });
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!id || !token) return;
    let stop = false;
    const load = async () => {
      const r = await api<Status>('GET', `/threat-reports/${encodeURIComponent(id)}${qs({ statusToken: token })}`, undefined, { quiet401: true });
      if (stop) return;
      if (r.ok) { setStatus(r.data); setError(null); } else setError(r.status === 404 || r.status === 400 ? t('notFoundReport') : r.status === 429 ? t('tooMany') : r.error);
    };
    void load();
    const timer = setInterval(load, 30_000);
    return () => { stop = true; clearInterval(timer); };
  }, [id, token, t]);

  return (
    <section className="panel public-report" data-testid="report-status">
      <h2>{t('statusTitle')}</h2>
      <form className="filters" onSubmit={(e) => { e.preventDefault(); navigate(`/report/status${qs({ trackingId: form.id.trim(), statusToken: form.token.trim() })}`); }}>
        <label>{t('trackingId')}<input name="trackingId" value={form.id} onChange={(e) => setForm({ ...form, id: e.target.value })} /></label>
        <label>{t('statusToken')}<input name="statusToken" value={form.token} onChange={(e) => setForm({ ...form, token: e.target.value })} /></label>
        <button type="submit">{t('lookUp')}</button>
      </form>
      {error && <p className="error">{error}</p>}
      {status && (
        <>
          <dl className="facts">
            <dt>{t('trackingId')}</dt><dd>{status.trackingId}</dd>
            <dt>{t('domainName')}</dt><dd>{status.names.join(', ')}</dd>
            <dt>{t('state')}</dt><dd data-testid="status-state" data-state={status.state}>{threatWord(status.state, lang)}</dd>
            <dt>{t('assessmentDue')}</dt><dd>{fmtTime(status.assessmentDueAt, lang)}</dd>
            {status.intendedAction && <><dt>{t('intendedAction')}</dt>
              <dd data-testid="status-action">{status.intendedAction.words[lang]}{status.intendedAction.reason ? ` — ${status.intendedAction.reason}` : ''}</dd></>}
            {status.timeFrame && <><dt>{t('timeFrame')}</dt><dd data-testid="status-timeframe">{status.timeFrame.hours} {t('withinHours')}{status.timeFrame.by ? ` (${fmtTime(status.timeFrame.by, lang)})` : ''}</dd></>}
          </dl>
          {status.measures && status.measures.length > 0 && <><h3>{t('measuresNow')}</h3>
            <ul data-testid="status-measures">{status.measures.map((m) => (
              <li key={m.name} data-name={m.name} data-status={m.status}><code>{m.name}</code> {nameWord(m.status, lang)}{m.locked ? ` · ${t('lockedWord')}` : ''} · {t('sinceWord')} {fmtTime(m.since, lang)}
                {m.until ? ` · ${t('untilWord')} ${fmtTime(m.until, lang)}` : ''}</li>))}</ul></>}
          <h3>{t('steps')}</h3>
          <ol className="steps" data-testid="status-steps">
            {status.steps.map((s, i) => (
              <li key={i} data-kind={s.kind}><time>{fmtTime(s.at, lang)}</time> {threatWord(s.kind, lang)}{s.text ? ` — ${s.text[lang]}` : ''}</li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
