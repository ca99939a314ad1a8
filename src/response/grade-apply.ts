// How a measured grade lands on an open incident, given what people decided: a confirmed proposal
// stays the grade while the measurements keep proposing it, a rejected one stays rejected; a
// reassignment to a province keeps its commander. Pure.
import { gradeRank, type Grade } from '../core/grades.ts';
import { warningLevelFor } from '../core/rules/warning-level.ts';
import type { Commander } from '../core/incidents/incident-model.ts';
import { GRADING_BY, type ResponseDetail } from './response-types.ts';

export interface Measured { grade: Grade | null; proposedGrade: Grade | null }

export interface Effective {
  grade: Grade | null;
  proposedGrade: Grade | null;
  needsConfirmation: boolean;
  warningLevel: ResponseDetail['warningLevel'];
  commander: Commander;
}

/** The last grade the measurements gave (what the tracker compares with), from gradeHistory. */
export function lastMeasured(d: Pick<ResponseDetail, 'gradeHistory'>): Measured | null {
  for (let i = d.gradeHistory.length - 1; i >= 0; i--) {
    const h = d.gradeHistory[i];
    if (h.by === GRADING_BY) return { grade: h.grade, proposedGrade: h.proposedGrade };
  }
  return null;
}

/** Severity used for "did it escalate": the more serious of grade and proposal. */
export const severityOf = (g: Measured): number => Math.max(gradeRank(g.grade), gradeRank(g.proposedGrade));

/**
 * @param route the commander for a grade (provisional when routed by a proposal), from the configuration.
 */
export function effectiveGrade(d: Pick<ResponseDetail, 'confirmation' | 'reassignedTo' | 'commander'>, measured: Measured,
  route: (grade: Grade | null, provisional: boolean) => Commander): Effective {
  let grade = measured.grade;
  let proposedGrade = measured.proposedGrade;
  const c = d.confirmation;
  if (c && proposedGrade !== null && c.grade === proposedGrade) {
    if (c.decision === 'confirmed') grade = proposedGrade;
    proposedGrade = null;
  }
  const commander = d.reassignedTo
    ? { role: 'provincial-authority' as const, province: d.reassignedTo.province }
    : route(proposedGrade ?? grade, proposedGrade !== null);
  return { grade, proposedGrade, needsConfirmation: proposedGrade !== null, warningLevel: warningLevelFor(grade), commander };
}
