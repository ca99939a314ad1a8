// 威胁举报 / Threat reports (SPEC §6): the queue — high priority, credible and due first — with the
// 24-hour answer's countdown, the source class, the responsible party and referrals; filters in the
// URL; and the response-time figures (time to acknowledge, assess, mitigate) per source class and
// per registrar.
import { qs } from '../api.ts';
import { useApi } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { threatWord } from '../i18n-threats.ts';
import { linkProps, navigate, useLocation } from '../router.ts';
import { Countdown, Panel, Table } from '../components/ui.tsx';

export interface CaseRow {
  id: string; names: string[]; primaryName: string; threatType: string; state: string; priority: string; credibility: { score: number; level: string };
  sourceClass: string; responsible: string; harms: string[]; reports: number; referredTo: string | null; receivedAt: string;
  assessmentDueAt: string; assessedAt: string | null; mitigatedAt: string | null; closedAt: string | null; assessmentOverdue: boolean;
  intendedAction: string | null; actionDueAt: string | null;
  referral: { registrar: string; dueAt: string; answeredAt: string | null; answer: string | null; overdue: boolean } | null;
}
interface Figure { cases: number; acknowledgeMin: number | null; assessMin: number | null; mitigateMin: number | null; assessed: number; assessedLate: number; mitigated: number }
interface Figures { all: Figure; bySource: Record<string, Figure>; byRegistrar: Record<string, Figure> }

export function ThreatsPage() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const state = query.get('state') ?? 'open';
  const priority = query.get('priority') ?? '';
  const sourceClass = query.get('sourceClass') ?? '';
  const list = useApi<{ cases: CaseRow[] }>(`/threat-cases${qs({ state, priority, sourceClass, limit: 1000 })}`, [state, priority, sourceClass]);
  const figures = useApi<Figures>('/threat-cases/figures');
  const set = (k: string, v: string) => navigate(`/threats${qs({ state, priority, sourceClass, [k]: v })}`);
  const num = (v: number | null) => (v === null ? '—' : String(v));
  const figureRows = (f: Figures) => [['all', lang === 'zh' ? '全部' : 'all', f.all] as const,
    ...Object.entries(f.bySource).map(([k, v]) => ['s:' + k, `${t('sourceClass')}: ${threatWord(k, lang)}`, v] as const),
    ...Object.entries(f.byRegistrar).map(([k, v]) => ['r:' + k, `${t('registrar')}: ${k}`, v] as const)];

  return (
    <div className="threats-page">
      <div className="filters">
        <label>{t('state')}<select name="state" value={state} onChange={(e) => set('state', e.target.value)}>
          {['open', 'acknowledged', 'assessed', 'closed', 'all'].map((s) => <option key={s} value={s}>{s === 'open' ? t('open') : s === 'all' ? t('all') : threatWord(s, lang)}</option>)}</select></label>
        <label>{t('priority')}<select name="priority" value={priority} onChange={(e) => set('priority', e.target.value)}>
          <option value="">{t('all')}</option>{['high', 'normal', 'low'].map((p) => <option key={p} value={p}>{threatWord(p, lang)}</option>)}</select></label>
        <label>{t('sourceClass')}<select name="sourceClass" value={sourceClass} onChange={(e) => set('sourceClass', e.target.value)}>
          <option value="">{t('all')}</option>{['law-enforcement', 'recognised', 'other', 'anonymous'].map((p) => <option key={p} value={p}>{threatWord(p, lang)}</option>)}</select></label>
        <a {...linkProps('/report')} target="_blank">{t('reportTitle')}</a>
      </div>
      <Panel title={t('threatQueue')} result={list.result} testId="threat-queue">
        {(d) => (
          <Table rows={d.cases} rowKey={(c) => c.id} onRow={(c) => navigate(`/threats/${encodeURIComponent(c.id)}`)} columns={[
            { head: t('priority'), cell: (c) => <span className={`badge prio-${c.priority}`} data-testid="prio">{threatWord(c.priority, lang)}</span> },
            { head: t('domainName'), cell: (c) => <a {...linkProps(`/threats/${encodeURIComponent(c.id)}`)}>{c.primaryName}{c.names.length > 1 ? ` +${c.names.length - 1}` : ''}</a> },
            { head: t('threatType'), cell: (c) => threatWord(c.threatType, lang) },
            { head: t('sourceClass'), cell: (c) => threatWord(c.sourceClass, lang) },
            { head: t('credibility'), cell: (c) => `${threatWord(c.credibility.level, lang)} (${c.credibility.score})` },
            { head: t('state'), cell: (c) => threatWord(c.state, lang) },
            { head: t('assessmentDue'), cell: (c) => (c.assessedAt ? '✓' : <Countdown due={c.assessmentDueAt} />) },
            { head: t('responsibleParty'), cell: (c) => threatWord(c.responsible, lang) },
            { head: t('referredTo'), cell: (c) => (c.referral ? `${c.referral.registrar}${c.referral.overdue ? ` (${threatWord('overdue', lang)})` : ''}` : '—') },
            { head: t('reportsCount'), cell: (c) => c.reports },
          ]} />
        )}
      </Panel>
      <Panel title={t('threatFigures')} result={figures.result} testId="threat-figures">
        {(f) => (
          <Table rows={figureRows(f)} rowKey={(r) => r[0]} columns={[
            { head: '', cell: (r) => r[1] },
            { head: t('reportsCount'), cell: (r) => r[2].cases },
            { head: t('toAcknowledge'), cell: (r) => num(r[2].acknowledgeMin) },
            { head: t('toAssess'), cell: (r) => num(r[2].assessMin) },
            { head: t('toMitigate'), cell: (r) => num(r[2].mitigateMin) },
            { head: t('assessedLate'), cell: (r) => r[2].assessedLate },
          ]} />
        )}
      </Panel>
    </div>
  );
}
