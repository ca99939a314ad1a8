// Outages (migration 2) on SQLite: at most one open outage per (system, node, service), checked and
// inserted in one transaction. Same order as postgres/postgres-outages.ts; SqliteStore forwards here.
import { iso, rowToOutage, type Row } from '../row-mapping.ts';
import type { Outage, OutageInput } from '../store.ts';
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
}
