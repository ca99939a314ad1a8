// What an incident carries beyond the store's indexed columns (Store.Incident.detail).
// The store keeps id, systemId, org, state (= phase), grade, proposedGrade, drill, version;
// everything below lives in `detail` and is changed only under the incident's version check.
import type { Grade } from '../grades.ts';
import type { Phase, InformationReport } from './incident-process.ts';
import type { Directive } from './measure-gate.ts';

export type Commander =
  | { role: 'emergency-office'; provisional?: boolean }
  | { role: 'provincial-authority'; province: string; provisional?: boolean }
  | { role: 'self'; org: string; provisional?: boolean };

export interface MatchedRule { rule: string; grade: Grade; detail: string; confirm?: boolean }

export interface MeasureRecord {
  id: string;               // unique on the incident
  measureId: string;        // catalogue id
  province?: string;
  state: 'planned' | 'executed' | 'refused';
  requestedBy: string;      // user id
  at: string;
  executedAt?: string;
  note?: string;
}

export interface GradeConfirmation {
  decision: 'confirmed' | 'rejected';
  grade: Grade | null;      // the proposed grade it was about
  by: string;
  reason: string;
  at: string;
}

export interface IncidentDetail {
  title: { zh: string; en: string };
  object: string;                       // system kind: tld | authoritative | registration | recursive | website-dns
  cause: string;                        // 'grading' | 'manual' | ...
  manual: boolean;
  phase: Phase;
  commander: Commander;
  /** Set by the national office when it hands the incident to a province. */
  reassignedTo?: { province: string; by: string; at: string; reason: string };
  matched: MatchedRule[];
  warningLevel: 'red' | 'orange' | 'yellow' | 'blue' | null;
  needsConfirmation: boolean;
  confirmation?: GradeConfirmation;
  gradeHistory: Array<{ at: string; grade: Grade | null; proposedGrade: Grade | null; by: string }>;
  openedAt: string;
  resolvedAt?: string;                  // when measurements came back clean
  closedAt?: string;
  deadlines: { writtenReportDue: string; sent: string[] };   // sent: deadline event keys already emitted
  informationReport?: InformationReport & { filedBy: string; filedAt: string };
  closingReport?: { summary: string; cause: string; lessons: string; filedBy: string; filedAt: string };
  measures: MeasureRecord[];
  directives: Directive[];
  /** The snapshot figures that opened it (first measurement) and the latest, for the report. */
  firstFigures?: unknown;
  lastFigures?: unknown;
}
