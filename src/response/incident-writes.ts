// The store side of the incident service: read-modify-write under the optimistic version (retried
// on VersionConflictError), finding the open incident of a system, paging through listings,
// timeline and audit entries.
import type { Incident, IncidentFilter, IncidentPatch, TimelineEntry } from '../store/store.ts';
import { VersionConflictError } from '../store/store-errors.ts';
import { OPEN_PHASES, ResponseError, type Actor, type ResponseDeps, type ResponseDetail } from './response-types.ts';

export interface Change {
  state?: string;
  grade?: Incident['grade'];
  proposedGrade?: Incident['proposedGrade'];
  org?: string;
  detail: ResponseDetail;
}

/** `decide` sees a fresh copy each attempt; it returns the change, or null for "nothing to do". */
export type Decide<R> = (incident: Incident, detail: ResponseDetail) => { change: Change | null; result: R };

export class IncidentWrites {
  readonly #deps: ResponseDeps;
  constructor(deps: ResponseDeps) { this.#deps = deps; }

  nowIso(): string { return this.#deps.now().toISOString(); }

  async get(id: string): Promise<Incident> {
    const inc = await this.#deps.store.getIncident(id);
    if (!inc) throw new ResponseError('NOT_FOUND', `incident ${id} not found`);
    return inc;
  }

  /**
   * Re-reads and re-decides on a version conflict, a bounded number of times. A decision that
   * throws (a refused command) ends the attempt without writing.
   */
  async mutate<R>(id: string, decide: Decide<R>): Promise<{ incident: Incident; result: R; changed: boolean }> {
    const attempts = this.#deps.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      const inc = await this.get(id);
      const detail = structuredClone(inc.detail) as unknown as ResponseDetail;
      const { change, result } = decide(inc, detail);
      if (!change) return { incident: inc, result, changed: false };
      const patch: IncidentPatch = { updatedAt: this.nowIso(), detail: change.detail as unknown as Record<string, unknown> };
      if (change.state !== undefined) patch.state = change.state;
      if (change.grade !== undefined) patch.grade = change.grade;
      if (change.proposedGrade !== undefined) patch.proposedGrade = change.proposedGrade;
      if (change.org !== undefined) patch.org = change.org;
      try {
        return { incident: await this.#deps.store.updateIncident(id, inc.version, patch), result, changed: true };
      } catch (err) {
        if (!(err instanceof VersionConflictError) || attempt >= attempts) {
          if (err instanceof VersionConflictError) throw new ResponseError('CONFLICT', `incident ${id} kept changing; try again`);
          throw err;
        }
      }
    }
  }

  /** Every incident matching the filter (paged by 1000, bounded to 100 pages). */
  async listAll(filter: Omit<IncidentFilter, 'limit' | 'offset'>): Promise<Incident[]> {
    const out: Incident[] = [];
    for (let page = 0; page < 100; page++) {
      const rows = await this.#deps.store.listIncidents({ ...filter, limit: 1000, offset: page * 1000 });
      out.push(...rows);
      if (rows.length < 1000) break;
    }
    return out;
  }

  /** The open (not closed) incident of a system for a cause, newest first if several slipped in. */
  async openFor(systemId: string, cause: string, drill: boolean): Promise<Incident | null> {
    const rows = await this.#deps.store.listIncidents({ systemId, drill, state: [...OPEN_PHASES], limit: 1000 });
    return rows.find((r) => (r.detail as Partial<ResponseDetail>).cause === cause) ?? null;
  }

  timeline(incidentId: string, kind: string, actor: string | null, payload?: unknown): Promise<TimelineEntry> {
    return this.#deps.store.appendTimeline(incidentId, { at: this.nowIso(), kind, actor, payload: payload ?? null });
  }

  async audit(actor: Actor | null, action: string, target: string | null, detail?: unknown): Promise<void> {
    const entry = { at: this.nowIso(), actor: actor?.id ?? 'system', action, org: actor?.org ?? null, target, detail: detail ?? null };
    await (this.#deps.audit ? this.#deps.audit(entry) : this.#deps.store.appendAudit(entry));
  }

  /** The platform's own change to an incident (opened, regraded, relapsed, resolved): actor 'system', the incident's organisation. */
  async platformAudit(action: string, inc: Pick<Incident, 'id' | 'org' | 'drill'>, detail: Record<string, unknown>): Promise<void> {
    const entry = { at: this.nowIso(), actor: 'system', action, org: inc.org, target: inc.id, detail: { ...detail, ...(inc.drill ? { drill: true } : {}) } };
    await (this.#deps.audit ? this.#deps.audit(entry) : this.#deps.store.appendAudit(entry));
  }

  /** Timeline + audit for a person's command on an incident. */
  async record(incidentId: string, actor: Actor, kind: string, payload: unknown): Promise<void> {
    await this.timeline(incidentId, kind, actor.id, payload);
    await this.audit(actor, `incident.${kind}`, incidentId, payload);
  }
}
