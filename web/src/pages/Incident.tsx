// One incident: grade and phase, commander, the written-report countdown, the grade-confirmation
// form, measures behind the directive gate, directives, the information and closing reports,
// downloads, reassignment, and the timeline. Each form is offered only with the permission for it.
import { useMemo, useState } from 'react';
import { download, qs } from '../api.ts';
import { useApi, useCan } from '../hooks.ts';
import { PHASES, useI18n } from '../i18n.ts';
import { useLive } from '../live.ts';
import { fmtTime, localName } from '../format.ts';
import { linkProps } from '../router.ts';
import { ActionForm, localInput } from '../components/ActionForm.tsx';
import { Countdown, GradeBadge, Panel, Table, WarningBadge, listOf } from '../components/ui.tsx';
import type { IncidentSummary } from '../types.ts';
import { commanderText, measureState, nextStepText, timelineKind, type TimelineEntry } from './incident-view.ts';
import { timelineWords } from './timeline-words.ts';

interface Detail {
  title?: { zh: string; en: string }; object?: string; phase?: string; commander?: IncidentSummary['commander'];
  needsConfirmation?: boolean; confirmation?: { decision: string; reason: string; by: string; at: string };
  deadlines?: { writtenReportDue?: string }; openedAt?: string; resolvedAt?: string; closedAt?: string;
  informationReport?: Record<string, string>; closingReport?: Record<string, string>;
  measures?: Array<{ id: string; measureId: string; province?: string; state: string; at: string; note?: string; requestedBy?: string }>;
  directives?: Array<{ id: string; measureId: string; province?: string; issuedAt: string; text: string; issuedBy?: { org?: string; role?: string } }>;
  reassignedTo?: { province: string; reason: string; at: string };
  warningLevel?: string | null; description?: string;
}
interface CatalogueEntry { id: string; name?: { zh: string; en: string }; major?: boolean; directiveScope?: string }

/** GET /incidents/:id answers `{ incident, detail, timeline }` (docs/api-v1.md). */
function parts(data: unknown): { inc: IncidentSummary; detail: Detail; timeline: TimelineEntry[] } {
  const raw = (data ?? {}) as { incident?: IncidentSummary; detail?: Detail; timeline?: TimelineEntry[] };
  return { inc: raw.incident ?? ({} as IncidentSummary), detail: raw.detail ?? {}, timeline: raw.timeline ?? [] };
}

export function IncidentPage({ id }: { id: string }) {
  const { t } = useI18n();
  const live = useLive();
  const path = `/incidents/${encodeURIComponent(id)}`;
  const loaded = useApi<unknown>(path, [live.incidentsVersion]);
  return (
    <div className="incident-page">
      <p><a {...linkProps('/incidents')}>← {t('incidents')}</a></p>
      <Panel title={`#${id}`} result={loaded.result} testId="incident">
        {(data) => <IncidentView id={id} path={path} {...parts(data)} reload={loaded.reload} />}
      </Panel>
    </div>
  );
}

function IncidentView({ id, path, inc, detail, timeline, reload }: { id: string; path: string; inc: IncidentSummary; detail: Detail; timeline: TimelineEntry[]; reload: () => void }) {
  const { t, lang, phase: phaseName } = useI18n();
  const can = useCan();
  const phase = detail.phase ?? inc.phase ?? inc.state ?? '';
  const closed = phase === 'closed';
  const due = detail.deadlines?.writtenReportDue ?? inc.writtenReportDue;
  const needsConfirmation = detail.needsConfirmation ?? inc.needsConfirmation ?? false;
  const catalogue = useApi<unknown>(`/measures/catalogue${qs({ object: detail.object })}`);
  const measures = useMemo(() => (catalogue.result?.ok ? listOf<CatalogueEntry>(catalogue.result.data, 'measures', 'catalogue') : []), [catalogue.result]);
  const measureName = (mid: string) => localName(measures.find((m) => m.id === mid)?.name, lang, mid);
  const measureOptions = measures.map((m) => ({ value: m.id, label: `${localName(m.name, lang, m.id)}${m.major ? (lang === 'zh' ? '（重大，需指令）' : ' (major: needs a directive)') : ''}` }));
  const next = PHASES.slice(PHASES.indexOf(phase as (typeof PHASES)[number]) + 1);
  const [dlError, setDlError] = useState<string | null>(null);
  const dl = async (kind: string, format: string) => setDlError(await download(`${path}/report${qs({ kind, format, lang: 'both' })}`, `incident-${id}-${kind}.${format}`));

  return (
    <div className="incident">
      <div className="incident-head">
        <h2>{localName(detail.title ?? inc.title, lang, `#${id}`)}</h2>
        <div className="chips" data-testid="incident-grade">
          <GradeBadge grade={inc.grade} />
          {inc.proposedGrade && inc.proposedGrade !== inc.grade && <>{t('proposedGrade')}: <GradeBadge grade={inc.proposedGrade} proposed /></>}
          <WarningBadge level={detail.warningLevel ?? inc.warningLevel} />
          {inc.drill && <span className="tag">{t('drill')}</span>}
        </div>
        <ol className="phases">{PHASES.map((p) => <li key={p} className={p === phase ? 'current' : PHASES.indexOf(p) < PHASES.indexOf(phase as (typeof PHASES)[number]) ? 'done' : ''}>{phaseName(p)}</li>)}</ol>
        <dl className="facts">
          <div><dt>{t('system')}</dt><dd>{inc.systemId ? <a {...linkProps(`/systems/${encodeURIComponent(inc.systemId)}`)}>{inc.systemId}</a> : '—'}</dd></div>
          <div><dt>{t('org')}</dt><dd>{inc.org}</dd></div>
          <div><dt>{t('commander')}</dt><dd>{commanderText(detail.commander ?? inc.commander, lang)}{detail.reassignedTo ? ` → ${detail.reassignedTo.province}` : ''}</dd></div>
          <div><dt>{t('nextStep')}</dt><dd data-testid="next-step" data-next={inc.nextStep?.action ?? ''}>{nextStepText(inc, lang)}</dd></div>
          <div><dt>{t('opened')}</dt><dd>{fmtTime(detail.openedAt ?? inc.openedAt, lang, true)}</dd></div>
          <div><dt>{t('resolved')}</dt><dd>{fmtTime(detail.resolvedAt ?? inc.resolvedAt, lang, true)}</dd></div>
          <div><dt>{t('reportDue')}</dt><dd>{detail.informationReport ? `✓ ${fmtTime(detail.informationReport.filedAt, lang)}` : closed ? '—' : <Countdown due={due} />}</dd></div>
        </dl>
        {detail.description && <p>{detail.description}</p>}
      </div>

      <div className="two-col">
        <div>
          {needsConfirmation && !closed && can('incident.confirm-grade') && (
            <ActionForm title={`${t('confirmGrade')}: ${inc.proposedGrade ?? ''}`} path={`${path}/confirm-grade`} onDone={reload} testId="confirm-grade" fields={[
              { name: 'decision', label: t('confirmGrade'), kind: 'select', options: [{ value: 'confirmed', label: t('confirm') }, { value: 'rejected', label: t('reject') }] },
              { name: 'reason', label: t('reason'), kind: 'textarea', required: true },
            ]} />)}
          {detail.confirmation && <p className="muted">{t('confirmGrade')}: {detail.confirmation.decision} — {detail.confirmation.reason} ({detail.confirmation.by}, {fmtTime(detail.confirmation.at, lang)})</p>}
          {!closed && next.length > 0 && can('incident.change-phase') && (
            <ActionForm title={t('nextPhase')} path={`${path}/phase`} onDone={reload} fields={[
              { name: 'to', label: t('phase'), kind: 'select', options: next.map((p) => ({ value: p, label: phaseName(p) })) },
            ]} />)}

          <h3>{t('measures')}</h3>
          <div data-testid="measures"><Table rows={detail.measures ?? []} rowKey={(m) => m.id} columns={[
            { head: t('measure'), cell: (m) => measureName(m.measureId) },
            { head: t('province'), cell: (m) => m.province ?? '' },
            { head: t('state'), cell: (m) => <span className={m.state === 'refused' ? 'bad-text' : ''} data-state={m.state}>{measureState(m.state, lang)}{m.note ? ` — ${m.note}` : ''}</span> },
            { head: t('time'), cell: (m) => fmtTime(m.at, lang) },
          ]} /></div>
          {!closed && (can('incident.plan-measure') || can('incident.execute-measure')) && (
            measureOptions.length === 0 && catalogue.result && !catalogue.result.ok ? <p className="muted small">{t('measures')}: {t('notAvailable')}</p> : measureOptions.length > 0 &&
            <ActionForm path={`${path}/measures`} onDone={reload} testId="measure-form" fields={[
              { name: 'measureId', label: t('measure'), kind: 'select', options: measureOptions },
              { name: 'province', label: t('province') },
              ...(can('incident.execute-measure') ? [{ name: 'execute', label: t('execute'), kind: 'checkbox' as const }] : []),
            ]} />)}

          <h3>{t('directives')}</h3>
          <div data-testid="directives"><Table rows={detail.directives ?? []} rowKey={(d) => d.id} columns={[
            { head: t('measure'), cell: (d) => measureName(d.measureId) },
            { head: t('province'), cell: (d) => d.province ?? '' },
            { head: t('text'), cell: (d) => d.text },
            { head: t('time'), cell: (d) => `${fmtTime(d.issuedAt, lang)} ${d.issuedBy?.org ?? ''}` },
          ]} /></div>
          {!closed && can('incident.record-directive') && measureOptions.length > 0 && (
            <ActionForm title={t('issueDirective')} path={`${path}/directives`} onDone={reload} testId="directive-form" fields={[
              { name: 'measureId', label: t('measure'), kind: 'select', options: measureOptions },
              { name: 'province', label: t('province') },
              { name: 'text', label: t('text'), kind: 'textarea', required: true },
            ]} />)}
          {!closed && can('incident.reassign') && (
            <ActionForm title={t('reassign')} path={`${path}/reassign`} onDone={reload} fields={[
              { name: 'province', label: t('province'), required: true },
              { name: 'reason', label: t('reason'), kind: 'textarea', required: true },
            ]} />)}
        </div>
        <div>
          <h3>{t('infoReport')}</h3>
          {detail.informationReport?.filedAt && <p className="ok-text" data-testid="report-filed">✓ {fmtTime(detail.informationReport.filedAt, lang, true)}{detail.informationReport.by ? ` — ${detail.informationReport.by}` : ''}</p>}
          {can('incident.file-information-report') && !closed ? (
            <ActionForm key={`ir-${detail.informationReport?.filedAt ?? ''}`} path={`${path}/information-report`} onDone={reload} testId="info-report" fields={[
              { name: 'startedAt', label: t('startedAt'), kind: 'datetime', required: true, initial: localInput(detail.informationReport?.startedAt ?? detail.openedAt ?? inc.openedAt) },
              { name: 'scope', label: t('scope'), kind: 'textarea', required: true, initial: detail.informationReport?.scope ?? '' },
              { name: 'harm', label: t('harm'), kind: 'textarea', required: true, initial: detail.informationReport?.harm ?? '' },
              { name: 'measuresTaken', label: t('measuresTaken'), kind: 'textarea', required: true, initial: detail.informationReport?.measuresTaken ?? '' },
              { name: 'recommendations', label: t('recommendations'), kind: 'textarea', required: true, initial: detail.informationReport?.recommendations ?? '' },
            ]} />
          ) : <ReportText report={detail.informationReport} keys={['startedAt', 'scope', 'harm', 'measuresTaken', 'recommendations']} />}
          <h3>{t('closingReport')}</h3>
          {can('incident.file-closing-report') && !closed ? (
            <ActionForm key={`cr-${detail.closingReport?.filedAt ?? ''}`} path={`${path}/closing-report`} onDone={reload} fields={[
              { name: 'summary', label: t('summary'), kind: 'textarea', required: true, initial: detail.closingReport?.summary ?? '' },
              { name: 'cause', label: t('cause'), kind: 'textarea', required: true, initial: detail.closingReport?.cause ?? '' },
              { name: 'lessons', label: t('lessons'), kind: 'textarea', required: true, initial: detail.closingReport?.lessons ?? '' },
            ]} />
          ) : <ReportText report={detail.closingReport} keys={['summary', 'cause', 'lessons']} />}
          <h3>{t('downloads')}</h3>
          <div className="downloads">
            {(['information', 'closing'] as const).map((kind) => (
              <div key={kind}>{kind === 'information' ? t('infoReport') : t('closingReport')}: {['md', 'html', 'pdf'].map((f) => <button key={f} className="link" data-testid={`download-${kind}-${f}`} onClick={() => void dl(kind, f)}>{f}</button>)}</div>
            ))}
            {dlError && <p className="error">{dlError}</p>}
          </div>
        </div>
      </div>

      <h3>{t('timeline')}</h3>
      <div data-testid="timeline"><Table rows={[...timeline].reverse()} rowKey={(e) => String(e.id ?? `${e.at}-${e.kind}`)} columns={[
        { head: t('time'), cell: (e) => fmtTime(e.at, lang, true) },
        { head: t('action'), cell: (e) => <span title={e.kind} data-kind={e.kind}>{timelineKind(e.kind, lang)}</span> },
        { head: t('actor'), cell: (e) => e.actorName ?? (e.actor ? e.actor.slice(0, 8) : t('platformActor')) },
        { head: t('text'), cell: (e) => timelineWords(e.kind, e.payload, lang, measureName) },
      ]} /></div>
    </div>
  );
}

function ReportText({ report, keys }: { report?: Record<string, string>; keys: string[] }) {
  const { t, lang } = useI18n();
  if (!report) return <p className="muted">{t('none')}</p>;
  return <dl className="report">{keys.map((k) => <div key={k}><dt>{t(k as 'scope')}</dt><dd>{k === 'startedAt' ? fmtTime(report[k], lang) : report[k]}</dd></div>)}</dl>;
}

