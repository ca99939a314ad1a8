// Measured time only (SPEC §3): the measured minutes of each open outage and when it was last
// measured failing, so a restart continues them without adding its own downtime; and the gaps —
// time the platform did not measure (it was down, or no cycle ran), drawn as gaps on the charts.
import type { Migration } from './migration.ts';

export const measuredTime: Migration = {
  version: 7,
  name: 'measured-time',
  sqlite: [
    `ALTER TABLE outages ADD COLUMN measured_ms INTEGER NOT NULL DEFAULT 0`,
    `ALTER TABLE outages ADD COLUMN last_measured_at TEXT`,
    `CREATE TABLE measurement_gaps (
      id INTEGER PRIMARY KEY,
      from_at TEXT NOT NULL,
      to_at TEXT NOT NULL,
      reason TEXT NOT NULL,
      CHECK (to_at > from_at)
    ) STRICT`,
    `CREATE UNIQUE INDEX measurement_gaps_from ON measurement_gaps (from_at, reason)`,
    `CREATE INDEX measurement_gaps_to ON measurement_gaps (to_at)`,
  ],
  postgres: [
    `ALTER TABLE outages ADD COLUMN measured_ms BIGINT NOT NULL DEFAULT 0`,
    `ALTER TABLE outages ADD COLUMN last_measured_at TIMESTAMPTZ`,
    `CREATE TABLE measurement_gaps (
      id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      from_at TIMESTAMPTZ NOT NULL,
      to_at TIMESTAMPTZ NOT NULL,
      reason TEXT NOT NULL,
      CHECK (to_at > from_at)
    )`,
    `CREATE UNIQUE INDEX measurement_gaps_from ON measurement_gaps (from_at, reason)`,
    `CREATE INDEX measurement_gaps_to ON measurement_gaps (to_at)`,
  ],
};
