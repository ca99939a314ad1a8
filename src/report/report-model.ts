// The report view model: everything the information and closing reports show, read from the
// stored incident (its `detail` is an IncidentDetail), its timeline and the configuration.
// Pure; the caller passes `now` (for a report not yet filed: pending or overdue).
import type { Incident, TimelineEntry } from '../store/store.ts';
import type { Grade } from '../core/grades.ts';
import type { IncidentDetail, Commander, MatchedRule } from '../core/incidents/incident-model.ts';
import type { Phase } from '../core/incidents/incident-process.ts';
import { writtenReportDue } from '../core/incidents/incident-process.ts';
import { findMeasure } from '../core/incidents/measure-catalogue.ts';
import { readFigures, type FigureSet } from './report-figures.ts';
import { minutesBetween } from './report-format.ts';
import type { Localized } from './report-i18n.ts';

/** The parts of the configuration a report needs (OrganizationConfig / ResolvedSystem fit). */
export interface ReportOrganization { id: string; role?: string; name?: { zh?: string; en?: string }; province?: string }
export interface ReportSystem { id: string; org?: string; kind?: string; name?: { zh?: string; en?: string }; zone?: string; zones?: string[] }

export interface ReportInput {
  incident: Incident;
  timeline: TimelineEntry[];
  organizations: ReportOrganization[];
  systems: ReportSystem[];
  /** Reference time for an unfiled report's deadline; defaults to the incident's updatedAt. */
  now?: string;
  /** Display names of user ids (requestedBy, filedBy, actors); ids are shown when absent. */
  people?: Record<string, string>;
}

export interface Party { id: string; name: Localized; role: string | null; province: string | null }

export interface MeasureView {
  id: string; measureId: string; name: Localized; major: boolean;
  state: string; province: string | null;
  requestedBy: string; at: string; executedAt: string | null; note: string | null;
  /** The directive a major measure was taken under, when there is one. */
  directiveId: string | null;
}

export interface DirectiveView {
  id: string; measureId: string; measureName: Localized;
  issuer: Party; issuerRole: 'emergency-office' | 'provincial-authority'; province: string | null;
  issuedAt: string; text: string;
}

export interface TimelineView { at: string; kind: string; actor: string | null; summary: Localized }

export type DeadlineStatus = 'in-time' | 'late' | 'pending' | 'overdue';

export interface ReportView {
  incidentId: string;
  drill: boolean;
  title: Localized;
  organization: Party;
  system: { id: string; name: Localized; kind: string; zones: string[] };
  object: string;
  grade: Grade | null;
  proposedGrade: Grade | null;
  needsConfirmation: boolean;
  confirmation: IncidentDetail['confirmation'] | null;
  warningLevel: IncidentDetail['warningLevel'];
  commander: Commander & { orgName?: Localized };
  phase: Phase;
  matched: MatchedRule[];
  openedAt: string;
  startedAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  figures: { first: FigureSet | null; last: FigureSet | null };
  informationReport: (NonNullable<IncidentDetail['informationReport']> & { filedByName: string }) | null;
  closingReport: (NonNullable<IncidentDetail['closingReport']> & { filedByName: string }) | null;
  measures: MeasureView[];
  directives: DirectiveView[];
  timeline: TimelineView[];
  deadline: { due: string; filedAt: string | null; status: DeadlineStatus; lateMinutes: number | null; remainingMinutes: number | null };
  durations: { toAcknowledge: number | null; toReport: number | null; toRecover: number | null; toClose: number | null };
}

const ACK_KINDS = new Set(['acknowledged', 'acknowledge', 'ack']);
const MACHINE_ACTORS = new Set(['system', 'daemon', 'platform', 'engine']);

function localized(name: { zh?: string; en?: string } | undefined, fallback: string): Localized {
  return { zh: name?.zh || name?.en || fallback, en: name?.en || name?.zh || fallback };
}

function party(id: string, orgs: ReportOrganization[]): Party {
  const o = orgs.find((x) => x.id === id);
  return { id, name: localized(o?.name, id), role: o?.role ?? null, province: o?.province ?? null };
}

/** A one-line reading of a timeline payload: its text-like field, the measure it names, or compact JSON. */
export function summarizePayload(payload: unknown): Localized {
  const same = (t: string): Localized => ({ zh: t, en: t });
  if (payload === null || payload === undefined) return same('');
  if (typeof payload !== 'object') return same(String(payload));
  const p = payload as Record<string, unknown>;
  for (const k of ['text', 'summary', 'note', 'reason', 'message', 'detail']) {
    if (typeof p[k] === 'string' && p[k] !== '') return same(p[k] as string);
  }
  if (typeof p.measureId === 'string') return findMeasure(p.measureId)?.name ?? same(p.measureId);
  const json = JSON.stringify(payload);
  return same(json.length > 160 ? `${json.slice(0, 157)}…` : json);
}

/** The opening figures are from the moment the incident opened when they carry no time. */
function readBothFigures(d: IncidentDetail, systemId: string, openedAt: string): ReportView['figures'] {
  const first = readFigures(d.firstFigures, systemId);
  if (first && !first.at) first.at = openedAt;
  const last = readFigures(d.lastFigures, systemId);
  const same = first && last && JSON.stringify({ ...first, at: null }) === JSON.stringify({ ...last, at: null });
  return { first, last: same ? null : last };
}

export function buildReportView(input: ReportInput): ReportView {
  const { incident, organizations, systems } = input;
  const d = incident.detail as unknown as IncidentDetail;
  const who = (id: string) => input.people?.[id] ?? id;
  const sys = systems.find((s) => s.id === incident.systemId);
  const object = d.object ?? sys?.kind ?? 'unknown';
  const openedAt = d.openedAt ?? incident.createdAt;
  const info = d.informationReport ?? null;
  const closing = d.closingReport ?? null;
  const directives: DirectiveView[] = (d.directives ?? []).map((x) => ({
    id: x.id, measureId: x.measureId, measureName: findMeasure(x.measureId)?.name ?? { zh: x.measureId, en: x.measureId },
    issuer: party(x.issuedBy.org, organizations), issuerRole: x.issuedBy.role, province: x.province ?? x.issuedBy.province ?? null,
    issuedAt: x.issuedAt, text: x.text,
  }));
  const measures: MeasureView[] = (d.measures ?? []).map((m) => {
    const def = findMeasure(m.measureId);
    const dir = def?.major ? directives.find((x) => x.measureId === m.measureId && (!m.province || !x.province || x.province === m.province)) : undefined;
    return {
      id: m.id, measureId: m.measureId, name: def?.name ?? { zh: m.measureId, en: m.measureId }, major: def?.major ?? false,
      state: m.state, province: m.province ?? null, requestedBy: who(m.requestedBy), at: m.at,
      executedAt: m.executedAt ?? null, note: m.note ?? null, directiveId: dir?.id ?? null,
    };
  });
  const timeline = [...input.timeline].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id - b.id);
  const ack = timeline.find((e) => ACK_KINDS.has(e.kind))
    ?? timeline.find((e) => e.actor !== null && !MACHINE_ACTORS.has(e.actor) && Date.parse(e.at) >= Date.parse(openedAt));
  const due = d.deadlines?.writtenReportDue ?? writtenReportDue(openedAt, incident.grade);
  const now = input.now ?? incident.updatedAt;
  const filedAt = info?.filedAt ?? null;
  const status: DeadlineStatus = filedAt
    ? (Date.parse(filedAt) <= Date.parse(due) ? 'in-time' : 'late')
    : (Date.parse(now) <= Date.parse(due) ? 'pending' : 'overdue');
  const commander: ReportView['commander'] = d.commander?.role === 'self'
    ? { ...d.commander, orgName: party(d.commander.org, organizations).name }
    : (d.commander ?? { role: 'self', org: incident.org });
  return {
    incidentId: incident.id,
    drill: incident.drill,
    title: d.title ?? { zh: incident.id, en: incident.id },
    organization: party(incident.org, organizations),
    system: { id: incident.systemId, name: localized(sys?.name, incident.systemId), kind: sys?.kind ?? object, zones: sys?.zones ?? (sys?.zone ? [sys.zone] : []) },
    object,
    grade: incident.grade,
    proposedGrade: incident.proposedGrade,
    needsConfirmation: d.needsConfirmation ?? false,
    confirmation: d.confirmation ?? null,
    warningLevel: d.warningLevel ?? null,
    commander,
    phase: (d.phase ?? incident.state) as Phase,
    matched: d.matched ?? [],
    openedAt,
    startedAt: info?.startedAt ?? openedAt,
    acknowledgedAt: ack?.at ?? null,
    resolvedAt: d.resolvedAt ?? null,
    closedAt: d.closedAt ?? null,
    figures: readBothFigures(d, incident.systemId, openedAt),
    informationReport: info ? { ...info, filedByName: who(info.filedBy) } : null,
    closingReport: closing ? { ...closing, filedByName: who(closing.filedBy) } : null,
    measures,
    directives,
    timeline: timeline.map((e) => ({ at: e.at, kind: e.kind, actor: e.actor === null ? null : who(e.actor), summary: summarizePayload(e.payload) })),
    deadline: {
      due, filedAt, status,
      lateMinutes: status === 'late' ? minutesBetween(due, filedAt) : status === 'overdue' ? minutesBetween(due, now) : null,
      remainingMinutes: status === 'pending' ? minutesBetween(now, due) : null,
    },
    durations: {
      toAcknowledge: minutesBetween(openedAt, ack?.at),
      toReport: minutesBetween(openedAt, filedAt),
      toRecover: minutesBetween(openedAt, d.resolvedAt),
      toClose: minutesBetween(openedAt, d.closedAt),
    },
  };
}
