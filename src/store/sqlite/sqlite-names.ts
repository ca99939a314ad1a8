// The names methods of the SQLite store (migration 010). Same order as postgres/postgres-names.ts;
// SqliteStore forwards to this class. A whole run of a `names` command is one transaction.
import type { NameStatus } from '../../core/names/name-rules.ts';
import { rowToNameHistory, rowToNameState, type NameHistoryEntry, type NameHistoryInput, type StoredNameState } from '../name-types.ts';
import { clampLimit, iso, jsonText, type Row } from '../row-mapping.ts';
import { b, type SqliteExec } from './sqlite-exec.ts';

const CHUNK = 500;

export class SqliteNames {
  readonly #x: SqliteExec;
  constructor(exec: SqliteExec) {
    this.#x = exec;
  }

  getNameStates(names: readonly string[]): Map<string, StoredNameState> {
    const out = new Map<string, StoredNameState>();
    for (let i = 0; i < names.length; i += CHUNK) {
      const part = names.slice(i, i + CHUNK);
      const rows = this.#x.sql(`SELECT * FROM name_states WHERE name IN (${part.map(() => '?').join(', ')})`).all(...part) as Row[];
      for (const r of rows) out.set(String(r.name), rowToNameState(r));
    }
    return out;
  }

  recordNameActions(states: readonly StoredNameState[], history: readonly NameHistoryInput[]): void {
    this.#x.tx(() => {
      const put = this.#x.sql(`INSERT INTO name_states (name, status, locked, saved, until, case_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (name) DO UPDATE SET status = excluded.status, locked = excluded.locked, saved = excluded.saved, until = excluded.until,
        case_id = excluded.case_id, updated_at = excluded.updated_at`);
      for (const s of states) {
        put.run(s.name, s.status, b(s.locked), s.saved === null ? null : jsonText(s.saved), s.until === null ? null : iso(s.until), s.caseId, iso(s.updatedAt));
      }
      const add = this.#x.sql(`INSERT INTO name_history (name, at, action, outcome, actor, reason, case_id, approver, evidence, detail)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      for (const h of history) {
        add.run(h.name, iso(h.at), h.action, h.outcome, h.actor, h.reason, h.caseId, h.approver, jsonText(h.evidence), jsonText(h.detail));
      }
    });
  }

  nameHistory(name: string, limit?: number): NameHistoryEntry[] {
    return (this.#x.sql('SELECT * FROM (SELECT * FROM name_history WHERE name = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq')
      .all(name, clampLimit(limit, 1000, 10_000)) as Row[]).map(rowToNameHistory);
  }

  caseNameHistory(caseId: string, limit?: number): NameHistoryEntry[] {
    return (this.#x.sql('SELECT * FROM (SELECT * FROM name_history WHERE case_id = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq')
      .all(caseId, clampLimit(limit, 10_000, 100_000)) as Row[]).map(rowToNameHistory);
  }

  listNameStates(filter: { statuses?: readonly NameStatus[]; expiresBy?: string; limit?: number }): StoredNameState[] {
    const where: string[] = [];
    const values: string[] = [];
    if (filter.statuses && filter.statuses.length > 0) { where.push(`status IN (${filter.statuses.map(() => '?').join(', ')})`); values.push(...filter.statuses); }
    if (filter.expiresBy !== undefined) { where.push('until IS NOT NULL AND until <= ?'); values.push(iso(filter.expiresBy)); }
    return (this.#x.sql(`SELECT * FROM name_states ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY name LIMIT ?`)
      .all(...values, clampLimit(filter.limit, 100_000, 1_000_000)) as Row[]).map(rowToNameState);
  }
}
