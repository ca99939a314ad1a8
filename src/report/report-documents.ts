// Assembles the information report (信息报告, plan §5.2 / Measures art. 41) and the closing
// report (总结报告) from the shared sections. Pure.
import type { ReportView } from './report-model.ts';
import { lx, numberedTitle, type Block, type ReportDocument, type RenderOptions, type Section } from './report-blocks.ts';
import { T, type Localized } from './report-i18n.ts';
import {
  incidentFields, beganBlocks, scopeBlocks, measureBlocks, timelineBlocks, deadlineBlocks, signatureBlocks, userText, dur,
} from './report-sections.ts';
import { formatInstant } from './report-format.ts';

function numbered(opts: RenderOptions, parts: Array<[string, Localized, Block[]]>): Section[] {
  return parts.map(([id, title, blocks], i) => ({ id, title: numberedTitle(i + 1, title, opts.lang), blocks }));
}

function banners(v: ReportView, x: ReturnType<typeof lx>, filed: boolean): ReportDocument['banners'] {
  const out: ReportDocument['banners'] = [];
  // The drill banner always names both languages: a reader must never take a drill for real.
  if (v.drill) out.push({ kind: 'drill', text: `${T.drillBanner.zh} ${T.drillBanner.en}` });
  if (!filed) out.push({ kind: 'draft', text: x.L(T.draftBanner) });
  return out;
}

export function informationDocument(v: ReportView, opts: RenderOptions): ReportDocument {
  const x = lx(opts);
  const info = v.informationReport;
  const body = numbered(opts, [
    ['incident', T.secIncident, [{ kind: 'fields', rows: incidentFields(x, v) }]],
    ['began', T.secBegan, beganBlocks(x, v)],
    ['scope', T.secScope, scopeBlocks(x, v)],
    ['measures', T.secMeasures, measureBlocks(x, v)],
    ['recommendations', T.secRecommend, userText(x, info?.recommendations)],
    ['timeline', T.secTimeline, timelineBlocks(x, v)],
    ['deadline', T.secDeadline, deadlineBlocks(x, v)],
  ]);
  return {
    kind: 'information', lang: opts.lang,
    title: x.L(T.infoTitle),
    subtitle: `${v.incidentId} · ${x.L(v.organization.name)}`,
    banners: banners(v, x, !!info),
    sections: [...body, { id: 'signature', title: x.L(T.secSignature),
      blocks: signatureBlocks(x, v, info ? { by: info.filedByName, at: info.filedAt } : null) }],
  };
}

function recoveryBlocks(x: ReturnType<typeof lx>, v: ReportView): Block[] {
  return [{ kind: 'fields', rows: [
    { label: x.L(T.began), value: formatInstant(v.startedAt, x.tz) },
    { label: x.L(T.resolvedAt), value: formatInstant(v.resolvedAt, x.tz) },
    { label: x.L(T.closedAt), value: formatInstant(v.closedAt, x.tz) },
    { label: x.L(T.toAck), value: dur(x, v.durations.toAcknowledge) },
    { label: x.L(T.toReport), value: dur(x, v.durations.toReport) },
    { label: x.L(T.toRecover), value: dur(x, v.durations.toRecover) },
  ] }];
}

export function closingDocument(v: ReportView, opts: RenderOptions): ReportDocument {
  const x = lx(opts);
  const c = v.closingReport;
  const body = numbered(opts, [
    ['incident', T.secIncident, [{ kind: 'fields', rows: incidentFields(x, v) }]],
    ['summary', T.secSummary, userText(x, c?.summary)],
    ['began', T.secBegan, beganBlocks(x, v)],
    ['scope', T.secScope, scopeBlocks(x, v, { lastHeading: { zh: '最后一次测量数据', en: 'Last measurement' } })],
    ['cause', T.secCause, userText(x, c?.cause)],
    ['measures', T.secMeasures, measureBlocks(x, v)],
    ['recovery', T.secRecovery, recoveryBlocks(x, v)],
    ['lessons', T.secLessons, userText(x, c?.lessons)],
    ['timeline', T.secTimeline, timelineBlocks(x, v)],
    ['deadline', T.secDeadline, deadlineBlocks(x, v)],
  ]);
  return {
    kind: 'closing', lang: opts.lang,
    title: x.L(T.closingTitle),
    subtitle: `${v.incidentId} · ${x.L(v.organization.name)}`,
    banners: banners(v, x, !!c),
    sections: [...body, { id: 'signature', title: x.L(T.secSignature),
      blocks: signatureBlocks(x, v, c ? { by: c.filedByName, at: c.filedAt } : null) }],
  };
}
