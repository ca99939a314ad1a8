// The response records (migration 3) on SQLite: incidents with versioned updates (VersionConflictError on
// a stale version) and their timeline; the notification outbox (durable once enqueued, idempotent on
// dedupe_key, claimed under a lease); the audit log (append-only, hash-chained by row-mapping.ts
// nextAuditEntry, appends serialised by BEGIN IMMEDIATE). Same order as postgres/postgres-response.ts.
import { randomUUID } from 'node:crypto';
import { incidentFilterSql } from '../incident-filter.ts';
import {
  addMs, byDue, clampLimit, incidentPatchColumns, iso, jsonText, nextAuditEntry, rowToAudit, rowToIncident, rowToNotification, rowToTimeline,
  type Row,
} from '../row-mapping.ts';
import type {
  AuditEntry, AuditInput, Incident, IncidentFilter, IncidentInput, IncidentPatch, Notification, NotificationFailure, NotificationInput,
  NotificationState, TimelineEntry, TimelineInput,
} from '../store.ts';
import { NotFoundError, VersionConflictError } from '../store-errors.ts';
import { b, type SqliteExec, type Value } from './sqlite-exec.ts';

export class SqliteResponseRecords {
  readonly #x: SqliteExec;
  readonly #key: Buffer | null;
  /** key: the audit key (config audit.key/keyFile); audit entries are then HMAC-chained (audit-chain.ts). */
  constructor(exec: SqliteExec, key: Buffer | null) {
    this.#x = exec;
    this.#key = key;
  }

  // ---- incidents and their timeline ----
  createIncident(input: IncidentInput): Incident {
    const id = input.id ?? randomUUID();
    const at = iso(input.createdAt);
    try {
      const row = this.#x.sql(`INSERT INTO incidents (id, system_id, org, state, grade, proposed_grade, drill, detail, version, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING *`)
        .get(id, input.systemId, input.org, input.state, input.grade ?? null, input.proposedGrade ?? null, b(input.drill),
          jsonText(input.detail ?? {}), at, at) as Row;
      return rowToIncident(row);
    } catch (err) {
      throw this.#x.mapError(err, `incident ${id}`);
    }
  }

  updateIncident(id: string, expectedVersion: number, patch: IncidentPatch): Incident {
    const sets = incidentPatchColumns(patch);
    const row = this.#x.sql(`UPDATE incidents SET ${sets.map(([column]) => `${column} = ?`).join(', ')}, version = version + 1
      WHERE id = ? AND version = ? RETURNING *`).get(...sets.map(([, v]) => v), id, expectedVersion) as Row | undefined;
    if (row) return rowToIncident(row);
    const current = this.#x.sql('SELECT version FROM incidents WHERE id = ?').get(id) as Row | undefined;
    if (!current) throw new NotFoundError(`incident ${id}`);
    throw new VersionConflictError(id, expectedVersion, Number(current.version));
  }

  getIncident(id: string): Incident | null {
    const row = this.#x.sql('SELECT * FROM incidents WHERE id = ?').get(id) as Row | undefined;
    return row ? rowToIncident(row) : null;
  }

  listIncidents(filter: IncidentFilter = {}): Incident[] {
    if (Array.isArray(filter.org) && filter.org.length === 0) return [];
    const q = incidentFilterSql(filter, 'sqlite');
    const rows = this.#x.sql(`SELECT * FROM incidents ${q.where} ORDER BY created_at DESC, id DESC ${q.page}`).all(...(q.params as Value[])) as Row[];
    return rows.map(rowToIncident);
  }

  appendTimeline(incidentId: string, entry: TimelineInput): TimelineEntry {
    try {
      const row = this.#x.sql('INSERT INTO incident_timeline (incident_id, at, kind, actor, payload) VALUES (?, ?, ?, ?, ?) RETURNING *')
        .get(incidentId, iso(entry.at), entry.kind, entry.actor ?? null, jsonText(entry.payload)) as Row;
      return rowToTimeline(row);
    } catch (err) {
      throw this.#x.mapError(err, `incident ${incidentId}`);
    }
  }

  timeline(incidentId: string): TimelineEntry[] {
    const rows = this.#x.sql('SELECT * FROM incident_timeline WHERE incident_id = ? ORDER BY at, id').all(incidentId) as Row[];
    return rows.map(rowToTimeline);
  }

  // ---- notification outbox ----
  enqueueNotification(input: NotificationInput): Notification {
    const created = iso(input.createdAt);
    return this.#x.tx(() => {
      const row = this.#x.sql(`INSERT INTO notification_outbox (channel, recipient, payload, incident_id, dedupe_key, next_attempt_at, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING RETURNING *`)
        .get(input.channel, input.recipient, jsonText(input.payload), input.incidentId ?? null, input.dedupeKey ?? null,
          input.notBefore ? iso(input.notBefore) : created, created) as Row | undefined;
      return rowToNotification(row ?? (this.#x.sql('SELECT * FROM notification_outbox WHERE dedupe_key = ?').get(input.dedupeKey ?? null) as Row));
    });
  }

  claimDueNotifications(now: string, limit: number, leaseMs = 60_000): Notification[] {
    const t = iso(now);
    const rows = this.#x.sql(`UPDATE notification_outbox SET lease_until = ?2, attempts = attempts + 1
      WHERE id IN (SELECT id FROM notification_outbox WHERE state = 'pending' AND next_attempt_at <= ?1
        AND (lease_until IS NULL OR lease_until <= ?1) ORDER BY next_attempt_at, id LIMIT ?3)
      RETURNING *`)
      .all(t, addMs(t, leaseMs), clampLimit(limit, 10, 1000)) as Row[];
    return rows.map(rowToNotification).sort(byDue);
  }

  markNotificationSent(id: number, sentAt: string): void {
    const r = this.#x.sql(`UPDATE notification_outbox SET state = 'sent', sent_at = ?, lease_until = NULL WHERE id = ?`).run(iso(sentAt), id);
    if (Number(r.changes) === 0) throw new NotFoundError(`notification ${id}`);
  }

  markNotificationFailed(id: number, failure: NotificationFailure): void {
    const retry = failure.retryAt === null ? null : iso(failure.retryAt);
    const r = this.#x.sql(`UPDATE notification_outbox SET state = CASE WHEN ?1 IS NULL THEN 'dead' ELSE 'pending' END,
      next_attempt_at = coalesce(?1, next_attempt_at), lease_until = NULL, last_error = ?2 WHERE id = ?3`).run(retry, failure.error, id);
    if (Number(r.changes) === 0) throw new NotFoundError(`notification ${id}`);
  }

  notifications(filter: { state?: NotificationState; incidentId?: string; limit?: number } = {}): Notification[] {
    const rows = this.#x.sql(`SELECT * FROM notification_outbox WHERE (?1 IS NULL OR state = ?1) AND (?2 IS NULL OR incident_id = ?2)
      ORDER BY id LIMIT ?3`).all(filter.state ?? null, filter.incidentId ?? null, clampLimit(filter.limit, 100, 1000)) as Row[];
    return rows.map(rowToNotification);
  }

  // ---- audit log ----
  appendAudit(input: AuditInput): AuditEntry {
    return this.#x.tx(() => {
      const last = this.#x.sql('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as Row | undefined;
      const { entry: e, detailText } = nextAuditEntry(last, input, this.#key);
      this.#x.sql(`INSERT INTO audit_log (seq, at, actor, action, org, target, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(e.seq, e.at, e.actor, e.action, e.org, e.target, detailText, e.prevHash, e.hash);
      return e;
    });
  }

  auditEntries(fromSeq = 1, limit?: number): AuditEntry[] {
    const rows = this.#x.sql('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ?').all(fromSeq, clampLimit(limit, 1000, 100_000)) as Row[];
    return rows.map(rowToAudit);
  }
}
