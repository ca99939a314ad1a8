// Incidents and their timeline (migration 3) on SQLite: versioned updates (VersionConflictError on a
// stale version). Same order as postgres/postgres-incidents.ts; SqliteStore forwards here.
import { randomUUID } from 'node:crypto';
import { incidentFilterSql } from '../incident-filter.ts';
import { incidentPatchColumns, iso, jsonText, rowToIncident, rowToTimeline, type Row } from '../row-mapping.ts';
import type { Incident, IncidentFilter, IncidentInput, IncidentPatch, TimelineEntry, TimelineInput } from '../store.ts';
import { NotFoundError, VersionConflictError } from '../store-errors.ts';
import { b, type SqliteExec, type Value } from './sqlite-exec.ts';

export class SqliteIncidents {
  readonly #x: SqliteExec;
  constructor(exec: SqliteExec) {
    this.#x = exec;
  }

  createIncident(input: IncidentInput): Incident {
    const id = input.id ?? randomUUID();
    const at = iso(input.createdAt);
    try {
      const row = this.#x.sql(`INSERT INTO incidents (id, system_id, org, state, grade, proposed_grade, drill, detail, version, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING *`)
        .get(id, input.systemId, input.org, input.state, input.grade ?? null, input.proposedGrade ?? null, b(input.drill),
          jsonText(input.detail ?? {}), at, at) as Row;
      return rowToIncident(row);
    } catch (err) {
      throw this.#x.mapError(err, `incident ${id}`);
    }
  }

  updateIncident(id: string, expectedVersion: number, patch: IncidentPatch): Incident {
    const sets = incidentPatchColumns(patch);
    const row = this.#x.sql(`UPDATE incidents SET ${sets.map(([column]) => `${column} = ?`).join(', ')}, version = version + 1
      WHERE id = ? AND version = ? RETURNING *`).get(...sets.map(([, v]) => v), id, expectedVersion) as Row | undefined;
    if (row) return rowToIncident(row);
    const current = this.#x.sql('SELECT version FROM incidents WHERE id = ?').get(id) as Row | undefined;
    if (!current) throw new NotFoundError(`incident ${id}`);
    throw new VersionConflictError(id, expectedVersion, Number(current.version));
  }

  getIncident(id: string): Incident | null {
    const row = this.#x.sql('SELECT * FROM incidents WHERE id = ?').get(id) as Row | undefined;
    return row ? rowToIncident(row) : null;
  }

  listIncidents(filter: IncidentFilter = {}): Incident[] {
    if (Array.isArray(filter.org) && filter.org.length === 0) return [];
    const q = incidentFilterSql(filter, 'sqlite');
    const rows = this.#x.sql(`SELECT * FROM incidents ${q.where} ORDER BY created_at DESC, id DESC ${q.page}`).all(...(q.params as Value[])) as Row[];
    return rows.map(rowToIncident);
  }

  appendTimeline(incidentId: string, entry: TimelineInput): TimelineEntry {
    try {
      const row = this.#x.sql('INSERT INTO incident_timeline (incident_id, at, kind, actor, payload) VALUES (?, ?, ?, ?, ?) RETURNING *')
        .get(incidentId, iso(entry.at), entry.kind, entry.actor ?? null, jsonText(entry.payload)) as Row;
      return rowToTimeline(row);
    } catch (err) {
      throw this.#x.mapError(err, `incident ${incidentId}`);
    }
  }

  timeline(incidentId: string): TimelineEntry[] {
    const rows = this.#x.sql('SELECT * FROM incident_timeline WHERE incident_id = ? ORDER BY at, id').all(incidentId) as Row[];
    return rows.map(rowToTimeline);
  }
}
