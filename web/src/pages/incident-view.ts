// Reading incidents the same way everywhere: summaries, commanders, and timeline entries in words.
import { GRADES, makeI18n, type Grade, type Lang } from '../i18n.ts';
import { localName } from '../format.ts';
import type { Commander, IncidentSummary } from '../types.ts';

export const gradeRank = (g: Grade | null | undefined) => (g ? 4 - GRADES.indexOf(g) : 0);
export const phaseOf = (i: Pick<IncidentSummary, 'phase' | 'state'>) => i.phase ?? i.state ?? '';
export const isOpen = (i: IncidentSummary) => phaseOf(i) !== 'closed';
export const incidentPhase = (i: IncidentSummary, lang: Lang) => makeI18n(lang).phase(phaseOf(i));
/** Open incidents whose written report is still due (also once resolved, until it is filed), soonest first. */
export const reportsDue = (incidents: IncidentSummary[]) => incidents
  .filter((i) => isOpen(i) && i.writtenReportDue && !i.reportFiledAt)
  .sort((a, b) => Date.parse(a.writtenReportDue!) - Date.parse(b.writtenReportDue!));
export const incidentTitle = (i: IncidentSummary, lang: Lang) => localName(i.title, lang, `${i.systemId ?? i.org} #${i.id}`);

export function commanderText(c: Commander | string | null | undefined, lang: Lang): string {
  if (!c) return '—';
  if (typeof c === 'string') return c;
  const zh = lang === 'zh';
  const base = c.role === 'emergency-office' ? (zh ? '互联网应急办' : 'national emergency office')
    : c.role === 'provincial-authority' ? `${zh ? '省通信管理局' : 'provincial authority'} ${c.province}`
      : `${c.org}${zh ? '（自行处置）' : ' (itself)'}`;
  return c.provisional ? `${base} ${zh ? '（暂定）' : '(provisional)'}` : base;
}

/** One timeline entry as GET /incidents/:id lists it. */
export interface TimelineEntry { id?: number | string; at: string; kind: string; actor?: string | null; actorName?: string | null; payload?: unknown }

/** What each timeline kind means, in both languages; an unknown kind is shown as it is. */
const TIMELINE_KINDS: Record<string, [string, string]> = {
  opened: ['事件开启', 'incident opened'], regraded: ['等级调整', 'grade changed'], 'measurements-clean': ['监测恢复正常', 'measurements back to normal'],
  relapsed: ['再次发生', 'relapsed'], 'grade-confirmed': ['确认定级', 'grade confirmed'], 'grade-rejected': ['驳回定级', 'proposed grade rejected'],
  'phase-changed': ['阶段变更', 'phase changed'], 'information-report-filed': ['提交信息报告', 'information report filed'],
  'closing-report-filed': ['提交总结报告', 'closing report filed'], closed: ['事件关闭', 'closed'], 'deadline-reminder': ['报告提醒', 'report reminder'],
  'deadline-overdue': ['报告逾期', 'report overdue'], 'directive-recorded': ['记录指令', 'directive recorded'], reassigned: ['移交省级', 'reassigned'],
  'measure-planned': ['计划措施', 'measure planned'], 'measure-executed': ['执行措施', 'measure executed'],
  'measure-refused': ['措施被拒（缺少指令）', 'measure refused (no directive)'], notified: ['已通知', 'notified'],
  'nobody-to-notify': ['无人可通知', 'nobody to notify'], 'finding-converted': ['由发现转为事件', 'converted from a finding'],
};

export function timelineKind(kind: string, lang: Lang): string {
  const pair = TIMELINE_KINDS[kind];
  return pair ? pair[lang === 'zh' ? 0 : 1] : kind;
}

const MEASURE_STATES: Record<string, [string, string]> = { planned: ['已计划', 'planned'], executed: ['已执行', 'executed'], refused: ['被拒绝', 'refused'] };
export const measureState = (state: string, lang: Lang) => MEASURE_STATES[state]?.[lang === 'zh' ? 0 : 1] ?? state;

export interface NextStep { action: string; by: 'commander' | 'organisation'; due?: string }

const NEXT_ACTIONS: Record<string, [string, string]> = {
  'confirm-grade': ['确认定级', 'confirm the grade'], 'file-information-report': ['提交书面信息报告', 'file the written report'],
  handle: ['应急处置', 'handle the incident'], 'move-to-recovery': ['转入后期恢复', 'move to recovery'],
  'file-closing-report': ['提交总结报告', 'file the closing report'], close: ['关闭事件', 'close the incident'],
};

/** "who: what" for the incident's next step, naming the commander or the organisation. */
export function nextStepText(i: IncidentSummary & { nextStep?: NextStep | null }, lang: Lang): string {
  const step = i.nextStep;
  if (!step) return '—';
  const who = step.by === 'commander' ? commanderText(i.commander, lang) : i.org;
  const what = NEXT_ACTIONS[step.action]?.[lang === 'zh' ? 0 : 1] ?? step.action;
  return `${who}${lang === 'zh' ? '：' : ': '}${what}`;
}
