// Identity and access (users, sessions, API tokens) and the response records kept per
// organisation or nationally: emergency contacts with their change log, contact drills,
// warnings (预警) and drills (应急演练). Tokens are kept only as SHA-256 hashes.
import type { Migration } from './migration.ts';

const levels = `('red', 'orange', 'yellow', 'blue')`;
const warningStates = `('active', 'lifted')`;
const drillStates = `('planned', 'running', 'ended', 'cancelled')`;

export const access: Migration = {
  version: 4,
  name: 'access',
  sqlite: [
    `CREATE TABLE users (
      id TEXT PRIMARY KEY,
      org TEXT NOT NULL,
      username TEXT NOT NULL UNIQUE,
      display_name TEXT,
      password_hash TEXT NOT NULL,
      roles TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(roles)),
      disabled INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`,
    `CREATE INDEX users_org ON users (org, username)`,
    `CREATE TABLE sessions (
      token_hash TEXT PRIMARY KEY,
      user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      revoked_at TEXT
    ) STRICT`,
    `CREATE INDEX sessions_user ON sessions (user_id)`,
    `CREATE TABLE api_tokens (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      token_hash TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL,
      expires_at TEXT,
      last_used_at TEXT,
      revoked_at TEXT
    ) STRICT`,
    `CREATE INDEX api_tokens_user ON api_tokens (user_id)`,
    `CREATE TABLE contact_lists (
      org TEXT PRIMARY KEY,
      version INTEGER NOT NULL,
      contacts TEXT NOT NULL CHECK (json_valid(contacts)),
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL
    ) STRICT`,
    `CREATE TABLE contact_changes (
      id INTEGER PRIMARY KEY,
      org TEXT NOT NULL,
      version INTEGER NOT NULL,
      changed_at TEXT NOT NULL,
      reported_at TEXT,
      changed_by TEXT NOT NULL,
      diff TEXT NOT NULL CHECK (json_valid(diff))
    ) STRICT`,
    `CREATE INDEX contact_changes_org ON contact_changes (org, changed_at)`,
    `CREATE TABLE contact_drills (
      id TEXT PRIMARY KEY,
      org TEXT,
      started_at TEXT NOT NULL,
      due_at TEXT,
      created_by TEXT NOT NULL,
      contacts TEXT NOT NULL CHECK (json_valid(contacts))
    ) STRICT`,
    `CREATE INDEX contact_drills_started ON contact_drills (started_at)`,
    `CREATE TABLE contact_drill_acks (
      drill_id TEXT NOT NULL REFERENCES contact_drills (id) ON DELETE CASCADE,
      contact_key TEXT NOT NULL,
      acked_at TEXT NOT NULL,
      PRIMARY KEY (drill_id, contact_key)
    ) STRICT`,
    `CREATE TABLE warnings (
      id TEXT PRIMARY KEY,
      org TEXT NOT NULL,
      level TEXT NOT NULL CHECK (level IN ${levels}),
      scope TEXT NOT NULL CHECK (json_valid(scope)),
      state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ${warningStates}),
      issued_by TEXT NOT NULL,
      text TEXT NOT NULL,
      history TEXT NOT NULL CHECK (json_valid(history)),
      drill INTEGER NOT NULL DEFAULT 0,
      version INTEGER NOT NULL DEFAULT 1,
      issued_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`,
    `CREATE INDEX warnings_state_issued ON warnings (drill, state, issued_at)`,
    `CREATE TABLE drills (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      org TEXT,
      scope TEXT NOT NULL CHECK (json_valid(scope)),
      state TEXT NOT NULL DEFAULT 'planned' CHECK (state IN ${drillStates}),
      created_by TEXT NOT NULL,
      started_at TEXT,
      ended_at TEXT,
      report TEXT CHECK (report IS NULL OR json_valid(report)),
      version INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`,
    `CREATE INDEX drills_created ON drills (created_at)`,
  ],
  postgres: [
    `CREATE TABLE users (
      id TEXT PRIMARY KEY,
      org TEXT NOT NULL,
      username TEXT NOT NULL UNIQUE,
      display_name TEXT,
      password_hash TEXT NOT NULL,
      roles JSONB NOT NULL DEFAULT '[]',
      disabled BOOLEAN NOT NULL DEFAULT false,
      created_at TIMESTAMPTZ NOT NULL,
      updated_at TIMESTAMPTZ NOT NULL
    )`,
    `CREATE INDEX users_org ON users (org, username)`,
    `CREATE TABLE sessions (
      token_hash TEXT PRIMARY KEY,
      user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at TIMESTAMPTZ NOT NULL,
      expires_at TIMESTAMPTZ NOT NULL,
      revoked_at TIMESTAMPTZ
    )`,
    `CREATE INDEX sessions_user ON sessions (user_id)`,
    `CREATE TABLE api_tokens (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      token_hash TEXT NOT NULL UNIQUE,
      created_at TIMESTAMPTZ NOT NULL,
      expires_at TIMESTAMPTZ,
      last_used_at TIMESTAMPTZ,
      revoked_at TIMESTAMPTZ
    )`,
    `CREATE INDEX api_tokens_user ON api_tokens (user_id)`,
    `CREATE TABLE contact_lists (
      org TEXT PRIMARY KEY,
      version INTEGER NOT NULL,
      contacts JSONB NOT NULL,
      updated_at TIMESTAMPTZ NOT NULL,
      updated_by TEXT NOT NULL
    )`,
    `CREATE TABLE contact_changes (
      id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      org TEXT NOT NULL,
      version INTEGER NOT NULL,
      changed_at TIMESTAMPTZ NOT NULL,
      reported_at TIMESTAMPTZ,
      changed_by TEXT NOT NULL,
      diff JSONB NOT NULL
    )`,
    `CREATE INDEX contact_changes_org ON contact_changes (org, changed_at)`,
    `CREATE TABLE contact_drills (
      id TEXT PRIMARY KEY,
      org TEXT,
      started_at TIMESTAMPTZ NOT NULL,
      due_at TIMESTAMPTZ,
      created_by TEXT NOT NULL,
      contacts JSONB NOT NULL
    )`,
    `CREATE INDEX contact_drills_started ON contact_drills (started_at)`,
    `CREATE TABLE contact_drill_acks (
      drill_id TEXT NOT NULL REFERENCES contact_drills (id) ON DELETE CASCADE,
      contact_key TEXT NOT NULL,
      acked_at TIMESTAMPTZ NOT NULL,
      PRIMARY KEY (drill_id, contact_key)
    )`,
    `CREATE TABLE warnings (
      id TEXT PRIMARY KEY,
      org TEXT NOT NULL,
      level TEXT NOT NULL CHECK (level IN ${levels}),
      scope JSONB NOT NULL,
      state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ${warningStates}),
      issued_by TEXT NOT NULL,
      text TEXT NOT NULL,
      history JSONB NOT NULL,
      drill BOOLEAN NOT NULL DEFAULT false,
      version INTEGER NOT NULL DEFAULT 1,
      issued_at TIMESTAMPTZ NOT NULL,
      updated_at TIMESTAMPTZ NOT NULL
    )`,
    `CREATE INDEX warnings_state_issued ON warnings (drill, state, issued_at)`,
    `CREATE TABLE drills (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      org TEXT,
      scope JSONB NOT NULL,
      state TEXT NOT NULL DEFAULT 'planned' CHECK (state IN ${drillStates}),
      created_by TEXT NOT NULL,
      started_at TIMESTAMPTZ,
      ended_at TIMESTAMPTZ,
      report JSONB,
      version INTEGER NOT NULL DEFAULT 1,
      created_at TIMESTAMPTZ NOT NULL,
      updated_at TIMESTAMPTZ NOT NULL
    )`,
    `CREATE INDEX drills_created ON drills (created_at)`,
  ],
};
