// Threat reports and cases as the store keeps them (migration 008). The ThreatStore methods are part
// of Store; both backends implement them in sqlite/sqlite-threats.ts and postgres/postgres-threats.ts
// (same order). Row mapping here is pure and shared. Personal data: `reporter` of a report and
// `personal` (registrant details) of a case; pruneThreatPersonalData erases both after retention.
import type { CaseState, Evidence, Lang, Priority, SourceClass, ThreatType } from '../core/threats/threat-types.ts';
import { iso, jsonText, parseJson, str, type Row } from './row-mapping.ts';

export interface ReporterDetails { name?: string; email?: string; organisation?: string; lang?: Lang }

export interface ThreatReportInput {
  trackingId: string;
  /** SHA-256 (hex) of the status token; the token itself is never stored. */
  statusTokenHash: string;
  receivedAt: string;
  sourceClass: SourceClass;
  /** The authenticated reporter's organisation (null: public intake). */
  reporterOrg: string | null;
  lang: Lang;
  format: 'json' | 'xarf';
  threatType: ThreatType;
  names: string[];
  description: string;
  evidence: Evidence[];
  reporter: ReporterDetails | null;
}

export interface StoredThreatReport extends ThreatReportInput { caseId: string }

export interface ThreatCaseInput {
  id: string;
  /** The registry organisation handling it (scope). */
  org: string;
  threatType: ThreatType;
  priority: Priority;
  credibilityScore: number;
  acknowledgedAt: string;
  assessmentDueAt: string;
  detail: Record<string, unknown>;
}

export interface ThreatCase {
  id: string;
  org: string;
  primaryName: string;
  names: string[];
  threatType: ThreatType;
  state: CaseState;
  priority: Priority;
  credibilityScore: number;
  /** The class of the first report's source. */
  sourceClass: SourceClass;
  referredTo: string | null;
  receivedAt: string;
  acknowledgedAt: string;
  assessmentDueAt: string;
  assessedAt: string | null;
  mitigatedAt: string | null;
  closedAt: string | null;
  /** How many reports are linked (the first included). */
  reports: number;
  detail: Record<string, unknown>;
  /** Registrant details (personal data); null when none or erased. */
  personal: Record<string, unknown> | null;
  version: number;
}

export interface ThreatCasePatch {
  state?: CaseState;
  priority?: Priority;
  credibilityScore?: number;
  referredTo?: string | null;
  assessedAt?: string | null;
  mitigatedAt?: string | null;
  closedAt?: string | null;
  detail?: Record<string, unknown>;
  personal?: Record<string, unknown> | null;
}

export interface ThreatCaseFilter {
  /** 'open': not closed. */
  state?: CaseState | 'open';
  /** Organisations handling the case (one or a set; [] matches nothing). */
  org?: string | string[];
  referredTo?: string;
  priority?: Priority;
  sourceClass?: SourceClass;
  name?: string;
  /** Default 100, at most 5000. Newest first (by received time). */
  limit?: number;
}

export interface ThreatTimelineInput { at: string; kind: string; actor: string; detail?: Record<string, unknown> }
export interface ThreatTimelineEntry extends Required<ThreatTimelineInput> { id: number; caseId: string }

export interface ThreatIntakeResult { report: StoredThreatReport; threatCase: ThreatCase; created: boolean }

export interface ThreatStore {
  /**
   * Stores a report in one transaction: linked to the open case that shares one of its names (the
   * case's names grow by the report's, its report count by one, a 'report-linked' timeline entry), or
   * with a new case (`newCase`, 'received' and 'acknowledged' entries). AlreadyExistsError for a used tracking id.
   */
  intakeThreatReport(report: ThreatReportInput, newCase: ThreatCaseInput): Promise<ThreatIntakeResult>;
  getThreatReport(trackingId: string): Promise<StoredThreatReport | null>;
  /** The case's reports, oldest first. */
  threatReports(caseId: string): Promise<StoredThreatReport[]>;
  getThreatCase(id: string): Promise<ThreatCase | null>;
  listThreatCases(filter?: ThreatCaseFilter): Promise<ThreatCase[]>;
  /** VersionConflictError on a stale version, NotFoundError for an unknown id. */
  updateThreatCase(id: string, expectedVersion: number, patch: ThreatCasePatch): Promise<ThreatCase>;
  /** NotFoundError for an unknown case. */
  appendThreatTimeline(caseId: string, entry: ThreatTimelineInput): Promise<ThreatTimelineEntry>;
  /** Oldest first (by time, then id). */
  threatTimeline(caseId: string): Promise<ThreatTimelineEntry[]>;
  countThreatReports(): Promise<number>;
  /** Erases reporter and registrant details of cases closed before `before`; returns how many rows changed. */
  pruneThreatPersonalData(before: string): Promise<{ reports: number; cases: number }>;
}

const json = <T>(v: unknown): T => parseJson(v) as T;

export function rowToThreatCase(r: Row): ThreatCase {
  return {
    id: String(r.id), org: String(r.org), primaryName: String(r.primary_name), names: json<string[]>(r.names),
    threatType: String(r.threat_type) as ThreatType, state: String(r.state) as CaseState, priority: String(r.priority) as Priority,
    credibilityScore: Number(r.credibility_score), sourceClass: String(r.source_class) as SourceClass, referredTo: str(r.referred_to),
    receivedAt: String(r.received_at), acknowledgedAt: String(r.acknowledged_at), assessmentDueAt: String(r.assessment_due_at),
    assessedAt: str(r.assessed_at), mitigatedAt: str(r.mitigated_at), closedAt: str(r.closed_at), reports: Number(r.reports),
    detail: json<Record<string, unknown>>(r.detail), personal: json<Record<string, unknown> | null>(r.personal),
    version: Number(r.version),
  };
}

export function rowToThreatReport(r: Row): StoredThreatReport {
  return {
    trackingId: String(r.tracking_id), caseId: String(r.case_id), statusTokenHash: String(r.status_token_hash), receivedAt: String(r.received_at),
    sourceClass: String(r.source_class) as SourceClass, reporterOrg: str(r.reporter_org), lang: String(r.lang) as Lang,
    format: String(r.format) as 'json' | 'xarf', threatType: String(r.threat_type) as ThreatType, names: json<string[]>(r.names),
    description: String(r.description), evidence: json<Evidence[]>(r.evidence),
    reporter: json<ReporterDetails | null>(r.reporter),
  };
}

export function rowToThreatTimeline(r: Row): ThreatTimelineEntry {
  return { id: Number(r.id), caseId: String(r.case_id), at: String(r.at), kind: String(r.kind), actor: String(r.actor), detail: json<Record<string, unknown>>(r.detail) };
}

/** The column assignments of a patch (names and values), in a fixed order; both dialects. */
export function threatPatchColumns(p: ThreatCasePatch): Array<[string, string | number | null]> {
  const out: Array<[string, string | number | null]> = [];
  const time = (v: string | null) => (v === null ? null : iso(v));
  if (p.state !== undefined) out.push(['state', p.state]);
  if (p.priority !== undefined) out.push(['priority', p.priority]);
  if (p.credibilityScore !== undefined) out.push(['credibility_score', p.credibilityScore]);
  if (p.referredTo !== undefined) out.push(['referred_to', p.referredTo]);
  if (p.assessedAt !== undefined) out.push(['assessed_at', time(p.assessedAt)]);
  if (p.mitigatedAt !== undefined) out.push(['mitigated_at', time(p.mitigatedAt)]);
  if (p.closedAt !== undefined) out.push(['closed_at', time(p.closedAt)]);
  if (p.detail !== undefined) out.push(['detail', jsonText(p.detail)]);
  if (p.personal !== undefined) out.push(['personal', p.personal === null ? null : jsonText(p.personal)]);
  return out;
}
