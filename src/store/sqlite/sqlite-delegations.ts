// The delegations methods of the SQLite store (migration 009). Same order as postgres/postgres-delegations.ts;
// SqliteStore forwards to this class. Each write runs in one transaction with its history entry.
import type { DelegationSeen } from '../../core/delegations/delegation-findings.ts';
import { stateKey } from '../../core/delegations/delegation-state.ts';
import {
  rowToDelegation, rowToDelegationHistory, type DelegationBaselineInput, type DelegationHistoryEntry, type DelegationRecord,
} from '../delegation-types.ts';
import { clampLimit, iso, jsonText, type Row } from '../row-mapping.ts';
import { NotFoundError } from '../store-errors.ts';
import type { SqliteExec } from './sqlite-exec.ts';

export class SqliteDelegations {
  readonly #x: SqliteExec;
  constructor(exec: SqliteExec) {
    this.#x = exec;
  }

  putDelegationBaseline(input: DelegationBaselineInput): DelegationRecord {
    const at = iso(input.at);
    const state = JSON.parse(stateKey(input.state)) as unknown;
    return this.#x.tx(() => {
      const row = this.#x.sql(`INSERT INTO delegations (zone, parent, system_id, org, baseline, baseline_source, baseline_at, baseline_by)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (zone) DO UPDATE SET parent = excluded.parent, system_id = excluded.system_id,
        org = excluded.org, baseline = excluded.baseline, baseline_source = excluded.baseline_source, baseline_at = excluded.baseline_at,
        baseline_by = excluded.baseline_by RETURNING *`)
        .get(input.zone, input.parent, input.system, input.org, jsonText(state), input.source, at, input.by) as Row;
      this.#x.sql('INSERT INTO delegation_history (zone, at, kind, actor, state) VALUES (?, ?, ?, ?, ?)')
        .run(input.zone, at, input.source === 'approved' ? 'approved' : 'baseline', input.source === 'approved' ? input.by : null, jsonText(state));
      return rowToDelegation(row);
    });
  }

  recordDelegationSeen(zone: string, seen: DelegationSeen, at: string): { record: DelegationRecord; changed: boolean } {
    const when = iso(at);
    const key = stateKey(seen.state);
    return this.#x.tx(() => {
      const had = this.#x.sql('SELECT * FROM delegations WHERE zone = ?').get(zone) as Row | undefined;
      if (!had) throw new NotFoundError(`delegation ${zone}`);
      const before = had.seen_state === null || had.seen_state === undefined ? stateKey(rowToDelegation(had).baseline) : String(had.seen_state);
      const changed = before !== key;
      const row = this.#x.sql('UPDATE delegations SET seen = ?, seen_state = ?, seen_at = ? WHERE zone = ? RETURNING *')
        .get(jsonText(seen), key, when, zone) as Row;
      if (changed) this.#x.sql(`INSERT INTO delegation_history (zone, at, kind, actor, state) VALUES (?, ?, 'changed', NULL, ?)`).run(zone, when, key);
      return { record: rowToDelegation(row), changed };
    });
  }

  getDelegation(zone: string): DelegationRecord | null {
    const row = this.#x.sql('SELECT * FROM delegations WHERE zone = ?').get(zone) as Row | undefined;
    return row ? rowToDelegation(row) : null;
  }

  listDelegations(filter: { org?: string | string[] } = {}): DelegationRecord[] {
    if (filter.org === undefined) return (this.#x.sql('SELECT * FROM delegations ORDER BY zone').all() as Row[]).map(rowToDelegation);
    const orgs = Array.isArray(filter.org) ? filter.org : [filter.org];
    if (orgs.length === 0) return [];
    return (this.#x.sql(`SELECT * FROM delegations WHERE org IN (${orgs.map(() => '?').join(', ')}) ORDER BY zone`).all(...orgs) as Row[])
      .map(rowToDelegation);
  }

  delegationHistory(zone: string, limit?: number): DelegationHistoryEntry[] {
    return (this.#x.sql('SELECT * FROM delegation_history WHERE zone = ? ORDER BY id DESC LIMIT ?').all(zone, clampLimit(limit, 100, 1000)) as Row[])
      .map(rowToDelegationHistory);
  }
}
