// Outages (migration 2) and their measured time (migration 7) on PostgreSQL: at most one open outage per
// (system, node, service), kept by a unique partial index (insert, or read the open one); an open
// outage's measured minutes; the gaps — time the platform did not measure. Same order as sqlite/sqlite-outages.ts.
import { iso, rowToGap, rowToOutage } from '../row-mapping.ts';
import type { Gap, GapInput, Outage, OutageInput } from '../store.ts';
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

  // ---- measured time and gaps (migration 7) ----
  async measureOutage(id: number, measure: { measuredMs: number; lastMeasuredAt: string }): Promise<Outage | null> {
    const at = iso(measure.lastMeasuredAt);
    const ms = Math.max(0, Math.round(measure.measuredMs));
    // A late (retried) measurement never replaces a newer one.
    await this.#x.q(`UPDATE outages SET measured_ms = $1, last_measured_at = $2
      WHERE id = $3 AND (last_measured_at IS NULL OR last_measured_at <= $2)`, [ms, at, id], 'dw_measure_outage');
    const rows = await this.#x.q('SELECT * FROM outages WHERE id = $1', [id], 'dw_outage_by_id');
    return rows[0] ? rowToOutage(rows[0]) : null;
  }

  async recordGap(gap: GapInput): Promise<Gap> {
    const values = [iso(gap.from), iso(gap.to), gap.reason];
    const inserted = await this.#x.q(`INSERT INTO measurement_gaps (from_at, to_at, reason) VALUES ($1, $2, $3)
      ON CONFLICT (from_at, reason) DO NOTHING RETURNING *`, values, 'dw_record_gap');
    if (inserted[0]) return rowToGap(inserted[0]);
    const found = await this.#x.q('SELECT * FROM measurement_gaps WHERE from_at = $1 AND reason = $2', [values[0], values[2]], 'dw_find_gap');
    return rowToGap(found[0]);
  }

  async gapHistory(from: string, to: string): Promise<Gap[]> {
    const rows = await this.#x.q(`SELECT * FROM measurement_gaps WHERE from_at < $1 AND to_at > $2 ORDER BY from_at, id`,
      [iso(to), iso(from)], 'dw_gap_history');
    return rows.map(rowToGap);
  }
}
