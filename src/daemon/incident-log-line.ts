// The daemon's log line for what grading did to an incident: what happened, the incident, the
// system, its grade (or the proposed grade awaiting confirmation) and when the written report is due.
//   incident: open inc-… (lab-tld) grade II 重大, written report due 2026-12-05T19:20:14.000Z
import { GRADE_NAMES } from '../core/grades.ts';
import type { AppliedEvent } from '../response/grading-intake.ts';

const gradeZh = (g: string): string => (GRADE_NAMES as Record<string, { zh: string } | undefined>)[g]?.zh ?? '';

export function incidentLogLine(ev: AppliedEvent): string {
  const head = `incident: ${ev.kind} ${ev.incidentId ?? '-'} (${ev.system})`;
  if (!ev.incidentId) return head;
  const grade = ev.grade ? `grade ${ev.grade} ${gradeZh(ev.grade)}`.trim()
    : ev.proposedGrade ? `proposed grade ${ev.proposedGrade} ${gradeZh(ev.proposedGrade)} (awaiting confirmation)`.replace('  ', ' ')
      : ev.grade === null ? 'ungraded' : undefined;
  const due = ev.writtenReportDue ? `written report due ${ev.writtenReportDue}` : undefined;
  const tail = [grade, due].filter(Boolean).join(', ');
  return tail ? `${head} ${tail}` : head;
}
