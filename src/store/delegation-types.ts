// Delegations as the store keeps them (migration 009): per child zone the baseline (the first sighting,
// or what the owning organisation or the office approved) and the latest sighting, and a history of
// baselines set and changes seen. The DelegationStore methods are part of Store; both backends implement
// them in sqlite/sqlite-delegations.ts and postgres/postgres-delegations.ts (same order). Row mapping here
// is pure and shared.
import type { BaselineSource, DelegationRecordLike, DelegationSeen } from '../core/delegations/delegation-findings.ts';
import type { DelegationState } from '../core/delegations/delegation-state.ts';
import { parseJson, str, type Row } from './row-mapping.ts';

export interface DelegationRecord extends DelegationRecordLike {
  /** Who set the baseline: 'system' for the first sighting, else the approving user's id. */
  baselineBy: string;
}

export interface DelegationBaselineInput {
  zone: string;
  parent: string;
  system: string;
  org: string;
  state: DelegationState;
  source: BaselineSource;
  at: string;
  by: string;
}

export type DelegationHistoryKind = 'baseline' | 'approved' | 'changed';

export interface DelegationHistoryEntry {
  id: number;
  zone: string;
  at: string;
  kind: DelegationHistoryKind;
  /** The user who approved; null for what the platform recorded. */
  actor: string | null;
  state: DelegationState;
}

export interface DelegationStore {
  /** Creates or replaces the zone's baseline and appends a history entry ('approved' or 'baseline'). */
  putDelegationBaseline(input: DelegationBaselineInput): Promise<DelegationRecord>;
  /**
   * Stores the latest sighting; when its state differs from the previous sighting's (or there was none
   * and it differs from the baseline), appends a 'changed' entry. NotFoundError when the zone has no baseline.
   */
  recordDelegationSeen(zone: string, seen: DelegationSeen, at: string): Promise<{ record: DelegationRecord; changed: boolean }>;
  getDelegation(zone: string): Promise<DelegationRecord | null>;
  /** Ordered by zone; `org`: one organisation or a set (an empty array matches nothing). */
  listDelegations(filter?: { org?: string | string[] }): Promise<DelegationRecord[]>;
  /** Newest first; default 100, at most 1000. */
  delegationHistory(zone: string, limit?: number): Promise<DelegationHistoryEntry[]>;
}

export function rowToDelegation(r: Row): DelegationRecord {
  return {
    zone: String(r.zone), parent: String(r.parent), system: String(r.system_id), org: String(r.org),
    baseline: parseJson(r.baseline) as DelegationState, baselineSource: String(r.baseline_source) as BaselineSource,
    baselineAt: String(r.baseline_at), baselineBy: String(r.baseline_by),
    seen: parseJson(r.seen) as DelegationSeen | null, seenAt: str(r.seen_at),
  };
}

export function rowToDelegationHistory(r: Row): DelegationHistoryEntry {
  return {
    id: Number(r.id), zone: String(r.zone), at: String(r.at), kind: String(r.kind) as DelegationHistoryKind,
    actor: str(r.actor), state: parseJson(r.state) as DelegationState,
  };
}
