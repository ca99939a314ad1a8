// The response records (migration 3) on PostgreSQL: incidents with versioned updates (VersionConflictError
// on a stale version) and their timeline; the notification outbox (durable once enqueued, idempotent on
// dedupe_key, claimed under a lease with FOR UPDATE SKIP LOCKED); the audit log (append-only, hash-chained
// by row-mapping.ts nextAuditEntry, appends serialised by an advisory lock). Same order as sqlite/sqlite-response.ts.
import { randomUUID } from 'node:crypto';
import { incidentFilterSql } from '../incident-filter.ts';
import {
  addMs, byDue, clampLimit, incidentPatchColumns, iso, jsonText, nextAuditEntry, rowToAudit, rowToIncident, rowToNotification, rowToTimeline,
} from '../row-mapping.ts';
import type {
  AuditEntry, AuditInput, Incident, IncidentFilter, IncidentInput, IncidentPatch, Notification, NotificationFailure, NotificationInput,
  NotificationState, TimelineEntry, TimelineInput,
} from '../store.ts';
import { NotFoundError, VersionConflictError } from '../store-errors.ts';
import type { PostgresExec } from './postgres-exec.ts';

const AUDIT_LOCK = 7_243_001;

export class PostgresResponseRecords {
  readonly #x: PostgresExec;
  readonly #key: Buffer | null;
  /** key: the audit key (config audit.key/keyFile); audit entries are then HMAC-chained (audit-chain.ts). */
  constructor(exec: PostgresExec, key: Buffer | null) {
    this.#x = exec;
    this.#key = key;
  }

  // ---- incidents and their timeline ----
  async createIncident(input: IncidentInput): Promise<Incident> {
    const id = input.id ?? randomUUID();
    const at = iso(input.createdAt);
    const rows = await this.#x.q(`INSERT INTO incidents (id, system_id, org, state, grade, proposed_grade, drill, detail, version, created_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $9) RETURNING *`,
    [id, input.systemId, input.org, input.state, input.grade ?? null, input.proposedGrade ?? null, input.drill ?? false,
      jsonText(input.detail ?? {}), at], 'dw_create_incident', `incident ${id}`);
    return rowToIncident(rows[0]);
  }

  async updateIncident(id: string, expectedVersion: number, patch: IncidentPatch): Promise<Incident> {
    const sets = incidentPatchColumns(patch);
    const values: unknown[] = [...sets.map(([, v]) => v), id, expectedVersion];
    const rows = await this.#x.q(`UPDATE incidents SET ${sets.map(([column], i) => `${column} = $${i + 1}`).join(', ')}, version = version + 1
      WHERE id = $${values.length - 1} AND version = $${values.length} RETURNING *`, values);
    if (rows[0]) return rowToIncident(rows[0]);
    const current = await this.#x.q('SELECT version FROM incidents WHERE id = $1', [id], 'dw_incident_version');
    if (!current[0]) throw new NotFoundError(`incident ${id}`);
    throw new VersionConflictError(id, expectedVersion, Number(current[0].version));
  }

  async getIncident(id: string): Promise<Incident | null> {
    const rows = await this.#x.q('SELECT * FROM incidents WHERE id = $1', [id], 'dw_get_incident');
    return rows[0] ? rowToIncident(rows[0]) : null;
  }

  async listIncidents(filter: IncidentFilter = {}): Promise<Incident[]> {
    if (Array.isArray(filter.org) && filter.org.length === 0) return [];
    const q = incidentFilterSql(filter, 'postgres');
    const rows = await this.#x.q(`SELECT * FROM incidents ${q.where} ORDER BY created_at DESC, id DESC ${q.page}`, q.params);
    return rows.map(rowToIncident);
  }

  async appendTimeline(incidentId: string, entry: TimelineInput): Promise<TimelineEntry> {
    const rows = await this.#x.q('INSERT INTO incident_timeline (incident_id, at, kind, actor, payload) VALUES ($1, $2, $3, $4, $5) RETURNING *',
      [incidentId, iso(entry.at), entry.kind, entry.actor ?? null, jsonText(entry.payload)], 'dw_append_timeline', `incident ${incidentId}`);
    return rowToTimeline(rows[0]);
  }

  async timeline(incidentId: string): Promise<TimelineEntry[]> {
    const rows = await this.#x.q('SELECT * FROM incident_timeline WHERE incident_id = $1 ORDER BY at, id', [incidentId], 'dw_timeline');
    return rows.map(rowToTimeline);
  }

  // ---- notification outbox ----
  async enqueueNotification(input: NotificationInput): Promise<Notification> {
    const created = iso(input.createdAt);
    const rows = await this.#x.q(`INSERT INTO notification_outbox (channel, recipient, payload, incident_id, dedupe_key, next_attempt_at, created_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (dedupe_key) DO NOTHING RETURNING *`,
    [input.channel, input.recipient, jsonText(input.payload), input.incidentId ?? null, input.dedupeKey ?? null,
      input.notBefore ? iso(input.notBefore) : created, created], 'dw_enqueue');
    if (rows[0]) return rowToNotification(rows[0]);
    const existing = await this.#x.q('SELECT * FROM notification_outbox WHERE dedupe_key = $1', [input.dedupeKey ?? null], 'dw_outbox_by_key');
    return rowToNotification(existing[0]);
  }

  async claimDueNotifications(now: string, limit: number, leaseMs = 60_000): Promise<Notification[]> {
    const t = iso(now);
    // SKIP LOCKED: several daemons may claim at once without taking the same item.
    const rows = await this.#x.q(`UPDATE notification_outbox SET lease_until = $2, attempts = attempts + 1
      WHERE id IN (SELECT id FROM notification_outbox WHERE state = 'pending' AND next_attempt_at <= $1
        AND (lease_until IS NULL OR lease_until <= $1) ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
      RETURNING *`, [t, addMs(t, leaseMs), clampLimit(limit, 10, 1000)], 'dw_claim');
    return rows.map(rowToNotification).sort(byDue);
  }

  async markNotificationSent(id: number, sentAt: string): Promise<void> {
    const rows = await this.#x.q(`UPDATE notification_outbox SET state = 'sent', sent_at = $2, lease_until = NULL WHERE id = $1 RETURNING id`,
      [id, iso(sentAt)], 'dw_mark_sent');
    if (!rows[0]) throw new NotFoundError(`notification ${id}`);
  }

  async markNotificationFailed(id: number, failure: NotificationFailure): Promise<void> {
    const retry = failure.retryAt === null ? null : iso(failure.retryAt);
    const rows = await this.#x.q(`UPDATE notification_outbox SET state = CASE WHEN $2::timestamptz IS NULL THEN 'dead' ELSE 'pending' END,
      next_attempt_at = coalesce($2::timestamptz, next_attempt_at), lease_until = NULL, last_error = $3 WHERE id = $1 RETURNING id`,
    [id, retry, failure.error], 'dw_mark_failed');
    if (!rows[0]) throw new NotFoundError(`notification ${id}`);
  }

  async notifications(filter: { state?: NotificationState; incidentId?: string; limit?: number } = {}): Promise<Notification[]> {
    const rows = await this.#x.q(`SELECT * FROM notification_outbox WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR incident_id = $2)
      ORDER BY id LIMIT $3`, [filter.state ?? null, filter.incidentId ?? null, clampLimit(filter.limit, 100, 1000)], 'dw_notifications');
    return rows.map(rowToNotification);
  }

  // ---- audit log ----
  async appendAudit(input: AuditInput): Promise<AuditEntry> {
    return this.#x.tx(async (q) => {
      await q('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]); // one writer at a time keeps the chain linear
      const last = (await q('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1'))[0];
      const { entry: e, detailText } = nextAuditEntry(last, input, this.#key);
      await q(`INSERT INTO audit_log (seq, at, actor, action, org, target, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [e.seq, e.at, e.actor, e.action, e.org, e.target, detailText, e.prevHash, e.hash], 'dw_append_audit');
      return e;
    });
  }

  async auditEntries(fromSeq = 1, limit?: number): Promise<AuditEntry[]> {
    const rows = await this.#x.q('SELECT * FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2', [fromSeq, clampLimit(limit, 1000, 100_000)], 'dw_audit_entries');
    return rows.map(rowToAudit);
  }
}
