// The findings methods of the SQLite store (migration 005). Same order as postgres/postgres-findings.ts;
// SqliteStore forwards to this class. Synchronous underneath; openFinding runs in one transaction.
import { randomUUID } from 'node:crypto';
import { rowToFinding, type FindingFilter, type FindingInput, type FindingPatch, type StoredFinding } from '../finding-types.ts';
import { clampLimit, iso, jsonText, type Row } from '../row-mapping.ts';
import { NotFoundError } from '../store-errors.ts';
import type { SqliteExec } from './sqlite-exec.ts';

export class SqliteFindings {
  readonly #x: SqliteExec;
  constructor(exec: SqliteExec) {
    this.#x = exec;
  }

  openFinding(input: FindingInput): { finding: StoredFinding; created: boolean } {
    const first = iso(input.firstSeen);
    const last = iso(input.lastSeen);
    return this.#x.tx(() => {
      const had = this.#x.sql(`SELECT * FROM findings WHERE key = ? AND state = 'open'`).get(input.key) as Row | undefined;
      if (had) return { finding: rowToFinding(had), created: false };
      const row = this.#x.sql(`INSERT INTO findings (id, key, kind, system_id, node_id, subject, org, severity, summary, evidence,
        state, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?) RETURNING *`)
        .get(input.id ?? randomUUID(), input.key, input.kind, input.system, input.node, input.subject, input.org, input.severity,
          input.summary, jsonText(input.evidence), first, last) as Row;
      return { finding: rowToFinding(row), created: true };
    });
  }

  updateFinding(id: string, patch: FindingPatch): StoredFinding {
    const row = this.#x.sql(`UPDATE findings SET severity = coalesce(?, severity), summary = coalesce(?, summary),
      evidence = coalesce(?, evidence), last_seen = coalesce(?, last_seen) WHERE id = ? AND state = 'open' RETURNING *`)
      .get(patch.severity ?? null, patch.summary ?? null, patch.evidence === undefined ? null : jsonText(patch.evidence),
        patch.lastSeen === undefined ? null : iso(patch.lastSeen), id) as Row | undefined;
    if (row) return rowToFinding(row);
    const stored = this.getFinding(id);
    if (!stored) throw new NotFoundError(`finding ${id}`);
    return stored;
  }

  closeFinding(id: string, closedAt: string): StoredFinding | null {
    const row = this.#x.sql(`UPDATE findings SET state = 'closed', closed_at = ? WHERE id = ? AND state = 'open' RETURNING *`)
      .get(iso(closedAt), id) as Row | undefined;
    return row ? rowToFinding(row) : this.getFinding(id);
  }

  linkFindingIncident(id: string, incidentId: string): StoredFinding {
    this.#x.sql('UPDATE findings SET incident_id = ? WHERE id = ? AND incident_id IS NULL').run(incidentId, id);
    const stored = this.getFinding(id);
    if (!stored) throw new NotFoundError(`finding ${id}`);
    return stored;
  }

  getFinding(id: string): StoredFinding | null {
    const row = this.#x.sql('SELECT * FROM findings WHERE id = ?').get(id) as Row | undefined;
    return row ? rowToFinding(row) : null;
  }

  listFindings(filter: FindingFilter = {}): StoredFinding[] {
    const where: string[] = [];
    const values: Array<string | number> = [];
    if (filter.state) { where.push('state = ?'); values.push(filter.state); }
    if (filter.kind) { where.push('kind = ?'); values.push(filter.kind); }
    if (filter.system) { where.push('system_id = ?'); values.push(filter.system); }
    if (filter.org !== undefined) {
      const orgs = Array.isArray(filter.org) ? filter.org : [filter.org];
      if (orgs.length === 0) return [];
      where.push(`org IN (${orgs.map(() => '?').join(', ')})`);
      values.push(...orgs);
    }
    const limit = clampLimit(filter.limit, 100, 1000);
    const text = `SELECT * FROM findings ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY first_seen DESC, id DESC LIMIT ?`;
    return (this.#x.sql(text).all(...values, limit) as Row[]).map(rowToFinding);
  }
}
