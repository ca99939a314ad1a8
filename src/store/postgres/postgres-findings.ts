// The findings methods of the PostgreSQL store (migration 005). Same order as sqlite/sqlite-findings.ts;
// PostgresStore forwards to this class. openFinding relies on the partial unique index on open keys.
import { randomUUID } from 'node:crypto';
import { rowToFinding, type FindingFilter, type FindingInput, type FindingPatch, type StoredFinding } from '../finding-types.ts';
import { clampLimit, iso, jsonText } from '../row-mapping.ts';
import { NotFoundError } from '../store-errors.ts';
import type { PostgresExec } from './postgres-exec.ts';

export class PostgresFindings {
  readonly #x: PostgresExec;
  constructor(exec: PostgresExec) {
    this.#x = exec;
  }

  async openFinding(input: FindingInput): Promise<{ finding: StoredFinding; created: boolean }> {
    const first = iso(input.firstSeen);
    const last = iso(input.lastSeen);
    for (let attempt = 0; attempt < 3; attempt++) {
      const rows = await this.#x.q(`INSERT INTO findings (id, key, kind, system_id, node_id, subject, org, severity, summary, evidence,
        state, first_seen, last_seen) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, 'open', $11, $12)
        ON CONFLICT (key) WHERE state = 'open' DO NOTHING RETURNING *`,
      [input.id ?? randomUUID(), input.key, input.kind, input.system, input.node, input.subject, input.org, input.severity,
        input.summary, jsonText(input.evidence), first, last], 'dw_open_finding', `finding ${input.key}`);
      if (rows[0]) return { finding: rowToFinding(rows[0]), created: true };
      const had = await this.#x.q(`SELECT * FROM findings WHERE key = $1 AND state = 'open'`, [input.key], 'dw_open_finding_of');
      if (had[0]) return { finding: rowToFinding(had[0]), created: false };
      // closed in between: try again
    }
    throw new Error(`finding ${input.key}: kept changing while opening`);
  }

  async updateFinding(id: string, patch: FindingPatch): Promise<StoredFinding> {
    const rows = await this.#x.q(`UPDATE findings SET severity = coalesce($1, severity), summary = coalesce($2, summary),
      evidence = coalesce($3::jsonb, evidence), last_seen = coalesce($4::timestamptz, last_seen) WHERE id = $5 AND state = 'open' RETURNING *`,
    [patch.severity ?? null, patch.summary ?? null, patch.evidence === undefined ? null : jsonText(patch.evidence),
      patch.lastSeen === undefined ? null : iso(patch.lastSeen), id], 'dw_update_finding');
    if (rows[0]) return rowToFinding(rows[0]);
    const stored = await this.getFinding(id);
    if (!stored) throw new NotFoundError(`finding ${id}`);
    return stored;
  }

  async closeFinding(id: string, closedAt: string): Promise<StoredFinding | null> {
    const rows = await this.#x.q(`UPDATE findings SET state = 'closed', closed_at = $1 WHERE id = $2 AND state = 'open' RETURNING *`,
      [iso(closedAt), id], 'dw_close_finding');
    return rows[0] ? rowToFinding(rows[0]) : this.getFinding(id);
  }

  async linkFindingIncident(id: string, incidentId: string): Promise<StoredFinding> {
    await this.#x.q('UPDATE findings SET incident_id = $1 WHERE id = $2 AND incident_id IS NULL', [incidentId, id], 'dw_link_finding');
    const stored = await this.getFinding(id);
    if (!stored) throw new NotFoundError(`finding ${id}`);
    return stored;
  }

  async getFinding(id: string): Promise<StoredFinding | null> {
    const rows = await this.#x.q('SELECT * FROM findings WHERE id = $1', [id], 'dw_get_finding');
    return rows[0] ? rowToFinding(rows[0]) : null;
  }

  async listFindings(filter: FindingFilter = {}): Promise<StoredFinding[]> {
    const where: string[] = [];
    const values: unknown[] = [];
    const add = (sql: (n: number) => string, v: unknown) => { values.push(v); where.push(sql(values.length)); };
    if (filter.state) add((n) => `state = $${n}`, filter.state);
    if (filter.kind) add((n) => `kind = $${n}`, filter.kind);
    if (filter.system) add((n) => `system_id = $${n}`, filter.system);
    if (filter.org !== undefined) {
      const orgs = Array.isArray(filter.org) ? filter.org : [filter.org];
      if (orgs.length === 0) return [];
      add((n) => `org = ANY($${n}::text[])`, orgs);
    }
    values.push(clampLimit(filter.limit, 100, 1000));
    const text = `SELECT * FROM findings ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY first_seen DESC, id DESC LIMIT $${values.length}`;
    return (await this.#x.q(text, values)).map(rowToFinding);
  }
}
