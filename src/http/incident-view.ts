// How the API shows an incident: the list row (indexed columns plus the few detail fields a list
// needs), and the scoped listing (the caller's visible organisations, plus what they command).
import type { Principal } from '../core/access/access-types.ts';
import { canSee } from '../core/access/permissions.ts';
import type { Incident, IncidentFilter, Store } from '../store/store.ts';
import type { IncidentSummaryT } from './schemas/incident-schemas.ts';
import { incidentResource } from './route-helpers.ts';
import type { IncidentDetail } from '../core/incidents/incident-model.ts';
import { nextStep, type NextStep } from '../core/incidents/next-step.ts';

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function localized(v: unknown): { zh?: string; en?: string } | null {
  if (typeof v === 'string') return { zh: v, en: v };
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return { ...(typeof o.zh === 'string' ? { zh: o.zh } : {}), ...(typeof o.en === 'string' ? { en: o.en } : {}) };
  }
  return null;
}

/** Whose move it is; an incident stored before the detail had a phase or deadlines has none. */
function stepOf(d: Record<string, unknown>, inc: Incident): NextStep | null {
  const deadlines = d.deadlines as IncidentDetail['deadlines'] | undefined;
  if (!deadlines) return null;
  return nextStep({ ...(d as Partial<IncidentDetail>), phase: (str(d.phase) ?? inc.state) as IncidentDetail['phase'], needsConfirmation: d.needsConfirmation === true, deadlines });
}

export function incidentSummary(inc: Incident): IncidentSummaryT {
  const d = inc.detail as Record<string, unknown>;
  const deadlines = d.deadlines as { writtenReportDue?: unknown } | undefined;
  return {
    id: inc.id, systemId: inc.systemId, org: inc.org, grade: inc.grade, proposedGrade: inc.proposedGrade,
    needsConfirmation: d.needsConfirmation === true, phase: str(d.phase) ?? inc.state, state: inc.state,
    commander: (d.commander && typeof d.commander === 'object' ? d.commander : null) as IncidentSummaryT['commander'],
    writtenReportDue: str(deadlines?.writtenReportDue), reportFiledAt: str((d.informationReport as { filedAt?: unknown } | undefined)?.filedAt),
    openedAt: str(d.openedAt) ?? inc.createdAt,
    resolvedAt: str(d.resolvedAt), closedAt: str(d.closedAt), drill: inc.drill, warningLevel: str(d.warningLevel),
    title: localized(d.title), object: str(d.object), nextStep: stepOf(d, inc), version: inc.version, updatedAt: inc.updatedAt,
  };
}

const OPEN_STATES = ['initial-response', 'information-report', 'emergency-handling', 'recovery'];

export interface ListQuery { grade?: Incident['grade']; state?: string; org?: string; province?: string; systemId?: string; drill?: boolean; limit: number }

/**
 * Incidents the caller may see, newest first: the store filters by the visible organisations; a
 * provincial authority also sees incidents of other organisations that it commands (reassigned).
 */
export async function listVisibleIncidents(store: Pick<Store, 'listIncidents'>, p: Principal, q: ListQuery,
  provinceOf: (inc: Incident) => string | null): Promise<Incident[]> {
  const base: IncidentFilter = {
    ...(q.grade ? { grade: q.grade } : {}),
    ...(q.state ? { state: q.state === 'open' ? OPEN_STATES : q.state } : {}),
    ...(q.systemId ? { systemId: q.systemId } : {}),
    drill: q.drill ?? false,
  };
  // The province filter is applied here, so read more rows when it is set.
  const limit = q.province ? 1000 : q.limit;
  const orgs = p.visible === 'all' ? null : [...p.visible];
  let rows: Incident[];
  if (q.org !== undefined) {
    rows = orgs && !orgs.includes(q.org) ? [] : await store.listIncidents({ ...base, org: q.org, limit });
  } else {
    rows = await store.listIncidents({ ...base, ...(orgs ? { org: orgs } : {}), limit });
  }
  if (orgs && p.orgRole === 'provincial-authority') {
    const seen = new Set(rows.map((r) => r.id));
    const more = (await store.listIncidents({ ...base, ...(q.org ? { org: q.org } : {}), limit: 1000 }))
      .filter((i) => !seen.has(i.id) && canSee(p, incidentResource(i)));
    rows = [...rows, ...more].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  }
  rows = rows.filter((i) => canSee(p, incidentResource(i)));
  if (q.province) rows = rows.filter((i) => provinceOf(i) === q.province);
  return rows.slice(0, q.limit);
}
