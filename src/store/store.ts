// The one storage interface the daemon uses, in parts. Two backends implement it with the same
// file shape and method order (sqlite/, postgres/: one file per part, store-base.ts forwards to them).
// Every method returns a Promise; failures reject with the errors of store-errors.ts.
// Times go in as RFC 3339 strings and come back normalised by Date#toISOString()
// ("2026-11-23T08:00:00.000Z"), so equal instants compare equal as strings.
import type {
  ApiToken, ApiTokenInput, ContactChange, ContactChangeInput, ContactDrill, ContactDrillInput, ContactEntry, ContactList, Drill,
  DrillInput, DrillPatch, DrillState, Session, SessionInput, User, UserInput, UserPatch, Warning, WarningInput, WarningPatch, WarningState,
} from './access-types.ts';
import type { FindingStore } from './finding-types.ts';
import type { NameStore } from './name-types.ts';
import type { DelegationStore } from './delegation-types.ts';
import type { ThreatStore } from './threat-types.ts';
import type {
  AuditEntry, AuditInput, CycleInput, Gap, GapInput, Incident, IncidentFilter, IncidentInput, IncidentPatch, NodePoint, Notification,
  NotificationFailure, NotificationInput, NotificationState, Outage, OutageInput, PruneResult, SeriesOptions, StoredCycle, SystemPoint,
  TimelineEntry, TimelineInput,
} from './record-types.ts';

export type * from './access-types.ts';
export type * from './finding-types.ts';
export type * from './name-types.ts';
export type * from './delegation-types.ts';
export type * from './record-types.ts';
export type * from './threat-types.ts';

/** Per-cycle measurements (migration 1). */
export interface MeasurementStore {
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
}

/** Outages (migration 2). */
export interface OutageStore {
  /** Returns the already-open outage for the same (system, node, service) if there is one. */
  openOutage(input: OutageInput): Promise<Outage>;
  /** null when no such outage; closing a closed outage changes nothing. */
  closeOutage(id: number, endedAt: string): Promise<Outage | null>;
  openOutages(systemId?: string): Promise<Outage[]>;
  /** Outages overlapping [from, to), oldest first. */
  outageHistory(systemId: string, from: string, to: string): Promise<Outage[]>;
}

/** Outages' measured time and the gaps (migration 7). */
export interface MeasuredTimeStore {
  /** Stores an outage's measured time; ignored when older than the stored measurement. null: no such outage. */
  measureOutage(id: number, measure: { measuredMs: number; lastMeasuredAt: string }): Promise<Outage | null>;
  /** Idempotent on (from, reason): a retried write returns the stored gap. */
  recordGap(gap: GapInput): Promise<Gap>;
  /** Gaps overlapping [from, to), oldest first. */
  gapHistory(from: string, to: string): Promise<Gap[]>;
}

/** Incidents and their timeline (migration 3). */
export interface IncidentStore {
  createIncident(input: IncidentInput): Promise<Incident>;
  /** Rejects with VersionConflictError when the stored version is not expectedVersion. */
  updateIncident(id: string, expectedVersion: number, patch: IncidentPatch): Promise<Incident>;
  getIncident(id: string): Promise<Incident | null>;
  listIncidents(filter?: IncidentFilter): Promise<Incident[]>;
  appendTimeline(incidentId: string, entry: TimelineInput): Promise<TimelineEntry>;
  timeline(incidentId: string): Promise<TimelineEntry[]>;
}

/** The durable notification outbox (migration 3). */
export interface OutboxStore {
  enqueueNotification(input: NotificationInput): Promise<Notification>;
  /** Pending items due at `now` and not leased; each is leased until now + leaseMs (default 60 s). */
  claimDueNotifications(now: string, limit: number, leaseMs?: number): Promise<Notification[]>;
  markNotificationSent(id: number, sentAt: string): Promise<void>;
  markNotificationFailed(id: number, failure: NotificationFailure): Promise<void>;
  notifications(filter?: { state?: NotificationState; incidentId?: string; limit?: number }): Promise<Notification[]>;
}

/** The hash-chained audit log (migration 3). */
export interface AuditStore {
  appendAudit(entry: AuditInput): Promise<AuditEntry>;
  /** Entries with seq >= fromSeq (default 1), oldest first, at most limit (default 1000). */
  auditEntries(fromSeq?: number, limit?: number): Promise<AuditEntry[]>;
}

/** Identity and access (migration 4): users, sessions, API tokens, contacts, contact drills, warnings, drills. */
export interface AccessStore {
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
}

/** The whole store: every part, the migrations and close. NameStore: name-types.ts (migration 10). DelegationStore: delegation-types.ts (migration 9). FindingStore: finding-types.ts (migration 5); ThreatStore: threat-types.ts (migration 8). */
export interface Store extends MeasurementStore, OutageStore, MeasuredTimeStore, IncidentStore, OutboxStore, AuditStore, AccessStore, FindingStore, ThreatStore, DelegationStore, NameStore {
  readonly backend: 'sqlite' | 'postgres' | 'memory';
  /** Applies pending migrations; safe to call on every start. Returns the versions applied now. */
  migrate(): Promise<number[]>;
  close(): Promise<void>;
}
