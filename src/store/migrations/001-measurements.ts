// Per-cycle measurements: one row per system per cycle, one row per node per cycle.
// Real columns for what charts and grading read; the full system aggregate as JSON.
import type { Migration } from './migration.ts';

export const measurements: Migration = {
  version: 1,
  name: 'measurements',
  sqlite: [
    `CREATE TABLE cycles (
      id INTEGER PRIMARY KEY,
      system_id TEXT NOT NULL,
      at TEXT NOT NULL,
      drill INTEGER NOT NULL DEFAULT 0,
      kind TEXT NOT NULL,
      org TEXT,
      success_rate REAL NOT NULL,
      latency_mean REAL, latency_p50 REAL, latency_p95 REAL, latency_p99 REAL, latency_max REAL,
      stopped_minutes REAL NOT NULL DEFAULT 0,
      system TEXT NOT NULL
    ) STRICT`,
    `CREATE UNIQUE INDEX cycles_system_drill_at ON cycles (system_id, drill, at)`,
    `CREATE TABLE node_measurements (
      cycle_id INTEGER NOT NULL REFERENCES cycles (id) ON DELETE CASCADE,
      node_id TEXT NOT NULL,
      system_id TEXT NOT NULL,
      at TEXT NOT NULL,
      drill INTEGER NOT NULL,
      ord INTEGER NOT NULL,
      address TEXT NOT NULL,
      port INTEGER NOT NULL,
      queries INTEGER NOT NULL, answered INTEGER NOT NULL, succeeded INTEGER NOT NULL,
      success_rate REAL NOT NULL,
      latency_mean REAL, latency_p50 REAL, latency_p95 REAL, latency_p99 REAL, latency_max REAL,
      data_checked INTEGER NOT NULL, data_errors INTEGER NOT NULL, data_error_rate REAL NOT NULL,
      key_domain_errors INTEGER NOT NULL,
      failures TEXT,
      data_error_samples TEXT,
      PRIMARY KEY (cycle_id, node_id)
    ) STRICT`,
    `CREATE INDEX node_measurements_series ON node_measurements (system_id, node_id, drill, at)`,
    // Latest cycle per system, kept by recordCycle so the dashboard read stays O(systems).
    `CREATE TABLE system_latest (
      system_id TEXT NOT NULL,
      drill INTEGER NOT NULL,
      cycle_id INTEGER NOT NULL REFERENCES cycles (id) ON DELETE CASCADE,
      at TEXT NOT NULL,
      PRIMARY KEY (system_id, drill)
    ) STRICT`,
  ],
  postgres: [
    `CREATE TABLE cycles (
      id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      system_id TEXT NOT NULL,
      at TIMESTAMPTZ NOT NULL,
      drill BOOLEAN NOT NULL DEFAULT false,
      kind TEXT NOT NULL,
      org TEXT,
      success_rate DOUBLE PRECISION NOT NULL,
      latency_mean DOUBLE PRECISION, latency_p50 DOUBLE PRECISION, latency_p95 DOUBLE PRECISION,
      latency_p99 DOUBLE PRECISION, latency_max DOUBLE PRECISION,
      stopped_minutes DOUBLE PRECISION NOT NULL DEFAULT 0,
      system JSONB NOT NULL
    )`,
    `CREATE UNIQUE INDEX cycles_system_drill_at ON cycles (system_id, drill, at)`,
    `CREATE TABLE node_measurements (
      cycle_id BIGINT NOT NULL REFERENCES cycles (id) ON DELETE CASCADE,
      node_id TEXT NOT NULL,
      system_id TEXT NOT NULL,
      at TIMESTAMPTZ NOT NULL,
      drill BOOLEAN NOT NULL,
      ord INTEGER NOT NULL,
      address TEXT NOT NULL,
      port INTEGER NOT NULL,
      queries INTEGER NOT NULL, answered INTEGER NOT NULL, succeeded INTEGER NOT NULL,
      success_rate DOUBLE PRECISION NOT NULL,
      latency_mean DOUBLE PRECISION, latency_p50 DOUBLE PRECISION, latency_p95 DOUBLE PRECISION,
      latency_p99 DOUBLE PRECISION, latency_max DOUBLE PRECISION,
      data_checked BIGINT NOT NULL, data_errors BIGINT NOT NULL, data_error_rate DOUBLE PRECISION NOT NULL,
      key_domain_errors INTEGER NOT NULL,
      failures JSONB,
      data_error_samples JSONB,
      PRIMARY KEY (cycle_id, node_id)
    )`,
    `CREATE INDEX node_measurements_series ON node_measurements (system_id, node_id, drill, at)`,
    `CREATE TABLE system_latest (
      system_id TEXT NOT NULL,
      drill BOOLEAN NOT NULL,
      cycle_id BIGINT NOT NULL REFERENCES cycles (id) ON DELETE CASCADE,
      at TIMESTAMPTZ NOT NULL,
      PRIMARY KEY (system_id, drill)
    )`,
  ],
};
