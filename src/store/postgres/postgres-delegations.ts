// The delegations methods of the PostgreSQL store (migration 009). Same order as sqlite/sqlite-delegations.ts;
// PostgresStore forwards to this class. Each write runs in one transaction with its history entry
// (the sighting's row is locked while it is compared with the previous one).
import type { DelegationSeen } from '../../core/delegations/delegation-findings.ts';
import { stateKey } from '../../core/delegations/delegation-state.ts';
import {
  rowToDelegation, rowToDelegationHistory, type DelegationBaselineInput, type DelegationHistoryEntry, type DelegationRecord,
} from '../delegation-types.ts';
import { clampLimit, iso, jsonText } from '../row-mapping.ts';
import { NotFoundError } from '../store-errors.ts';
import type { PostgresExec } from './postgres-exec.ts';

export class PostgresDelegations {
  readonly #x: PostgresExec;
  constructor(exec: PostgresExec) {
    this.#x = exec;
  }

  async putDelegationBaseline(input: DelegationBaselineInput): Promise<DelegationRecord> {
    const at = iso(input.at);
    const state = stateKey(input.state);
    return this.#x.tx(async (q) => {
      const rows = await q(`INSERT INTO delegations (zone, parent, system_id, org, baseline, baseline_source, baseline_at, baseline_by)
        VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8) ON CONFLICT (zone) DO UPDATE SET parent = excluded.parent, system_id = excluded.system_id,
        org = excluded.org, baseline = excluded.baseline, baseline_source = excluded.baseline_source, baseline_at = excluded.baseline_at,
        baseline_by = excluded.baseline_by RETURNING *`, [input.zone, input.parent, input.system, input.org, state, input.source, at, input.by]);
      await q('INSERT INTO delegation_history (zone, at, kind, actor, state) VALUES ($1, $2, $3, $4, $5::jsonb)',
        [input.zone, at, input.source === 'approved' ? 'approved' : 'baseline', input.source === 'approved' ? input.by : null, state]);
      return rowToDelegation(rows[0]);
    }, `delegation ${input.zone}`);
  }

  async recordDelegationSeen(zone: string, seen: DelegationSeen, at: string): Promise<{ record: DelegationRecord; changed: boolean }> {
    const when = iso(at);
    const key = stateKey(seen.state);
    return this.#x.tx(async (q) => {
      const had = (await q('SELECT * FROM delegations WHERE zone = $1 FOR UPDATE', [zone]))[0];
      if (!had) throw new NotFoundError(`delegation ${zone}`);
      const before = had.seen_state === null || had.seen_state === undefined ? stateKey(rowToDelegation(had).baseline) : String(had.seen_state);
      const changed = before !== key;
      const rows = await q('UPDATE delegations SET seen = $1::jsonb, seen_state = $2, seen_at = $3 WHERE zone = $4 RETURNING *',
        [jsonText(seen), key, when, zone]);
      if (changed) await q(`INSERT INTO delegation_history (zone, at, kind, actor, state) VALUES ($1, $2, 'changed', NULL, $3::jsonb)`, [zone, when, key]);
      return { record: rowToDelegation(rows[0]), changed };
    }, `delegation ${zone}`);
  }

  async getDelegation(zone: string): Promise<DelegationRecord | null> {
    const rows = await this.#x.q('SELECT * FROM delegations WHERE zone = $1', [zone], 'dw_get_delegation');
    return rows[0] ? rowToDelegation(rows[0]) : null;
  }

  async listDelegations(filter: { org?: string | string[] } = {}): Promise<DelegationRecord[]> {
    if (filter.org === undefined) return (await this.#x.q('SELECT * FROM delegations ORDER BY zone', [], 'dw_list_delegations')).map(rowToDelegation);
    const orgs = Array.isArray(filter.org) ? filter.org : [filter.org];
    if (orgs.length === 0) return [];
    return (await this.#x.q('SELECT * FROM delegations WHERE org = ANY($1::text[]) ORDER BY zone', [orgs], 'dw_list_delegations_of'))
      .map(rowToDelegation);
  }

  async delegationHistory(zone: string, limit?: number): Promise<DelegationHistoryEntry[]> {
    return (await this.#x.q('SELECT * FROM delegation_history WHERE zone = $1 ORDER BY id DESC LIMIT $2', [zone, clampLimit(limit, 100, 1000)],
      'dw_delegation_history')).map(rowToDelegationHistory);
  }
}
