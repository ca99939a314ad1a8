// Outages (migration 2) and their measured time (migration 7) on SQLite: at most one open outage per
// (system, node, service), checked and inserted in one transaction; an open outage's measured minutes;
// the gaps — time the platform did not measure. Same order as postgres/postgres-outages.ts.
import { iso, rowToGap, rowToOutage, type Row } from '../row-mapping.ts';
import type { Gap, GapInput, Outage, OutageInput } from '../store.ts';
import type { SqliteExec } from './sqlite-exec.ts';

export class SqliteOutages {
  readonly #x: SqliteExec;
  constructor(exec: SqliteExec) {
    this.#x = exec;
  }

  openOutage(input: OutageInput): Outage {
    const key = [input.systemId, input.nodeId ?? null, input.service ?? null];
    return this.#x.tx(() => {
      const open = this.#x.sql(`SELECT * FROM outages WHERE system_id = ? AND coalesce(node_id, '') = coalesce(?, '')
        AND coalesce(service, '') = coalesce(?, '') AND ended_at IS NULL`).get(...key) as Row | undefined;
      if (open) return rowToOutage(open);
      const row = this.#x.sql(`INSERT INTO outages (system_id, node_id, service, started_at) VALUES (?, ?, ?, ?) RETURNING *`)
        .get(...key, iso(input.startedAt)) as Row;
      return rowToOutage(row);
    });
  }

  closeOutage(id: number, endedAt: string): Outage | null {
    const row = this.#x.sql('UPDATE outages SET ended_at = coalesce(ended_at, ?) WHERE id = ? RETURNING *').get(iso(endedAt), id) as Row | undefined;
    return row ? rowToOutage(row) : null;
  }

  openOutages(systemId?: string): Outage[] {
    const rows = this.#x.sql(`SELECT * FROM outages WHERE ended_at IS NULL AND (?1 IS NULL OR system_id = ?1)
      ORDER BY started_at, id`).all(systemId ?? null) as Row[];
    return rows.map(rowToOutage);
  }

  outageHistory(systemId: string, from: string, to: string): Outage[] {
    const rows = this.#x.sql(`SELECT * FROM outages WHERE system_id = ? AND started_at < ? AND (ended_at IS NULL OR ended_at > ?)
      ORDER BY started_at, id`).all(systemId, iso(to), iso(from)) as Row[];
    return rows.map(rowToOutage);
  }

  // ---- measured time and gaps (migration 7) ----
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
