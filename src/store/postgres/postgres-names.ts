// The names methods of the PostgreSQL store (migration 010). Same order as sqlite/sqlite-names.ts;
// PostgresStore forwards to this class. Many names go in as arrays (unnest), a run in one transaction.
import type { NameStatus } from '../../core/names/name-rules.ts';
import { rowToNameHistory, rowToNameState, type NameHistoryEntry, type NameHistoryInput, type StoredNameState } from '../name-types.ts';
import { clampLimit, iso, jsonText } from '../row-mapping.ts';
import type { PostgresExec } from './postgres-exec.ts';

const CHUNK = 5000;

export class PostgresNames {
  readonly #x: PostgresExec;
  constructor(exec: PostgresExec) {
    this.#x = exec;
  }

  async getNameStates(names: readonly string[]): Promise<Map<string, StoredNameState>> {
    const out = new Map<string, StoredNameState>();
    for (let i = 0; i < names.length; i += CHUNK) {
      const rows = await this.#x.q('SELECT * FROM name_states WHERE name = ANY($1::text[])', [names.slice(i, i + CHUNK)], 'dw_get_name_states');
      for (const r of rows) out.set(String(r.name), rowToNameState(r));
    }
    return out;
  }

  async recordNameActions(states: readonly StoredNameState[], history: readonly NameHistoryInput[]): Promise<void> {
    await this.#x.tx(async (q) => {
      for (let i = 0; i < states.length; i += CHUNK) {
        const s = states.slice(i, i + CHUNK);
        await q(`INSERT INTO name_states (name, status, locked, saved, until, case_id, updated_at)
          SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[], $4::jsonb[], $5::timestamptz[], $6::text[], $7::timestamptz[])
          ON CONFLICT (name) DO UPDATE SET status = excluded.status, locked = excluded.locked, saved = excluded.saved, until = excluded.until,
          case_id = excluded.case_id, updated_at = excluded.updated_at`,
        [s.map((x) => x.name), s.map((x) => x.status), s.map((x) => x.locked), s.map((x) => (x.saved === null ? null : jsonText(x.saved))),
          s.map((x) => (x.until === null ? null : iso(x.until))), s.map((x) => x.caseId), s.map((x) => iso(x.updatedAt))]);
      }
      for (let i = 0; i < history.length; i += CHUNK) {
        const h = history.slice(i, i + CHUNK);
        await q(`INSERT INTO name_history (name, at, action, outcome, actor, reason, case_id, approver, evidence, detail)
          SELECT a, b, c, d, e, f, g, h, i, j FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
            $8::text[], $9::jsonb[], $10::jsonb[]) WITH ORDINALITY AS t(a, b, c, d, e, f, g, h, i, j, o) ORDER BY o`,
        [h.map((x) => x.name), h.map((x) => iso(x.at)), h.map((x) => x.action), h.map((x) => x.outcome), h.map((x) => x.actor), h.map((x) => x.reason),
          h.map((x) => x.caseId), h.map((x) => x.approver), h.map((x) => jsonText(x.evidence)), h.map((x) => jsonText(x.detail))]);
      }
    }, 'name actions');
  }

  async nameHistory(name: string, limit?: number): Promise<NameHistoryEntry[]> {
    return (await this.#x.q('SELECT * FROM (SELECT * FROM name_history WHERE name = $1 ORDER BY seq DESC LIMIT $2) h ORDER BY seq',
      [name, clampLimit(limit, 1000, 10_000)], 'dw_name_history')).map(rowToNameHistory);
  }

  async caseNameHistory(caseId: string, limit?: number): Promise<NameHistoryEntry[]> {
    return (await this.#x.q('SELECT * FROM (SELECT * FROM name_history WHERE case_id = $1 ORDER BY seq DESC LIMIT $2) h ORDER BY seq',
      [caseId, clampLimit(limit, 10_000, 100_000)], 'dw_case_name_history')).map(rowToNameHistory);
  }

  async listNameStates(filter: { statuses?: readonly NameStatus[]; expiresBy?: string; limit?: number }): Promise<StoredNameState[]> {
    return (await this.#x.q(`SELECT * FROM name_states WHERE (cardinality($1::text[]) = 0 OR status = ANY($1::text[]))
      AND ($2::timestamptz IS NULL OR (until IS NOT NULL AND until <= $2)) ORDER BY name LIMIT $3`,
    [filter.statuses ?? [], filter.expiresBy === undefined ? null : iso(filter.expiresBy), clampLimit(filter.limit, 100_000, 1_000_000)],
    'dw_list_name_states')).map(rowToNameState);
  }
}
