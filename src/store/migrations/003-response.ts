// Response: incidents (optimistic version), their timeline, the notification outbox and the
// append-only, hash-chained audit log. JSON for free-form bodies; columns for what is filtered on.
import type { Migration } from './migration.ts';

const grades = `('I', 'II', 'III', 'IV')`;
const outboxStates = `('pending', 'sent', 'dead')`;

export const response: Migration = {
  version: 3,
  name: 'response',
  sqlite: [
    `CREATE TABLE incidents (
      id TEXT PRIMARY KEY,
      system_id TEXT NOT NULL,
      org TEXT NOT NULL,
      state TEXT NOT NULL,
      grade TEXT CHECK (grade IN ${grades}),
      proposed_grade TEXT CHECK (proposed_grade IN ${grades}),
      drill INTEGER NOT NULL DEFAULT 0,
      detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail)),
      version INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`,
    `CREATE INDEX incidents_drill_created ON incidents (drill, created_at)`,
    `CREATE INDEX incidents_org_created ON incidents (org, created_at)`,
    `CREATE INDEX incidents_system_created ON incidents (system_id, created_at)`,
    `CREATE INDEX incidents_state_created ON incidents (state, created_at)`,
    `CREATE TABLE incident_timeline (
      id INTEGER PRIMARY KEY,
      incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
      at TEXT NOT NULL,
      kind TEXT NOT NULL,
      actor TEXT,
      payload TEXT NOT NULL CHECK (json_valid(payload))
    ) STRICT`,
    `CREATE INDEX incident_timeline_incident ON incident_timeline (incident_id, at, id)`,
    `CREATE TABLE notification_outbox (
      id INTEGER PRIMARY KEY,
      channel TEXT NOT NULL,
      recipient TEXT NOT NULL,
      payload TEXT NOT NULL CHECK (json_valid(payload)),
      incident_id TEXT,
      dedupe_key TEXT UNIQUE,
      state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ${outboxStates}),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT NOT NULL,
      lease_until TEXT,
      last_error TEXT,
      created_at TEXT NOT NULL,
      sent_at TEXT
    ) STRICT`,
    `CREATE INDEX notification_outbox_due ON notification_outbox (state, next_attempt_at)`,
    `CREATE INDEX notification_outbox_incident ON notification_outbox (incident_id)`,
    // detail is kept as the exact canonical JSON that was hashed, so verification is byte-exact.
    `CREATE TABLE audit_log (
      seq INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      org TEXT,
      target TEXT,
      detail TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL UNIQUE
    ) STRICT`,
    `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
    `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
  ],
  postgres: [
    `CREATE TABLE incidents (
      id TEXT PRIMARY KEY,
      system_id TEXT NOT NULL,
      org TEXT NOT NULL,
      state TEXT NOT NULL,
      grade TEXT CHECK (grade IN ${grades}),
      proposed_grade TEXT CHECK (proposed_grade IN ${grades}),
      drill BOOLEAN NOT NULL DEFAULT false,
      detail JSONB NOT NULL DEFAULT '{}',
      version INTEGER NOT NULL DEFAULT 1,
      created_at TIMESTAMPTZ NOT NULL,
      updated_at TIMESTAMPTZ NOT NULL
    )`,
    `CREATE INDEX incidents_drill_created ON incidents (drill, created_at)`,
    `CREATE INDEX incidents_org_created ON incidents (org, created_at)`,
    `CREATE INDEX incidents_system_created ON incidents (system_id, created_at)`,
    `CREATE INDEX incidents_state_created ON incidents (state, created_at)`,
    `CREATE TABLE incident_timeline (
      id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
      at TIMESTAMPTZ NOT NULL,
      kind TEXT NOT NULL,
      actor TEXT,
      payload JSONB NOT NULL
    )`,
    `CREATE INDEX incident_timeline_incident ON incident_timeline (incident_id, at, id)`,
    `CREATE TABLE notification_outbox (
      id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      channel TEXT NOT NULL,
      recipient TEXT NOT NULL,
      payload JSONB NOT NULL,
      incident_id TEXT,
      dedupe_key TEXT UNIQUE,
      state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ${outboxStates}),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TIMESTAMPTZ NOT NULL,
      lease_until TIMESTAMPTZ,
      last_error TEXT,
      created_at TIMESTAMPTZ NOT NULL,
      sent_at TIMESTAMPTZ
    )`,
    `CREATE INDEX notification_outbox_due ON notification_outbox (state, next_attempt_at)`,
    `CREATE INDEX notification_outbox_incident ON notification_outbox (incident_id)`,
    `CREATE TABLE audit_log (
      seq BIGINT PRIMARY KEY,
      at TIMESTAMPTZ NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      org TEXT,
      target TEXT,
      detail TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL UNIQUE
    )`,
    `CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`,
    `CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
  ],
};
