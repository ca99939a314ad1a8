// What both backends share: the Store methods, each forwarded to the part that implements it.
// A backend (sqlite/sqlite-store.ts, postgres/postgres-store.ts) opens its connection, builds its
// parts — one file per part, the same files in both folders — and adds migrate() and close().
// SQLite parts answer synchronously, PostgreSQL parts with promises; either way the store's method
// is async, so a part that throws becomes a rejected promise.
import type {
  AccessStore, ApiToken, ApiTokenInput, AuditEntry, AuditInput, AuditStore, ContactChange, ContactChangeInput, ContactDrill,
  ContactDrillInput, ContactEntry, ContactList, CycleInput, Drill, DrillInput, DrillPatch, DrillState, FindingFilter, FindingInput,
  FindingPatch, FindingStore, Gap, GapInput, Incident, IncidentFilter, IncidentInput, IncidentPatch, IncidentStore, MeasuredTimeStore,
  MeasurementStore, NodePoint, Notification, NotificationFailure, NotificationInput, NotificationState, OutageStore, OutboxStore, Outage,
  OutageInput, PruneResult, SeriesOptions, Session, SessionInput, Store, StoredCycle, StoredFinding, SystemPoint, TimelineEntry,
  TimelineInput, User, UserInput, UserPatch, Warning, WarningInput, WarningPatch, WarningState,
} from './store.ts';
import type {
  StoredThreatReport, ThreatCase, ThreatCaseFilter, ThreatCaseInput, ThreatCasePatch, ThreatIntakeResult, ThreatReportInput, ThreatStore,
  ThreatTimelineEntry, ThreatTimelineInput,
} from './threat-types.ts';

import type { DelegationBaselineInput, DelegationHistoryEntry, DelegationRecord, DelegationStore } from './delegation-types.ts';
import type { DelegationSeen } from '../core/delegations/delegation-findings.ts';

import type { NameHistoryEntry, NameHistoryInput, NameStore, StoredNameState } from './name-types.ts';
import type { NameStatus } from '../core/names/name-rules.ts';
/** A part of Store as a backend implements it: each method answers directly or with a promise. */
export type Part<S> = {
  [K in keyof S]: S[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R | Promise<R> : never;
};

/** The parts of one backend, named as the files that implement them. */
export interface StoreParts {
  measurements: Part<MeasurementStore>;
  outages: Part<OutageStore>;
  measuredTime: Part<MeasuredTimeStore>;
  incidents: Part<IncidentStore>;
  outbox: Part<OutboxStore>;
  audit: Part<AuditStore>;
  findings: Part<FindingStore>;
  names: Part<NameStore>;
  delegations: Part<DelegationStore>;
  threats: Part<ThreatStore>;
  access: Part<AccessStore>;
}

export abstract class StoreBase implements Store {
  abstract readonly backend: 'sqlite' | 'postgres';
  protected abstract readonly parts: StoreParts;
  abstract migrate(): Promise<number[]>;
  abstract close(): Promise<void>;

  // ---- measurements ----
  async recordCycle(cycle: CycleInput): Promise<{ created: boolean }> { return this.parts.measurements.recordCycle(cycle); }
  async latestBySystem(opts?: { drill?: boolean }): Promise<StoredCycle[]> { return this.parts.measurements.latestBySystem(opts); }
  async nodeSeries(systemId: string, nodeId: string, from: string, to: string, limit?: number, opts?: { drill?: boolean }): Promise<NodePoint[]> {
    return this.parts.measurements.nodeSeries(systemId, nodeId, from, to, limit, opts);
  }
  async systemSeries(systemId: string, from: string, to: string, opts?: SeriesOptions): Promise<SystemPoint[]> {
    return this.parts.measurements.systemSeries(systemId, from, to, opts);
  }
  async pruneMeasurements(before: string): Promise<PruneResult> { return this.parts.measurements.pruneMeasurements(before); }

  // ---- outages and measured time ----
  async openOutage(input: OutageInput): Promise<Outage> { return this.parts.outages.openOutage(input); }
  async closeOutage(id: number, endedAt: string): Promise<Outage | null> { return this.parts.outages.closeOutage(id, endedAt); }
  async openOutages(systemId?: string): Promise<Outage[]> { return this.parts.outages.openOutages(systemId); }
  async outageHistory(systemId: string, from: string, to: string): Promise<Outage[]> { return this.parts.outages.outageHistory(systemId, from, to); }
  async measureOutage(id: number, measure: { measuredMs: number; lastMeasuredAt: string }): Promise<Outage | null> {
    return this.parts.measuredTime.measureOutage(id, measure);
  }
  async recordGap(gap: GapInput): Promise<Gap> { return this.parts.measuredTime.recordGap(gap); }
  async gapHistory(from: string, to: string): Promise<Gap[]> { return this.parts.measuredTime.gapHistory(from, to); }

  // ---- incidents ----
  async createIncident(input: IncidentInput): Promise<Incident> { return this.parts.incidents.createIncident(input); }
  async updateIncident(id: string, expectedVersion: number, patch: IncidentPatch): Promise<Incident> {
    return this.parts.incidents.updateIncident(id, expectedVersion, patch);
  }
  async getIncident(id: string): Promise<Incident | null> { return this.parts.incidents.getIncident(id); }
  async listIncidents(filter?: IncidentFilter): Promise<Incident[]> { return this.parts.incidents.listIncidents(filter); }
  async appendTimeline(incidentId: string, entry: TimelineInput): Promise<TimelineEntry> { return this.parts.incidents.appendTimeline(incidentId, entry); }
  async timeline(incidentId: string): Promise<TimelineEntry[]> { return this.parts.incidents.timeline(incidentId); }

  // ---- outbox ----
  async enqueueNotification(input: NotificationInput): Promise<Notification> { return this.parts.outbox.enqueueNotification(input); }
  async claimDueNotifications(now: string, limit: number, leaseMs?: number): Promise<Notification[]> {
    return this.parts.outbox.claimDueNotifications(now, limit, leaseMs);
  }
  async markNotificationSent(id: number, sentAt: string): Promise<void> { await this.parts.outbox.markNotificationSent(id, sentAt); }
  async markNotificationFailed(id: number, failure: NotificationFailure): Promise<void> { await this.parts.outbox.markNotificationFailed(id, failure); }
  async notifications(filter?: { state?: NotificationState; incidentId?: string; limit?: number }): Promise<Notification[]> {
    return this.parts.outbox.notifications(filter);
  }

  // ---- audit log ----
  async appendAudit(entry: AuditInput): Promise<AuditEntry> { return this.parts.audit.appendAudit(entry); }
  async auditEntries(fromSeq?: number, limit?: number): Promise<AuditEntry[]> { return this.parts.audit.auditEntries(fromSeq, limit); }

  // ---- findings ----
  async openFinding(input: FindingInput): Promise<{ finding: StoredFinding; created: boolean }> { return this.parts.findings.openFinding(input); }
  async updateFinding(id: string, patch: FindingPatch): Promise<StoredFinding> { return this.parts.findings.updateFinding(id, patch); }
  async closeFinding(id: string, closedAt: string): Promise<StoredFinding | null> { return this.parts.findings.closeFinding(id, closedAt); }
  async linkFindingIncident(id: string, incidentId: string): Promise<StoredFinding> { return this.parts.findings.linkFindingIncident(id, incidentId); }
  async getFinding(id: string): Promise<StoredFinding | null> { return this.parts.findings.getFinding(id); }
  async listFindings(filter?: FindingFilter): Promise<StoredFinding[]> { return this.parts.findings.listFindings(filter); }

  // ---- threat reports and cases ----
  async intakeThreatReport(report: ThreatReportInput, newCase: ThreatCaseInput): Promise<ThreatIntakeResult> { return this.parts.threats.intakeThreatReport(report, newCase); }
  async getThreatReport(trackingId: string): Promise<StoredThreatReport | null> { return this.parts.threats.getThreatReport(trackingId); }
  async threatReports(caseId: string): Promise<StoredThreatReport[]> { return this.parts.threats.threatReports(caseId); }
  async getThreatCase(id: string): Promise<ThreatCase | null> { return this.parts.threats.getThreatCase(id); }
  async listThreatCases(filter?: ThreatCaseFilter): Promise<ThreatCase[]> { return this.parts.threats.listThreatCases(filter); }
  async updateThreatCase(id: string, expectedVersion: number, patch: ThreatCasePatch): Promise<ThreatCase> {
    return this.parts.threats.updateThreatCase(id, expectedVersion, patch);
  }
  async appendThreatTimeline(caseId: string, entry: ThreatTimelineInput): Promise<ThreatTimelineEntry> { return this.parts.threats.appendThreatTimeline(caseId, entry); }
  async threatTimeline(caseId: string): Promise<ThreatTimelineEntry[]> { return this.parts.threats.threatTimeline(caseId); }
  async countThreatReports(): Promise<number> { return this.parts.threats.countThreatReports(); }
  async pruneThreatPersonalData(before: string): Promise<{ reports: number; cases: number }> { return this.parts.threats.pruneThreatPersonalData(before); }

  // ---- delegations ----
  async putDelegationBaseline(input: DelegationBaselineInput): Promise<DelegationRecord> { return this.parts.delegations.putDelegationBaseline(input); }
  async recordDelegationSeen(zone: string, seen: DelegationSeen, at: string): Promise<{ record: DelegationRecord; changed: boolean }> {
    return this.parts.delegations.recordDelegationSeen(zone, seen, at);
  }
  async getDelegation(zone: string): Promise<DelegationRecord | null> { return this.parts.delegations.getDelegation(zone); }
  async listDelegations(filter?: { org?: string | string[] }): Promise<DelegationRecord[]> { return this.parts.delegations.listDelegations(filter); }
  async delegationHistory(zone: string, limit?: number): Promise<DelegationHistoryEntry[]> { return this.parts.delegations.delegationHistory(zone, limit); }

  // ---- names (migration 10) ----
  async getNameStates(names: readonly string[]): Promise<Map<string, StoredNameState>> { return this.parts.names.getNameStates(names); }
  async recordNameActions(states: readonly StoredNameState[], history: readonly NameHistoryInput[]): Promise<void> {
    return this.parts.names.recordNameActions(states, history);
  }
  async nameHistory(name: string, limit?: number): Promise<NameHistoryEntry[]> { return this.parts.names.nameHistory(name, limit); }
  async caseNameHistory(caseId: string, limit?: number): Promise<NameHistoryEntry[]> { return this.parts.names.caseNameHistory(caseId, limit); }
  async listNameStates(filter: { statuses?: readonly NameStatus[]; expiresBy?: string; limit?: number }): Promise<StoredNameState[]> {
    return this.parts.names.listNameStates(filter);
  }

  // ---- identity and access ----
  async createUser(input: UserInput): Promise<User> { return this.parts.access.createUser(input); }
  async getUser(id: string): Promise<User | null> { return this.parts.access.getUser(id); }
  async getUserByUsername(username: string): Promise<User | null> { return this.parts.access.getUserByUsername(username); }
  async listUsers(org?: string): Promise<User[]> { return this.parts.access.listUsers(org); }
  async updateUser(id: string, patch: UserPatch): Promise<User> { return this.parts.access.updateUser(id, patch); }
  async createSession(input: SessionInput): Promise<Session> { return this.parts.access.createSession(input); }
  async getSession(tokenHash: string): Promise<Session | null> { return this.parts.access.getSession(tokenHash); }
  async revokeSession(tokenHash: string, at: string): Promise<boolean> { return this.parts.access.revokeSession(tokenHash, at); }
  async createApiToken(input: ApiTokenInput): Promise<ApiToken> { return this.parts.access.createApiToken(input); }
  async getApiToken(tokenHash: string): Promise<ApiToken | null> { return this.parts.access.getApiToken(tokenHash); }
  async listApiTokens(userId?: string): Promise<ApiToken[]> { return this.parts.access.listApiTokens(userId); }
  async touchApiToken(id: string, at: string): Promise<void> { await this.parts.access.touchApiToken(id, at); }
  async revokeApiToken(id: string, at: string): Promise<boolean> { return this.parts.access.revokeApiToken(id, at); }
  async getContacts(org: string): Promise<ContactList> { return this.parts.access.getContacts(org); }
  async putContacts(org: string, expectedVersion: number, contacts: ContactEntry[], change: ContactChangeInput): Promise<{ list: ContactList; change: ContactChange }> {
    return this.parts.access.putContacts(org, expectedVersion, contacts, change);
  }
  async contactChanges(org?: string, opts?: { unreported?: boolean }): Promise<ContactChange[]> { return this.parts.access.contactChanges(org, opts); }
  async markContactChangeReported(id: number, at: string): Promise<ContactChange> { return this.parts.access.markContactChangeReported(id, at); }
  async createContactDrill(input: ContactDrillInput): Promise<ContactDrill> { return this.parts.access.createContactDrill(input); }
  async recordContactAck(drillId: string, contactKey: string, at: string): Promise<ContactDrill> {
    return this.parts.access.recordContactAck(drillId, contactKey, at);
  }
  async getContactDrill(id: string): Promise<ContactDrill | null> { return this.parts.access.getContactDrill(id); }
  async listContactDrills(filter?: { org?: string; limit?: number }): Promise<ContactDrill[]> { return this.parts.access.listContactDrills(filter); }
  async createWarning(input: WarningInput): Promise<Warning> { return this.parts.access.createWarning(input); }
  async updateWarning(id: string, expectedVersion: number, patch: WarningPatch): Promise<Warning> {
    return this.parts.access.updateWarning(id, expectedVersion, patch);
  }
  async getWarning(id: string): Promise<Warning | null> { return this.parts.access.getWarning(id); }
  async listWarnings(filter?: { state?: WarningState; drill?: boolean; limit?: number }): Promise<Warning[]> { return this.parts.access.listWarnings(filter); }
  async createDrill(input: DrillInput): Promise<Drill> { return this.parts.access.createDrill(input); }
  async updateDrill(id: string, expectedVersion: number, patch: DrillPatch): Promise<Drill> { return this.parts.access.updateDrill(id, expectedVersion, patch); }
  async getDrill(id: string): Promise<Drill | null> { return this.parts.access.getDrill(id); }
  async listDrills(filter?: { org?: string; state?: DrillState; limit?: number }): Promise<Drill[]> { return this.parts.access.listDrills(filter); }
}
