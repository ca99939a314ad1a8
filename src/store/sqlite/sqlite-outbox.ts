// The notification outbox (migration 3) on SQLite: durable once enqueued, idempotent on dedupe_key,
// claimed under a lease. Same order as postgres/postgres-outbox.ts; SqliteStore forwards here.
import { addMs, byDue, clampLimit, iso, jsonText, rowToNotification, type Row } from '../row-mapping.ts';
import type { Notification, NotificationFailure, NotificationInput, NotificationState } from '../store.ts';
import { NotFoundError } from '../store-errors.ts';
import type { SqliteExec } from './sqlite-exec.ts';

export class SqliteOutbox {
  readonly #x: SqliteExec;
  constructor(exec: SqliteExec) {
    this.#x = exec;
  }

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
}
