// Findings (SPEC §3 "Findings"): what the platform sees that is wrong but is not (yet) a graded
// incident. One row per opening; at most one open row per identity key (partial unique index).
import type { Migration } from './migration.ts';

const severities = `('info', 'warning', 'critical')`;
const states = `('open', 'closed')`;

export const findings: Migration = {
  version: 5,
  name: 'findings',
  sqlite: [
    `CREATE TABLE findings (
      id TEXT PRIMARY KEY,
      key TEXT NOT NULL,
      kind TEXT NOT NULL,
      system_id TEXT NOT NULL,
      node_id TEXT,
      subject TEXT,
      org TEXT NOT NULL,
      severity TEXT NOT NULL CHECK (severity IN ${severities}),
      summary TEXT NOT NULL,
      evidence TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(evidence)),
      state TEXT NOT NULL CHECK (state IN ${states}),
      first_seen TEXT NOT NULL,
      last_seen TEXT NOT NULL,
      closed_at TEXT,
      incident_id TEXT
    ) STRICT`,
    `CREATE UNIQUE INDEX findings_open_key ON findings (key) WHERE state = 'open'`,
    `CREATE INDEX findings_org_first ON findings (org, first_seen)`,
    `CREATE INDEX findings_state_first ON findings (state, first_seen)`,
  ],
  postgres: [
    `CREATE TABLE findings (
      id text PRIMARY KEY,
      key text NOT NULL,
      kind text NOT NULL,
      system_id text NOT NULL,
      node_id text,
      subject text,
      org text NOT NULL,
      severity text NOT NULL CHECK (severity IN ${severities}),
      summary text NOT NULL,
      evidence jsonb NOT NULL DEFAULT '{}',
      state text NOT NULL CHECK (state IN ${states}),
      first_seen timestamptz NOT NULL,
      last_seen timestamptz NOT NULL,
      closed_at timestamptz,
      incident_id text
    )`,
    `CREATE UNIQUE INDEX findings_open_key ON findings (key) WHERE state = 'open'`,
    `CREATE INDEX findings_org_first ON findings (org, first_seen)`,
    `CREATE INDEX findings_state_first ON findings (state, first_seen)`,
  ],
};
