// The response process of plan §5.2 and Measures art. 41 as pure rules: phases, the written
// information report's deadline and required content, reminders and escalation when it passes.
import type { Grade } from '../grades.ts';

export const PHASES = ['initial-response', 'information-report', 'emergency-handling', 'recovery', 'closed'] as const;
export type Phase = (typeof PHASES)[number];

export const PHASE_NAMES: Record<Phase, { zh: string; en: string }> = {
  'initial-response': { zh: '先期处置', en: 'initial response' },
  'information-report': { zh: '信息报告', en: 'information report' },
  'emergency-handling': { zh: '应急处置', en: 'emergency handling' },
  recovery: { zh: '后期恢复', en: 'recovery' },
  closed: { zh: '结束', en: 'closed' },
};

export interface DeadlinePolicy {
  /** Hours from opening to the written information report, per grade ('none': findings awaiting a grade). */
  writtenReportHours: Record<Grade | 'none', number>;
  /** Reminders this many minutes before the deadline. */
  remindBeforeMinutes: number[];
}

/** Measures art. 41: in writing within 24 hours at the latest, whatever the grade. */
export const DEFAULT_DEADLINES: DeadlinePolicy = {
  writtenReportHours: { I: 24, II: 24, III: 24, IV: 24, none: 24 },
  remindBeforeMinutes: [240, 60],
};

export function writtenReportDue(openedAt: string, grade: Grade | null, policy = DEFAULT_DEADLINES): string {
  const hours = policy.writtenReportHours[grade ?? 'none'];
  return new Date(Date.parse(openedAt) + hours * 3_600_000).toISOString();
}

/** Phases move forward; a step back is allowed only from recovery to emergency handling (relapse). */
export function phaseChangeError(from: Phase, to: Phase, ctx: { closingReportFiled: boolean; infoReportFiled: boolean }): string | null {
  const i = PHASES.indexOf(from), j = PHASES.indexOf(to);
  // English / Chinese in one line, as the refusal reaches duty officers of either language.
  const zh = (p: Phase) => PHASE_NAMES[p].zh;
  if (from === 'closed') return 'the incident is closed / 事件已结束';
  if (j === i) return `already in ${to} / 已处于${zh(to)}阶段`;
  if (j < i && !(from === 'recovery' && to === 'emergency-handling')) return `cannot go back from ${from} to ${to} / 不能从${zh(from)}退回${zh(to)}`;
  if (j > PHASES.indexOf('information-report') && !ctx.infoReportFiled) return 'the written information report must be filed first / 须先提交书面信息报告';
  if (to === 'closed' && !ctx.closingReportFiled) return 'a closing report is required before closing / 关闭前须提交总结报告';
  return null;
}

/** What a written information report must state (plan §5.2). */
export interface InformationReport {
  startedAt: string;
  scope: string;
  harm: string;
  measuresTaken: string;
  recommendations: string;
}

export function informationReportProblems(r: Partial<InformationReport>): string[] {
  const out: string[] = [];
  for (const k of ['startedAt', 'scope', 'harm', 'measuresTaken', 'recommendations'] as const) {
    const v = r[k];
    if (typeof v !== 'string' || v.trim() === '') out.push(`${k}: required`);
  }
  if (typeof r.startedAt === 'string' && Number.isNaN(Date.parse(r.startedAt))) out.push('startedAt: not a date-time');
  return out;
}

export type DeadlineEvent =
  | { kind: 'remind'; minutesBefore: number; due: string }
  | { kind: 'overdue'; due: string };

/**
 * Which deadline events are due at `now` that have not been emitted yet (`sent` holds the keys
 * already emitted: 'remind:240', 'overdue'). Nothing once the report is filed.
 */
export function dueDeadlineEvents(due: string, now: string, sent: ReadonlySet<string>, reportFiled: boolean,
  policy = DEFAULT_DEADLINES): Array<DeadlineEvent & { key: string }> {
  if (reportFiled) return [];
  const t = Date.parse(now), d = Date.parse(due);
  const out: Array<DeadlineEvent & { key: string }> = [];
  if (t > d) {
    if (!sent.has('overdue')) out.push({ kind: 'overdue', due, key: 'overdue' });
    return out;
  }
  // Only the nearest reminder that is due: a late start must not fire every earlier one at once.
  const dueReminders = policy.remindBeforeMinutes.filter((m) => t >= d - m * 60_000).sort((a, b) => a - b);
  const m = dueReminders[0];
  if (m !== undefined && !sent.has(`remind:${m}`)) out.push({ kind: 'remind', minutesBefore: m, due, key: `remind:${m}` });
  return out;
}
