// The duty officer's screen: every system with its figures and node grid (live from the event
// stream), open incidents by grade, written-report deadlines as countdowns, active warnings.
import { useEffect, useMemo, useState } from 'react';
import { get, qs, type ApiResult } from '../api.ts';
import { useApi } from '../hooks.ts';
import { GRADES, useI18n } from '../i18n.ts';
import { useLive } from '../live.ts';
import { fmtMs, fmtPct, fmtTime, localName, systemHealth } from '../format.ts';
import { linkProps, navigate } from '../router.ts';
import { Countdown, GradeBadge, Panel, Table, WarningBadge, listOf } from '../components/ui.tsx';
import { NodeGrid } from '../components/NodeGrid.tsx';
import { FindingCounts } from '../components/FindingCounts.tsx';
import type { IncidentSummary, SystemList, Warning } from '../types.ts';
import { gradeRank, incidentTitle, isOpen, nextStepText, reportsDue } from './incident-view.ts';

/** The systems: from the live stream once it speaks, polled every 10 s while it does not. */
function useSystems(): ApiResult<SystemList> | null {
  const live = useLive();
  const [polled, setPolled] = useState<ApiResult<SystemList> | null>(null);
  useEffect(() => {
    if (live.state === 'live' && live.systems) return;
    let stop = false;
    const load = () => void get<SystemList>('/systems').then((r) => { if (!stop) setPolled(r); });
    load();
    const timer = setInterval(load, 10_000);
    return () => { stop = true; clearInterval(timer); };
  }, [live.state, live.systems === null]);
  return live.systems ? { ok: true, data: live.systems, status: 200 } : polled;
}

export function OverviewPage() {
  const { t, lang } = useI18n();
  const live = useLive();
  const systems = useSystems();
  const incidents = useApi<unknown>(`/incidents${qs({ limit: 500 })}`, [live.incidentsVersion]);
  const warnings = useApi<unknown>('/warnings', [live.warningsVersion]);

  const open = useMemo(() => (incidents.result?.ok ? listOf<IncidentSummary>(incidents.result.data, 'incidents').filter(isOpen) : []), [incidents.result]);
  const worstBySystem = useMemo(() => {
    const m = new Map<string, IncidentSummary>();
    for (const i of open) {
      if (!i.systemId || i.drill) continue;
      const prev = m.get(i.systemId);
      if (!prev || gradeRank(i.grade ?? i.proposedGrade) > gradeRank(prev.grade ?? prev.proposedGrade)) m.set(i.systemId, i);
    }
    return m;
  }, [open]);

  return (
    <div className="overview">
      <Panel title={t('systems')} result={systems} className="systems-panel" testId="systems"
        actions={systems?.ok && systems.data.at ? <span className="muted small">{t('lastCycle')} {fmtTime(systems.data.at, lang, true)}</span> : null}>
        {(data) => (
          <div className="system-cards">
            {data.systems.map((s) => {
              const worst = worstBySystem.get(s.id);
              const grade = worst?.grade ?? worst?.proposedGrade ?? null;
              const health = systemHealth(s);
              return (
                <article key={s.id} className={`system-card h-${health}${grade ? ` graded grade-border-${grade}` : ''}`} data-system={s.id} data-health={health}>
                  <header>
                    <a {...linkProps(`/systems/${encodeURIComponent(s.id)}`)} className="system-name">{localName(s.name, lang, s.id)}</a>
                    {grade && <GradeBadge grade={grade} proposed={!worst?.grade} />}
                  </header>
                  <div className="muted small">{s.id} · {s.org} · {s.kind}{s.stoppedMinutes > 0 ? ` · ${t('stopped')} ${s.stoppedMinutes.toFixed(0)} min` : ''}</div>
                  <dl className="figures">
                    <div><dt>{t('successRate')}</dt><dd className="big">{fmtPct(s.successRate)}</dd></div>
                    <div><dt>{t('latencyP50')}</dt><dd className="big">{fmtMs(s.latencyMs?.p50)}</dd></div>
                    <div><dt>{t('dataErrors')}</dt><dd className={`big${s.dataErrors > 0 ? ' bad-text' : ''}`}>{s.dataErrors}<small>/{s.dataChecked}</small></dd></div>
                  </dl>
                  <NodeGrid system={s} />
                </article>
              );
            })}
          </div>
        )}
      </Panel>

      <div className="side">
        <Panel title={t('openIncidents')} result={incidents.result} testId="open-incidents">
          {() => (
            <>
              <div className="grade-counts">
                {GRADES.map((g) => {
                  const n = open.filter((i) => (i.grade ?? i.proposedGrade) === g && !i.drill).length;
                  return <a key={g} {...linkProps(`/incidents?grade=${g}&state=open`)} className={`grade-count grade-${g}${n === 0 ? ' zero' : ''}`}><b>{n}</b><span>{`${g}`}</span></a>;
                })}
              </div>
              <Table rows={open.slice(0, 8)} rowKey={(i) => i.id} onRow={(i) => navigate(`/incidents/${encodeURIComponent(i.id)}`)}
                columns={[
                  { head: t('grade'), cell: (i) => <GradeBadge grade={i.grade ?? i.proposedGrade} proposed={!i.grade} /> },
                  { head: t('title'), cell: (i) => <>{incidentTitle(i, lang)}{i.drill ? <span className="tag">{t('drill')}</span> : null}</> },
                  { head: t('nextStep'), cell: (i) => <span data-next={i.nextStep?.action ?? ''}>{nextStepText(i, lang)}</span> },
                ]} />
            </>
          )}
        </Panel>
        <FindingCounts />
        <Panel title={t('deadlines')} result={incidents.result} testId="deadlines">
          {() => {
            // Due until the written report is filed, also after the measurements recovered (resolved, in recovery).
            const due = reportsDue(open);
            return <Table rows={due.slice(0, 8)} rowKey={(i) => i.id} onRow={(i) => navigate(`/incidents/${encodeURIComponent(i.id)}`)}
              columns={[
                { head: t('title'), cell: (i) => incidentTitle(i, lang) },
                { head: t('reportDue'), cell: (i) => <Countdown due={i.writtenReportDue} />, className: 'num' },
              ]} />;
          }}
        </Panel>
        <Panel title={t('activeWarnings')} result={warnings.result} testId="warnings">
          {(data) => {
            const active = listOf<Warning>(data, 'warnings').filter((w) => w.state !== 'lifted');
            return <Table rows={active} rowKey={(w) => String(w.id)} onRow={() => navigate('/warnings')}
              columns={[
                { head: t('level'), cell: (w) => <WarningBadge level={w.level} /> },
                { head: t('text'), cell: (w) => w.text ?? String(w.id) },
                { head: t('started'), cell: (w) => fmtTime(w.issuedAt, lang) },
              ]} />;
          }}
        </Panel>
      </div>
    </div>
  );
}
