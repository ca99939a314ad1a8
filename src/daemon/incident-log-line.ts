// The daemon's log line for what grading did to an incident: what happened, the incident, the
// system, its grade (or the proposed grade awaiting confirmation) and when the written report is due.
//   incident: open inc-… (lab-tld) grade II 重大, written report due 2026-12-05T19:20:14.000Z
import type { AppliedEvent } from '../response/grading-intake.ts';

const GRADE_ZH: Record<string, string> = { I: '特别重大', II: '重大', III: '较大', IV: '一般' };

export function incidentLogLine(ev: AppliedEvent): string {
  const head = `incident: ${ev.kind} ${ev.incidentId ?? '-'} (${ev.system})`;
  if (!ev.incidentId) return head;
  const grade = ev.grade ? `grade ${ev.grade} ${GRADE_ZH[ev.grade] ?? ''}`.trim()
    : ev.proposedGrade ? `proposed grade ${ev.proposedGrade} ${GRADE_ZH[ev.proposedGrade] ?? ''} (awaiting confirmation)`.replace('  ', ' ')
      : ev.grade === null ? 'ungraded' : undefined;
  const due = ev.writtenReportDue ? `written report due ${ev.writtenReportDue}` : undefined;
  const tail = [grade, due].filter(Boolean).join(', ');
  return tail ? `${head} ${tail}` : head;
}
