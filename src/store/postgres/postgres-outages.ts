// Outages (migration 2) on PostgreSQL: at most one open outage per (system, node, service), kept by
// a unique partial index (insert, or read the open one). Same order as sqlite/sqlite-outages.ts.
import { iso, rowToOutage } from '../row-mapping.ts';
import type { Outage, OutageInput } from '../store.ts';
import type { PostgresExec } from './postgres-exec.ts';

export class PostgresOutages {
  readonly #x: PostgresExec;
  constructor(exec: PostgresExec) {
    this.#x = exec;
  }

  async openOutage(input: OutageInput): Promise<Outage> {
    const key = [input.systemId, input.nodeId ?? null, input.service ?? null];
    for (let attempt = 0; attempt < 3; attempt++) {
      const inserted = await this.#x.q(`INSERT INTO outages (system_id, node_id, service, started_at) VALUES ($1, $2, $3, $4)
        ON CONFLICT DO NOTHING RETURNING *`, [...key, iso(input.startedAt)], 'dw_open_outage');
      if (inserted[0]) return rowToOutage(inserted[0]);
      const open = await this.#x.q(`SELECT * FROM outages WHERE system_id = $1 AND coalesce(node_id, '') = coalesce($2, '')
        AND coalesce(service, '') = coalesce($3, '') AND ended_at IS NULL`, key, 'dw_find_open_outage');
      if (open[0]) return rowToOutage(open[0]);
    }
    throw new Error(`openOutage ${input.systemId}: the open outage kept changing`);
  }

  async closeOutage(id: number, endedAt: string): Promise<Outage | null> {
    const rows = await this.#x.q('UPDATE outages SET ended_at = coalesce(ended_at, $2) WHERE id = $1 RETURNING *', [id, iso(endedAt)], 'dw_close_outage');
    return rows[0] ? rowToOutage(rows[0]) : null;
  }

  async openOutages(systemId?: string): Promise<Outage[]> {
    const rows = await this.#x.q(`SELECT * FROM outages WHERE ended_at IS NULL AND ($1::text IS NULL OR system_id = $1)
      ORDER BY started_at, id`, [systemId ?? null], 'dw_open_outages');
    return rows.map(rowToOutage);
  }

  async outageHistory(systemId: string, from: string, to: string): Promise<Outage[]> {
    const rows = await this.#x.q(`SELECT * FROM outages WHERE system_id = $1 AND started_at < $2 AND (ended_at IS NULL OR ended_at > $3)
      ORDER BY started_at, id`, [systemId, iso(to), iso(from)], 'dw_outage_history');
    return rows.map(rowToOutage);
  }
}
