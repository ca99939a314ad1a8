// Findings as the store keeps them (migration 005): what is wrong but not (yet) a graded incident,
// opened and closed with hysteresis by src/response/finding-service.ts. At most one open finding
// per identity `key` (kind, system, node, subject); a closed one stays as history. The FindingStore
// methods are part of Store; both backends implement them in sqlite/sqlite-findings.ts and
// postgres/postgres-findings.ts (same order). Row mapping here is pure and shared.
import type { FindingSeverity } from '../core/snapshot.ts';
import { str, type Row } from './row-mapping.ts';

export type FindingState = 'open' | 'closed';

export interface FindingInput {
  /** Caller-chosen id; a UUID when absent. */
  id?: string;
  /** Identity: src/core/findings/finding-tracker.ts findingKey. */
  key: string;
  kind: string;
  system: string;
  node: string | null;
  subject: string | null;
  org: string;
  severity: FindingSeverity;
  summary: string;
  evidence: Record<string, unknown>;
  firstSeen: string;
  lastSeen: string;
}

/** One stored finding; also the API's FindingView. */
export interface StoredFinding {
  id: string;
  key: string;
  kind: string;
  system: string;
  node: string | null;
  org: string;
  severity: FindingSeverity;
  summary: string;
  subject: string | null;
  evidence: Record<string, unknown>;
  state: FindingState;
  firstSeen: string;
  lastSeen: string;
  closedAt: string | null;
  /** The incident the office turned it into. */
  incidentId: string | null;
}

/** Fields a later sighting changes (severity only ever rises: the caller decides). */
export interface FindingPatch {
  severity?: FindingSeverity;
  summary?: string;
  evidence?: Record<string, unknown>;
  lastSeen?: string;
}

export interface FindingFilter {
  state?: FindingState;
  kind?: string;
  system?: string;
  /** One organisation or the set a caller may see. An empty array matches nothing. */
  org?: string | string[];
  /** Default 100, at most 1000. Newest first (by first seen). */
  limit?: number;
}

export interface FindingStore {
  /** Opens a finding, or returns the already-open one with the same key (created: false). */
  openFinding(input: FindingInput): Promise<{ finding: StoredFinding; created: boolean }>;
  /** NotFoundError for an unknown id; a closed finding is not changed (returned as it is). */
  updateFinding(id: string, patch: FindingPatch): Promise<StoredFinding>;
  /** null when no such finding; closing a closed finding changes nothing. */
  closeFinding(id: string, closedAt: string): Promise<StoredFinding | null>;
  /** Links the incident once: the first link stays (compare incidentId to see who won). NotFoundError for an unknown id. */
  linkFindingIncident(id: string, incidentId: string): Promise<StoredFinding>;
  getFinding(id: string): Promise<StoredFinding | null>;
  listFindings(filter?: FindingFilter): Promise<StoredFinding[]>;
}

export function rowToFinding(r: Row): StoredFinding {
  return {
    id: String(r.id), key: String(r.key), kind: String(r.kind), system: String(r.system_id),
    node: str(r.node_id), org: String(r.org),
    severity: String(r.severity) as FindingSeverity, summary: String(r.summary),
    subject: str(r.subject),
    evidence: JSON.parse(String(r.evidence)) as Record<string, unknown>, state: String(r.state) as FindingState,
    firstSeen: String(r.first_seen), lastSeen: String(r.last_seen),
    closedAt: str(r.closed_at),
    incidentId: str(r.incident_id),
  };
}
