// The incident list with filters (grade, phase, organisation, province, drill or real). The filters
// live in the URL so that a filtered view can be bookmarked and shared.
import { useState } from 'react';
import { qs } from '../api.ts';
import { useApi } from '../hooks.ts';
import { GRADES, PHASES, gradeLabel, useI18n } from '../i18n.ts';
import { useLive } from '../live.ts';
import { fmtTime } from '../format.ts';
import { navigate, useLocation } from '../router.ts';
import { Countdown, GradeBadge, Panel, Table, WarningBadge, listOf } from '../components/ui.tsx';
import type { IncidentSummary } from '../types.ts';
import { commanderText, incidentPhase, incidentTitle, isOpen, nextStepText, phaseOf } from './incident-view.ts';

const KEYS = ['grade', 'state', 'org', 'province', 'drill'] as const;

export function IncidentsPage() {
  const { t, lang, phase } = useI18n();
  const live = useLive();
  const { query } = useLocation();
  const filters = Object.fromEntries(KEYS.map((k) => [k, query.get(k) ?? ''])) as Record<(typeof KEYS)[number], string>;
  const [draft, setDraft] = useState(filters);
  const list = useApi<unknown>(`/incidents${qs({ ...filters, limit: 500 })}`, [live.incidentsVersion]);

  const apply = (next: typeof filters) => { setDraft(next); navigate(`/incidents${qs(next)}`); };
  const set = (k: (typeof KEYS)[number], v: string) => apply({ ...draft, [k]: v });
  // The server filters; the same rules again here keep the view right if it ignores one.
  const keep = (i: IncidentSummary) => (!filters.grade || (i.grade ?? i.proposedGrade) === filters.grade)
    && (!filters.state || (filters.state === 'open' ? isOpen(i) : phaseOf(i) === filters.state))
    && (!filters.org || i.org === filters.org) && (!filters.drill || String(!!i.drill) === filters.drill);

  return (
    <div className="incidents-page">
      <form className="filters" onSubmit={(e) => { e.preventDefault(); apply(draft); }}>
        <label>{t('grade')}<select value={draft.grade} onChange={(e) => set('grade', e.target.value)}>
          <option value="">{t('all')}</option>{GRADES.map((g) => <option key={g} value={g}>{gradeLabel(g)}</option>)}</select></label>
        <label>{t('phase')}<select value={draft.state} onChange={(e) => set('state', e.target.value)}>
          <option value="">{t('all')}</option><option value="open">{t('open')}</option>
          {PHASES.map((p) => <option key={p} value={p}>{phase(p)}</option>)}</select></label>
        <label>{t('org')}<input value={draft.org} onChange={(e) => setDraft({ ...draft, org: e.target.value })} size={10} /></label>
        <label>{t('province')}<input value={draft.province} onChange={(e) => setDraft({ ...draft, province: e.target.value })} size={8} /></label>
        <label>{t('drill')}<select value={draft.drill} onChange={(e) => set('drill', e.target.value)}>
          <option value="">{t('all')}</option><option value="false">{t('real')}</option><option value="true">{t('drill')}</option></select></label>
        <button type="submit">{t('filter')}</button>
      </form>
      <Panel title={t('incidents')} result={list.result} testId="incident-list">
        {(data) => <Table rows={listOf<IncidentSummary>(data, 'incidents').filter(keep)} rowKey={(i) => i.id}
          onRow={(i) => navigate(`/incidents/${encodeURIComponent(i.id)}`)} columns={[
            { head: t('grade'), cell: (i) => <GradeBadge grade={i.grade ?? i.proposedGrade} proposed={!i.grade} /> },
            { head: t('title'), cell: (i) => <>{incidentTitle(i, lang)} {i.drill && <span className="tag">{t('drill')}</span>}{i.needsConfirmation && <span className="tag attn">{t('needsConfirmation')}</span>}</> },
            { head: t('system'), cell: (i) => i.systemId ?? '—' },
            { head: t('org'), cell: (i) => i.org },
            { head: t('phase'), cell: (i) => incidentPhase(i, lang) },
            { head: t('commander'), cell: (i) => commanderText(i.commander, lang) },
            { head: t('nextStep'), cell: (i) => <span className={i.nextStep?.by === 'commander' ? 'attn-text' : ''} data-next={i.nextStep?.action ?? ''}>{nextStepText(i, lang)}</span> },
            { head: t('warnings'), cell: (i) => <WarningBadge level={i.warningLevel} /> },
            { head: t('opened'), cell: (i) => fmtTime(i.openedAt, lang) },
            // Due until the written report is filed, also once the incident resolved (recovery).
            { head: t('reportDue'), cell: (i) => (i.reportFiledAt ? '✓' : isOpen(i) && i.writtenReportDue ? <Countdown due={i.writtenReportDue} /> : '—') },
          ]} />}
      </Panel>
    </div>
  );
}
