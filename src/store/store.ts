// The one storage interface the daemon uses. Two backends implement it with the same
// method order: sqlite/sqlite-store.ts (embedded, node:sqlite) and postgres/postgres-store.ts.
// Every method returns a Promise; failures reject with the errors of store-errors.ts.
// Times go in as RFC 3339 strings and come back normalised by Date#toISOString()
// ("2026-11-23T08:00:00.000Z"), so equal instants compare equal as strings.
import type { NodeMeasurement, SystemMeasurement } from '../core/snapshot.ts';
import type {
  ApiToken, ApiTokenInput, ContactChange, ContactChangeInput, ContactDrill, ContactDrillInput, ContactEntry, ContactList, Drill,
  DrillInput, DrillPatch, DrillState, Session, SessionInput, User, UserInput, UserPatch, Warning, WarningInput, WarningPatch, WarningState,
} from './access-types.ts';
import type { FindingStore } from './finding-types.ts';

export type * from './access-types.ts';
export type * from './finding-types.ts';

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

// ---- the interface ------------------------------------------------------------------

/** FindingStore: the findings of migration 005 (finding-types.ts). */
export interface Store extends FindingStore {
  readonly backend: 'sqlite' | 'postgres' | 'memory';
  /** Applies pending migrations; safe to call on every start. Returns the versions applied now. */
  migrate(): Promise<number[]>;

  /** Idempotent on (systemId, at, drill): a retried write returns created: false. */
  recordCycle(cycle: CycleInput): Promise<{ created: boolean }>;
  latestBySystem(opts?: { drill?: boolean }): Promise<StoredCycle[]>;
  nodeSeries(systemId: string, nodeId: string, from: string, to: string, limit?: number, opts?: { drill?: boolean }): Promise<NodePoint[]>;
  systemSeries(systemId: string, from: string, to: string, opts?: SeriesOptions): Promise<SystemPoint[]>;
  /**
   * Retention: deletes the per-node and per-system rows (real and drill) of cycles before `before`,
   * in bounded batches; a cycle that was some system's latest leaves latestBySystem with it.
   * Outages, incidents, timeline, outbox, audit log and access records are never touched.
   */
  pruneMeasurements(before: string): Promise<PruneResult>;

  /** Returns the already-open outage for the same (system, node, service) if there is one. */
  openOutage(input: OutageInput): Promise<Outage>;
  /** null when no such outage; closing a closed outage changes nothing. */
  closeOutage(id: number, endedAt: string): Promise<Outage | null>;
  openOutages(systemId?: string): Promise<Outage[]>;
  /** Outages overlapping [from, to), oldest first. */
  outageHistory(systemId: string, from: string, to: string): Promise<Outage[]>;
  /** Stores an outage's measured time; ignored when older than the stored measurement. null: no such outage. */
  measureOutage(id: number, measure: { measuredMs: number; lastMeasuredAt: string }): Promise<Outage | null>;
  /** Idempotent on (from, reason): a retried write returns the stored gap. */
  recordGap(gap: GapInput): Promise<Gap>;
  /** Gaps overlapping [from, to), oldest first. */
  gapHistory(from: string, to: string): Promise<Gap[]>;

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

  // ---- identity and access (migration 004) ----
  /** Rejects with AlreadyExistsError when the id or the username is taken. */
  createUser(input: UserInput): Promise<User>;
  getUser(id: string): Promise<User | null>;
  getUserByUsername(username: string): Promise<User | null>;
  /** Ordered by org, then username. */
  listUsers(org?: string): Promise<User[]>;
  /** NotFoundError for an unknown id; AlreadyExistsError is not possible (username is fixed). */
  updateUser(id: string, patch: UserPatch): Promise<User>;

  /** NotFoundError when the user does not exist. */
  createSession(input: SessionInput): Promise<Session>;
  /** The stored session, also when expired or revoked (the caller decides, see src/auth/sessions.ts). */
  getSession(tokenHash: string): Promise<Session | null>;
  /** Keeps the first revocation time; false when there is no such session. */
  revokeSession(tokenHash: string, at: string): Promise<boolean>;
  createApiToken(input: ApiTokenInput): Promise<ApiToken>;
  getApiToken(tokenHash: string): Promise<ApiToken | null>;
  listApiTokens(userId?: string): Promise<ApiToken[]>;
  touchApiToken(id: string, at: string): Promise<void>;
  revokeApiToken(id: string, at: string): Promise<boolean>;

  /** Version 0 and no contacts when the organisation never stored a list. */
  getContacts(org: string): Promise<ContactList>;
  /** Replaces the list if its version is expectedVersion (0: none yet) and logs the change, in one transaction. */
  putContacts(org: string, expectedVersion: number, contacts: ContactEntry[], change: ContactChangeInput): Promise<{ list: ContactList; change: ContactChange }>;
  /** Oldest first; `unreported` keeps the changes not yet reported to the office. */
  contactChanges(org?: string, opts?: { unreported?: boolean }): Promise<ContactChange[]>;
  /** Keeps the first report time; NotFoundError for an unknown id. */
  markContactChangeReported(id: number, at: string): Promise<ContactChange>;
  createContactDrill(input: ContactDrillInput): Promise<ContactDrill>;
  /** The first acknowledgement counts; NotFoundError for an unknown drill or contact key. */
  recordContactAck(drillId: string, contactKey: string, at: string): Promise<ContactDrill>;
  getContactDrill(id: string): Promise<ContactDrill | null>;
  /** Newest first. */
  listContactDrills(filter?: { org?: string; limit?: number }): Promise<ContactDrill[]>;

  createWarning(input: WarningInput): Promise<Warning>;
  /** Appends a history entry; VersionConflictError on a stale version, NotFoundError for an unknown id. */
  updateWarning(id: string, expectedVersion: number, patch: WarningPatch): Promise<Warning>;
  getWarning(id: string): Promise<Warning | null>;
  /** Newest first; real warnings unless { drill: true }. */
  listWarnings(filter?: { state?: WarningState; drill?: boolean; limit?: number }): Promise<Warning[]>;

  createDrill(input: DrillInput): Promise<Drill>;
  updateDrill(id: string, expectedVersion: number, patch: DrillPatch): Promise<Drill>;
  getDrill(id: string): Promise<Drill | null>;
  /** Newest first. */
  listDrills(filter?: { org?: string; state?: DrillState; limit?: number }): Promise<Drill[]>;

  close(): Promise<void>;
}
