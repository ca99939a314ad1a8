// Store on PostgreSQL through a pg Pool. Same method order as sqlite/sqlite-store.ts.
// When the server goes away, calls reject with StoreUnavailableError and the pool recovers by
// itself once the server is back; the pool's 'error' event is handled so nothing crashes.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { auditHash, canonicalJson, GENESIS_HASH } from '../audit-chain.ts';
import { detailInContext } from '../audit-context.ts';
import { incidentFilterSql } from '../incident-filter.ts';
import { migrations, pendingMigrations } from '../migrations/index.ts';
import {
  addMs, assembleLatest, byDue, clampLimit, iso, jsonText, latencyColumns, NODE_COLUMNS, nodeValues, rowToAudit,
  rowToIncident, rowToNodePoint, rowToNotification, rowToOutage, rowToSystem, rowToTimeline, systemAggregate, type Row,
} from '../row-mapping.ts';
import type {
  AuditEntry, AuditInput, CycleInput, Gap, GapInput, Incident, IncidentFilter, IncidentInput, IncidentPatch, NodePoint, Notification,
  NotificationFailure, NotificationInput, NotificationState, Outage, OutageInput, PruneResult, SeriesOptions, Store, StoredCycle,
  SystemPoint, TimelineEntry, TimelineInput,
} from '../store.ts';
import { NotFoundError, StoreClosedError, VersionConflictError } from '../store-errors.ts';
import { mapPgError } from './pg-errors.ts';
import type {
  ApiToken, ApiTokenInput, ContactChange, ContactChangeInput, ContactDrill, ContactDrillInput, ContactEntry, ContactList, Drill,
  DrillInput, DrillPatch, DrillState, Session, SessionInput, User, UserInput, UserPatch, Warning, WarningInput, WarningPatch, WarningState,
} from '../access-types.ts';
import { PostgresAccess } from './postgres-access.ts';
import { PostgresFindings } from './postgres-findings.ts';
import { PostgresMeasuredTime } from './postgres-measured-time.ts';
import type { FindingFilter, FindingInput, FindingPatch, StoredFinding } from '../finding-types.ts';

export interface PostgresStoreOptions {
  url: string;
  poolSize?: number;
  connectTimeoutMs?: number;
  statementTimeoutMs?: number;
  /** Errors of idle pooled connections (server restart, network): logged by the caller, never thrown. */
  onPoolError?: (err: Error) => void;
  /** The audit key (config audit.key/keyFile): entries are then HMAC-chained (audit-chain.ts). */
  auditKey?: Buffer | null;
  /** Cycles deleted per statement by pruneMeasurements (default 10,000, with their node rows). */
  pruneChunk?: number;
}

type Query = (text: string, values?: unknown[], name?: string) => Promise<Row[]>;

const MIGRATION_LOCK = 7_243_000;
const AUDIT_LOCK = 7_243_001;

// Rows in the same shape as SQLite's: bigint as number, times as ISO strings, JSON as text.
const parseTimestamp = pg.types.getTypeParser(1184) as (v: string) => Date;
const typeParsers = {
  getTypeParser(oid: number, format?: string): (v: string) => unknown {
    if (oid === 20) return Number;
    if (oid === 1184) return (v: string) => parseTimestamp(v).toISOString();
    if (oid === 3802 || oid === 114) return (v: string) => v;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

const NODE_RECORD = NODE_COLUMNS.map((c) => `${c} ${nodeColumnType(c)}`).join(', ');
const RECORD_CYCLE = `WITH c AS (
    INSERT INTO cycles (system_id, at, drill, kind, org, success_rate,
      latency_mean, latency_p50, latency_p95, latency_p99, latency_max, stopped_minutes, system)
    VALUES ($1::text, $2::timestamptz, $3::boolean, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb)
    ON CONFLICT (system_id, drill, at) DO NOTHING RETURNING id
  ), n AS (
    INSERT INTO node_measurements (cycle_id, system_id, at, drill, ord, ${NODE_COLUMNS.join(', ')})
    SELECT c.id, $1::text, $2::timestamptz, $3::boolean, r.ord,
      ${NODE_COLUMNS.map((col) => (col === 'failures' || col === 'data_error_samples' ? `r.${col}::jsonb` : `r.${col}`)).join(', ')}
    FROM c, jsonb_to_recordset($14::jsonb) AS r(ord integer, ${NODE_RECORD})
  ), l AS (
    INSERT INTO system_latest (system_id, drill, cycle_id, at) SELECT $1::text, $3::boolean, c.id, $2::timestamptz FROM c
    ON CONFLICT (system_id, drill) DO UPDATE SET cycle_id = excluded.cycle_id, at = excluded.at
    WHERE excluded.at >= system_latest.at
  )
  SELECT count(*)::integer AS created FROM c`;

// One batch of retention, oldest cycles first: the node rows and the cycles (system_latest follows by
// cascade) in one statement, so the counts are exact. Batches keep each statement well inside statement_timeout.
const PRUNE_CHUNK = `WITH doomed AS (
    SELECT id FROM cycles WHERE at < $1::timestamptz ORDER BY id LIMIT $2 FOR UPDATE
  ), n AS (
    DELETE FROM node_measurements WHERE cycle_id IN (SELECT id FROM doomed) RETURNING 1
  ), c AS (
    DELETE FROM cycles WHERE id IN (SELECT id FROM doomed) RETURNING 1
  )
  SELECT (SELECT count(*) FROM n)::integer AS node_rows, (SELECT count(*) FROM c)::integer AS system_rows`;

export class PostgresStore implements Store {
  readonly backend = 'postgres' as const;
  #pool: pg.Pool | null;
  readonly #pruneChunk: number;
  readonly #auditKey: Buffer | null;
  /** Users, sessions, tokens, contacts, warnings, drills (migration 004). */
  #access = new PostgresAccess({ q: (text, values, name, what) => this.#q(text, values, name, what), tx: (fn, what) => this.#tx(fn, what) });
  #findings = new PostgresFindings({ q: (text, values, name, what) => this.#q(text, values, name, what), tx: (fn, what) => this.#tx(fn, what) });
  /** Outages' measured time and gaps (migration 7). */
  #measured = new PostgresMeasuredTime({ q: (text, values, name, what) => this.#q(text, values, name, what), tx: (fn, what) => this.#tx(fn, what) });

  constructor(opts: PostgresStoreOptions) {
    this.#auditKey = opts.auditKey ?? null;
    const statementTimeout = opts.statementTimeoutMs ?? 30_000;
    this.#pruneChunk = Math.max(1, Math.floor(opts.pruneChunk ?? 10_000));
    this.#pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.poolSize ?? 10,
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 5_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: statementTimeout,
      query_timeout: statementTimeout + 5_000,
      application_name: 'dnswarden',
      types: typeParsers,
    });
    this.#pool.on('error', (err) => opts.onPoolError?.(err));
  }

  #open(): pg.Pool {
    if (!this.#pool) throw new StoreClosedError();
    return this.#pool;
  }

  /** One statement on any pooled connection; named statements are prepared once per connection. */
  async #q(text: string, values: unknown[] = [], name?: string, what?: string): Promise<Row[]> {
    try {
      return (await this.#open().query<Row>({ text, values, name })).rows;
    } catch (err) {
      throw mapPgError(err, what);
    }
  }

  async #tx<T>(fn: (q: Query) => Promise<T>, what?: string): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.#open().connect();
    } catch (err) {
      throw mapPgError(err, what);
    }
    // A checked-out client has no pool listener: without this an 'error' event would crash the process.
    let broken: Error | undefined;
    const onError = (err: Error): void => { broken = err; };
    client.on('error', onError);
    const q: Query = async (text, values = [], name) => (await client.query<Row>({ text, values, name })).rows;
    try {
      await q('BEGIN');
      const out = await fn(q);
      await q('COMMIT');
      return out;
    } catch (err) {
      await q('ROLLBACK').catch((e: Error) => { broken ??= e; });
      throw mapPgError(err, what);
    } finally {
      client.removeListener('error', onError);
      client.release(broken);
    }
  }

  async migrate(): Promise<number[]> {
    let client: pg.PoolClient;
    try {
      client = await this.#open().connect();
    } catch (err) {
      throw mapPgError(err);
    }
    let broken: Error | undefined;
    const onError = (err: Error): void => { broken = err; };
    client.on('error', onError);
    const done: number[] = [];
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
      const applied = (await client.query<Row>('SELECT version FROM schema_migrations')).rows.map((r) => Number(r.version));
      for (const m of pendingMigrations(migrations, applied)) {
        await client.query('BEGIN');
        try {
          for (const stmt of m.postgres) await client.query(stmt);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw err;
        }
        done.push(m.version);
      }
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      return done;
    } catch (err) {
      broken ??= err as Error; // drop the connection: that also releases the session lock
      throw mapPgError(err);
    } finally {
      client.removeListener('error', onError);
      client.release(broken);
    }
  }

  async recordCycle(cycle: CycleInput): Promise<{ created: boolean }> {
    const system = systemAggregate(cycle.system);
    const nodes = cycle.nodes.map((n, ord) => {
      const values = nodeValues(n);
      return Object.fromEntries([['ord', ord], ...NODE_COLUMNS.map((c, i) => [c, values[i]])]);
    });
    const rows = await this.#q(RECORD_CYCLE, [
      cycle.systemId, iso(cycle.at), cycle.drill ?? false, system.kind, system.org ?? null, system.successRate,
      ...latencyColumns(system.latencyMs), system.stoppedMinutes ?? 0, JSON.stringify(system), JSON.stringify(nodes),
    ], 'dw_record_cycle');
    return { created: Number(rows[0]?.created) > 0 };
  }

  async latestBySystem(opts: { drill?: boolean } = {}): Promise<StoredCycle[]> {
    const drill = opts.drill ?? false;
    const cycles = await this.#q(`SELECT c.* FROM system_latest l JOIN cycles c ON c.id = l.cycle_id
      WHERE l.drill = $1 ORDER BY c.system_id`, [drill], 'dw_latest_cycles');
    const nodes = await this.#q(`SELECT n.* FROM system_latest l JOIN node_measurements n ON n.cycle_id = l.cycle_id
      WHERE l.drill = $1 ORDER BY n.cycle_id, n.ord`, [drill], 'dw_latest_nodes');
    return assembleLatest(cycles, nodes);
  }

  async nodeSeries(systemId: string, nodeId: string, from: string, to: string, limit?: number, opts: { drill?: boolean } = {}): Promise<NodePoint[]> {
    const rows = await this.#q(`SELECT * FROM (SELECT * FROM node_measurements
        WHERE system_id = $1 AND node_id = $2 AND drill = $3 AND at >= $4 AND at < $5 ORDER BY at DESC LIMIT $6) s
      ORDER BY at`, [systemId, nodeId, opts.drill ?? false, iso(from), iso(to), clampLimit(limit, 1000, 100_000)], 'dw_node_series');
    return rows.map(rowToNodePoint);
  }

  async systemSeries(systemId: string, from: string, to: string, opts: SeriesOptions = {}): Promise<SystemPoint[]> {
    const rows = await this.#q(`SELECT * FROM (SELECT at, system FROM cycles
        WHERE system_id = $1 AND drill = $2 AND at >= $3 AND at < $4 ORDER BY at DESC LIMIT $5) s
      ORDER BY at`, [systemId, opts.drill ?? false, iso(from), iso(to), clampLimit(opts.limit, 1000, 100_000)], 'dw_system_series');
    return rows.map((r) => ({ at: String(r.at), system: rowToSystem(r) }));
  }

  async pruneMeasurements(before: string): Promise<PruneResult> {
    const cut = iso(before);
    const total: PruneResult = { nodeRows: 0, systemRows: 0 };
    for (;;) {
      const [row] = await this.#q(PRUNE_CHUNK, [cut, this.#pruneChunk], 'dw_prune_measurements');
      total.nodeRows += Number(row.node_rows);
      total.systemRows += Number(row.system_rows);
      if (Number(row.system_rows) < this.#pruneChunk) return total;
    }
  }

  async openOutage(input: OutageInput): Promise<Outage> {
    const key = [input.systemId, input.nodeId ?? null, input.service ?? null];
    for (let attempt = 0; attempt < 3; attempt++) {
      const inserted = await this.#q(`INSERT INTO outages (system_id, node_id, service, started_at) VALUES ($1, $2, $3, $4)
        ON CONFLICT DO NOTHING RETURNING *`, [...key, iso(input.startedAt)], 'dw_open_outage');
      if (inserted[0]) return rowToOutage(inserted[0]);
      const open = await this.#q(`SELECT * FROM outages WHERE system_id = $1 AND coalesce(node_id, '') = coalesce($2, '')
        AND coalesce(service, '') = coalesce($3, '') AND ended_at IS NULL`, key, 'dw_find_open_outage');
      if (open[0]) return rowToOutage(open[0]);
    }
    throw new Error(`openOutage ${input.systemId}: the open outage kept changing`);
  }

  async closeOutage(id: number, endedAt: string): Promise<Outage | null> {
    const rows = await this.#q('UPDATE outages SET ended_at = coalesce(ended_at, $2) WHERE id = $1 RETURNING *', [id, iso(endedAt)], 'dw_close_outage');
    return rows[0] ? rowToOutage(rows[0]) : null;
  }

  async openOutages(systemId?: string): Promise<Outage[]> {
    const rows = await this.#q(`SELECT * FROM outages WHERE ended_at IS NULL AND ($1::text IS NULL OR system_id = $1)
      ORDER BY started_at, id`, [systemId ?? null], 'dw_open_outages');
    return rows.map(rowToOutage);
  }

  async outageHistory(systemId: string, from: string, to: string): Promise<Outage[]> {
    const rows = await this.#q(`SELECT * FROM outages WHERE system_id = $1 AND started_at < $2 AND (ended_at IS NULL OR ended_at > $3)
      ORDER BY started_at, id`, [systemId, iso(to), iso(from)], 'dw_outage_history');
    return rows.map(rowToOutage);
  }

  async measureOutage(id: number, measure: { measuredMs: number; lastMeasuredAt: string }): Promise<Outage | null> { return this.#measured.measureOutage(id, measure); }
  async recordGap(gap: GapInput): Promise<Gap> { return this.#measured.recordGap(gap); }
  async gapHistory(from: string, to: string): Promise<Gap[]> { return this.#measured.gapHistory(from, to); }

  async createIncident(input: IncidentInput): Promise<Incident> {
    const id = input.id ?? randomUUID();
    const at = iso(input.createdAt);
    const rows = await this.#q(`INSERT INTO incidents (id, system_id, org, state, grade, proposed_grade, drill, detail, version, created_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $9) RETURNING *`,
    [id, input.systemId, input.org, input.state, input.grade ?? null, input.proposedGrade ?? null, input.drill ?? false,
      jsonText(input.detail ?? {}), at], 'dw_create_incident', `incident ${id}`);
    return rowToIncident(rows[0]);
  }

  async updateIncident(id: string, expectedVersion: number, patch: IncidentPatch): Promise<Incident> {
    const sets: string[] = [];
    const values: unknown[] = [];
    const set = (column: string, v: unknown): void => {
      values.push(v);
      sets.push(`${column} = $${values.length}`);
    };
    if (patch.state !== undefined) set('state', patch.state);
    if (patch.grade !== undefined) set('grade', patch.grade);
    if (patch.proposedGrade !== undefined) set('proposed_grade', patch.proposedGrade);
    if (patch.org !== undefined) set('org', patch.org);
    if (patch.detail !== undefined) set('detail', jsonText(patch.detail));
    set('updated_at', iso(patch.updatedAt));
    values.push(id, expectedVersion);
    const rows = await this.#q(`UPDATE incidents SET ${sets.join(', ')}, version = version + 1
      WHERE id = $${values.length - 1} AND version = $${values.length} RETURNING *`, values);
    if (rows[0]) return rowToIncident(rows[0]);
    const current = await this.#q('SELECT version FROM incidents WHERE id = $1', [id], 'dw_incident_version');
    if (!current[0]) throw new NotFoundError(`incident ${id}`);
    throw new VersionConflictError(id, expectedVersion, Number(current[0].version));
  }

  async getIncident(id: string): Promise<Incident | null> {
    const rows = await this.#q('SELECT * FROM incidents WHERE id = $1', [id], 'dw_get_incident');
    return rows[0] ? rowToIncident(rows[0]) : null;
  }

  async listIncidents(filter: IncidentFilter = {}): Promise<Incident[]> {
    if (Array.isArray(filter.org) && filter.org.length === 0) return [];
    const q = incidentFilterSql(filter, 'postgres');
    const rows = await this.#q(`SELECT * FROM incidents ${q.where} ORDER BY created_at DESC, id DESC ${q.page}`, q.params);
    return rows.map(rowToIncident);
  }

  async appendTimeline(incidentId: string, entry: TimelineInput): Promise<TimelineEntry> {
    const rows = await this.#q('INSERT INTO incident_timeline (incident_id, at, kind, actor, payload) VALUES ($1, $2, $3, $4, $5) RETURNING *',
      [incidentId, iso(entry.at), entry.kind, entry.actor ?? null, jsonText(entry.payload)], 'dw_append_timeline', `incident ${incidentId}`);
    return rowToTimeline(rows[0]);
  }

  async timeline(incidentId: string): Promise<TimelineEntry[]> {
    const rows = await this.#q('SELECT * FROM incident_timeline WHERE incident_id = $1 ORDER BY at, id', [incidentId], 'dw_timeline');
    return rows.map(rowToTimeline);
  }

  async enqueueNotification(input: NotificationInput): Promise<Notification> {
    const created = iso(input.createdAt);
    const rows = await this.#q(`INSERT INTO notification_outbox (channel, recipient, payload, incident_id, dedupe_key, next_attempt_at, created_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (dedupe_key) DO NOTHING RETURNING *`,
    [input.channel, input.recipient, jsonText(input.payload), input.incidentId ?? null, input.dedupeKey ?? null,
      input.notBefore ? iso(input.notBefore) : created, created], 'dw_enqueue');
    if (rows[0]) return rowToNotification(rows[0]);
    const existing = await this.#q('SELECT * FROM notification_outbox WHERE dedupe_key = $1', [input.dedupeKey ?? null], 'dw_outbox_by_key');
    return rowToNotification(existing[0]);
  }

  async claimDueNotifications(now: string, limit: number, leaseMs = 60_000): Promise<Notification[]> {
    const t = iso(now);
    // SKIP LOCKED: several daemons may claim at once without taking the same item.
    const rows = await this.#q(`UPDATE notification_outbox SET lease_until = $2, attempts = attempts + 1
      WHERE id IN (SELECT id FROM notification_outbox WHERE state = 'pending' AND next_attempt_at <= $1
        AND (lease_until IS NULL OR lease_until <= $1) ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
      RETURNING *`, [t, addMs(t, leaseMs), clampLimit(limit, 10, 1000)], 'dw_claim');
    return rows.map(rowToNotification).sort(byDue);
  }

  async markNotificationSent(id: number, sentAt: string): Promise<void> {
    const rows = await this.#q(`UPDATE notification_outbox SET state = 'sent', sent_at = $2, lease_until = NULL WHERE id = $1 RETURNING id`,
      [id, iso(sentAt)], 'dw_mark_sent');
    if (!rows[0]) throw new NotFoundError(`notification ${id}`);
  }

  async markNotificationFailed(id: number, failure: NotificationFailure): Promise<void> {
    const retry = failure.retryAt === null ? null : iso(failure.retryAt);
    const rows = await this.#q(`UPDATE notification_outbox SET state = CASE WHEN $2::timestamptz IS NULL THEN 'dead' ELSE 'pending' END,
      next_attempt_at = coalesce($2::timestamptz, next_attempt_at), lease_until = NULL, last_error = $3 WHERE id = $1 RETURNING id`,
    [id, retry, failure.error], 'dw_mark_failed');
    if (!rows[0]) throw new NotFoundError(`notification ${id}`);
  }

  async notifications(filter: { state?: NotificationState; incidentId?: string; limit?: number } = {}): Promise<Notification[]> {
    const rows = await this.#q(`SELECT * FROM notification_outbox WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR incident_id = $2)
      ORDER BY id LIMIT $3`, [filter.state ?? null, filter.incidentId ?? null, clampLimit(filter.limit, 100, 1000)], 'dw_notifications');
    return rows.map(rowToNotification);
  }

  async appendAudit(entry: AuditInput): Promise<AuditEntry> {
    return this.#tx(async (q) => {
      await q('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]); // one writer at a time keeps the chain linear
      const last = (await q('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1'))[0];
      const detailText = canonicalJson(detailInContext(entry.detail));
      const fields = {
        seq: last ? Number(last.seq) + 1 : 1, at: iso(entry.at), actor: entry.actor, action: entry.action,
        org: entry.org ?? null, target: entry.target ?? null, detail: JSON.parse(detailText) as unknown,
        prevHash: last ? String(last.hash) : GENESIS_HASH,
      };
      const hash = auditHash(fields, this.#auditKey);
      await q(`INSERT INTO audit_log (seq, at, actor, action, org, target, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [fields.seq, fields.at, fields.actor, fields.action, fields.org, fields.target, detailText, fields.prevHash, hash], 'dw_append_audit');
      return { ...fields, hash };
    });
  }

  async auditEntries(fromSeq = 1, limit?: number): Promise<AuditEntry[]> {
    const rows = await this.#q('SELECT * FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2', [fromSeq, clampLimit(limit, 1000, 100_000)], 'dw_audit_entries');
    return rows.map(rowToAudit);
  }

  // ---- findings: see postgres-findings.ts ----
  async openFinding(input: FindingInput): Promise<{ finding: StoredFinding; created: boolean }> { return this.#findings.openFinding(input); }
  async updateFinding(id: string, patch: FindingPatch): Promise<StoredFinding> { return this.#findings.updateFinding(id, patch); }
  async closeFinding(id: string, closedAt: string): Promise<StoredFinding | null> { return this.#findings.closeFinding(id, closedAt); }
  async linkFindingIncident(id: string, incidentId: string): Promise<StoredFinding> { return this.#findings.linkFindingIncident(id, incidentId); }
  async getFinding(id: string): Promise<StoredFinding | null> { return this.#findings.getFinding(id); }
  async listFindings(filter?: FindingFilter): Promise<StoredFinding[]> { return this.#findings.listFindings(filter); }

  // ---- identity and access: see postgres-access.ts ----
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
  async touchApiToken(id: string, at: string): Promise<void> { await this.#access.touchApiToken(id, at); }
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
    const pool = this.#pool;
    if (!pool) return;
    this.#pool = null;
    await pool.end();
  }
}

function nodeColumnType(column: string): string {
  if (column === 'node_id' || column === 'address' || column === 'failures' || column === 'data_error_samples') return 'text';
  if (column === 'data_checked' || column === 'data_errors') return 'bigint';
  if (column === 'success_rate' || column === 'data_error_rate' || column.startsWith('latency_')) return 'double precision';
  return 'integer';
}
