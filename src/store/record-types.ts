// The records the store keeps, as the daemon sees them: measurements, outages and gaps, incidents and
// their timeline, the notification outbox, the audit log. Re-exported by store.ts (the interface).
// Times go in as RFC 3339 strings and come back normalised by Date#toISOString().
import type { NodeMeasurement, SystemMeasurement } from '../core/snapshot.ts';

export type IncidentGrade = 'I' | 'II' | 'III' | 'IV';
/** The system aggregate of one cycle: everything of SystemMeasurement except its nodes. */
export type SystemAggregate = Omit<SystemMeasurement, 'nodes'>;

// ---- measurements -------------------------------------------------------------------

export interface CycleInput {
  at: string;
  systemId: string;
  /** Drill (应急演练) cycles are stored apart: reads return real cycles unless asked. */
  drill?: boolean;
  nodes: NodeMeasurement[];
  system: SystemAggregate;
}

export interface StoredCycle {
  systemId: string;
  at: string;
  drill: boolean;
  system: SystemAggregate;
  nodes: NodeMeasurement[];
}

/** One node in one cycle, for charts. */
export interface NodePoint extends Omit<NodeMeasurement, 'id' | 'dataErrorSamples'> {
  at: string;
  nodeId: string;
}

export interface SystemPoint {
  at: string;
  system: SystemAggregate;
}

/** What pruneMeasurements deleted. */
export interface PruneResult {
  nodeRows: number;
  systemRows: number;
}

export interface SeriesOptions {
  drill?: boolean;
  /** At most this many points: the most recent ones in the range, still returned oldest first. */
  limit?: number;
}

// ---- outages ------------------------------------------------------------------------

export interface OutageInput {
  systemId: string;
  /** null: the whole system; otherwise one node. */
  nodeId?: string | null;
  /** null: resolution; otherwise a service such as 'registration', 'whois', 'rdap'. */
  service?: string | null;
  startedAt: string;
}

export interface Outage {
  id: number;
  systemId: string;
  nodeId: string | null;
  service: string | null;
  startedAt: string;
  endedAt: string | null;
  /** Measured failing time (ms): only time the platform was measuring counts (migration 7). */
  measuredMs: number;
  /** End of the latest cycle that measured it failing; null until the first measurement is stored. */
  lastMeasuredAt: string | null;
}

/** Time the platform did not measure, [from, to): it was down ('platform-down') or no cycle ran ('no-cycle'). */
export interface GapInput {
  from: string;
  to: string;
  reason: string;
}

export interface Gap extends GapInput {
  id: number;
}

// ---- incidents ----------------------------------------------------------------------

export interface IncidentInput {
  /** Caller-chosen id (makes a retried create detectable); a UUID when absent. */
  id?: string;
  systemId: string;
  org: string;
  state: string;
  grade?: IncidentGrade | null;
  proposedGrade?: IncidentGrade | null;
  drill?: boolean;
  detail?: Record<string, unknown>;
  createdAt: string;
}

export interface Incident {
  id: string;
  systemId: string;
  org: string;
  state: string;
  grade: IncidentGrade | null;
  proposedGrade: IncidentGrade | null;
  drill: boolean;
  detail: Record<string, unknown>;
  /** Starts at 1; every successful update adds 1. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface IncidentPatch {
  state?: string;
  grade?: IncidentGrade | null;
  proposedGrade?: IncidentGrade | null;
  org?: string;
  /** Replaces the whole detail object (read, modify, write under the version check). */
  detail?: Record<string, unknown>;
  updatedAt: string;
}

export interface IncidentFilter {
  systemId?: string;
  /** One organisation or the set a caller may see. An empty array matches nothing. */
  org?: string | string[];
  state?: string | string[];
  grade?: IncidentGrade | IncidentGrade[];
  /** Default: real incidents only (false). */
  drill?: boolean;
  /** created_at >= from */
  from?: string;
  /** created_at < to */
  to?: string;
  /** Default 100, at most 1000. Newest first. */
  limit?: number;
  offset?: number;
}

export interface TimelineInput {
  at: string;
  kind: string;
  actor?: string | null;
  payload?: unknown;
}

export interface TimelineEntry {
  id: number;
  incidentId: string;
  at: string;
  kind: string;
  actor: string | null;
  payload: unknown;
}

// ---- notification outbox --------------------------------------------------------------

export type NotificationState = 'pending' | 'sent' | 'dead';

export interface NotificationInput {
  channel: string;
  recipient: string;
  payload: unknown;
  incidentId?: string | null;
  /** Enqueueing the same key twice yields the first item: safe to retry. */
  dedupeKey?: string | null;
  createdAt: string;
  /** First attempt not before this time (default createdAt). */
  notBefore?: string;
}

export interface Notification {
  id: number;
  channel: string;
  recipient: string;
  payload: unknown;
  incidentId: string | null;
  dedupeKey: string | null;
  state: NotificationState;
  /** Claims so far (counted when claimed, so a crash mid-send still counts). */
  attempts: number;
  nextAttemptAt: string;
  leaseUntil: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface NotificationFailure {
  error: string;
  /** When to try again; null gives up (state 'dead'). */
  retryAt: string | null;
}

// ---- audit log ----------------------------------------------------------------------

export interface AuditInput {
  at: string;
  actor: string;
  action: string;
  org?: string | null;
  target?: string | null;
  detail?: unknown;
}

export interface AuditEntry {
  /** 1, 2, 3 … without gaps. */
  seq: number;
  at: string;
  actor: string;
  action: string;
  org: string | null;
  target: string | null;
  detail: unknown;
  prevHash: string;
  hash: string;
}
