// Incidents and their timeline (migration 3) on PostgreSQL: versioned updates (VersionConflictError on
// a stale version). Same order as sqlite/sqlite-incidents.ts; PostgresStore forwards here.
import { randomUUID } from 'node:crypto';
import { incidentFilterSql } from '../incident-filter.ts';
import { incidentPatchColumns, iso, jsonText, rowToIncident, rowToTimeline } from '../row-mapping.ts';
import type { Incident, IncidentFilter, IncidentInput, IncidentPatch, TimelineEntry, TimelineInput } from '../store.ts';
import { NotFoundError, VersionConflictError } from '../store-errors.ts';
import type { PostgresExec } from './postgres-exec.ts';

export class PostgresIncidents {
  readonly #x: PostgresExec;
  constructor(exec: PostgresExec) {
    this.#x = exec;
  }

  async createIncident(input: IncidentInput): Promise<Incident> {
    const id = input.id ?? randomUUID();
    const at = iso(input.createdAt);
    const rows = await this.#x.q(`INSERT INTO incidents (id, system_id, org, state, grade, proposed_grade, drill, detail, version, created_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $9) RETURNING *`,
    [id, input.systemId, input.org, input.state, input.grade ?? null, input.proposedGrade ?? null, input.drill ?? false,
      jsonText(input.detail ?? {}), at], 'dw_create_incident', `incident ${id}`);
    return rowToIncident(rows[0]);
  }

  async updateIncident(id: string, expectedVersion: number, patch: IncidentPatch): Promise<Incident> {
    const sets = incidentPatchColumns(patch);
    const values: unknown[] = [...sets.map(([, v]) => v), id, expectedVersion];
    const rows = await this.#x.q(`UPDATE incidents SET ${sets.map(([column], i) => `${column} = $${i + 1}`).join(', ')}, version = version + 1
      WHERE id = $${values.length - 1} AND version = $${values.length} RETURNING *`, values);
    if (rows[0]) return rowToIncident(rows[0]);
    const current = await this.#x.q('SELECT version FROM incidents WHERE id = $1', [id], 'dw_incident_version');
    if (!current[0]) throw new NotFoundError(`incident ${id}`);
    throw new VersionConflictError(id, expectedVersion, Number(current[0].version));
  }

  async getIncident(id: string): Promise<Incident | null> {
    const rows = await this.#x.q('SELECT * FROM incidents WHERE id = $1', [id], 'dw_get_incident');
    return rows[0] ? rowToIncident(rows[0]) : null;
  }

  async listIncidents(filter: IncidentFilter = {}): Promise<Incident[]> {
    if (Array.isArray(filter.org) && filter.org.length === 0) return [];
    const q = incidentFilterSql(filter, 'postgres');
    const rows = await this.#x.q(`SELECT * FROM incidents ${q.where} ORDER BY created_at DESC, id DESC ${q.page}`, q.params);
    return rows.map(rowToIncident);
  }

  async appendTimeline(incidentId: string, entry: TimelineInput): Promise<TimelineEntry> {
    const rows = await this.#x.q('INSERT INTO incident_timeline (incident_id, at, kind, actor, payload) VALUES ($1, $2, $3, $4, $5) RETURNING *',
      [incidentId, iso(entry.at), entry.kind, entry.actor ?? null, jsonText(entry.payload)], 'dw_append_timeline', `incident ${incidentId}`);
    return rowToTimeline(rows[0]);
  }

  async timeline(incidentId: string): Promise<TimelineEntry[]> {
    const rows = await this.#x.q('SELECT * FROM incident_timeline WHERE incident_id = $1 ORDER BY at, id', [incidentId], 'dw_timeline');
    return rows.map(rowToTimeline);
  }
}
