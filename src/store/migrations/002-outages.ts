// Outage history, so stoppedMinutes / downMinutes survive a daemon restart.
// At most one open outage per (system, node, service): the partial unique index.
import type { Migration } from './migration.ts';

export const outages: Migration = {
  version: 2,
  name: 'outages',
  sqlite: [
    `CREATE TABLE outages (
      id INTEGER PRIMARY KEY,
      system_id TEXT NOT NULL,
      node_id TEXT,
      service TEXT,
      started_at TEXT NOT NULL,
      ended_at TEXT
    ) STRICT`,
    `CREATE INDEX outages_system_started ON outages (system_id, started_at)`,
    `CREATE UNIQUE INDEX outages_one_open ON outages (system_id, coalesce(node_id, ''), coalesce(service, ''))
      WHERE ended_at IS NULL`,
  ],
  postgres: [
    `CREATE TABLE outages (
      id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      system_id TEXT NOT NULL,
      node_id TEXT,
      service TEXT,
      started_at TIMESTAMPTZ NOT NULL,
      ended_at TIMESTAMPTZ
    )`,
    `CREATE INDEX outages_system_started ON outages (system_id, started_at)`,
    `CREATE UNIQUE INDEX outages_one_open ON outages (system_id, coalesce(node_id, ''), coalesce(service, ''))
      WHERE ended_at IS NULL`,
  ],
};
