// Delegations at the parent (issue 10 item 4): per child zone the baseline and the latest sighting
// (JSON), and the history of baselines set and changes seen.
import type { Migration } from './migration.ts';

const sources = `('first-seen', 'approved')`;
const kinds = `('baseline', 'approved', 'changed')`;

export const delegations: Migration = {
  version: 9,
  name: 'delegations',
  sqlite: [
    `CREATE TABLE delegations (
      zone TEXT PRIMARY KEY,
      parent TEXT NOT NULL,
      system_id TEXT NOT NULL,
      org TEXT NOT NULL,
      baseline TEXT NOT NULL CHECK (json_valid(baseline)),
      baseline_source TEXT NOT NULL CHECK (baseline_source IN ${sources}),
      baseline_at TEXT NOT NULL,
      baseline_by TEXT NOT NULL,
      seen TEXT CHECK (seen IS NULL OR json_valid(seen)),
      seen_state TEXT,
      seen_at TEXT
    ) STRICT`,
    `CREATE INDEX delegations_org ON delegations (org, zone)`,
    `CREATE TABLE delegation_history (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      zone TEXT NOT NULL REFERENCES delegations (zone),
      at TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ${kinds}),
      actor TEXT,
      state TEXT NOT NULL CHECK (json_valid(state))
    ) STRICT`,
    `CREATE INDEX delegation_history_zone ON delegation_history (zone, id)`,
  ],
  postgres: [
    `CREATE TABLE delegations (
      zone text PRIMARY KEY,
      parent text NOT NULL,
      system_id text NOT NULL,
      org text NOT NULL,
      baseline jsonb NOT NULL,
      baseline_source text NOT NULL CHECK (baseline_source IN ${sources}),
      baseline_at timestamptz NOT NULL,
      baseline_by text NOT NULL,
      seen jsonb,
      seen_state text,
      seen_at timestamptz
    )`,
    `CREATE INDEX delegations_org ON delegations (org, zone)`,
    `CREATE TABLE delegation_history (
      id bigserial PRIMARY KEY,
      zone text NOT NULL REFERENCES delegations (zone),
      at timestamptz NOT NULL,
      kind text NOT NULL CHECK (kind IN ${kinds}),
      actor text,
      state jsonb NOT NULL
    )`,
    `CREATE INDEX delegation_history_zone ON delegation_history (zone, id)`,
  ],
};
