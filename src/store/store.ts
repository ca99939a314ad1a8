// The one storage interface the daemon uses. Two backends implement it with the same
// method order: sqlite/sqlite-store.ts (embedded, node:sqlite) and postgres/postgres-store.ts.
// Every method returns a Promise; failures reject with the errors of store-errors.ts.
// Times go in as RFC 3339 strings and come back normalised by Date#toISOString()
// ("2026-11-23T08:00:00.000Z"), so equal instants compare equal as strings.
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

// ---- the interface ------------------------------------------------------------------

export interface Store {
  readonly backend: 'sqlite' | 'postgres' | 'memory';
  /** Applies pending migrations; safe to call on every start. Returns the versions applied now. */
  migrate(): Promise<number[]>;

  /** Idempotent on (systemId, at, drill): a retried write returns created: false. */
  recordCycle(cycle: CycleInput): Promise<{ created: boolean }>;
  latestBySystem(opts?: { drill?: boolean }): Promise<StoredCycle[]>;
  nodeSeries(systemId: string, nodeId: string, from: string, to: string, limit?: number, opts?: { drill?: boolean }): Promise<NodePoint[]>;
  systemSeries(systemId: string, from: string, to: string, opts?: SeriesOptions): Promise<SystemPoint[]>;

  /** Returns the already-open outage for the same (system, node, service) if there is one. */
  openOutage(input: OutageInput): Promise<Outage>;
  /** null when no such outage; closing a closed outage changes nothing. */
  closeOutage(id: number, endedAt: string): Promise<Outage | null>;
  openOutages(systemId?: string): Promise<Outage[]>;
  /** Outages overlapping [from, to), oldest first. */
  outageHistory(systemId: string, from: string, to: string): Promise<Outage[]>;

  createIncident(input: IncidentInput): Promise<Incident>;
  /** Rejects with VersionConflictError when the stored version is not expectedVersion. */
  updateIncident(id: string, expectedVersion: number, patch: IncidentPatch): Promise<Incident>;
  getIncident(id: string): Promise<Incident | null>;
  listIncidents(filter?: IncidentFilter): Promise<Incident[]>;
  appendTimeline(incidentId: string, entry: TimelineInput): Promise<TimelineEntry>;
  timeline(incidentId: string): Promise<TimelineEntry[]>;

  enqueueNotification(input: NotificationInput): Promise<Notification>;
  /** Pending items due at `now` and not leased; each is leased until now + leaseMs (default 60 s). */
  claimDueNotifications(now: string, limit: number, leaseMs?: number): Promise<Notification[]>;
  markNotificationSent(id: number, sentAt: string): Promise<void>;
  markNotificationFailed(id: number, failure: NotificationFailure): Promise<void>;
  notifications(filter?: { state?: NotificationState; incidentId?: string; limit?: number }): Promise<Notification[]>;

  appendAudit(entry: AuditInput): Promise<AuditEntry>;
  /** Entries with seq >= fromSeq (default 1), oldest first, at most limit (default 1000). */
  auditEntries(fromSeq?: number, limit?: number): Promise<AuditEntry[]>;

  close(): Promise<void>;
}
