// Measured time (migration 7) on SQLite: an open outage's measured minutes, and the gaps — time the
// platform did not measure. Same order as postgres/postgres-measured-time.ts; SqliteStore delegates here.
import type { Gap, GapInput, Outage } from '../store.ts';
import { iso, rowToGap, rowToOutage, type Row } from '../row-mapping.ts';
import type { SqliteExec } from './sqlite-exec.ts';

export class SqliteMeasuredTime {
  readonly #x: SqliteExec;
  constructor(exec: SqliteExec) {
    this.#x = exec;
  }

  measureOutage(id: number, measure: { measuredMs: number; lastMeasuredAt: string }): Outage | null {
    const at = iso(measure.lastMeasuredAt);
    const ms = Math.max(0, Math.round(measure.measuredMs));
    // A late (retried) measurement never replaces a newer one.
    this.#x.sql(`UPDATE outages SET measured_ms = ?, last_measured_at = ?
      WHERE id = ? AND (last_measured_at IS NULL OR last_measured_at <= ?)`).run(ms, at, id, at);
    const row = this.#x.sql('SELECT * FROM outages WHERE id = ?').get(id) as Row | undefined;
    return row ? rowToOutage(row) : null;
  }

  recordGap(gap: GapInput): Gap {
    const from = iso(gap.from);
    const to = iso(gap.to);
    return this.#x.tx(() => {
      const found = this.#x.sql('SELECT * FROM measurement_gaps WHERE from_at = ? AND reason = ?').get(from, gap.reason) as Row | undefined;
      if (found) return rowToGap(found);
      return rowToGap(this.#x.sql('INSERT INTO measurement_gaps (from_at, to_at, reason) VALUES (?, ?, ?) RETURNING *').get(from, to, gap.reason) as Row);
    });
  }

  gapHistory(from: string, to: string): Gap[] {
    const rows = this.#x.sql(`SELECT * FROM measurement_gaps WHERE from_at < ? AND to_at > ? ORDER BY from_at, id`).all(iso(to), iso(from)) as Row[];
    return rows.map(rowToGap);
  }
}
