// Measured time (migration 7) on PostgreSQL: an open outage's measured minutes, and the gaps — time the
// platform did not measure. Same order as sqlite/sqlite-measured-time.ts; PostgresStore delegates here.
import type { Gap, GapInput, Outage } from '../store.ts';
import { iso, rowToGap, rowToOutage } from '../row-mapping.ts';
import type { PostgresExec } from './postgres-exec.ts';

export class PostgresMeasuredTime {
  readonly #x: PostgresExec;
  constructor(exec: PostgresExec) {
    this.#x = exec;
  }

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
