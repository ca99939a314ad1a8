// Actions on names (issue 11 items 4–5): the registry-side state of every name dnswarden acted on
// (status, lock, the delegation saved before a hold or sinkhole, a block's expiry, the case) and the
// history of every action with its outcome, reason, requester, evidence and approver.
import type { Migration } from './migration.ts';

const statuses = `('active', 'held', 'sinkholed', 'reserved', 'reserved-sinkholed', 'absent')`;
const outcomes = `('applied', 'already', 'refused', 'failed')`;

export const names: Migration = {
  version: 10,
  name: 'names',
  sqlite: [
    `CREATE TABLE name_states (
      name TEXT PRIMARY KEY,
      status TEXT NOT NULL CHECK (status IN ${statuses}),
      locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
      saved TEXT CHECK (saved IS NULL OR json_valid(saved)),
      until TEXT,
      case_id TEXT,
      updated_at TEXT NOT NULL
    ) STRICT`,
    `CREATE INDEX name_states_status ON name_states (status, until)`,
    `CREATE TABLE name_history (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL,
      at TEXT NOT NULL,
      action TEXT NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ${outcomes}),
      actor TEXT NOT NULL,
      reason TEXT NOT NULL,
      case_id TEXT,
      approver TEXT,
      evidence TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(evidence)),
      detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
    ) STRICT`,
    `CREATE INDEX name_history_name ON name_history (name, seq)`,
    `CREATE INDEX name_history_case ON name_history (case_id, seq)`,
  ],
  postgres: [
    `CREATE TABLE name_states (
      name text PRIMARY KEY,
      status text NOT NULL CHECK (status IN ${statuses}),
      locked boolean NOT NULL DEFAULT false,
      saved jsonb,
      until timestamptz,
      case_id text,
      updated_at timestamptz NOT NULL
    )`,
    `CREATE INDEX name_states_status ON name_states (status, until)`,
    `CREATE TABLE name_history (
      seq bigserial PRIMARY KEY,
      name text NOT NULL,
      at timestamptz NOT NULL,
      action text NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ${outcomes}),
      actor text NOT NULL,
      reason text NOT NULL,
      case_id text,
      approver text,
      evidence jsonb NOT NULL DEFAULT '[]',
      detail jsonb NOT NULL DEFAULT '{}'
    )`,
    `CREATE INDEX name_history_name ON name_history (name, seq)`,
    `CREATE INDEX name_history_case ON name_history (case_id, seq)`,
  ],
};
