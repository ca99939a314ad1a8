// Store on the embedded SQLite of Node 24 (node:sqlite, DatabaseSync). Same method order as
// postgres/postgres-store.ts. Calls are synchronous underneath, so a transaction never
// interleaves with another call of this process; busy_timeout covers other processes.
import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { auditHash, canonicalJson, GENESIS_HASH } from '../audit-chain.ts';
import { detailInContext } from '../audit-context.ts';
import { incidentFilterSql } from '../incident-filter.ts';
import { migrations, pendingMigrations } from '../migrations/index.ts';
import {
  addMs, clampLimit, iso, jsonText, NODE_COLUMNS, nodeValues, latencyColumns, rowToAudit, rowToIncident,
  rowToNodePoint, rowToNotification, rowToOutage, rowToSystem, rowToTimeline, systemAggregate, assembleLatest, byDue, type Row,
} from '../row-mapping.ts';
import type {
  AuditEntry, AuditInput, CycleInput, Gap, GapInput, Incident, IncidentFilter, IncidentInput, IncidentPatch, NodePoint, Notification,
  NotificationFailure, NotificationInput, NotificationState, Outage, OutageInput, PruneResult, SeriesOptions, Store, StoredCycle,
  SystemPoint, TimelineEntry, TimelineInput,
} from '../store.ts';
import { AlreadyExistsError, NotFoundError, StoreClosedError, StoreError, StoreUnavailableError, VersionConflictError } from '../store-errors.ts';
import type {
  ApiToken, ApiTokenInput, ContactChange, ContactChangeInput, ContactDrill, ContactDrillInput, ContactEntry, ContactList, Drill,
  DrillInput, DrillPatch, DrillState, Session, SessionInput, User, UserInput, UserPatch, Warning, WarningInput, WarningPatch, WarningState,
} from '../access-types.ts';
import { SqliteAccess } from './sqlite-access.ts';
import { SqliteFindings } from './sqlite-findings.ts';
import { SqliteMeasuredTime } from './sqlite-measured-time.ts';
import type { FindingFilter, FindingInput, FindingPatch, StoredFinding } from '../finding-types.ts';

export interface SqliteStoreOptions {
  /** File path (or ':memory:'). */
  path: string;
  /** FULL (default): every commit is fsynced, so the audit log and the outbox survive power loss.
   *  NORMAL: faster; survives a process crash, may lose the last commits on power loss. */
  synchronous?: 'FULL' | 'NORMAL';
  busyTimeoutMs?: number;
  /** The audit key (config audit.key/keyFile): entries are then HMAC-chained (audit-chain.ts). */
  auditKey?: Buffer | null;
  /** Cycles deleted per transaction by pruneMeasurements (default 10,000, with their node rows). */
  pruneChunk?: number;
}

type Value = string | number | null;
const b = (v: boolean | undefined): number => (v ? 1 : 0);

const NODE_INSERT = `INSERT INTO node_measurements (cycle_id, system_id, at, drill, ord, ${NODE_COLUMNS.join(', ')})
  VALUES (${Array.from({ length: 5 + NODE_COLUMNS.length }, () => '?').join(', ')})`;

export class SqliteStore implements Store {
  readonly backend = 'sqlite' as const;
  #db: DatabaseSync | null;
  #statements = new Map<string, StatementSync>();
  readonly #pruneChunk: number;
  readonly #auditKey: Buffer | null;
  /** Users, sessions, tokens, contacts, warnings, drills (migration 004). */
  #access = new SqliteAccess({ sql: (text) => this.#sql(text), tx: (fn) => this.#tx(fn), mapError: (err, what) => mapSqliteError(err, what) });
  #findings = new SqliteFindings({ sql: (text) => this.#sql(text), tx: (fn) => this.#tx(fn), mapError: (err, what) => mapSqliteError(err, what) });
  /** Outages' measured time and gaps (migration 7). */
  #measured = new SqliteMeasuredTime({ sql: (text) => this.#sql(text), tx: (fn) => this.#tx(fn), mapError: (err, what) => mapSqliteError(err, what) });

  constructor(opts: SqliteStoreOptions) {
    this.#auditKey = opts.auditKey ?? null;
    this.#pruneChunk = Math.max(1, Math.floor(opts.pruneChunk ?? 10_000));
    this.#db = new DatabaseSync(opts.path);
    this.#db.exec(`PRAGMA busy_timeout = ${Math.floor(opts.busyTimeoutMs ?? 5000)}`);
    this.#db.exec('PRAGMA journal_mode = WAL');
    this.#db.exec(`PRAGMA synchronous = ${opts.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
    this.#db.exec('PRAGMA foreign_keys = ON');
  }

  #conn(): DatabaseSync {
    if (!this.#db) throw new StoreClosedError();
    return this.#db;
  }

  /** Prepared statements are cached by their SQL text. */
  #sql(text: string): StatementSync {
    let s = this.#statements.get(text);
    if (!s) {
      s = this.#conn().prepare(text);
      this.#statements.set(text, s);
    }
    return s;
  }

  #tx<T>(fn: () => T): T {
    const db = this.#conn();
    db.exec('BEGIN IMMEDIATE');
    try {
      const out = fn();
      db.exec('COMMIT');
      return out;
    } catch (err) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw mapSqliteError(err);
    }
  }

  async migrate(): Promise<number[]> {
    const db = this.#conn();
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
    const applied = db.prepare('SELECT version FROM schema_migrations').all().map((r) => Number(r.version));
    const done: number[] = [];
    for (const m of pendingMigrations(migrations, applied)) {
      this.#tx(() => {
        for (const stmt of m.sqlite) db.exec(stmt);
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
      });
      done.push(m.version);
    }
    return done;
  }

  async recordCycle(cycle: CycleInput): Promise<{ created: boolean }> {
    const at = iso(cycle.at);
    const drill = b(cycle.drill);
    const system = systemAggregate(cycle.system);
    return this.#tx(() => {
      const row = this.#sql(`INSERT INTO cycles (system_id, at, drill, kind, org, success_rate,
          latency_mean, latency_p50, latency_p95, latency_p99, latency_max, stopped_minutes, system)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (system_id, drill, at) DO NOTHING RETURNING id`)
        .get(cycle.systemId, at, drill, system.kind, system.org ?? null, system.successRate,
          ...latencyColumns(system.latencyMs), system.stoppedMinutes ?? 0, JSON.stringify(system));
      if (!row) return { created: false };
      const insertNode = this.#sql(NODE_INSERT);
      cycle.nodes.forEach((n, ord) => insertNode.run(Number(row.id), cycle.systemId, at, drill, ord, ...nodeValues(n)));
      this.#sql(`INSERT INTO system_latest (system_id, drill, cycle_id, at) VALUES (?, ?, ?, ?)
        ON CONFLICT (system_id, drill) DO UPDATE SET cycle_id = excluded.cycle_id, at = excluded.at
        WHERE excluded.at >= system_latest.at`).run(cycle.systemId, drill, Number(row.id), at);
      return { created: true };
    });
  }

  async latestBySystem(opts: { drill?: boolean } = {}): Promise<StoredCycle[]> {
    const drill = b(opts.drill);
    const cycles = this.#sql(`SELECT c.* FROM system_latest l JOIN cycles c ON c.id = l.cycle_id
      WHERE l.drill = ? ORDER BY c.system_id`).all(drill) as Row[];
    const nodes = this.#sql(`SELECT n.* FROM system_latest l JOIN node_measurements n ON n.cycle_id = l.cycle_id
      WHERE l.drill = ? ORDER BY n.cycle_id, n.ord`).all(drill) as Row[];
    return assembleLatest(cycles, nodes);
  }

  async nodeSeries(systemId: string, nodeId: string, from: string, to: string, limit?: number, opts: { drill?: boolean } = {}): Promise<NodePoint[]> {
    const rows = this.#sql(`SELECT * FROM (SELECT * FROM node_measurements
        WHERE system_id = ? AND node_id = ? AND drill = ? AND at >= ? AND at < ? ORDER BY at DESC LIMIT ?)
      ORDER BY at`).all(systemId, nodeId, b(opts.drill), iso(from), iso(to), clampLimit(limit, 1000, 100_000)) as Row[];
    return rows.map(rowToNodePoint);
  }

  async systemSeries(systemId: string, from: string, to: string, opts: SeriesOptions = {}): Promise<SystemPoint[]> {
    const rows = this.#sql(`SELECT * FROM (SELECT at, system FROM cycles
        WHERE system_id = ? AND drill = ? AND at >= ? AND at < ? ORDER BY at DESC LIMIT ?)
      ORDER BY at`).all(systemId, b(opts.drill), iso(from), iso(to), clampLimit(opts.limit, 1000, 100_000)) as Row[];
    return rows.map((r) => ({ at: String(r.at), system: rowToSystem(r) }));
  }

  async pruneMeasurements(before: string): Promise<PruneResult> {
    const cut = iso(before);
    // Oldest cycles first by rowid (no index on `at` needed: the scan stops after a chunk), one short
    // transaction per chunk, yielding between chunks so this process's writes are not held up.
    const chunk = `SELECT id FROM cycles WHERE at < ?1 ORDER BY id LIMIT ?2`;
    const total: PruneResult = { nodeRows: 0, systemRows: 0 };
    for (;;) {
      const done = this.#tx(() => ({
        nodeRows: Number(this.#sql(`DELETE FROM node_measurements WHERE cycle_id IN (${chunk})`).run(cut, this.#pruneChunk).changes),
        systemRows: Number(this.#sql(`DELETE FROM cycles WHERE id IN (${chunk})`).run(cut, this.#pruneChunk).changes),
      }));
      total.nodeRows += done.nodeRows;
      total.systemRows += done.systemRows;
      if (done.systemRows < this.#pruneChunk) return total;
      await yieldToLoop();
    }
  }

  async openOutage(input: OutageInput): Promise<Outage> {
    const key = [input.systemId, input.nodeId ?? null, input.service ?? null];
    return this.#tx(() => {
      const open = this.#sql(`SELECT * FROM outages WHERE system_id = ? AND coalesce(node_id, '') = coalesce(?, '')
        AND coalesce(service, '') = coalesce(?, '') AND ended_at IS NULL`).get(...key) as Row | undefined;
      if (open) return rowToOutage(open);
      const row = this.#sql(`INSERT INTO outages (system_id, node_id, service, started_at) VALUES (?, ?, ?, ?) RETURNING *`)
        .get(...key, iso(input.startedAt)) as Row;
      return rowToOutage(row);
    });
  }

  async closeOutage(id: number, endedAt: string): Promise<Outage | null> {
    const row = this.#sql('UPDATE outages SET ended_at = coalesce(ended_at, ?) WHERE id = ? RETURNING *').get(iso(endedAt), id) as Row | undefined;
    return row ? rowToOutage(row) : null;
  }

  async openOutages(systemId?: string): Promise<Outage[]> {
    const rows = this.#sql(`SELECT * FROM outages WHERE ended_at IS NULL AND (?1 IS NULL OR system_id = ?1)
      ORDER BY started_at, id`).all(systemId ?? null) as Row[];
    return rows.map(rowToOutage);
  }

  async outageHistory(systemId: string, from: string, to: string): Promise<Outage[]> {
    const rows = this.#sql(`SELECT * FROM outages WHERE system_id = ? AND started_at < ? AND (ended_at IS NULL OR ended_at > ?)
      ORDER BY started_at, id`).all(systemId, iso(to), iso(from)) as Row[];
    return rows.map(rowToOutage);
  }

  async measureOutage(id: number, measure: { measuredMs: number; lastMeasuredAt: string }): Promise<Outage | null> { return this.#measured.measureOutage(id, measure); }
  async recordGap(gap: GapInput): Promise<Gap> { return this.#measured.recordGap(gap); }
  async gapHistory(from: string, to: string): Promise<Gap[]> { return this.#measured.gapHistory(from, to); }

  async createIncident(input: IncidentInput): Promise<Incident> {
    const id = input.id ?? randomUUID();
    const at = iso(input.createdAt);
    try {
      const row = this.#sql(`INSERT INTO incidents (id, system_id, org, state, grade, proposed_grade, drill, detail, version, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING *`)
        .get(id, input.systemId, input.org, input.state, input.grade ?? null, input.proposedGrade ?? null, b(input.drill),
          jsonText(input.detail ?? {}), at, at) as Row;
      return rowToIncident(row);
    } catch (err) {
      throw mapSqliteError(err, `incident ${id}`);
    }
  }

  async updateIncident(id: string, expectedVersion: number, patch: IncidentPatch): Promise<Incident> {
    const sets: string[] = [];
    const values: Value[] = [];
    const set = (column: string, v: Value): void => {
      sets.push(`${column} = ?`);
      values.push(v);
    };
    if (patch.state !== undefined) set('state', patch.state);
    if (patch.grade !== undefined) set('grade', patch.grade);
    if (patch.proposedGrade !== undefined) set('proposed_grade', patch.proposedGrade);
    if (patch.org !== undefined) set('org', patch.org);
    if (patch.detail !== undefined) set('detail', jsonText(patch.detail));
    set('updated_at', iso(patch.updatedAt));
    const row = this.#sql(`UPDATE incidents SET ${sets.join(', ')}, version = version + 1
      WHERE id = ? AND version = ? RETURNING *`).get(...values, id, expectedVersion) as Row | undefined;
    if (row) return rowToIncident(row);
    const current = this.#sql('SELECT version FROM incidents WHERE id = ?').get(id) as Row | undefined;
    if (!current) throw new NotFoundError(`incident ${id}`);
    throw new VersionConflictError(id, expectedVersion, Number(current.version));
  }

  async getIncident(id: string): Promise<Incident | null> {
    const row = this.#sql('SELECT * FROM incidents WHERE id = ?').get(id) as Row | undefined;
    return row ? rowToIncident(row) : null;
  }

  async listIncidents(filter: IncidentFilter = {}): Promise<Incident[]> {
    if (Array.isArray(filter.org) && filter.org.length === 0) return [];
    const q = incidentFilterSql(filter, 'sqlite');
    const rows = this.#sql(`SELECT * FROM incidents ${q.where} ORDER BY created_at DESC, id DESC ${q.page}`).all(...(q.params as Value[])) as Row[];
    return rows.map(rowToIncident);
  }

  async appendTimeline(incidentId: string, entry: TimelineInput): Promise<TimelineEntry> {
    try {
      const row = this.#sql('INSERT INTO incident_timeline (incident_id, at, kind, actor, payload) VALUES (?, ?, ?, ?, ?) RETURNING *')
        .get(incidentId, iso(entry.at), entry.kind, entry.actor ?? null, jsonText(entry.payload)) as Row;
      return rowToTimeline(row);
    } catch (err) {
      throw mapSqliteError(err, `incident ${incidentId}`);
    }
  }

  async timeline(incidentId: string): Promise<TimelineEntry[]> {
    const rows = this.#sql('SELECT * FROM incident_timeline WHERE incident_id = ? ORDER BY at, id').all(incidentId) as Row[];
    return rows.map(rowToTimeline);
  }

  async enqueueNotification(input: NotificationInput): Promise<Notification> {
    const created = iso(input.createdAt);
    return this.#tx(() => {
      const row = this.#sql(`INSERT INTO notification_outbox (channel, recipient, payload, incident_id, dedupe_key, next_attempt_at, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING RETURNING *`)
        .get(input.channel, input.recipient, jsonText(input.payload), input.incidentId ?? null, input.dedupeKey ?? null,
          input.notBefore ? iso(input.notBefore) : created, created) as Row | undefined;
      return rowToNotification(row ?? (this.#sql('SELECT * FROM notification_outbox WHERE dedupe_key = ?').get(input.dedupeKey ?? null) as Row));
    });
  }

  async claimDueNotifications(now: string, limit: number, leaseMs = 60_000): Promise<Notification[]> {
    const t = iso(now);
    const rows = this.#sql(`UPDATE notification_outbox SET lease_until = ?2, attempts = attempts + 1
      WHERE id IN (SELECT id FROM notification_outbox WHERE state = 'pending' AND next_attempt_at <= ?1
        AND (lease_until IS NULL OR lease_until <= ?1) ORDER BY next_attempt_at, id LIMIT ?3)
      RETURNING *`)
      .all(t, addMs(t, leaseMs), clampLimit(limit, 10, 1000)) as Row[];
    return rows.map(rowToNotification).sort(byDue);
  }

  async markNotificationSent(id: number, sentAt: string): Promise<void> {
    const r = this.#sql(`UPDATE notification_outbox SET state = 'sent', sent_at = ?, lease_until = NULL WHERE id = ?`).run(iso(sentAt), id);
    if (Number(r.changes) === 0) throw new NotFoundError(`notification ${id}`);
  }

  async markNotificationFailed(id: number, failure: NotificationFailure): Promise<void> {
    const retry = failure.retryAt === null ? null : iso(failure.retryAt);
    const r = this.#sql(`UPDATE notification_outbox SET state = CASE WHEN ?1 IS NULL THEN 'dead' ELSE 'pending' END,
      next_attempt_at = coalesce(?1, next_attempt_at), lease_until = NULL, last_error = ?2 WHERE id = ?3`).run(retry, failure.error, id);
    if (Number(r.changes) === 0) throw new NotFoundError(`notification ${id}`);
  }

  async notifications(filter: { state?: NotificationState; incidentId?: string; limit?: number } = {}): Promise<Notification[]> {
    const rows = this.#sql(`SELECT * FROM notification_outbox WHERE (?1 IS NULL OR state = ?1) AND (?2 IS NULL OR incident_id = ?2)
      ORDER BY id LIMIT ?3`).all(filter.state ?? null, filter.incidentId ?? null, clampLimit(filter.limit, 100, 1000)) as Row[];
    return rows.map(rowToNotification);
  }

  async appendAudit(entry: AuditInput): Promise<AuditEntry> {
    return this.#tx(() => {
      const last = this.#sql('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as Row | undefined;
      const detailText = canonicalJson(detailInContext(entry.detail));
      const fields = {
        seq: last ? Number(last.seq) + 1 : 1, at: iso(entry.at), actor: entry.actor, action: entry.action,
        org: entry.org ?? null, target: entry.target ?? null, detail: JSON.parse(detailText) as unknown,
        prevHash: last ? String(last.hash) : GENESIS_HASH,
      };
      const hash = auditHash(fields, this.#auditKey);
      this.#sql(`INSERT INTO audit_log (seq, at, actor, action, org, target, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(fields.seq, fields.at, fields.actor, fields.action, fields.org, fields.target, detailText, fields.prevHash, hash);
      return { ...fields, hash };
    });
  }

  async auditEntries(fromSeq = 1, limit?: number): Promise<AuditEntry[]> {
    const rows = this.#sql('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ?').all(fromSeq, clampLimit(limit, 1000, 100_000)) as Row[];
    return rows.map(rowToAudit);
  }

  // ---- findings: see sqlite-findings.ts ----
  async openFinding(input: FindingInput): Promise<{ finding: StoredFinding; created: boolean }> { return this.#findings.openFinding(input); }
  async updateFinding(id: string, patch: FindingPatch): Promise<StoredFinding> { return this.#findings.updateFinding(id, patch); }
  async closeFinding(id: string, closedAt: string): Promise<StoredFinding | null> { return this.#findings.closeFinding(id, closedAt); }
  async linkFindingIncident(id: string, incidentId: string): Promise<StoredFinding> { return this.#findings.linkFindingIncident(id, incidentId); }
  async getFinding(id: string): Promise<StoredFinding | null> { return this.#findings.getFinding(id); }
  async listFindings(filter?: FindingFilter): Promise<StoredFinding[]> { return this.#findings.listFindings(filter); }

  // ---- identity and access: see sqlite-access.ts ----
  async createUser(input: UserInput): Promise<User> { return this.#access.createUser(input); }
  async getUser(id: string): Promise<User | null> { return this.#access.getUser(id); }
  async getUserByUsername(username: string): Promise<User | null> { return this.#access.getUserByUsername(username); }
  async listUsers(org?: string): Promise<User[]> { return this.#access.listUsers(org); }
  async updateUser(id: string, patch: UserPatch): Promise<User> { return this.#access.updateUser(id, patch); }
  async createSession(input: SessionInput): Promise<Session> { return this.#access.createSession(input); }
  async getSession(tokenHash: string): Promise<Session | null> { return this.#access.getSession(tokenHash); }
  async revokeSession(tokenHash: string, at: string): Promise<boolean> { return this.#access.revokeSession(tokenHash, at); }
  async createApiToken(input: ApiTokenInput): Promise<ApiToken> { return this.#access.createApiToken(input); }
  async getApiToken(tokenHash: string): Promise<ApiToken | null> { return this.#access.getApiToken(tokenHash); }
  async listApiTokens(userId?: string): Promise<ApiToken[]> { return this.#access.listApiTokens(userId); }
  async touchApiToken(id: string, at: string): Promise<void> { this.#access.touchApiToken(id, at); }
  async revokeApiToken(id: string, at: string): Promise<boolean> { return this.#access.revokeApiToken(id, at); }
  async getContacts(org: string): Promise<ContactList> { return this.#access.getContacts(org); }
  async putContacts(org: string, expectedVersion: number, contacts: ContactEntry[], change: ContactChangeInput): Promise<{ list: ContactList; change: ContactChange }> {
    return this.#access.putContacts(org, expectedVersion, contacts, change);
  }
  async contactChanges(org?: string, opts?: { unreported?: boolean }): Promise<ContactChange[]> { return this.#access.contactChanges(org, opts); }
  async markContactChangeReported(id: number, at: string): Promise<ContactChange> { return this.#access.markContactChangeReported(id, at); }
  async createContactDrill(input: ContactDrillInput): Promise<ContactDrill> { return this.#access.createContactDrill(input); }
  async recordContactAck(drillId: string, contactKey: string, at: string): Promise<ContactDrill> { return this.#access.recordContactAck(drillId, contactKey, at); }
  async getContactDrill(id: string): Promise<ContactDrill | null> { return this.#access.getContactDrill(id); }
  async listContactDrills(filter?: { org?: string; limit?: number }): Promise<ContactDrill[]> { return this.#access.listContactDrills(filter); }
  async createWarning(input: WarningInput): Promise<Warning> { return this.#access.createWarning(input); }
  async updateWarning(id: string, expectedVersion: number, patch: WarningPatch): Promise<Warning> { return this.#access.updateWarning(id, expectedVersion, patch); }
  async getWarning(id: string): Promise<Warning | null> { return this.#access.getWarning(id); }
  async listWarnings(filter?: { state?: WarningState; drill?: boolean; limit?: number }): Promise<Warning[]> { return this.#access.listWarnings(filter); }
  async createDrill(input: DrillInput): Promise<Drill> { return this.#access.createDrill(input); }
  async updateDrill(id: string, expectedVersion: number, patch: DrillPatch): Promise<Drill> { return this.#access.updateDrill(id, expectedVersion, patch); }
  async getDrill(id: string): Promise<Drill | null> { return this.#access.getDrill(id); }
  async listDrills(filter?: { org?: string; state?: DrillState; limit?: number }): Promise<Drill[]> { return this.#access.listDrills(filter); }

  async close(): Promise<void> {
    if (!this.#db) return;
    this.#statements.clear();
    this.#db.close();
    this.#db = null;
  }
}

function mapSqliteError(err: unknown, what = 'row'): unknown {
  if (err instanceof StoreError) return err;
  const code = (err as { errcode?: number }).errcode;
  if (code === 1555 || code === 2067) return new AlreadyExistsError(what);
  if (code === 787) return new NotFoundError(what);
  if (code === 5 || code === 6) return new StoreUnavailableError(`database is locked: ${(err as Error).message}`, { cause: err });
  return err;
}
