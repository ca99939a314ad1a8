// Names as the store keeps them (migration 010): the registry-side state of each name dnswarden acted
// on and the history of every action. The NameStore methods are part of Store; both backends implement
// them in sqlite/sqlite-names.ts and postgres/postgres-names.ts (same order). Row mapping here is pure.
import type { NameStatus } from '../core/names/name-rules.ts';
import { parseJson, type Row } from './row-mapping.ts';

export type NameOutcome = 'applied' | 'already' | 'refused' | 'failed';

export interface StoredNameState {
  name: string;
  status: NameStatus;
  locked: boolean;
  /** The delegation before a hold or sinkhole (src/registry/connector.ts Delegation), for the undo. */
  saved: unknown | null;
  /** A block's expiry (ISO), null for none. */
  until: string | null;
  caseId: string | null;
  updatedAt: string;
}

export interface NameHistoryInput {
  name: string;
  at: string;
  action: string;
  outcome: NameOutcome;
  actor: string;
  reason: string;
  caseId: string | null;
  approver: string | null;
  evidence: string[];
  /** from/to state, the refusal or error, notes. */
  detail: Record<string, unknown>;
}

export interface NameHistoryEntry extends NameHistoryInput { seq: number }

export interface NameStore {
  /** The stored states of these names (absent ones are missing from the map). */
  getNameStates(names: readonly string[]): Promise<Map<string, StoredNameState>>;
  /** Writes states (insert or replace) and appends history entries, in one transaction. */
  recordNameActions(states: readonly StoredNameState[], history: readonly NameHistoryInput[]): Promise<void>;
  /** A name's history, oldest first. */
  nameHistory(name: string, limit?: number): Promise<NameHistoryEntry[]>;
  /** The history of every name acted on for a case, oldest first. */
  caseNameHistory(caseId: string, limit?: number): Promise<NameHistoryEntry[]>;
  /** States with one of these statuses (all when empty), optionally only those whose `until` is at or before `expiresBy`. */
  listNameStates(filter: { statuses?: readonly NameStatus[]; expiresBy?: string; limit?: number }): Promise<StoredNameState[]>;
}

export function rowToNameState(r: Row): StoredNameState {
  return { name: String(r.name), status: r.status as NameStatus, locked: r.locked === true || r.locked === 1,
    saved: parseJson(r.saved), until: (r.until as string | null) ?? null,
    caseId: (r.case_id as string | null) ?? null, updatedAt: String(r.updated_at) };
}

export function rowToNameHistory(r: Row): NameHistoryEntry {
  return { seq: Number(r.seq), name: String(r.name), at: String(r.at), action: String(r.action), outcome: r.outcome as NameOutcome,
    actor: String(r.actor), reason: String(r.reason), caseId: (r.case_id as string | null) ?? null, approver: (r.approver as string | null) ?? null,
    evidence: parseJson(r.evidence) as string[], detail: parseJson(r.detail) as Record<string, unknown> };
}
