// The notification outbox (migration 3) on PostgreSQL: durable once enqueued, idempotent on dedupe_key,
// claimed under a lease with FOR UPDATE SKIP LOCKED. Same order as sqlite/sqlite-outbox.ts.
import { addMs, byDue, clampLimit, iso, jsonText, rowToNotification } from '../row-mapping.ts';
import type { Notification, NotificationFailure, NotificationInput, NotificationState } from '../store.ts';
import { NotFoundError } from '../store-errors.ts';
import type { PostgresExec } from './postgres-exec.ts';

export class PostgresOutbox {
  readonly #x: PostgresExec;
  constructor(exec: PostgresExec) {
    this.#x = exec;
  }

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
}
