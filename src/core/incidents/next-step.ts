// Whose move it is on an incident, and what that move is: the one line a duty officer reads in a
// list to know whether to act. Pure: derived from the phase, the grade confirmation and the reports
// on file, following the process of plan §5.2 (report in writing, handle, recover, close).
import type { IncidentDetail } from './incident-model.ts';

export type NextAction =
  | 'confirm-grade'            // the commander confirms or rejects a proposed grade
  | 'file-information-report'  // the affected organisation reports in writing (24 h)
  | 'handle'                   // emergency handling: measures, directives
  | 'move-to-recovery'         // measurements are clean again: the organisation starts recovery
  | 'file-closing-report'      // recovery: the organisation files the closing report
  | 'close';                   // the commander closes the incident

export interface NextStep {
  action: NextAction;
  /** Who holds the move: the commander of the incident, or the affected organisation. */
  by: 'commander' | 'organisation';
  /** The deadline that applies to this move, if any. */
  due?: string;
}

type StepInput = Pick<IncidentDetail, 'phase' | 'needsConfirmation' | 'resolvedAt' | 'deadlines'>
  & { informationReport?: unknown; closingReport?: unknown };

export function nextStep(d: StepInput): NextStep | null {
  if (d.phase === 'closed') return null;
  if (d.needsConfirmation) return { action: 'confirm-grade', by: 'commander' };
  if (!d.informationReport) return { action: 'file-information-report', by: 'organisation', due: d.deadlines.writtenReportDue };
  if (d.phase === 'recovery') return d.closingReport ? { action: 'close', by: 'commander' } : { action: 'file-closing-report', by: 'organisation' };
  if (d.resolvedAt) return { action: 'move-to-recovery', by: 'organisation' };
  return { action: 'handle', by: 'organisation' };
}
