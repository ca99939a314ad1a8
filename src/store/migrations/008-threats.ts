// Threat reports and cases (SPEC §6, ICANN framework): one case per threat, the reports that led to
// it (duplicates of an open case are linked to it), the names of each case (for the duplicate check)
// and its timeline. Personal data — the reporter's details on a report, the registrant's on a case —
// sits in its own nullable JSON column so that retention can erase it and keep the rest.
import type { Migration } from './migration.ts';

const states = `('acknowledged', 'assessed', 'closed')`;
const priorities = `('high', 'normal', 'low')`;

export const threats: Migration = {
  version: 8,
  name: 'threats',
  sqlite: [
    `CREATE TABLE threat_cases (
      id TEXT PRIMARY KEY,
      org TEXT NOT NULL,
      primary_name TEXT NOT NULL,
      names TEXT NOT NULL CHECK (json_valid(names)),
      threat_type TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ${states}),
      priority TEXT NOT NULL CHECK (priority IN ${priorities}),
      credibility_score INTEGER NOT NULL,
      source_class TEXT NOT NULL,
      referred_to TEXT,
      received_at TEXT NOT NULL,
      acknowledged_at TEXT NOT NULL,
      assessment_due_at TEXT NOT NULL,
      assessed_at TEXT,
      mitigated_at TEXT,
      closed_at TEXT,
      reports INTEGER NOT NULL DEFAULT 1,
      detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail)),
      personal TEXT CHECK (personal IS NULL OR json_valid(personal)),
      version INTEGER NOT NULL DEFAULT 1
    ) STRICT`,
    `CREATE INDEX threat_cases_state ON threat_cases (state, assessment_due_at)`,
    `CREATE INDEX threat_cases_referred ON threat_cases (referred_to)`,
    `CREATE TABLE threat_case_names (
      case_id TEXT NOT NULL REFERENCES threat_cases (id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      PRIMARY KEY (case_id, name)
    ) STRICT`,
    `CREATE INDEX threat_case_names_name ON threat_case_names (name)`,
    `CREATE TABLE threat_reports (
      tracking_id TEXT PRIMARY KEY,
      case_id TEXT NOT NULL REFERENCES threat_cases (id) ON DELETE CASCADE,
      status_token_hash TEXT NOT NULL,
      received_at TEXT NOT NULL,
      source_class TEXT NOT NULL,
      reporter_org TEXT,
      lang TEXT NOT NULL,
      format TEXT NOT NULL,
      threat_type TEXT NOT NULL,
      names TEXT NOT NULL CHECK (json_valid(names)),
      description TEXT NOT NULL,
      evidence TEXT NOT NULL CHECK (json_valid(evidence)),
      reporter TEXT CHECK (reporter IS NULL OR json_valid(reporter))
    ) STRICT`,
    `CREATE INDEX threat_reports_case ON threat_reports (case_id, received_at)`,
    `CREATE TABLE threat_timeline (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      case_id TEXT NOT NULL REFERENCES threat_cases (id) ON DELETE CASCADE,
      at TEXT NOT NULL,
      kind TEXT NOT NULL,
      actor TEXT NOT NULL,
      detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
    ) STRICT`,
    `CREATE INDEX threat_timeline_case ON threat_timeline (case_id, at, id)`,
  ],
  postgres: [
    `CREATE TABLE threat_cases (
      id text PRIMARY KEY,
      org text NOT NULL,
      primary_name text NOT NULL,
      names jsonb NOT NULL,
      threat_type text NOT NULL,
      state text NOT NULL CHECK (state IN ${states}),
      priority text NOT NULL CHECK (priority IN ${priorities}),
      credibility_score integer NOT NULL,
      source_class text NOT NULL,
      referred_to text,
      received_at timestamptz NOT NULL,
      acknowledged_at timestamptz NOT NULL,
      assessment_due_at timestamptz NOT NULL,
      assessed_at timestamptz,
      mitigated_at timestamptz,
      closed_at timestamptz,
      reports integer NOT NULL DEFAULT 1,
      detail jsonb NOT NULL DEFAULT '{}',
      personal jsonb,
      version integer NOT NULL DEFAULT 1
    )`,
    `CREATE INDEX threat_cases_state ON threat_cases (state, assessment_due_at)`,
    `CREATE INDEX threat_cases_referred ON threat_cases (referred_to)`,
    `CREATE TABLE threat_case_names (
      case_id text NOT NULL REFERENCES threat_cases (id) ON DELETE CASCADE,
      name text NOT NULL,
      PRIMARY KEY (case_id, name)
    )`,
    `CREATE INDEX threat_case_names_name ON threat_case_names (name)`,
    `CREATE TABLE threat_reports (
      tracking_id text PRIMARY KEY,
      case_id text NOT NULL REFERENCES threat_cases (id) ON DELETE CASCADE,
      status_token_hash text NOT NULL,
      received_at timestamptz NOT NULL,
      source_class text NOT NULL,
      reporter_org text,
      lang text NOT NULL,
      format text NOT NULL,
      threat_type text NOT NULL,
      names jsonb NOT NULL,
      description text NOT NULL,
      evidence jsonb NOT NULL,
      reporter jsonb
    )`,
    `CREATE INDEX threat_reports_case ON threat_reports (case_id, received_at)`,
    `CREATE TABLE threat_timeline (
      id bigserial PRIMARY KEY,
      case_id text NOT NULL REFERENCES threat_cases (id) ON DELETE CASCADE,
      at timestamptz NOT NULL,
      kind text NOT NULL,
      actor text NOT NULL,
      detail jsonb NOT NULL DEFAULT '{}'
    )`,
    `CREATE INDEX threat_timeline_case ON threat_timeline (case_id, at, id)`,
  ],
};
