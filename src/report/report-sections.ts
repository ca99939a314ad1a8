// The sections both reports share, built from the view model in the chosen language(s). Pure.
import type { ReportView } from './report-model.ts';
import type { FigureSet, NodeFigures } from './report-figures.ts';
import type { Block, Field, Lx } from './report-blocks.ts';
import { T, OBJECT_NAMES, ORG_ROLE_NAMES, MEASURE_STATE_NAMES, TIMELINE_KIND_NAMES, gradeLabel, warningLabel, phaseLabel, term, type Localized } from './report-i18n.ts';
import { formatInstant, formatMinutes, formatPercent, formatMs } from './report-format.ts';

const same = (s: string): Localized => ({ zh: s, en: s });
/** A user-entered statement, or the "not provided" marker. */
export function userText(x: Lx, text: string | null | undefined): Block[] {
  return text && text.trim() !== '' ? [{ kind: 'text', text, user: true }] : x.P(T.notProvided, 'warn');
}
/** A duration in the report's language(s). */
export const dur = (x: Lx, min: number | null) => x.L({ zh: formatMinutes(min, 'zh'), en: formatMinutes(min, 'en') });

export function commanderLabel(x: Lx, v: ReportView): string {
  const c = v.commander;
  const provisional = c.provisional ? x.L(T.provisional) : '';
  if (c.role === 'emergency-office') return term(x.lang, ORG_ROLE_NAMES['emergency-office']) + provisional;
  if (c.role === 'provincial-authority') return `${c.province} ${term(x.lang, ORG_ROLE_NAMES['provincial-authority'])}${provisional}`;
  return `${x.L(T.selfHandled)}: ${x.L(c.orgName ?? same(c.org))}${provisional}`;
}

export function incidentFields(x: Lx, v: ReportView): Field[] {
  const role = v.organization.role ? ORG_ROLE_NAMES[v.organization.role] : undefined;
  const rows: Field[] = [
    { label: x.L(T.incidentId), value: v.incidentId },
    { label: x.L(T.title), value: x.L(v.title) },
    { label: x.L(T.organization), value: `${x.L(v.organization.name)}${role ? ` — ${term(x.lang, role)}` : ''}` },
    { label: x.L(T.system), value: `${x.L(v.system.name)} [${v.system.id}]${v.system.zones.length ? ` — ${v.system.zones.join(', ')}` : ''}` },
    { label: x.L(T.object), value: x.L(OBJECT_NAMES[v.object] ?? same(v.object)) },
    { label: x.L(T.grade), value: gradeLabel(v.grade, x.lang), tone: v.grade === 'I' || v.grade === 'II' ? 'bad' : undefined },
  ];
  if (v.proposedGrade && v.needsConfirmation) rows.push({ label: x.L(T.proposedGrade), value: gradeLabel(v.proposedGrade, x.lang), tone: 'warn' });
  if (v.confirmation) {
    const c = v.confirmation;
    const verdict = x.L(c.decision === 'confirmed' ? { zh: '已确认', en: 'confirmed' } : { zh: '已驳回', en: 'rejected' });
    rows.push({ label: x.L({ zh: '级别确认', en: 'Grade confirmation' }),
      value: `${verdict} ${gradeLabel(c.grade, x.lang)} — ${c.by}, ${formatInstant(c.at, x.tz)}: ${c.reason}` });
  }
  rows.push(
    { label: x.L(T.warning), value: warningLabel(v.warningLevel, x.lang) },
    { label: x.L(T.commander), value: commanderLabel(x, v) },
    { label: x.L(T.phase), value: phaseLabel(v.phase, x.lang) },
  );
  return rows;
}

export function beganBlocks(x: Lx, v: ReportView): Block[] {
  return [{ kind: 'fields', rows: [
    { label: x.L(T.began), value: formatInstant(v.startedAt, x.tz) },
    { label: x.L(T.detected), value: formatInstant(v.openedAt, x.tz) },
  ] }];
}

const STATUS_NAMES: Record<NodeFigures['status'], Localized> = {
  ok: T.ok, stopped: T.stopped, failing: T.failing, slow: T.slow, 'data-errors': T.dataWrong,
};

function dataErrorsCell(n: NodeFigures): string {
  if (n.dataErrors === null) return '—';
  const rate = n.dataErrorRate ?? (n.dataChecked ? n.dataErrors / n.dataChecked : null);
  return `${n.dataErrors}${n.dataChecked !== null ? ` / ${n.dataChecked}` : ''} (${formatPercent(rate)})`;
}

/** The measured figures: one sentence on the system, then one row per node. */
function figureBlocks(x: Lx, f: FigureSet, heading: Localized): Block[] {
  const total = f.nodes.length;
  const sentence: Localized = {
    zh: `${total} 个节点中有 ${f.nodesFailing} 个异常；系统解析成功率 ${formatPercent(f.successRate)}，响应时间（中位数）${formatMs(f.latencyMs)}。`,
    en: `${f.nodesFailing} of ${total} nodes failing; system success rate ${formatPercent(f.successRate)}, median response time ${formatMs(f.latencyMs)}.`,
  };
  const hasFailures = f.nodes.some((n) => Object.keys(n.failures).length > 0);
  const head = [T.node, T.address, T.successRate, T.latency, T.dataErrors, ...(hasFailures ? [T.failures] : []), T.status].map(x.L);
  const rows = f.nodes.map((n) => [
    n.id, n.address ?? '—', formatPercent(n.successRate), formatMs(n.latencyMs), dataErrorsCell(n),
    ...(hasFailures ? [Object.entries(n.failures).map(([k, c]) => `${k} ${c}`).join(', ') || '—'] : []),
    x.L(STATUS_NAMES[n.status]),
  ]);
  return [
    { kind: 'subheading', text: f.at ? `${x.L(heading)} — ${formatInstant(f.at, x.tz)}` : x.L(heading) },
    ...x.P(sentence, f.nodesFailing > 0 ? 'bad' : undefined),
    ...(total > 0 ? [{ kind: 'table', head, rows, className: 'figures' } as Block] : []),
  ];
}

export function scopeBlocks(x: Lx, v: ReportView, opts: { lastHeading?: Localized } = {}): Block[] {
  const info = v.informationReport;
  const out: Block[] = [
    { kind: 'subheading', text: x.L(T.scope) }, ...userText(x, info?.scope),
    { kind: 'subheading', text: x.L(T.harm) }, ...userText(x, info?.harm),
  ];
  if (v.matched.length > 0) {
    out.push({ kind: 'subheading', text: x.L(T.matched) },
      { kind: 'list', items: v.matched.map((m) => `${gradeLabel(m.grade, x.lang)} — ${m.rule}: ${m.detail}`) });
  }
  const { first, last } = v.figures;
  if (first) out.push(...figureBlocks(x, first, T.figuresFirst));
  if (last) out.push(...figureBlocks(x, last, opts.lastHeading ?? T.figuresLast));
  if (!first && !last) out.push(...x.P(T.noFigures));
  return out;
}

export function measureBlocks(x: Lx, v: ReportView): Block[] {
  const out: Block[] = [...userText(x, v.informationReport?.measuresTaken)];
  if (v.measures.length === 0) out.push(...x.P(T.noMeasures));
  else {
    out.push({ kind: 'table', className: 'measures',
      head: [T.measureCol, T.stateCol, T.requestedBy, T.time, T.executedAt, T.directiveCol, T.details].map(x.L),
      rows: v.measures.map((m) => [
        `${x.L(m.name)}${m.province ? ` (${m.province})` : ''}`,
        x.L(MEASURE_STATE_NAMES[m.state] ?? same(m.state)), m.requestedBy, formatInstant(m.at, x.tz),
        formatInstant(m.executedAt, x.tz), m.directiveId ?? (m.major ? '—' : x.L(T.none)), m.note ?? '',
      ]) });
  }
  if (v.directives.length > 0) {
    out.push({ kind: 'subheading', text: x.L(T.directives) }, { kind: 'table', className: 'directives',
      head: ['ID', ...[T.measureCol, T.issuedBy, T.issuedAt, T.text].map(x.L)],
      rows: v.directives.map((d) => [
        d.id, `${x.L(d.measureName)}${d.province ? ` (${d.province})` : ''}`,
        issuerLabel(x, d),
        formatInstant(d.issuedAt, x.tz), d.text,
      ]) });
  }
  return out;
}

function issuerLabel(x: Lx, d: ReportView['directives'][number]): string {
  const role = `${term(x.lang, ORG_ROLE_NAMES[d.issuerRole])}${d.issuerRole === 'provincial-authority' && d.province ? ` ${d.province}` : ''}`;
  const name = x.L(d.issuer.name);
  return d.issuer.name.zh === ORG_ROLE_NAMES[d.issuerRole].zh ? name : `${name} (${role})`;
}

export function timelineBlocks(x: Lx, v: ReportView): Block[] {
  return [{ kind: 'table', className: 'timeline',
    head: [T.time, T.event, T.actor, T.details].map(x.L),
    rows: v.timeline.map((e) => [formatInstant(e.at, x.tz), x.L(TIMELINE_KIND_NAMES[e.kind] ?? same(e.kind)), e.actor ?? '—', x.L(e.summary)]) }];
}

export function deadlineBlocks(x: Lx, v: ReportView): Block[] {
  const dl = v.deadline;
  const statusText: Record<typeof dl.status, Localized> = {
    'in-time': { zh: '按时报送', en: 'filed in time' },
    late: { zh: `逾期报送，超出 ${formatMinutes(dl.lateMinutes, 'zh')}`, en: `filed late, ${formatMinutes(dl.lateMinutes, 'en')} after the deadline` },
    pending: { zh: `尚未报送，剩余 ${formatMinutes(dl.remainingMinutes, 'zh')}`, en: `not yet filed, ${formatMinutes(dl.remainingMinutes, 'en')} left` },
    overdue: { zh: `已逾期 ${formatMinutes(dl.lateMinutes, 'zh')}，尚未报送`, en: `overdue by ${formatMinutes(dl.lateMinutes, 'en')}, not filed` },
  };
  return [
    { kind: 'fields', rows: [
      { label: x.L(T.due), value: formatInstant(dl.due, x.tz) },
      { label: x.L(T.filedAt), value: formatInstant(dl.filedAt, x.tz) },
      { label: x.L(T.deadlineStatus), value: x.L(statusText[dl.status]), tone: dl.status === 'in-time' ? 'good' : dl.status === 'pending' ? 'warn' : 'bad' },
    ] },
    ...x.P({ zh: '依据《互联网域名管理办法》第四十一条，应在24小时内书面报告。', en: 'Measures art. 41: a written report within 24 hours.' }),
  ];
}

export function signatureBlocks(x: Lx, v: ReportView, filed: { by: string; at: string } | null): Block[] {
  const blank = ''; // left empty: filled in by hand on the printed copy
  return [{ kind: 'signature', rows: [
    { label: x.L(T.reportingOrg), value: x.L(v.organization.name) },
    { label: x.L(T.filedBy), value: filed?.by ?? blank },
    { label: x.L(T.filedAt), value: filed ? formatInstant(filed.at, x.tz) : blank },
    { label: x.L(T.signature), value: blank },
    { label: x.L(T.seal), value: blank },
    { label: x.L(T.date), value: blank },
  ] }];
}
